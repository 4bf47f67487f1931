// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "register_options.hpp"
#include "sroi/msg/cli_register.hpp"
#include "sroi/msg/usage.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/report/register/tables.hpp"

namespace sroi::cli {

int cmd_export(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi export options");
  opts.add_options()("table", po::value<std::string>()->default_value("status"),
                     "what to export: status, contracts, lines or audit")(
      "as-of", po::value<std::string>(), "status: count realisation up to this date");
  add_filter_options(opts);
  po::variables_map vm;
  if (!parse_verb("sroi --format csv|json export [--table status|contracts|lines|audit]", args,
                  opts, {}, vm))
    return 0;
  std::string table = vm["table"].as<std::string>();
  if (table != "status" && table != "contracts" && table != "lines" && table != "audit")
    throw UsageError(msg(Msg::UsageUnknownValue, phrase(msg(Msg::WordTable)), as_is(table),
                         as_is("status, contracts, lines, audit")));
  store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
  if (table != "audit") portfolio::require_matches(reg, contract_filter(vm));
  auto regions = table == "status" ? load_regions(g) : config::RegionSet{};
  export_table(std::cout, reg, regions, table, contract_filter(vm), date_option(vm, "as-of"),
               g.format == Format::Text ? Format::Csv : g.format);
  return 0;
}

}  // namespace sroi::cli
