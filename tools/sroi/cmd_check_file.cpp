// SPDX-License-Identifier: EUPL-1.2
// sroi check-file: a supplier's CSV file or workbook checked as offer, realisation and import
// check it, every problem at once, and (--xlsx) handed back as a workbook with each problem as
// a red cell with a comment.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "sroi/forms/forms.hpp"
#include "sroi/handback/marked.hpp"
#include "sroi/model/similar.hpp"
#include "sroi/msg/cli_verbs.hpp"
#include "sroi/msg/forms.hpp"
#include "sroi/msg/xlsx.hpp"
#include "sroi/portfolio/intake.hpp"
#include "sroi/report/json_writer.hpp"
#include "xlsx_options.hpp"

namespace sroi::cli {
namespace {

/// Every problem the file has, as the verb that reads it would find them (none: the file is
/// fine). A workbook is an offer or, when it says so, a realisation.
std::vector<Diagnostic> problems_of(const config::RegionSet& set, const std::string& file, bool csv,
                                    const config::ContractFlags& flags) {
  try {
    if (csv) {
      portfolio::take_realisation(set, file, flags);
      return {};
    }
    try {
      portfolio::take_offer(set, file);
      return {};
    } catch (const DataError& e) {
      bool realisation =
          std::any_of(e.diagnostics().begin(), e.diagnostics().end(),
                      [](const Diagnostic& d) { return d.message.id == Msg::FormIsRealisation; });
      if (!realisation) throw;
    }
    portfolio::take_realisation(set, file, flags);
    return {};
  } catch (const DataError& e) {
    return e.diagnostics();
  }
}

void check_file_json(std::ostream& out, const std::string& file,
                     const std::vector<Diagnostic>& problems) {
  JsonWriter j(out);
  j.begin_object().key("file").value(file).key("problems").begin_array();
  for (const auto& d : problems) {
    j.begin_object().key("where").value(d.where.str()).key("message").value(words(d.message));
    j.key("key").value(text::entry(d.message.id).key).end_object();
  }
  j.end_array().end_object();
  out << '\n';
}

}  // namespace

int cmd_check_file(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi check-file options (contract flags: CSV input only)");
  opts.add_options()("file", po::value<std::string>()->required(),
                     "the file to check: a realisation .csv, or a filled offer or realisation "
                     "workbook .xlsx");
  add_contract_options(opts);
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("file", 1);
  po::variables_map vm;
  if (!parse_verb("sroi check-file FILE [--region ID --value EUROS --start DATE --end DATE ...] "
                  "[--xlsx OUT.xlsx [--force] [--lang en]]",
                  args, opts, pos, vm))
    return 0;
  std::string file = vm["file"].as<std::string>();
  bool csv = lower_ascii(std::filesystem::path(file).extension().string()) == ".csv";
  if (!csv && !forms::is_workbook(file)) throw UsageError(msg(Msg::CheckFileTakes, as_is(file)));
  if (!csv && any_contract_flag(vm)) throw UsageError(msg(Msg::UsageContractFlagsCsv));
  auto set = load_regions(g);
  // The copy's file is refused (exists, no --force) before any work.
  std::string out = vm.count("xlsx") ? xlsx_path(vm) : std::string();
  xlsx::WriteOptions options = xlsx_options(vm, g);
  if (!out.empty() && options.overwrite == xlsx::Overwrite::Refuse && std::filesystem::exists(out))
    throw ExportError(msg(Msg::OutputExists, as_is(out)), Remedy::Overwrite);

  std::vector<Diagnostic> problems = problems_of(set, file, csv, contract_flags(vm));
  if (g.format == Format::Json) {
    check_file_json(std::cout, file, problems);
  } else {
    for (const auto& d : problems) std::cout << printable(words(d)) << '\n';
    Message summary =
        problems.empty()
            ? msg(Msg::CheckFileClean, as_is(file))
            : msg(Msg::CheckFileProblems, as_is(file),
                  Amount{Ratio(static_cast<int64_t>(problems.size())), Counted::Problems});
    std::cout << printable(words(summary)) << '\n';
  }
  if (!out.empty()) {
    handback::Marked m = handback::write_marked(file, problems, out, options);
    std::cerr << printable(
                     words(msg(Msg::CheckFileWrote, as_is(out),
                               Amount{Ratio(static_cast<int64_t>(m.cells)), Counted::RedCells},
                               static_cast<int64_t>(m.listed_only))))
              << '\n';
  }
  return problems.empty() ? 0 : 1;
}

}  // namespace sroi::cli
