// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portal/status_cache.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace sroi::portal {

std::pair<const Contract*, const Region*> StatusView::known(const std::string& id) const {
  auto it = by_id.find(id);
  if (it == by_id.end()) return {nullptr, nullptr};
  const portfolio::ContractStatus& s = rows[it->second];
  return {&s.record.contract, s.region};
}

StatusCache::StatusCache(std::string db_path, Regions regions, std::function<Date()> today)
    : db_path_(std::move(db_path)), regions_(std::move(regions)), today_(std::move(today)) {}

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
  portfolio::StatusOptions so;
  so.as_of = view->as_of;
  view->pending = portfolio::figures_pending(reg, *view->regions, view->as_of);
  view->rows = portfolio::compute_status(reg, *view->regions, so);
  view->by_id.reserve(view->rows.size());
  for (std::size_t i = 0; i < view->rows.size(); ++i)
    view->by_id.emplace(view->rows[i].record.contract.id, i);
  return view;
}

int64_t StatusCache::probe_version() {
  std::lock_guard<std::mutex> lock(mu_);
  return probe_->data_version();
}

void StatusCache::store_figures(const StatusView& view) {
  if (!view.pending.any()) return;
  // A write like an import's (it waits for one that runs); the next status reads its result.
  store::Register reg(db_path_, store::Register::Access::ReadWrite, "portal");
  portfolio::revalue(reg, *view.regions, view.as_of, false);
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
      next = compute(version);
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
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!probe_)
      probe_ =
          std::make_unique<store::Register>(db_path_, store::Register::Access::ReadOnly, "portal");
    version = probe_->data_version();
    if (view_ && current(*view_, version)) return view_;
  }
  auto next = compute(version);
  std::lock_guard<std::mutex> lock(mu_);
  view_ = next;
  return next;
}

}  // namespace sroi::portal
