// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "sroi/harmonise/workbooks.hpp"
#include "sroi/report/harmonise/tables.hpp"
#include "xlsx_options.hpp"

namespace sroi::cli {

int cmd_compare(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi compare options");
  opts.add_options()("regions", po::value<std::vector<std::string>>(),
                     "regions to compare: id, id@version or a region file (default: all, "
                     "newest versions)");
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("regions", -1);
  po::variables_map vm;
  if (!parse_verb("sroi compare [REGION...] [--xlsx OUT.xlsx]", args, opts, pos, vm)) return 0;
  xlsx::WriteOptions wo = xlsx_options(vm, g);
  auto set = load_regions(g);
  std::deque<Region> loaded;
  std::vector<const Region*> regions = resolve_regions(set, vm, loaded);
  harmonise::Matrix m = harmonise::compare(set.catalogue(), regions);
  maybe_write_xlsx(vm, [&](const std::string& out) { harmonise::write_comparison(m, out, wo); });
  render_comparison(std::cout, m, g.format);
  return 0;
}

}  // namespace sroi::cli
