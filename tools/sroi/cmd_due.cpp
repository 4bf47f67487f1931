// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "register_options.hpp"
#include "sroi/manage/due.hpp"
#include "sroi/report/manage/tables.hpp"

namespace sroi::cli {

int cmd_due(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi due options");
  add_filter_options(opts);
  opts.add_options()("as-of", po::value<std::string>(), "the day to look from (default: today)");
  po::variables_map vm;
  if (!parse_verb("sroi due [--contract ID | --supplier NAME | --buyer NAME] [--as-of DATE]\n"
                  "Per contract its next report and its deadline, the reports that are overdue "
                  "(no delivery after the period's end, not even within the deadline), and "
                  "whether the contract is at risk. The rhythm (quarterly, half-yearly or "
                  "yearly) and the days after each period come from the contract (report_every, "
                  "grace_days), else the region file ([reporting]), else quarterly with 30 days.",
                  args, opts, {}, vm))
    return 0;
  store::ContractFilter filter = contract_filter(vm);
  Date as_of = date_option(vm, "as-of");
  auto regions = load_regions(g);
  store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
  portfolio::require_matches(reg, filter);
  render_due(std::cout, manage::due(reg, regions, filter, as_of), as_of, g.format);
  return 0;
}

}  // namespace sroi::cli
