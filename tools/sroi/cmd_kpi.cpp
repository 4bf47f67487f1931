// SPDX-License-Identifier: EUPL-1.2
#include <filesystem>
#include <iostream>

#include "sroi/kpi/workbook.hpp"
#include "sroi/msg/cli_verbs.hpp"
#include "sroi/report/kpi/json.hpp"
#include "sroi/report/kpi/tables.hpp"
#include "sroi/store/register.hpp"
#include "xlsx_options.hpp"

namespace sroi::cli {
namespace {

/// `sroi kpi merge A.json B.json …`: several registers' figures as one overview.
int kpi_merge(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi kpi merge options");
  opts.add_options()("files", po::value<std::vector<std::string>>(),
                     "JSON files written by sroi --format json kpi");
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("files", -1);
  po::variables_map vm;
  if (!parse_verb("sroi kpi merge A.json B.json... [--xlsx OUT.xlsx]", args, opts, pos, vm))
    return 0;
  xlsx::WriteOptions wo = xlsx_options(vm, g);
  std::vector<std::string> files =
      vm.count("files") ? vm["files"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (files.size() < 2) throw UsageError(msg(Msg::UsageKpiMergeNeedsFiles));
  std::vector<kpi::Report> reports;
  std::vector<Diagnostic> problems;
  for (const auto& f : files) {
    try {
      reports.push_back(kpi::read_json(f));
    } catch (const DataError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw DataError(std::move(problems));
  kpi::Report merged = kpi::merge(reports, files);
  kpi::name_target_groups(merged, load_regions(g).catalogue());
  maybe_write_xlsx(vm, [&](const std::string& out) { kpi::write_kpi(merged, out, wo); });
  render_kpi(std::cout, merged, g.format);
  return 0;
}

}  // namespace

int cmd_kpi(const Globals& g, const std::vector<std::string>& args) {
  if (!args.empty() && args.front() == "merge")
    return kpi_merge(g, std::vector<std::string>(args.begin() + 1, args.end()));
  po::options_description opts("sroi kpi options");
  opts.add_options()("from", po::value<std::string>(),
                     "first day of the period (default: 1 January of the last full year)")(
      "to", po::value<std::string>(), "last day of the period (default: 31 December of it)")(
      "by", po::value<std::string>()->default_value("region"),
      "grouping: region, buyer, supplier, target-group, block or month (or in Dutch: regio, "
      "opdrachtgever, leverancier, doelgroep, bouwblok, maand)")(
      "name", po::value<std::string>(),
      "the name of this register in the figures (default: the database file's name)");
  add_xlsx_options(opts);
  po::variables_map vm;
  if (!parse_verb("sroi kpi [--from DATE --to DATE] [--by region|buyer|supplier|target-group|"
                  "block|month] [--name NAME] [--xlsx OUT.xlsx]\n"
                  "       sroi kpi merge A.json B.json... [--xlsx OUT.xlsx]",
                  args, opts, {}, vm))
    return 0;
  std::string by_text = vm["by"].as<std::string>();
  auto by = kpi::parse_by(by_text);
  if (!by) throw UsageError(msg(Msg::UnknownKpiGrouping, as_is(by_text), listed(kpi::by_ids())));
  int last_year = today().year - 1;
  Date from = vm.count("from") ? date_option(vm, "from") : Date{last_year, 1, 1};
  Date to = vm.count("to") ? date_option(vm, "to") : Date{last_year, 12, 31};
  if (!vm.count("from") && vm.count("to")) from = Date{to.year, 1, 1};
  if (vm.count("from") && !vm.count("to")) to = Date{from.year, 12, 31};
  if (to < from) throw UsageError(msg(Msg::UsageFromAfterTo, from, to));
  xlsx::WriteOptions wo = xlsx_options(vm, g);
  auto [set, opened] = load_regions_and_register(g, store::Register::Access::ReadOnly);
  store::Register& reg = *opened;
  std::string name = vm.count("name") ? vm["name"].as<std::string>()
                                      : std::filesystem::path(g.db_path).stem().string();
  kpi::Report r = kpi::compute(reg, set, from, to, *by, name);
  maybe_write_xlsx(vm, [&](const std::string& out) { kpi::write_kpi(r, out, wo); });
  render_kpi(std::cout, r, g.format);
  return 0;
}

}  // namespace sroi::cli
