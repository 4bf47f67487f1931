// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "common.hpp"

namespace sroi::cli {

int cmd_regions(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi regions options");
  po::variables_map vm;
  if (!parse_verb("sroi regions", args, opts, {}, vm)) return 0;
  render_regions(std::cout, load_regions(g), g.format);
  return 0;
}

}  // namespace sroi::cli
