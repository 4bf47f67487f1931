// SPDX-License-Identifier: EUPL-1.2
#include <filesystem>
#include <iostream>

#include "common.hpp"
#include "sroi/msg/cli.hpp"
#include "sroi/msg/cli_register.hpp"
#include "sroi/msg/register.hpp"
#include "sroi/portfolio/figures.hpp"
#include "sroi/portfolio/import_files.hpp"
#include "sroi/store/register.hpp"

namespace sroi::cli {

namespace {

/// What a refused file gets: every problem at its place, then one line for the file.
void report_refusal(const portfolio::FileOutcome& o) {
  const std::string& file = o.job->file;
  if (o.store_error) {
    std::cerr << printable(error_line(words(*o.store_error) + remedy_text(o.remedy))) << '\n';
    return;
  }
  if (o.unknown_contract)
    print_problems({{SourceLocation{file}, msg(Msg::UnknownContract, as_is(o.job->contract_id))}},
                   o.remedy);
  print_problems(o.problems, o.remedy);
  std::size_t n = o.unknown_contract ? 1 : o.problems.size();
  std::cerr << printable(words(msg(Msg::CliNothingImported, as_is(file),
                                   Amount{Ratio(static_cast<int64_t>(n)), Counted::Problems})))
            << '\n';
}

}  // namespace

int cmd_import(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi import options");
  opts.add_options()(
      "files", po::value<std::vector<std::string>>()->required(),
      "realisation CSV files or filled templates (.xlsx), or directories of CSV files")(
      "contract", po::value<std::string>(),
      "the contract (default: each file's name without .csv or .xlsx)")(
      "replace",
      "the file is the contract's complete current list: it replaces every earlier import of "
      "the contract in one transaction (the usual quarterly delivery)");
  po::positional_options_description pos;
  pos.add("files", -1);
  po::variables_map vm;
  if (!parse_verb("sroi import FILE.csv|FILE.xlsx... [--contract ID] [--replace]", args, opts, pos,
                  vm))
    return 0;
  std::vector<std::string> files =
      expand_files(vm["files"].as<std::vector<std::string>>(), {".csv"});
  if (vm.count("contract") && files.size() != 1) throw UsageError(msg(Msg::UsageContractOne));
  auto regions = load_regions(g);
  store::Register reg(g.db_path, store::Register::Access::ReadWrite, g.user);
  portfolio::KeepFigures keep(reg, regions, today());
  std::vector<portfolio::ImportJob> jobs;
  for (const auto& f : files)
    jobs.push_back({f, vm.count("contract") ? vm["contract"].as<std::string>()
                                            : std::filesystem::path(f).stem().string()});
  portfolio::ImportOptions options;
  if (vm.count("replace")) options.mode = store::ImportMode::Replace;

  auto totals = portfolio::import_files(
      reg, regions, jobs, options,
      [&](const portfolio::FileOutcome& o, const portfolio::ImportTotals& t) {
        if (o.csv_separator == ';' && jobs.size() == 1)
          std::cerr << printable(words(msg(Msg::CliSemicolons, as_is(o.job->file)))) << '\n';
        if (o.refused()) {
          report_refusal(o);
        } else if (jobs.size() == 1) {
          const store::ImportOutcome& r = *o.stored;
          auto count = [](auto n, Counted c) { return Amount{Ratio(static_cast<int64_t>(n)), c}; };
          Message m = r.replaced_imports
                          ? msg(Msg::CliImportedReplacing, count(r.rows, Counted::Rows),
                                as_is(o.job->contract_id), static_cast<int64_t>(r.import_id),
                                count(r.replaced_rows, Counted::Rows),
                                count(r.replaced_imports, Counted::EarlierImports))
                          : msg(Msg::CliImported, count(r.rows, Counted::Rows),
                                as_is(o.job->contract_id), static_cast<int64_t>(r.import_id));
          std::cerr << printable(words(m)) << '\n';
        }
        std::size_t seen = t.imported + t.refused;
        if (jobs.size() >= 1000 && seen % 1000 == 0)
          std::cerr << words(msg(Msg::CliProgressRows, static_cast<int64_t>(seen),
                                 Amount{Ratio(static_cast<int64_t>(jobs.size())), Counted::Files},
                                 Amount{Ratio(static_cast<int64_t>(t.rows)), Counted::Rows}))
                    << '\n';
      });
  if (jobs.size() > 1)
    std::cerr << words(
                     totals.refused
                         ? msg(Msg::CliImportedFilesRefused,
                               Amount{Ratio(static_cast<int64_t>(totals.imported)), Counted::Files},
                               Amount{Ratio(static_cast<int64_t>(totals.rows)), Counted::Rows},
                               static_cast<int64_t>(totals.refused))
                         : msg(Msg::CliImportedFiles,
                               Amount{Ratio(static_cast<int64_t>(totals.imported)), Counted::Files},
                               Amount{Ratio(static_cast<int64_t>(totals.rows)), Counted::Rows}))
              << '\n';
  return totals.refused ? 1 : 0;
}

}  // namespace sroi::cli
