// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "common.hpp"
#include "sroi/msg/parsing.hpp"

namespace sroi::cli {

int cmd_blocks(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi blocks options");
  opts.add_options()("region", po::value<std::string>()->required(),
                     "region id, optionally at a version: utrecht@2019")(
      "on", po::value<std::string>(), "pick the version valid on this date (default: newest)");
  po::positional_options_description pos;
  pos.add("region", 1);
  po::variables_map vm;
  if (!parse_verb("sroi blocks REGION[@VERSION] [--on DATE]", args, opts, pos, vm)) return 0;
  auto set = load_regions(g);
  RegionChoice choice = config::parse_region_choice(vm["region"].as<std::string>());
  choice.where = SourceLocation{"REGION"};
  std::optional<Date> on;
  if (vm.count("on")) {
    MsgId why = Msg::ExpectedIsoDate;
    on = parse_date(vm["on"].as<std::string>(), &why);
    if (!on) throw UsageError("--on '" + vm["on"].as<std::string>() + "': " + words(msg(why)));
  }
  render_blocks(std::cout, set.resolve(choice, on), g.format);
  return 0;
}

}  // namespace sroi::cli
