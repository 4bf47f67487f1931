// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/portal: the register's status, computed once and shared by every
// request until the register or the region models change. Readers never wait for a
// recomputation when a previous status exists: they get it while a fresh one is computed
// beside them (the pages say the date they show), so fifty buyers browsing do not hold up an
// import, nor an import them. After a write that moved a few contracts (an import, a review),
// only those are valued again (Register::changes_since), in this instance and in every other
// that serves the same register.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "sroi/config/region_set.hpp"
#include "sroi/portfolio/figures.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/store/register.hpp"

namespace sroi::portal {

/// One computed status of the whole register, with the region models it used (the rows point
/// into them).
struct StatusView {
  int64_t version = 0;  ///< the register's data version it was computed at
  int64_t entries = 0;  ///< the audit log's entries it was read at (Register::changes_since)
  /// How many rows were valued again from the status before; -1: the whole register was.
  int64_t revalued = -1;
  std::shared_ptr<const config::RegionSet> regions;
  Date as_of;
  /// The rows in the register's order, each shared with the statuses after it that did not
  /// value it again: an update copies pointers, not rows.
  std::vector<std::shared_ptr<const portfolio::ContractStatus>> rows;
  /// Contract id → place in rows (shared by the updates of one computation).
  std::shared_ptr<const std::unordered_map<std::string, std::size_t>> by_id;
  /// The row of contract `id`, or null.
  const portfolio::ContractStatus* find(const std::string& id) const;
  /// What the register's stored figures did not cover (they are then stored in the
  /// background, and the pages say so while contracts wait).
  portfolio::FiguresPending pending;
  bool store_tried = false;  ///< computed after the pending figures were stored (or tried)
  /// The contract with `id` and its region, as this status valued it; nulls when unknown.
  std::pair<const Contract*, const Region*> known(const std::string& id) const;
};

/// How a StatusCache stores the figures a status found pending: candidates per transaction,
/// and what is told after each part's count is shown (tests wait on it).
struct Storing {
  std::size_t part = store::Register::kRevaluePart;
  std::function<void()> after_part;
};

class StatusCache {
 public:
  using Regions = std::function<std::shared_ptr<const config::RegionSet>()>;
  StatusCache(std::string db_path, Regions regions, std::function<Date()> today,
              Storing storing = {});
  ~StatusCache();
  StatusCache(const StatusCache&) = delete;
  StatusCache& operator=(const StatusCache&) = delete;

  /// The status: the current one, or while a current one is computed in the background, the
  /// previous one. Waits only when there is none yet.
  std::shared_ptr<const StatusView> get();
  /// A status that includes every change committed before the call (waits for it).
  std::shared_ptr<const StatusView> fresh();
  /// Whether the register has changed since `view` was computed (a fresh one is then on its
  /// way: get() started it).
  bool behind(const StatusView& view);

 private:
  /// Starts a background computation unless one runs; call with mu_ held.
  void start_refresh(int64_t version);

  bool current(const StatusView& v, int64_t version) const;
  std::shared_ptr<const StatusView> compute(int64_t version, bool store_tried = false);
  /// `before` with the contracts moved since valued again, when that is all that changed
  /// (same day and region models, stored figures that cover the day, only known contracts,
  /// no more than 64 or a quarter of them); else null: the whole register is computed again.
  std::shared_ptr<const StatusView> update(const StatusView& before, int64_t version);
  /// update(), else compute().
  std::shared_ptr<const StatusView> next_view(const std::shared_ptr<const StatusView>& before,
                                              int64_t version);
  /// Stores the figures `view` found pending (another day, waiting candidates, a changed
  /// region): values again only what differs, in the background thread. After each part the
  /// status shown is `view` with what still waits counted anew, so that this instance's pages
  /// count down as the others' do.
  void store_figures(const StatusView& view);
  /// The register's data version now.
  int64_t probe_version();

  std::string db_path_;
  Regions regions_;
  std::function<Date()> today_;
  Storing storing_;
  std::mutex mu_;  // guards probe_, view_, refreshing_, worker_
  std::unique_ptr<store::Register> probe_;
  std::shared_ptr<const StatusView> view_;
  bool refreshing_ = false;
  std::thread worker_;
  std::mutex compute_mu_;  // one computation at a time
};

}  // namespace sroi::portal
