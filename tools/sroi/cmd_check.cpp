// SPDX-License-Identifier: EUPL-1.2
#include <iostream>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "sroi/config/region_loader.hpp"
#include "sroi/msg/cli_verbs.hpp"

namespace sroi::cli {

int cmd_check(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi check options");
  opts.add_options()("files", po::value<std::vector<std::string>>(),
                     "region files to check (default: every file in the regions directory)");
  po::positional_options_description pos;
  pos.add("files", -1);
  po::variables_map vm;
  if (!parse_verb("sroi check [REGION.toml...]", args, opts, pos, vm)) return 0;

  std::vector<Diagnostic> problems;
  std::size_t files = 0, regions = 0, blocks = 0;
  std::size_t catalogue_entries = 0;
  if (vm.count("files")) {
    Catalogue cat = config::load_catalogue(g.catalogue_dir, problems);
    catalogue_entries = cat.entries.size();
    for (const auto& f : vm["files"].as<std::vector<std::string>>()) {
      ++files;
      if (auto r = config::load_region(f, &cat, problems)) {
        ++regions;
        blocks += r->blocks.size();
      }
    }
  } else {
    auto set = config::RegionSet::load(g.regions_dir, g.catalogue_dir, problems);
    files = set.files();
    regions = set.all().size();
    for (const auto& r : set.all()) blocks += r.blocks.size();
    catalogue_entries = set.catalogue().entries.size();
  }
  if (!problems.empty()) throw DataError(std::move(problems));
  if (g.format == Format::Json) {
    nlohmann::ordered_json j = {{"ok", true},
                                {"files", files},
                                {"region_versions", regions},
                                {"blocks", blocks},
                                {"catalogue_entries", catalogue_entries}};
    std::cout << j.dump(2) << '\n';
  } else {
    auto count = [](std::size_t n, Counted c) { return Amount{Ratio(static_cast<int64_t>(n)), c}; };
    std::cout << words(msg(Msg::CliCheckOk, count(files, Counted::RegionFiles),
                           count(blocks, Counted::Blocks),
                           count(catalogue_entries, Counted::Entries)))
              << '\n';
  }
  return 0;
}

}  // namespace sroi::cli
