// SPDX-License-Identifier: EUPL-1.2
// Benchmark (not a test): what the portal's status costs after an import. Opens the register
// as `sroi serve` does (portal::StatusCache, the day given as today), computes the whole
// register's status, hands in FILE for CONTRACT again (--replace, figures kept in step), and
// computes the status once more: from the status before, valuing only the contracts the import
// moved (Register::changes_since). Prints each time, how many contracts were valued again,
// and whether the rows equal a whole computation after the import. Before the import it also
// times CONTRACT's status alone inside one process (`sroi status --contract` without starting
// a process, loading the region models and connecting: what a server pays per request), the
// median and the fastest of 21 runs.
//
// usage: sroi-bench-status-refresh REGISTER REGIONS_DIR CATALOGUE_DIR DAY FILE CONTRACT
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/portal/status_cache.hpp"
#include "sroi/portfolio/figures.hpp"
#include "sroi/portfolio/import_files.hpp"
#include "sroi/portfolio/portfolio.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The figures of a status row that the dashboard shows.
bool same_row(const sroi::portfolio::ContractStatus& a, const sroi::portfolio::ContractStatus& b) {
  return a.record.contract.id == b.record.contract.id && a.realised == b.realised &&
         a.lines == b.lines && a.reduced == b.reduced && a.provisional == b.provisional &&
         a.forecast == b.forecast && a.offered == b.offered && a.penalty == b.penalty &&
         a.risks.size() == b.risks.size();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sroi;
  if (argc != 7) {
    std::fprintf(stderr,
                 "usage: sroi-bench-status-refresh REGISTER REGIONS_DIR CATALOGUE_DIR DAY FILE "
                 "CONTRACT\n");
    return 2;
  }
  const std::string location = argv[1], file = argv[5], contract = argv[6];
  auto day = parse_date(argv[4]);
  if (!day) {
    std::fprintf(stderr, "not a day: %s\n", argv[4]);
    return 2;
  }
  try {
    auto regions = std::make_shared<const config::RegionSet>(
        config::RegionSet::load_or_throw(argv[2], argv[3]));
    portal::StatusCache cache(
        location, [&] { return regions; }, [&] { return *day; });
    auto start = std::chrono::steady_clock::now();
    auto before = cache.fresh();
    std::printf("portal status, whole register        %8.3f s  (%zu contracts)\n",
                seconds_since(start), before->rows.size());
    {
      store::Register reg(location, store::Register::Access::ReadOnly, "bench");
      portfolio::StatusOptions one;
      one.as_of = *day;
      one.filter.contract = contract;
      std::vector<double> took;
      for (int i = 0; i < 21; ++i) {
        start = std::chrono::steady_clock::now();
        auto rows = portfolio::compute_status(reg, *regions, one);
        took.push_back(seconds_since(start));
        if (rows.size() != 1) throw std::runtime_error("no status for " + contract);
      }
      std::sort(took.begin(), took.end());
      std::printf("one contract's status, in process    %8.4f s  (fastest %.4f s)\n", took[10],
                  took[0]);
    }
    {
      store::Register reg(location, store::Register::Access::ReadWrite, "bench");
      portfolio::KeepFigures keep(reg, *regions, *day);
      start = std::chrono::steady_clock::now();
      auto out = portfolio::import_file(reg, *regions, file, contract, store::ImportMode::Replace);
      std::printf("import --replace (%zu rows)            %8.3f s\n", out.rows,
                  seconds_since(start));
    }
    start = std::chrono::steady_clock::now();
    auto after = cache.fresh();
    double update = seconds_since(start);
    std::printf("portal status after it                %8.3f s  (%lld contracts valued again)\n",
                update, static_cast<long long>(after->revalued));
    // The same from nothing: what every instance did after each import before.
    portal::StatusCache again(
        location, [&] { return regions; }, [&] { return *day; });
    start = std::chrono::steady_clock::now();
    auto whole = again.fresh();
    std::printf("portal status after it, whole register %7.3f s\n", seconds_since(start));
    std::size_t differ = 0;
    for (std::size_t i = 0; i < whole->rows.size(); ++i)
      if (i >= after->rows.size() || !same_row(*after->rows[i], *whole->rows[i])) ++differ;
    std::printf("rows that differ from the whole register: %zu\n", differ);
    return differ == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
