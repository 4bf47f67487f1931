// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "sroi/forms/forms.hpp"
#include "sroi/msg/cli_verbs.hpp"
#include "sroi/msg/usage.hpp"
#include "xlsx_options.hpp"

namespace sroi::cli {

int cmd_publish(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi publish options");
  opts.add_options()("region", po::value<std::string>()->required(),
                     "region id, optionally at a version: utrecht@2019");
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("region", 1);
  po::variables_map vm;
  if (!parse_verb("sroi publish REGION[@VERSION] --xlsx OUT.xlsx [--force] [--lang en]", args, opts,
                  pos, vm))
    return 0;
  if (!vm.count("xlsx"))
    throw UsageError(msg(Msg::UsageNeeds, as_is("--xlsx OUT.xlsx"), as_is("sroi publish --help")));
  xlsx::WriteOptions options = xlsx_options(vm, g);
  auto set = load_regions(g);
  RegionChoice choice = config::parse_region_choice(vm["region"].as<std::string>());
  choice.where = SourceLocation{"REGION"};
  const Region& region = set.resolve(choice, std::nullopt);
  std::string out = xlsx_path(vm);
  forms::write_offer_workbook(region, out, options);
  std::cerr << printable(words(
                   msg(Msg::CliWroteCalculator, as_is(out), as_is(region.label()),
                       Amount{Ratio(static_cast<int64_t>(region.blocks.size())), Counted::Blocks})))
            << '\n';
  return 0;
}

}  // namespace sroi::cli
