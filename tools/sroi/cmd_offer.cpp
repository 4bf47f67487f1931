// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "common.hpp"
#include "sroi/calc/assessment.hpp"
#include "sroi/store/sha256.hpp"

namespace sroi::cli {

int cmd_offer(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi offer options");
  opts.add_options()("file", po::value<std::string>()->required(), "offer TOML file")(
      "explain", "show every step of every line")(
      "save", "attach the offer to its contract in the register (--db)");
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("file", 1);
  po::variables_map vm;
  if (!parse_verb("sroi offer FILE.toml [--explain] [--save] [--xlsx OUT.xlsx [--force] [--lang en]]", args, opts, pos, vm)) return 0;
  Offer offer = config::load_offer(vm["file"].as<std::string>());
  auto set = load_regions(g);
  const Region& region = set.select(offer.region, offer.contract.start);
  Assessment a = assess_offer(region, offer);
  xlsx_options(vm);  // a bad --lang is a usage error before any work
  maybe_write_report(vm, a);
  if (vm.count("save")) {
    store::Register reg(g.db_path, false, g.user);
    std::string file = vm["file"].as<std::string>();
    int64_t id = reg.save_offer(offer.contract.id, offer.lines, file,
                                store::sha256_hex(config::read_text_file(file)));
    std::cerr << "sroi: saved offer " << id << " for contract " << offer.contract.id << '\n';
  }
  render_assessment(std::cout, a, g.format, vm.count("explain") > 0);
  return 0;
}

}  // namespace sroi::cli
