// SPDX-License-Identifier: EUPL-1.2
// kpi's counting of lines: what each candidate's lines add to the groups they belong to, per
// worker. The lines come while status values the register (a LineObserver) or from the stored
// kpi lines (count_kpi_lines).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "sroi/calc/plausibility.hpp"
#include "sroi/config/region_set.hpp"
#include "sroi/kpi/kpi.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/store/kpi_lines.hpp"

namespace sroi::kpi {

inline long day(const Date& d) { return d.days_since_epoch(); }

/// Days of [a, b] within [from, to], all as day numbers (0 when apart).
inline long overlap_days(long a, long b, long from, long to) {
  long lo = std::max(a, from), hi = std::min(b, to);
  return hi < lo ? 0 : hi - lo + 1;
}

/// Whether a placement from day `start` to day `end` (day numbers) lasted `months` calendar
/// months: its last day is on or after the day before the same date `months` later (the 31st
/// of a shorter month: its last day). Those months are 28 × months − 3 to 31 × months days
/// long, so only a span in between is worked out as dates (kpi asks this of every placement).
inline bool lasted_months(long start, long end, int months) {
  const long span = end - start + 1;
  if (span >= 31L * months) return true;
  if (span < 28L * months - 3) return false;
  return Date::from_days(start).add_months(months).add_days(-1).days_since_epoch() <= end;
}

inline std::string month_key(int year, int month) {
  std::string m = std::to_string(month);
  return std::to_string(year) + "-" + (m.size() == 1 ? "0" + m : m);
}

/// Placements are time on a block: employment, learning-work years and per-month places.
inline bool placement_unit(Unit u) { return employment_unit(u) || u == Unit::Month; }

/// A line as the Gatherer counts it: one the register valued (or read with its stored figure)
/// while status was computed, or one of the stored kpi lines.
struct Counted {
  std::size_t contract = 0;  ///< its place in the status rows
  const Region* region = nullptr;
  std::string_view block;
  long start = 0, end = 0;  ///< as day numbers
  const Ratio* hours_per_week = nullptr;
  bool permanent = false;  ///< it has the bonus for a permanent contract
  Money value;
  bool provisional = false;
};

/// The bonus a line has when its placement became a permanent contract.
constexpr std::string_view kPermanentBonus = "vast-contract";

/// A bonus's value: as stored in the kpi lines, or as given on a line.
inline std::string_view bonus_value(std::string_view b) { return b; }
inline std::string_view bonus_value(const Given<std::string>& b) { return b.value; }

/// Whether bonuses (either kind) name the one for a permanent contract.
template <typename Values>
bool names_permanent(const Values& bonuses) {
  for (const auto& b : bonuses)
    if (bonus_value(b) == kPermanentBonus) return true;
  return false;
}

/// Group keys looked up by a view as well as by a string.
struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// Gathers the line figures: per worker, per group. Lines come while the register is valued
/// (as a LineObserver), or from the stored kpi lines (count).
class Gatherer : public portfolio::LineObserver {
 public:
  Gatherer(const config::RegionSet& regions, Date from, Date to, By by)
      : from_(from), to_(to), first_day_(day(from)), last_day_(day(to)), by_(by) {
    for (const auto& e : regions.catalogue().entries)
      if (e.kind == EntryKind::TargetGroup) target_groups_.push_back(e.id);
    std::sort(target_groups_.begin(), target_groups_.end());
  }

  /// Per contract (in the register's order): its group (by region, buyer or supplier) and
  /// whether its term overlaps the period.
  std::vector<std::string> contract_group;
  std::vector<char> in_scope;

  /// A placement: one block of one contract, over all the candidate's lines in it.
  struct Placement {
    std::size_t contract = 0;
    std::string_view block;
    long start = 0, end = 0;  ///< day numbers
    bool permanent = false, recorded = false, in_period = false;
    int target_group = -1;          ///< in target_groups_; none (-1) for a measure
    std::vector<std::size_t> keys;  ///< the groups it belongs to
  };

  /// What one candidate's lines add up to while they are read; kept by a worker from one
  /// candidate to the next, so that its lists keep their room.
  struct Visit {
    std::vector<std::size_t> touched;  ///< the groups worked in during the period
    std::vector<std::size_t> keys;     ///< the groups of the line at hand
    /// A candidate has a few lines: a short list searched in order beats a map. The first
    /// `used` are this candidate's.
    std::vector<Placement> placements;
    std::size_t used = 0;
    bool worked = false;
    std::vector<std::pair<std::size_t, int>> seen;  ///< count_placements': kept for its room
    void clear() {
      touched.clear();
      keys.clear();
      used = 0;
      worked = false;
    }
  };

