// SPDX-License-Identifier: EUPL-1.2
#include <iostream>
#include <optional>

#include "sroi/calc/assessment.hpp"
#include "sroi/msg/cli.hpp"
#include "sroi/msg/cli_verbs.hpp"
#include "sroi/portfolio/intake.hpp"
#include "sroi/xlsx/report.hpp"
#include "xlsx_options.hpp"

namespace sroi::cli {

int cmd_realisation(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi realisation options (contract flags: CSV input only)");
  opts.add_options()("file", po::value<std::string>()->required(),
                     "realisation file: .toml (with its own [contract]), a filled template .xlsx "
                     "(sroi template realisation) or .csv")("explain",
                                                            "show every step of every line")(
      "as-of", po::value<std::string>(),
      "count the lines up to this day: the realisation so far (default: today, or $SROI_TODAY); "
      "the contract's end day counts them in full");
  // (with --xlsx the terminal shows the totals and the workbook every line; --explain shows
  // every line here as well)
  add_contract_options(opts);
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("file", 1);
  po::variables_map vm;
  if (!parse_verb("sroi realisation FILE [--region ID --value EUROS --start DATE --end DATE "
                  "...] [--as-of DATE] [--explain] [--xlsx OUT.xlsx [--force] [--lang en]]",
                  args, opts, pos, vm))
    return 0;
  std::string file = vm["file"].as<std::string>();
  bool csv = file.size() >= 4 && file.compare(file.size() - 4, 4, ".csv") == 0;
  if (!csv && any_contract_flag(vm)) throw UsageError(msg(Msg::UsageContractFlagsCsv));
  auto set = load_regions(g);
  // The workbook is written as the lines are valued, so that a large realisation is valued
  // once; its file is refused (exists, no --force) before any work.
  std::optional<xlsx::ReportWriter> report;
  if (vm.count("xlsx")) report.emplace(xlsx_path(vm), xlsx_options(vm, g));
  portfolio::RealisationIntake intake = portfolio::take_realisation(
      set, file, contract_flags(vm), date_option(vm, "as-of"), report ? &*report : nullptr);
  const Realisation& real = intake.realisation;
  Assessment& a = intake.assessment;
  if (intake.csv_separator == ';')
    std::cerr << printable(words(msg(Msg::CliSemicolons, as_is(file)))) << '\n';
  if (auto w = set.version_warning(real.region, real.contract.start))
    a.warnings.insert(a.warnings.begin(), *w);
  if (report) {
    report->finish(a);
    say_wrote(xlsx_path(vm), a);
  }
  // Beside a workbook the terminal shows the totals; the lines are in the workbook.
  render_assessment(std::cout, a, g.format, explain_detail(vm),
                    report ? Lines::InWorkbook : Lines::Shown);
  return 0;
}

}  // namespace sroi::cli
