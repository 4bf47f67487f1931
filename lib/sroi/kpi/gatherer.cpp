// SPDX-License-Identifier: EUPL-1.2
#include "sroi/kpi/gatherer.hpp"

#include <optional>

#include "sroi/portfolio/workers.hpp"

namespace sroi::kpi {
namespace {

/// Contracts' places by their ids: open addressing over (hash, place) pairs, each hash checked
/// against the id itself. A line's contract is looked up for nearly every line of a large
/// register; a node-based map chases two pointers per look-up, each mostly a cache miss.
class Places {
 public:
  explicit Places(const std::vector<std::string>& ids) : ids_(ids) {
    std::size_t size = 16;
    while (size < ids.size() * 2) size *= 2;
    slots_.assign(size, {0, kNone});
    mask_ = size - 1;
    for (std::size_t c = 0; c < ids.size(); ++c) {
      uint64_t h = hash(ids[c]);
      std::size_t i = h & mask_;
      while (slots_[i].second != kNone) i = (i + 1) & mask_;
      slots_[i] = {h, c};
    }
  }
  /// The place of contract `id`, or none.
  std::optional<std::size_t> find(std::string_view id) const {
    uint64_t h = hash(id);
    for (std::size_t i = h & mask_; slots_[i].second != kNone; i = (i + 1) & mask_)
      if (slots_[i].first == h && ids_[slots_[i].second] == id) return slots_[i].second;
    return std::nullopt;
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  static uint64_t hash(std::string_view s) { return std::hash<std::string_view>{}(s); }
  const std::vector<std::string>& ids_;
  std::vector<std::pair<uint64_t, std::size_t>> slots_;
  std::size_t mask_ = 0;
};

}  // namespace

void read_kpi_chunks(const store::Register& reg, const std::function<void(KpiChunk&&)>& take,
                     std::size_t per_chunk) {
  KpiChunk chunk;
  reg.for_each_kpi_candidate([&](std::string_view candidate, std::string_view packed) {
    chunk.bytes.append(candidate);
    chunk.ends.push_back(chunk.bytes.size());
    chunk.bytes.append(packed);
    chunk.ends.push_back(chunk.bytes.size());
    if (chunk.ends.size() < 2 * per_chunk) return;
    take(std::move(chunk));
    chunk = KpiChunk();
  });
  if (!chunk.ends.empty()) take(std::move(chunk));
}

namespace {
struct Stopped {};  ///< the rows are no longer wanted: unwinds the reading
}  // namespace

KpiRowsAhead::KpiRowsAhead(std::unique_ptr<store::Register> beside, std::size_t ahead_bytes,
                           std::size_t per_chunk)
    : beside_(std::move(beside)), ahead_bytes_(ahead_bytes) {
  reader_ = std::thread([this, per_chunk] {
    try {
      read_kpi_chunks(
          *beside_,
          [&](KpiChunk&& chunk) {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stop_ || bytes_ < ahead_bytes_; });
            if (stop_) throw Stopped{};
            bytes_ += chunk.bytes.size();
            chunks_.push_back(std::move(chunk));
            changed_.notify_all();
          },
          per_chunk);
    } catch (const Stopped&) {
    } catch (...) {
      std::lock_guard lock(mutex_);
      error_ = std::current_exception();
    }
    std::lock_guard lock(mutex_);
    done_ = true;
    changed_.notify_all();
  });
}

KpiRowsAhead::~KpiRowsAhead() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    changed_.notify_all();
  }
  reader_.join();
}

void KpiRowsAhead::take_all(const std::function<void(KpiChunk&&)>& take) {
  for (;;) {
    KpiChunk chunk;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return done_ || !chunks_.empty(); });
      if (chunks_.empty()) {
        if (error_) std::rethrow_exception(error_);
        return;
      }
      chunk = std::move(chunks_.front());
      chunks_.pop_front();
      bytes_ -= chunk.bytes.size();
      changed_.notify_all();
    }
    take(std::move(chunk));
  }
}

void count_kpi_lines(const KpiChunks& chunks, const std::vector<portfolio::ContractStatus>& status,
                     Gatherer& g) {
  const std::size_t workers = portfolio::worker_count();
  g.start(status, workers);
  // The contracts' ids and regions side by side, apart from their rows (over a kilobyte each,
  // so that reading an id from its row would fetch a line of memory for nearly every line).
  std::vector<std::string> ids;
  std::vector<const Region*> regions;
  ids.reserve(status.size());
  for (const auto& s : status) {
    ids.push_back(s.record.contract.id);
    regions.push_back(s.region);
  }
  Places places(ids);
  auto count = [&](const std::vector<KpiChunk>& batch, std::size_t worker) {
    Gatherer::Part& part = g.parts[worker];
    std::vector<Counted>& counted = part.lines;
    for (const KpiChunk& chunk : batch)
      for (std::size_t k = 0, from = 0; k < chunk.ends.size(); k += 2) {
        std::string_view candidate(chunk.bytes.data() + from, chunk.ends[k] - from);
        std::string_view packed(chunk.bytes.data() + chunk.ends[k],
                                chunk.ends[k + 1] - chunk.ends[k]);
        from = chunk.ends[k + 1];
        store::unpack_kpi_lines(packed, part.packed);
        counted.clear();
        std::string_view last;
        const Region* region = nullptr;
        std::size_t at = 0;
        for (const store::KpiLine& l : part.packed) {
          if (l.contract.data() != last.data()) {  // a contract is packed once per run of lines
            auto found = places.find(l.contract);
            region = found ? regions[*found] : nullptr;
            if (region) at = *found;
            last = l.contract;
          }
          if (!region) continue;
          counted.push_back(
              {at, region, l.block, l.start, l.end, l.hours_per_week ? &*l.hours_per_week : nullptr,
               names_permanent(l.bonuses), l.figure ? Money::cents(l.figure->cents) : Money(),
               l.figure && l.figure->provisional});
        }
        if (!counted.empty()) g.count(worker, names_person(candidate), counted);
      }
  };
  portfolio::in_workers<KpiChunk>(
      workers, 1, chunks, [](const KpiChunk&, const KpiChunk&) { return true; }, count);
}

}  // namespace sroi::kpi
