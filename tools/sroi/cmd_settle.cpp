// SPDX-License-Identifier: EUPL-1.2
#include <filesystem>
#include <iostream>

#include "common.hpp"
#include "sroi/io/dutch_numbers.hpp"
#include "sroi/manage/settlement.hpp"
#include "sroi/msg/cli.hpp"
#include "sroi/msg/cli_register.hpp"
#include "sroi/msg/manage.hpp"
#include "sroi/msg/xlsx.hpp"
#include "sroi/report/manage/settlement.hpp"
#include "sroi/store/register.hpp"

namespace sroi::cli {

int cmd_settle(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi settle options");
  opts.add_options()("contract", po::value<std::string>(), "the contract to settle")(
      "decision", po::value<std::string>(),
      "record the buyer's decision: impose (the rule's penalty), reduce (with --penalty and "
      "--reason) or waive (with --reason)")("penalty", po::value<std::string>(),
                                            "reduce: the penalty imposed instead, e.g. 5.000,00")(
      "reason", po::value<std::string>(), "reduce, waive: why, in words the supplier reads")(
      "xlsx", po::value<std::string>(), "write the settlement workbook (figures and letter)")(
      "pdf", po::value<std::string>(), "write the letter to the supplier as a PDF (LibreOffice)")(
      "force", "overwrite an existing workbook");
  po::variables_map vm;
  if (!parse_verb("sroi settle --contract ID [--decision impose|reduce|waive [--penalty AMOUNT] "
                  "[--reason TEXT]] [--xlsx FILE] [--pdf FILE]\n"
                  "After a contract's end: the obligation, the realisation (only accepted "
                  "deliveries where the contract says so), surplus or shortfall, the penalty "
                  "the rule gives, and the buyer's decision, recorded once and audited; the "
                  "settlement workbook and the letter to the supplier.",
                  args, opts, {}, vm))
    return 0;
  if (!vm.count("contract")) throw UsageError(msg(Msg::UsageSettleNeedsContract));
  const std::string id = vm["contract"].as<std::string>();
  std::optional<Money> penalty;
  if (vm.count("penalty")) {
    Message why;
    penalty = io::read_amount(vm["penalty"].as<std::string>(), &why);
    if (!penalty)
      throw UsageError(msg(Msg::UsageBadDateOption, as_is("--penalty"),
                           as_is(vm["penalty"].as<std::string>()), phrase(why)));
  }
  const std::string reason = vm.count("reason") ? vm["reason"].as<std::string>() : "";
  for (unsigned char c : reason)
    if (c < 0x20 || c == 0x7f || reason.size() > 1000)
      throw UsageError(msg(Msg::UsageRejectNeedsReason));
  const Date day = today();
  auto regions = load_regions(g);
  const bool deciding = vm.count("decision") > 0;
  store::Register reg(
      g.db_path, deciding ? store::Register::Access::ReadWrite : store::Register::Access::ReadOnly,
      g.user);
  manage::SettlementAssessment a = manage::assess_settlement(reg, regions, id, day);
  if (deciding) {
    store::SettlementRecord r = manage::decide(a, vm["decision"].as<std::string>(), penalty, reason,
                                               SourceLocation{"--decision"});
    reg.record_settlement(r);
    a.decided = reg.settlement(a.status.record.contract.id);
    std::cerr << "sroi: " << printable(words(msg(Msg::SettleSaved, as_is(r.contract), r.penalty)))
              << '\n';
  }
  render_settlement(std::cout, a, g.format);
  // The letter is dated the day of the decision, else today.
  const Date letter_day = letter_date(a, day);
  if (vm.count("xlsx")) {
    std::string out = vm["xlsx"].as<std::string>();
    write_settlement_workbook(out, a, g.documents(), letter_day, vm.count("force") > 0);
    std::cerr << "sroi: " << printable(words(msg(Msg::SettleWritten, as_is(out)))) << '\n';
  }
  if (vm.count("pdf")) {
    std::string out = vm["pdf"].as<std::string>();
    if (std::filesystem::exists(out) && !vm.count("force"))
      throw ExportError(msg(Msg::OutputExists, as_is(out)), Remedy::Overwrite);
    write_settlement_letter_pdf(out, a, g.documents(), letter_day);
    std::cerr << "sroi: " << printable(words(msg(Msg::SettleWritten, as_is(out)))) << '\n';
  }
  return 0;
}

}  // namespace sroi::cli
