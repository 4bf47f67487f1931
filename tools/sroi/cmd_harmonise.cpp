// SPDX-License-Identifier: EUPL-1.2
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sroi/config/input_loader.hpp"
#include "sroi/config/region_loader.hpp"
#include "sroi/harmonise/workbooks.hpp"
#include "sroi/msg/cli_verbs.hpp"
#include "sroi/msg/harmonise.hpp"
#include "sroi/msg/usage.hpp"
#include "sroi/report/text_table.hpp"
#include "sroi/xlsx/staged_file.hpp"
#include "sroi/xlsx/workbook.hpp"
#include "xlsx_options.hpp"

namespace sroi::cli {
namespace {

/// The offers whose values the workbook moves: those named, else the shipped samples.
std::vector<std::string> effect_offers(const Globals& g, const po::variables_map& vm) {
  if (vm.count("offers")) return vm["offers"].as<std::vector<std::string>>();
  std::vector<std::string> out;
  std::filesystem::path samples = std::filesystem::path(g.regions_dir).parent_path() / "samples";
  if (std::filesystem::is_directory(samples))
    for (const auto& e : std::filesystem::directory_iterator(samples))
      if (e.path().filename().string().rfind("offer-", 0) == 0) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// Each offer valued in its own region and under the drafted region.
std::vector<harmonise::OfferEffect> offer_effects(const config::RegionSet& set,
                                                  const Region& draft_region,
                                                  const std::vector<std::string>& offers) {
  std::vector<harmonise::OfferEffect> effects;
  for (const auto& f : expand_files(offers, {".toml"})) {
    Offer offer = config::load_offer(f);
    const Region& home = set.select(offer.region, offer.contract.start);
    Assessment a = assess_offer(home, offer);
    auto there = harmonise::value_elsewhere(offer, home, set.catalogue(), {&draft_region});
    effects.push_back({f, home.label(), a.lines_total,
                       there.front().total - there.front().obligation.pso_fulfilment,
                       there.front().unmapped});
  }
  return effects;
}

/// The draft's blocks on standard output: JSON, or an aligned row per block, named by the
/// catalogue in the reader's language (the draft file holds the ids).
void print_draft(const Globals& g, const harmonise::Draft& draft, const Catalogue& cat,
                 const std::string& out, std::size_t regions, harmonise::Method method) {
  if (g.format == Format::Json) {
    std::cout << nlohmann::ordered_json{{"out", out},
                                        {"blocks", draft.blocks.size()},
                                        {"regions", regions},
                                        {"method", harmonise::method_id(method)}}
                     .dump(2)
              << '\n';
    return;
  }
  TextTable table({2});
  for (const auto& p : draft.blocks)
    table.row({words(value_message(cat.name_of(p.catalogue_id))), text::unit_name(p.unit, g.lang),
               p.unit == Unit::Invoice ? p.percentage->decimal() + " %"
               : p.unit == Unit::ActualCost
                   ? words(p.max_per_day ? msg(Msg::ActualCostMaxPerDay, *p.max_per_day)
                                         : msg(Msg::WordActualCost))
                   : format_eur(p.proposal),
               words(p.note)});
  table.print(std::cout);
}

}  // namespace

int cmd_harmonise(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi harmonise options");
  opts.add_options()("regions", po::value<std::vector<std::string>>(),
                     "regions (default: all, newest versions)")(
      "method", po::value<std::string>()->default_value("median"), "median, min, max or mean")(
      "out", po::value<std::string>()->required(), "the draft region file to write (TOML)")(
      "id", po::value<std::string>()->default_value("harmonised"), "region id of the draft")(
      "offers", po::value<std::vector<std::string>>()->multitoken(),
      "offer files (or directories) whose values the workbook moves (default: the shipped "
      "samples)");
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("regions", -1);
  po::variables_map vm;
  if (!parse_verb("sroi harmonise [REGION...] --method median|min|max|mean --out draft.toml "
                  "[--xlsx OUT.xlsx] [--offers FILE...] [--force]",
                  args, opts, pos, vm))
    return 0;
  auto method = harmonise::method_from_id(vm["method"].as<std::string>());
  if (!method)
    throw UsageError(msg(Msg::UsageUnknownValue, phrase(msg(Msg::WordMethod)),
                         as_is(vm["method"].as<std::string>()), as_is("median, min, max, mean")));
  xlsx::WriteOptions wo = xlsx_options(vm, g);
  auto set = load_regions(g);
  std::deque<Region> loaded;
  std::vector<const Region*> regions = resolve_regions(set, vm, loaded);

  harmonise::Draft draft = harmonise::draft_common_model(set.catalogue(), regions, *method,
                                                         vm["id"].as<std::string>(), wo.lang);
  std::string out = vm["out"].as<std::string>();
  xlsx::write_text_file(out, draft.toml, wo.overwrite);
  std::vector<Diagnostic> problems;
  auto draft_region = config::load_region(out, &set.catalogue(), problems);
  if (!draft_region) throw DataError(std::move(problems));  // a bug: the draft must pass check
  std::cerr << printable(words(
                   msg(Msg::CliWroteDraft, as_is(out),
                       Amount{Ratio(static_cast<int64_t>(draft.blocks.size())), Counted::Blocks},
                       Amount{Ratio(static_cast<int64_t>(regions.size())), Counted::Regions},
                       phrase(msg(harmonise::method_name(*method))))))
            << '\n';

  if (vm.count("xlsx")) {
    auto effects = offer_effects(set, *draft_region, effect_offers(g, vm));
    std::string x = xlsx_path(vm);
    harmonise::write_draft(draft, effects, x, wo);
    std::cerr << printable(words(
                     msg(Msg::CliWroteEffects, as_is(x),
                         Amount{Ratio(static_cast<int64_t>(effects.size())), Counted::Offers})))
              << '\n';
  }
  print_draft(g, draft, set.catalogue(), out, regions.size(), *method);
  return 0;
}

}  // namespace sroi::cli
