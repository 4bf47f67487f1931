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

void count_kpi_lines(const store::Register& reg,
                     const std::vector<portfolio::ContractStatus>& status, Gatherer& g) {
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
  // A few hundred candidates' rows to a chunk, one after another in one string: a row read
  // costs a copy, not an allocation.
  struct Chunk {
    std::string bytes;
    std::vector<std::size_t> ends;  ///< per candidate: where its name ends, where its row ends
  };
  constexpr std::size_t kChunk = 256;
  auto count = [&](const std::vector<Chunk>& batch, std::size_t worker) {
    Gatherer::Part& part = g.parts[worker];
    std::vector<Counted>& counted = part.lines;
    for (const Chunk& chunk : batch)
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
  portfolio::in_workers<Chunk>(
      workers, 1,
      [&](const std::function<void(Chunk &&)>& take) {
        Chunk chunk;
        reg.for_each_kpi_candidate([&](std::string_view candidate, std::string_view packed) {
          chunk.bytes.append(candidate);
          chunk.ends.push_back(chunk.bytes.size());
          chunk.bytes.append(packed);
          chunk.ends.push_back(chunk.bytes.size());
          if (chunk.ends.size() < 2 * kChunk) return;
          take(std::move(chunk));
          chunk = Chunk();
        });
        if (!chunk.ends.empty()) take(std::move(chunk));
      },
      [](const Chunk&, const Chunk&) { return true; }, count);
}

}  // namespace sroi::kpi
