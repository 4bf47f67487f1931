// SPDX-License-Identifier: EUPL-1.2
#include <filesystem>
#include <iostream>

#include "common.hpp"
#include "sroi/portfolio/portfolio.hpp"

namespace sroi::cli {

std::vector<std::string> expand_files(const std::vector<std::string>& args, const char* ext);

int cmd_import(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi import options");
  opts.add_options()("files", po::value<std::vector<std::string>>()->required(),
                     "realisation CSV files or directories of them")(
      "contract", po::value<std::string>(),
      "the contract (default: each file's name without .csv)")(
      "replace", "import a file again that was imported before, replacing its rows");
  po::positional_options_description pos;
  pos.add("files", -1);
  po::variables_map vm;
  if (!parse_verb("sroi import FILE.csv... [--contract ID] [--replace]", args, opts, pos, vm))
    return 0;
  std::vector<std::string> files = expand_files(vm["files"].as<std::vector<std::string>>(), ".csv");
  if (vm.count("contract") && files.size() != 1)
    throw UsageError(
        "--contract names the contract of one file; leave it out to use each "
        "file's name");
  auto regions = load_regions(g);
  store::Register reg(g.db_path, false, g.user);
  std::size_t done = 0, failed = 0, rows = 0, in_batch = 0, batch_start_rows = 0;
  // Many files: commit in batches of up to 2000 files or 100,000 rows (every file still all or
  // nothing), so that others wait at most a second or two and a crash loses at most one batch.
  bool batched = files.size() > 1;
  if (batched) reg.begin_batch();
  for (const auto& f : files) {
    std::string id = vm.count("contract") ? vm["contract"].as<std::string>()
                                          : std::filesystem::path(f).stem().string();
    try {
      store::ImportOutcome r = portfolio::import_file(reg, regions, f, id, vm.count("replace") > 0);
      rows += r.rows;
      ++done;
      if (files.size() == 1)
        std::cerr << "sroi: imported " << r.rows << " rows into contract " << id
                  << (r.replaced_rows ? " (replacing " + std::to_string(r.replaced_rows) + " rows)"
                                      : "")
                  << '\n';
    } catch (const DataError& e) {
      for (const auto& d : e.diagnostics()) std::cerr << d.str() << '\n';
      std::cerr << "sroi: " << f << ": nothing imported (" << e.diagnostics().size() << " problem"
                << (e.diagnostics().size() == 1 ? "" : "s") << ")\n";
      ++failed;
    } catch (const store::StoreError& e) {
      std::cerr << "sroi: error: " << e.what() << '\n';
      ++failed;
    }
    if (batched && (++in_batch == 2000 || rows - batch_start_rows >= 100000)) {
      reg.commit_batch();
      reg.begin_batch();
      in_batch = 0;
      batch_start_rows = rows;
    }
    if (files.size() >= 1000 && (done + failed) % 1000 == 0)
      std::cerr << "sroi: " << done + failed << "/" << files.size() << " files, " << rows
                << " rows\n";
  }
  if (batched) reg.commit_batch();
  if (files.size() > 1)
    std::cerr << "sroi: imported " << done << " files (" << rows << " rows)"
              << (failed ? ", " + std::to_string(failed) + " refused" : "") << '\n';
  return failed ? 1 : 0;
}

}  // namespace sroi::cli
