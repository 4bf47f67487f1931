// SPDX-License-Identifier: EUPL-1.2
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "common.hpp"
#include "sroi/portfolio/portfolio.hpp"

namespace sroi::cli {

namespace {

/// One file's turn: read and checked by the worker, or why it could not be.
struct Prepared {
  std::optional<portfolio::PreparedImport> ready;
  std::vector<Diagnostic> problems;
  std::string file;
};

/// Reads and checks files on a second thread, in order, a few ahead of the one being stored.
class Preparer {
 public:
  Preparer(const config::RegionSet& regions,
           const std::unordered_map<std::string, store::ContractRecord>& contracts,
           std::vector<std::pair<std::string, std::string>> jobs)
      : regions_(regions),
        contracts_(contracts),
        jobs_(std::move(jobs)),
        thread_([this] { run(); }) {}
  ~Preparer() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  /// The next file in order; blocks until it is ready.
  Prepared next() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !done_.empty(); });
    Prepared p = std::move(done_.front());
    done_.pop_front();
    cv_.notify_all();
    return p;
  }

 private:
  void run() {
    for (const auto& [file, id] : jobs_) {
      Prepared p;
      p.file = file;
      auto it = contracts_.find(id);
      if (it == contracts_.end()) {
        p.problems.push_back({SourceLocation{file}, "unknown contract '" + id +
                                                        "'; add it first with 'sroi contract "
                                                        "add' (or name it with --contract)"});
      } else {
        // Whatever goes wrong reading one file is that file's problem: nothing may escape
        // this thread (an uncaught exception would end the program).
        try {
          p.ready = portfolio::prepare_import(regions_, it->second, file);
        } catch (const DataError& e) {
          p.problems = e.diagnostics();
        } catch (const std::bad_alloc&) {
          p.problems.push_back({SourceLocation{file}, "not enough memory to read this file"});
        } catch (const std::exception& e) {
          p.problems.push_back({SourceLocation{file}, e.what()});
        }
      }
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return done_.size() < 8 || stop_; });
      if (stop_) return;
      done_.push_back(std::move(p));
      cv_.notify_all();
    }
  }
  const config::RegionSet& regions_;
  const std::unordered_map<std::string, store::ContractRecord>& contracts_;
  std::vector<std::pair<std::string, std::string>> jobs_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Prepared> done_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

int cmd_import(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi import options");
  opts.add_options()("files", po::value<std::vector<std::string>>()->required(),
                     "realisation CSV files or directories of them")(
      "contract", po::value<std::string>(),
      "the contract (default: each file's name without .csv)")(
      "replace",
      "the file is the contract's complete current list: it replaces every earlier import of "
      "the contract in one transaction (the usual quarterly delivery)");
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
  std::unordered_map<std::string, store::ContractRecord> contracts;
  for (auto& c : reg.contracts()) contracts.emplace(c.contract.id, std::move(c));
  std::vector<std::pair<std::string, std::string>> jobs;
  for (const auto& f : files)
    jobs.push_back({f, vm.count("contract") ? vm["contract"].as<std::string>()
                                            : std::filesystem::path(f).stem().string()});
  bool replace = vm.count("replace") > 0;

  std::size_t done = 0, failed = 0, rows = 0, in_batch = 0, batch_start_rows = 0;
  // Many files: commit in batches of up to 2000 files or 100,000 rows (every file still all or
  // nothing), so that others wait at most a second or two and a crash loses at most one batch.
  // While one file is stored, the next ones are read and checked on a second thread.
  bool batched = files.size() > 1;
  if (batched) reg.begin_batch();
  Preparer preparer(regions, contracts, jobs);
  for (std::size_t k = 0; k < jobs.size(); ++k) {
    Prepared p = preparer.next();
    try {
      if (!p.ready) throw DataError(std::move(p.problems));
      store::ImportOutcome r =
          reg.import_lines(p.ready->contract_id, p.ready->lines, p.file, p.ready->hash, replace);
      rows += r.rows;
      ++done;
      if (files.size() == 1)
        std::cerr << "sroi: imported " << r.rows << " rows into contract " << p.ready->contract_id
                  << " as import " << r.import_id
                  << (r.replaced_imports
                          ? " (replacing " + std::to_string(r.replaced_rows) + " rows of " +
                                std::to_string(r.replaced_imports) + " earlier import" +
                                (r.replaced_imports == 1 ? "" : "s") + ")"
                          : "")
                  << '\n';
    } catch (const DataError& e) {
      for (const auto& d : e.diagnostics()) std::cerr << printable(d.str()) << '\n';
      std::cerr << "sroi: " << p.file << ": nothing imported (" << e.diagnostics().size()
                << " problem" << (e.diagnostics().size() == 1 ? "" : "s") << ")\n";
      ++failed;
    } catch (const store::StoreError& e) {
      std::cerr << "sroi: error: " << printable(e.what()) << '\n';
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