  /// What a block of a region means to kpi, looked up by the block's id once per region.
  struct BlockFacts {
    std::string_view maps_to;
    int target_group = -1;
    bool placement = false;  ///< time on the block is a placement
  };
  using RegionBlocks = std::unordered_map<std::string_view, BlockFacts>;
  /// Placements and candidates per target group (by its place in target_groups_), counted
  /// into Figures' maps once a worker is done: a map per placement would cost string
  /// comparisons on every line.
  struct ByTargetGroup {
    struct Counts {
      int64_t placements = 0, candidates = 0;
      std::vector<uint64_t> persons;
    };
    std::vector<Counts> counts;
    Counts& at(int tg, std::size_t n) {
      if (counts.size() < n) counts.resize(n);
      return counts[static_cast<std::size_t>(tg)];
    }
  };

  /// One worker's figures. Hours (in 1/100) and FTE (in 1/10000) are added as whole numbers
  /// per line and become Ratios at the end; groups are numbered in the order met.
  struct Part {
    std::unordered_map<std::string, std::size_t, KeyHash, std::equal_to<>> ids;
    std::vector<std::string> names;
    std::vector<Figures> groups;
    std::vector<ByTargetGroup> tg;  ///< per group
    std::vector<int64_t> hours, fte;
    Figures total;
    ByTargetGroup total_tg;
    int64_t total_hours = 0, total_fte = 0;
    uint64_t seen = 0;  ///< candidates met, numbering this worker's persons
    /// Block and month groupings: per group, which contracts have a line in it.
    std::vector<std::vector<bool>> group_contracts;
    std::vector<Counted> lines;          ///< the candidate at hand's (kept between candidates)
    std::vector<store::KpiLine> packed;  ///< the same as stored (kept between candidates)
    Visit visit;
    std::size_t id(std::string_view key) {
      auto it = ids.find(key);
      if (it != ids.end()) return it->second;
      ids.emplace(std::string(key), names.size());
      names.emplace_back(key);
      groups.emplace_back();
      tg.emplace_back();
      hours.push_back(0);
      fte.push_back(0);
      return names.size() - 1;
    }
  };
  std::vector<Part> parts;
  /// Contract groupings: each contract's group id, the same in every worker.
  std::vector<std::size_t> contract_gid;

  void start(const std::vector<portfolio::ContractStatus>& contracts,
             std::size_t workers) override {
    for (const auto& s : contracts) {
      const store::ContractRecord& c = s.record;
      contract_group.push_back(by_ == By::Region  ? c.region.id
                               : by_ == By::Buyer ? c.buyer
                                                  : c.supplier);
      in_scope.push_back(c.contract.start <= to_ && c.contract.end >= from_);
      recorded_.push_back(s.region && s.region->find_bonus(std::string(kPermanentBonus)));
      const RegionBlocks* blocks = nullptr;
      if (s.region) {
        auto [it, fresh] = region_blocks_.try_emplace(s.region);
        if (fresh)
          for (const auto& b : s.region->blocks)
            it->second.emplace(
                b.id, BlockFacts{b.maps_to, target_group_of(b.maps_to), placement_unit(b.unit)});
        blocks = &it->second;
      }
      contract_blocks_.push_back(blocks);
    }
    parts.resize(workers);
    if (by_ == By::Month) {
      // Every month of the period, numbered from its first: the same ids in every worker.
      for (Date m{from_.year, from_.month, 1}; m <= to_; m = m.add_months(1)) {
        Date a = std::max(m, from_),
             b = std::min(Date{m.year, m.month, days_in_month(m.year, m.month)}, to_);
        months_.push_back({day(a), day(b)});
        for (auto& p : parts) p.id(month_key(m.year, m.month));
      }
    }
    if (!contract_grouping(by_)) return;
    for (auto& p : parts) {
      contract_gid.clear();
      for (const auto& key : contract_group) contract_gid.push_back(p.id(key));
    }
  }

