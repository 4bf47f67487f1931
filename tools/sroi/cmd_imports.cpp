// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "common.hpp"
#include "sroi/msg/cli_register.hpp"
#include "sroi/msg/register.hpp"
#include "sroi/portfolio/figures.hpp"
#include "sroi/report/register/tables.hpp"
#include "sroi/store/register.hpp"

namespace sroi::cli {

namespace {

int list(const Globals& g, const std::optional<std::string>& contract) {
  store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
  if (contract && !reg.contract(*contract))
    throw DataError(SourceLocation{"--contract"}, msg(Msg::UnknownContract, as_is(*contract)));
  render_imports(std::cout, reg.imports(contract), g.format);
  return 0;
}

}  // namespace

int cmd_imports(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi imports options");
  opts.add_options()("action", po::value<std::string>(),
                     "list (default), remove, accept or reject")(
      "id", po::value<std::string>(),
      "the import to remove, accept or reject (an id from the list)")(
      "contract", po::value<std::string>(), "only the imports of this contract")(
      "reason", po::value<std::string>(), "reject: why, in words the supplier sees (required)")(
      "line", po::value<std::string>(),
      "accept or reject one line of the import (its id, as sroi export --table lines shows "
      "it) rather than the whole delivery");
  po::positional_options_description pos;
  pos.add("action", 1).add("id", 1);
  po::variables_map vm;
  if (!parse_verb("sroi imports [list] [--contract ID] | sroi imports remove ID\n"
                  "       sroi imports accept ID [--line LINE] | "
                  "sroi imports reject ID [--line LINE] --reason TEXT\n"
                  "Lists the realisation files imported into the register (id, file, hash, rows, "
                  "when, by whom, and whether a later --replace or a removal took them out), or "
                  "takes one import's rows out of the register (recorded in the audit log).",
                  args, opts, pos, vm))
    return 0;
  std::string action = vm.count("action") ? vm["action"].as<std::string>() : "list";
  std::optional<std::string> contract;
  if (vm.count("contract")) contract = vm["contract"].as<std::string>();
  if (action == "list") {
    if (vm.count("id")) throw UsageError(msg(Msg::UsageImportsListNoId));
    return list(g, contract);
  }
  if (action == "remove") {
    if (!vm.count("id")) throw UsageError(msg(Msg::UsageImportsRemoveNeedsId));
    std::string text = vm["id"].as<std::string>();
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 18)
      throw UsageError(msg(Msg::UsageImportIdNotNumber, as_is(text)));
    auto regions = load_regions(g);
    store::Register reg(g.db_path, store::Register::Access::ReadWrite, g.user);
    portfolio::KeepFigures keep(reg, regions, today());
    store::ImportRecord r = reg.remove_import(std::stoll(text));
    std::cerr << printable(words(msg(Msg::CliRemovedImport, static_cast<int64_t>(r.id),
                                     as_is(r.source_file),
                                     Amount{Ratio(static_cast<int64_t>(r.rows)), Counted::Rows},
                                     as_is(r.contract))))
              << '\n';
    return 0;
  }
  if (action == "accept" || action == "reject") {
    if (!vm.count("id")) throw UsageError(msg(Msg::UsageImportsRemoveNeedsId));
    std::string text = vm["id"].as<std::string>();
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 18)
      throw UsageError(msg(Msg::UsageImportIdNotNumber, as_is(text)));
    std::string reason = vm.count("reason") ? vm["reason"].as<std::string>() : "";
    if (action == "reject" && reason.find_first_not_of(" \t") == std::string::npos)
      throw UsageError(msg(Msg::UsageRejectNeedsReason));
    if (reason.size() > 1000) throw UsageError(msg(Msg::UsageRejectNeedsReason));
    for (unsigned char c : reason)
      if (c < 0x20 || c == 0x7f) throw UsageError(msg(Msg::UsageRejectNeedsReason));
    store::Register reg(g.db_path, store::Register::Access::ReadWrite, g.user);
    const std::string review = action == "accept" ? "accepted" : "rejected";
    if (vm.count("line")) {
      std::string line = vm["line"].as<std::string>();
      if (line.empty() || line.find_first_not_of("0123456789") != std::string::npos ||
          line.size() > 18)
        throw UsageError(msg(Msg::UsageLineIdNotNumber, as_is(line)));
      store::LineReview r = reg.review_line(std::stoll(line), review, reason, std::stoll(text));
      std::cerr << "sroi: "
                << printable(words(msg(Msg::CliLineReviewed, r.line, r.import, as_is(r.contract),
                                       phrase(review_words(r)))))
                << '\n';
      return 0;
    }
    store::ImportRecord r = reg.review_import(std::stoll(text), review, reason);
    std::cerr << "sroi: "
              << printable(words(msg(Msg::CliImportReviewed, static_cast<int64_t>(r.id),
                                     as_is(r.contract), phrase(review_words(r)))))
              << '\n';
    return 0;
  }
  throw UsageError(msg(Msg::UsageUnknownAction, as_is(action), as_is("sroi imports"),
                       as_is("list, remove, accept, reject")));
}

}  // namespace sroi::cli
