// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portal/status_cache.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <optional>

namespace sroi::portal {

const portfolio::ContractStatus* StatusView::find(const std::string& id) const {
  if (!by_id) return nullptr;
  auto it = by_id->find(id);
  return it == by_id->end() ? nullptr : rows[it->second].get();
}

std::pair<const Contract*, const Region*> StatusView::known(const std::string& id) const {
  const portfolio::ContractStatus* s = find(id);
  if (!s) return {nullptr, nullptr};
  return {&s->record.contract, s->region};
}

StatusCache::StatusCache(std::string db_path, Regions regions, std::function<Date()> today,
                         Storing storing)
    : db_path_(std::move(db_path)),
      regions_(std::move(regions)),
      today_(std::move(today)),
      storing_(std::move(storing)) {}

StatusCache::~StatusCache() {
  std::thread w;
  {
    std::lock_guard<std::mutex> lock(mu_);
    w = std::move(worker_);
  }
  if (w.joinable()) w.join();
}

bool StatusCache::current(const StatusView& v, int64_t version) const {
  // A status whose figures were pending is followed by one computed after storing them.
  return v.version == version && v.regions == regions_() && v.as_of == today_() &&
         (!v.pending.any() || v.store_tried);
}

std::shared_ptr<const StatusView> StatusCache::compute(int64_t version, bool store_tried) {
  auto view = std::make_shared<StatusView>();
  view->version = version;
  view->store_tried = store_tried;
  view->regions = regions_();
  view->as_of = today_();
  store::Register reg(db_path_, store::Register::Access::ReadOnly, "portal");
  // The log's count read with the figures, so that the next update asks from there.
  store::Register::Snapshot snapshot(reg);
  view->entries = reg.audit_entries();
  portfolio::StatusOptions so;
  so.as_of = view->as_of;
  view->pending = portfolio::figures_pending(reg, *view->regions, view->as_of);
  auto rows = portfolio::compute_status(reg, *view->regions, so);
  auto by_id = std::make_shared<std::unordered_map<std::string, std::size_t>>();
  by_id->reserve(rows.size());
  view->rows.reserve(rows.size());
  for (auto& row : rows) {
    by_id->emplace(row.record.contract.id, view->rows.size());
    view->rows.push_back(std::make_shared<const portfolio::ContractStatus>(std::move(row)));
  }
  view->by_id = std::move(by_id);
  return view;
}

std::shared_ptr<const StatusView> StatusCache::update(const StatusView& before, int64_t version) {
  if (before.pending.any() || before.regions != regions_() || before.as_of != today_())
    return nullptr;
  store::Register reg(db_path_, store::Register::Access::ReadOnly, "portal");
  store::Register::Snapshot snapshot(reg);
  store::RegisterChanges changes = reg.changes_since(before.entries);
  // Many contracts moved (a large batch): one pass over the whole register is cheaper.
  if (changes.whole || changes.contracts.size() > std::max<std::size_t>(64, before.rows.size() / 4))
    return nullptr;
  for (const auto& id : changes.contracts)
    if (!before.find(id)) return nullptr;  // a new contract: its place among the rows
  // The stored figures still cover the day (a write without a valuer leaves candidates
  // waiting; a re-valuation or region change names no contract and came out whole above).
  store::FiguresState state = reg.figures_state();
  if (state.waiting > 0 || !state.covers(before.as_of)) return nullptr;
  auto view = std::make_shared<StatusView>(before);
  view->version = version;
  view->entries = changes.entries;
  view->revalued = static_cast<int64_t>(changes.contracts.size());
  if (changes.contracts.empty()) return view;
  portfolio::StatusOptions so;
  so.as_of = before.as_of;
  so.contracts = std::move(changes.contracts);
  so.regions_unchanged = true;  // `before` had none affected, and no region changed since
  for (auto& row : portfolio::compute_status(reg, *before.regions, so)) {
    std::size_t at = before.by_id->at(row.record.contract.id);  // before the row moves
    view->rows[at] = std::make_shared<const portfolio::ContractStatus>(std::move(row));
  }
  return view;
}

std::shared_ptr<const StatusView> StatusCache::next_view(
    const std::shared_ptr<const StatusView>& before, int64_t version) {
  if (before)
    if (auto next = update(*before, version)) return next;
  return compute(version);
}

int64_t StatusCache::probe_version() {
  std::lock_guard<std::mutex> lock(mu_);
  return probe_->data_version();
}

void StatusCache::store_figures(const StatusView& view) {
  if (!view.pending.any()) return;
  // A write like an import's (it waits for one that runs); the next status reads its result.
  store::Register reg(db_path_, store::Register::Access::ReadWrite, "portal");
  // What still waits is read through a connection of its own, which sees each part once it
  // is committed (inside a part's transaction it still sees the count before).
  std::optional<store::Register> reader;
  auto counted = [&](int64_t) {
    try {
      if (!reader) reader.emplace(db_path_, store::Register::Access::ReadOnly, "portal");
      auto shown = std::make_shared<StatusView>(view);  // the rows are shared, not copied
      shown->pending = portfolio::figures_pending(*reader, *view.regions, view.as_of);
      std::lock_guard<std::mutex> lock(mu_);
      view_ = std::move(shown);
    } catch (...) {  // not counted (the register went away): the count shown stays
      return;
    }
    if (storing_.after_part) storing_.after_part();
  };
  portfolio::revalue(reg, *view.regions, view.as_of, false, counted, storing_.part);
}

void StatusCache::start_refresh(int64_t version) {
  if (refreshing_) return;
  refreshing_ = true;
  if (worker_.joinable()) worker_.join();  // it has finished: refreshing_ was false
  worker_ = std::thread([this, version] {
    // Below the requests in priority: pages stay quick while the status is recomputed (the
    // valuation's own worker threads inherit this).
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
    std::shared_ptr<const StatusView> next;
    try {
      std::lock_guard<std::mutex> one(compute_mu_);
      std::shared_ptr<const StatusView> before;
      {
        std::lock_guard<std::mutex> lock(mu_);
        before = view_;
      }
      next = next_view(before, version);
      if (next->pending.any()) {
        // The figures as computed are shown (the pages say contracts are being re-valued)
        // while they are stored.
        {
          std::lock_guard<std::mutex> show(mu_);
          view_ = next;
        }
        try {
          store_figures(*next);
        } catch (...) {  // not stored (another writer, a read-only copy): shown as computed
        }
        next = compute(probe_version(), true);
      }
    } catch (...) {  // the previous status stays; the next request tries again
    }
    std::lock_guard<std::mutex> again(mu_);
    if (next) view_ = next;
    refreshing_ = false;
  });
}

bool StatusCache::behind(const StatusView& view) {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t version = probe_->data_version();
  if (current(view, version)) return false;
  start_refresh(version);
  return true;
}

std::shared_ptr<const StatusView> StatusCache::get() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!probe_)
      probe_ =
          std::make_unique<store::Register>(db_path_, store::Register::Access::ReadOnly, "portal");
    int64_t version = probe_->data_version();
    // A fresh status in the background; until it is there, the previous one.
    if (view_ && !current(*view_, version)) start_refresh(version);
    if (view_) return view_;
  }
  return fresh();
}

std::shared_ptr<const StatusView> StatusCache::fresh() {
  std::lock_guard<std::mutex> one(compute_mu_);
  int64_t version;
  std::shared_ptr<const StatusView> before;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!probe_)
      probe_ =
          std::make_unique<store::Register>(db_path_, store::Register::Access::ReadOnly, "portal");
    version = probe_->data_version();
    if (view_ && current(*view_, version)) return view_;
    before = view_;
  }
  auto next = next_view(before, version);
  std::lock_guard<std::mutex> lock(mu_);
  view_ = next;
  return next;
}

}  // namespace sroi::portal