  /// The lines of one candidate as status valued them.
  void candidate(std::size_t worker, const std::vector<LineInput>& lines,
                 std::span<const LineResult> values,
                 const std::vector<std::size_t>& contracts) override {
    std::vector<Counted>& counted = parts[worker].lines;
    counted.clear();
    for (std::size_t k = 0; k < lines.size(); ++k) {
      const RealisationLine& l = *lines[k].line;
      const auto& hpw = l.quantities.hours_per_week;
      counted.push_back({contracts[k], lines[k].region, l.block, day(l.start), day(l.end),
                         hpw ? &hpw->value : nullptr, names_permanent(l.quantities.bonuses),
                         values[k].value, values[k].provisional});
    }
    count(worker, !lines.empty() && names_person(lines.front().line->candidate), counted);
  }

  /// One candidate's lines counted into its worker's figures: the groups it worked in, its
  /// placements, hours and FTE. `person`: the lines are a person's (not an invoice's).
  void count(std::size_t worker, bool person, std::span<const Counted> lines) {
    Part& p = parts[worker];
    // This candidate as a number no other worker gives: the worker in the high bits.
    const uint64_t number = (static_cast<uint64_t>(worker) << 40) | p.seen++;
    Visit& v = p.visit;
    v.clear();
    for (const Counted& line : lines)
      if (in_scope[line.contract]) count_line(p, v, line);
    count_placements(p, v, number);
    // Lines without a candidate (invoices) add value, not a person.
    if (!person) return;
    if (v.worked) {
      ++p.total.candidates;
      p.total.persons.push_back(number);
    }
    for (std::size_t key : v.touched) {
      ++p.groups[key].candidates;
      p.groups[key].persons.push_back(number);
    }
  }

 private:
  /// One line in scope: its value to its group, its placement, and (when it runs in the
  /// period) the groups it touches and its hours and FTE.
  void count_line(Part& p, Visit& v, const Counted& line) {
    const std::size_t c = line.contract;
    const BlockFacts block = block_facts(line);
    line_groups(p, v.keys, line.block, block.maps_to, c);
    if (by_ == By::TargetGroup || by_ == By::Block) {
      Figures& g = p.groups[v.keys[0]];
      g.realised = g.realised.value_or(Money()) + line.value;
      g.provisional = g.provisional || line.provisional;
    }
    // A placement spans all its lines, also those outside the period; it counts when one of
    // them runs in the period.
    Placement* pl = block.placement ? &placement_of(v.placements, v.used, line, block) : nullptr;
    long days = overlap_days(line.start, line.end, first_day_, last_day_);
    if (days == 0) return;
    v.worked = true;
    if (by_ == By::Month) {
      std::size_t first = month_index(std::max(line.start, first_day_)),
                  last = month_index(std::min(line.end, last_day_));
      for (std::size_t m = first; m <= last; ++m) v.keys.push_back(m);
    }
    for (std::size_t key : v.keys) {
      if (std::find(v.touched.begin(), v.touched.end(), key) == v.touched.end())
        v.touched.push_back(key);
      if (!contract_grouping(by_)) {
        if (p.group_contracts.size() <= key) p.group_contracts.resize(key + 1);
        auto& seen = p.group_contracts[key];
        if (seen.empty()) seen.resize(in_scope.size());
        seen[c] = true;
      }
    }
    if (pl) {
      pl->in_period = true;
      for (std::size_t key : v.keys)
        if (std::find(pl->keys.begin(), pl->keys.end(), key) == pl->keys.end())
          pl->keys.push_back(key);
    }
    if (line.hours_per_week) add_time(p, line, v.keys, days);
  }

  /// The groups a line belongs to, before its months: its contract's group, its block or its
  /// target group (by month: none yet).
  void line_groups(Part& p, std::vector<std::size_t>& keys, std::string_view block,
                   std::string_view maps_to, std::size_t c) const {
    keys.clear();
    if (contract_grouping(by_))
      keys.push_back(contract_gid[c]);
    else if (by_ == By::Block)
      keys.push_back(p.id(block));
    else if (by_ == By::TargetGroup)
      keys.push_back(p.id(maps_to));
  }

  /// The month of the period a day (a day number) lies in, numbered from the period's first
  /// month.
  std::size_t month_index(long d) const {
    Date date = Date::from_days(d);
    return static_cast<std::size_t>((date.year - from_.year) * 12 + date.month - from_.month);
  }

