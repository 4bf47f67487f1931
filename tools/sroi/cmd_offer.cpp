// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "sroi/calc/assessment.hpp"
#include "sroi/harmonise/harmonise.hpp"
#include "sroi/msg/cli_verbs.hpp"
#include "sroi/portfolio/intake.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/report/harmonise/tables.hpp"
#include "sroi/store/register.hpp"
#include "xlsx_options.hpp"

namespace sroi::cli {

int cmd_offer(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi offer options");
  opts.add_options()("file", po::value<std::string>()->required(),
                     "the offer: a TOML file or a filled offer workbook (.xlsx)")(
      "explain", "show every step of every line")(
      "save", "attach the offer to its contract in the register (--db)")(
      "compare", po::value<std::vector<std::string>>()->multitoken(),
      "also value the offer under these regions (id or id@version)")(
      "all-regions", "also value the offer under every region");
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("file", 1);
  po::variables_map vm;
  if (!parse_verb("sroi offer FILE.toml|FILE.xlsx [--explain] [--save] [--compare REGION... | "
                  "--all-regions] "
                  "[--xlsx OUT.xlsx [--force] [--lang en]]",
                  args, opts, pos, vm))
    return 0;
  auto set = load_regions(g);
  portfolio::OfferIntake intake = portfolio::take_offer(set, vm["file"].as<std::string>());
  const Offer& offer = intake.offer;
  const Region& region = *intake.region;
  Assessment& a = intake.assessment;
  if (auto w = set.version_warning(offer.region, offer.contract.start))
    a.warnings.insert(a.warnings.begin(), *w);
  maybe_write_report(vm, g, a);
  if (vm.count("save")) {
    store::Register reg(g.db_path, store::Register::Access::ReadWrite, g.user);
    int64_t id = portfolio::save_offer_file(reg, set, vm["file"].as<std::string>());
    std::cerr << printable(words(
                     msg(Msg::CliSavedOffer, static_cast<int64_t>(id), as_is(offer.contract.id))))
              << '\n';
  }
  if (vm.count("compare") || vm.count("all-regions")) {
    std::deque<Region> loaded;
    std::vector<const Region*> targets;
    if (vm.count("all-regions")) {
      for (const auto& id : set.ids()) {
        RegionChoice c{id, std::nullopt, SourceLocation{id}};
        try {
          targets.push_back(&set.select(c, offer.contract.start));
        } catch (const DataError&) {
          targets.push_back(set.versions(id).back());  // shown with its problem
        }
      }
    } else {
      for (const auto& r : vm["compare"].as<std::vector<std::string>>())
        targets.push_back(&resolve_region(set, r, loaded, offer.contract.start));
    }
    render_elsewhere(std::cout, offer, region,
                     harmonise::value_elsewhere(offer, region, set.catalogue(), targets), g.format,
                     explain_detail(vm));
    return 0;
  }
  render_assessment(std::cout, a, g.format, explain_detail(vm));
  return 0;
}

}  // namespace sroi::cli
