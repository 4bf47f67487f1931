// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "common.hpp"
#include "sroi/forms/forms.hpp"

namespace sroi::cli {

int cmd_template(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi template options");
  opts.add_options()("kind", po::value<std::string>()->required(),
                     "offer (what a supplier offers) or realisation (candidates and periods)")(
      "region", po::value<std::string>()->required(),
      "the region, optionally at a version: oost-nederland or utrecht@2019");
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("kind", 1);
  po::variables_map vm;
  if (!parse_verb("sroi template offer|realisation --region REGION[@VERSION] --xlsx OUT.xlsx "
                  "[--force]\n\nA workbook to fill in instead of a TOML or CSV file: the "
                  "contract's fields, one row per line with a drop-down of the region's blocks, "
                  "validation and help per column. Read it back with 'sroi offer OUT.xlsx', "
                  "'sroi realisation OUT.xlsx' or 'sroi import OUT.xlsx --contract ID'.",
                  args, opts, pos, vm))
    return 0;
  std::string kind = vm["kind"].as<std::string>();
  if (kind != "offer" && kind != "realisation" && kind != "aanbieding" && kind != "realisatie")
    throw UsageError(msg(Msg::UsageTemplateKind, as_is(kind)));
  if (!vm.count("xlsx"))
    throw UsageError(msg(Msg::UsageNeeds, as_is("--xlsx OUT.xlsx"), as_is("sroi template --help")));
  xlsx::WriteOptions options = xlsx_options(vm, g);
  auto set = load_regions(g);
  RegionChoice choice = config::parse_region_choice(vm["region"].as<std::string>());
  choice.where = SourceLocation{"--region"};
  const Region& region = set.resolve(choice, std::nullopt);
  std::string out = xlsx_path(vm);
  bool offer = kind == "offer" || kind == "aanbieding";
  forms::write_template(offer ? forms::FormKind::Offer : forms::FormKind::Realisation, region, out,
                        options);
  std::cerr << printable(words(msg(Msg::CliWrote, as_is(out), as_is(region.label())))) << '\n';
  return 0;
}

}  // namespace sroi::cli