  /// The candidate's placement in this line's block of this contract, made at its first line
  /// and stretched to cover every line.
  Placement& placement_of(std::vector<Placement>& placements, std::size_t& used,
                          const Counted& line, const BlockFacts& block) const {
    auto end = placements.begin() + static_cast<long>(used);
    auto it = std::find_if(placements.begin(), end, [&](const Placement& q) {
      return q.contract == line.contract && q.block == line.block;
    });
    if (it == end) {
      if (used == placements.size()) placements.emplace_back();
      Placement& fresh = placements[used++];
      fresh.contract = line.contract;
      fresh.block = line.block;
      fresh.start = line.start, fresh.end = line.end;
      fresh.permanent = fresh.in_period = false;
      fresh.target_group = block.target_group;
      fresh.recorded = recorded_[line.contract];
      fresh.keys.clear();
      it = placements.begin() + static_cast<long>(used - 1);
    }
    it->start = std::min(it->start, line.start);
    it->end = std::max(it->end, line.end);
    if (line.permanent) it->permanent = true;
    return *it;
  }

  /// A line's hours and FTE in the period, to the total and to its groups (by month: each
  /// month's own days).
  void add_time(Part& p, const Counted& line, const std::vector<std::size_t>& keys,
                long days) const {
    const Ratio& hpw = *line.hours_per_week;
    const Ratio& ft = line.region->fulltime_hours.value;
    const long period_days = last_day_ - first_day_ + 1;
    // Hours: hours per week × days ÷ 7; FTE: min(hours ÷ full time, 1) × days ÷ period.
    auto hours = [&](long d) { return scale(hpw.num() * 100, d, hpw.den() * 7); };
    auto fte = [&](long d, long of_days) {
      int64_t n = hpw.num() * ft.den(), dd = hpw.den() * ft.num();
      return n >= dd ? scale(10000, d, of_days) : scale(n * 10000, d, dd * of_days);
    };
    const int64_t h = hours(days), f = fte(days, period_days);
    p.total_hours += h;
    p.total_fte += f;
    if (by_ != By::Month) {  // the group counts the same days of the same period
      p.hours[keys[0]] += h;
      p.fte[keys[0]] += f;
      return;
    }
    for (std::size_t key : keys) {
      const auto& [a, b] = months_[key];
      long d = overlap_days(line.start, line.end, a, b);
      p.hours[key] += hours(d);
      p.fte[key] += fte(d, b - a + 1);
    }
  }

  /// The candidate's placements that ran in the period, to the total and to their groups;
  /// each target group counts the candidate once overall and once per group.
  void count_placements(Part& p, Visit& v, uint64_t person) const {
    bool lasted_6 = false, lasted_12 = false;  // the placement at hand's
    auto count = [&](Figures& f, ByTargetGroup& t, const Placement& pl) {
      ++f.placements;
      if (pl.target_group >= 0) ++t.at(pl.target_group, target_groups_.size()).placements;
      if (lasted_6) ++f.lasted_6;
      if (lasted_12) ++f.lasted_12;
      if (pl.recorded) {
        ++f.permanent_recorded;
        if (pl.permanent) ++f.permanent;
      }
    };
    auto& seen = v.seen;  // (group or kTotal, target group)
    seen.clear();
    auto once = [&](std::size_t key, int tg) {
      for (const auto& [k, t] : seen)
        if (k == key && t == tg) return false;
      seen.emplace_back(key, tg);
      return true;
    };
    auto add_person = [&](ByTargetGroup& t, int tg) {
      ByTargetGroup::Counts& n = t.at(tg, target_groups_.size());
      ++n.candidates;
      n.persons.push_back(person);
    };
    constexpr std::size_t kTotal = static_cast<std::size_t>(-1);
    for (std::size_t k = 0; k < v.used; ++k) {
      const Placement& pl = v.placements[k];
      if (!pl.in_period) continue;
      lasted_6 = lasted_months(pl.start, pl.end, 6);
      lasted_12 = lasted_months(pl.start, pl.end, 12);
      count(p.total, p.total_tg, pl);
      for (std::size_t key : pl.keys) count(p.groups[key], p.tg[key], pl);
      if (pl.target_group < 0) continue;
      if (once(kTotal, pl.target_group)) add_person(p.total_tg, pl.target_group);
      for (std::size_t key : pl.keys)
        if (once(key, pl.target_group)) add_person(p.tg[key], pl.target_group);
    }
  }

