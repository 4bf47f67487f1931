// SPDX-License-Identifier: EUPL-1.2
#include <ctime>
#include <iostream>

#include "common.hpp"
#include "sroi/calc/obligation.hpp"
#include "sroi/msg/cli_verbs.hpp"
#include "sroi/msg/usage.hpp"

namespace sroi::cli {

int cmd_obligation(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi obligation options");
  add_contract_options(opts);
  opts.add_options()("explain", "show every step");
  po::variables_map vm;
  if (!parse_verb("sroi obligation --region ID --value EUROS [--percentage P] [--start DATE "
                  "--end DATE]",
                  args, opts, {}, vm))
    return 0;
  config::ContractFlags flags = contract_flags(vm);
  if (!flags.region)
    throw UsageError(msg(Msg::UsageNeeds, as_is("--region"), as_is("sroi obligation --help")));
  if (!flags.value)
    throw UsageError(msg(Msg::UsageNeeds, as_is("--value"), as_is("sroi obligation --help")));
  // Without dates the obligation is computed as of today with the version valid today.
  if (!flags.start) flags.start = today().iso();
  if (!flags.end) flags.end = flags.start;
  Contract contract = config::contract_from_flags(flags);
  auto pso = config::pso_from_flags(flags);
  auto set = load_regions(g);
  RegionChoice choice = config::parse_region_choice(*flags.region);
  choice.where = SourceLocation{"--region"};
  const Region& region = set.select(choice, contract.start);
  if (region.obligation.min_duration_months && !vm.count("end"))
    throw UsageError(msg(Msg::UsageMinimumDuration, as_is(region.label())));
  ObligationResult result = compute_obligation(region, contract, pso);
  render_obligation(std::cout, region, contract, result, g.format, explain_detail(vm));
  return 0;
}

}  // namespace sroi::cli
