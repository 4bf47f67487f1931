// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "register_options.hpp"
#include "sroi/msg/cli.hpp"
#include "sroi/msg/usage.hpp"
#include "sroi/portfolio/workbook.hpp"
#include "xlsx_options.hpp"

namespace sroi::cli {

int cmd_report(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi report options");
  add_filter_options(opts);
  add_xlsx_options(opts);
  opts.add_options()("as-of", po::value<std::string>(),
                     "count realisation up to this date "
                     "(default: today)");
  po::variables_map vm;
  if (!parse_verb("sroi report --xlsx OUT.xlsx [--supplier S | --buyer B | --contract C] "
                  "[--as-of DATE] [--force] [--lang en]",
                  args, opts, {}, vm))
    return 0;
  if (!vm.count("xlsx"))
    throw UsageError(msg(Msg::UsageNeeds, as_is("--xlsx OUT.xlsx"), as_is("sroi report --help")));
  xlsx::WriteOptions wo = xlsx_options(vm, g);
  portfolio::StatusOptions o;
  o.filter = contract_filter(vm);
  o.as_of = date_option(vm, "as-of");
  auto regions = load_regions(g);
  store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
  portfolio::require_matches(reg, o.filter);
  auto rows = portfolio::compute_status(reg, regions, o);
  std::string out = xlsx_path(vm);
  portfolio::write_portfolio(rows, o.as_of, out, wo);
  std::cerr << words(msg(Msg::CliWrote, as_is(out),
                         Amount{Ratio(static_cast<int64_t>(rows.size())), Counted::Contracts}))
            << '\n';
  return 0;
}

}  // namespace sroi::cli