 public:
  /// A worker's counts per target group into the figures they belong to (once it is done):
  /// only the target groups met, as the figures list them.
  void settle_target_groups(Part& p) const {
    auto into = [&](Figures& f, ByTargetGroup& t) {
      for (std::size_t i = 0; i < t.counts.size(); ++i) {
        ByTargetGroup::Counts& n = t.counts[i];
        const std::string& id = target_groups_[i];
        if (n.placements) f.by_target_group[id] += n.placements;
        if (n.candidates) {
          f.target_group_candidates[id] += n.candidates;
          auto& all = f.target_group_persons[id];
          all.insert(all.end(), n.persons.begin(), n.persons.end());
        }
      }
      t.counts.clear();
    };
    into(p.total, p.total_tg);
    for (std::size_t g = 0; g < p.tg.size(); ++g) into(p.groups[g], p.tg[g]);
  }

 private:
  /// Per contract: its region records whether a placement became a permanent contract.
  std::vector<char> recorded_;
  /// The catalogue's target-group ids, in order (a placement holds its own's place).
  std::vector<std::string> target_groups_;
  std::unordered_map<const Region*, RegionBlocks> region_blocks_;
  /// Per contract: its region's blocks (none without a region).
  std::vector<const RegionBlocks*> contract_blocks_;

  int target_group_of(std::string_view id) const {
    auto it = std::lower_bound(target_groups_.begin(), target_groups_.end(), id);
    return it != target_groups_.end() && *it == id ? static_cast<int>(it - target_groups_.begin())
                                                   : -1;
  }
  /// The facts of block `id` of the line's contract's region (a block the region no longer
  /// has maps to itself and is no placement).
  BlockFacts block_facts(const Counted& line) const {
    const RegionBlocks* blocks = contract_blocks_[line.contract];
    if (blocks)
      if (auto it = blocks->find(line.block); it != blocks->end()) return it->second;
    return {line.block, -1, false};
  }
  /// By month: each month's days in the period, as day numbers.
  std::vector<std::pair<long, long>> months_;
  Date from_, to_;
  long first_day_, last_day_;  ///< the period's, as day numbers
  By by_;
};

/// A few hundred candidates' kpi rows, one after another in one string: a row read costs a
/// copy, not an allocation.
struct KpiChunk {
  std::string bytes;
  std::vector<std::size_t> ends;  ///< per candidate: where its name ends, where its row ends
};
/// Something that hands on kpi rows in chunks, in order, to `take`.
using KpiChunks = std::function<void(const std::function<void(KpiChunk&&)>& take)>;

/// The stored kpi rows of `reg`, read on the calling thread, `per_chunk` candidates a chunk.
void read_kpi_chunks(const store::Register& reg, const std::function<void(KpiChunk&&)>& take,
                     std::size_t per_chunk = 256);

/// The stored kpi rows read on a second connection in the same snapshot
/// (Register::reader_beside), on a thread of its own, while status reads the figures on the
/// first: held until counted, at most kAheadBytes (then the reading waits). Stops reading when
/// it goes before they were taken.
class KpiRowsAhead {
 public:
  static constexpr std::size_t kAheadBytes = 96u << 20;
  explicit KpiRowsAhead(std::unique_ptr<store::Register> beside,
                        std::size_t ahead_bytes = kAheadBytes, std::size_t per_chunk = 256);
  ~KpiRowsAhead();
  KpiRowsAhead(const KpiRowsAhead&) = delete;
  KpiRowsAhead& operator=(const KpiRowsAhead&) = delete;
  /// Hands on every chunk in order as it comes; throws what the reading threw.
  void take_all(const std::function<void(KpiChunk&&)>& take);

 private:
  std::unique_ptr<store::Register> beside_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<KpiChunk> chunks_;
  const std::size_t ahead_bytes_;
  std::size_t bytes_ = 0;
  bool done_ = false, stop_ = false;
  std::exception_ptr error_;
  std::thread reader_;
};

/// Counts the stored kpi lines of every candidate into `g` (started here with `status`), as
/// `chunks` hands them on (on this thread), counted by workers; each line with its contract's
/// row in `status`. Lines of a contract without a region are not counted, as status values
/// none of them. Throws StoreError (a row that cannot be read among them).
void count_kpi_lines(const KpiChunks& chunks, const std::vector<portfolio::ContractStatus>& status,
                     Gatherer& g);

}  // namespace sroi::kpi
