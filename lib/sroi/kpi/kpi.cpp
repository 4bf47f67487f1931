// SPDX-License-Identifier: EUPL-1.2
#include "sroi/kpi/kpi.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "sroi/calc/plausibility.hpp"
#include "sroi/msg/kpi.hpp"
#include "sroi/portfolio/portfolio.hpp"

namespace sroi::kpi {
namespace {

long day(const Date& d) { return d.days_since_epoch(); }

/// Days of [a, b] within [from, to], all as day numbers (0 when apart).
long overlap_days(long a, long b, long from, long to) {
  long lo = std::max(a, from), hi = std::min(b, to);
  return hi < lo ? 0 : hi - lo + 1;
}

std::string month_key(int year, int month) {
  std::string m = std::to_string(month);
  return std::to_string(year) + "-" + (m.size() == 1 ? "0" + m : m);
}

/// Placements are time on a block: employment, learning-work years and per-month places.
bool placement_unit(Unit u) { return employment_unit(u) || u == Unit::Month; }

/// Adds `from` into `to` (figures that add up; distinct counts are added by the caller only
/// where the groups do not share candidates).
void add(Figures& to, const Figures& from) {
  to.contracts += from.contracts;
  auto add_money = [](std::optional<Money>& a, const std::optional<Money>& b) {
    if (b) a = a.value_or(Money()) + *b;
  };
  add_money(to.obligation, from.obligation);
  add_money(to.offered, from.offered);
  add_money(to.realised, from.realised);
  add_money(to.submitted, from.submitted);
  to.candidates += from.candidates;
  to.hours += from.hours;
  to.fte += from.fte;
  to.placements += from.placements;
  for (const auto& [k, n] : from.by_target_group) to.by_target_group[k] += n;
  for (const auto& [k, n] : from.target_group_candidates) to.target_group_candidates[k] += n;
  for (const auto& k : from.target_groups_suppressed) to.target_groups_suppressed.insert(k);
  to.lasted_6 += from.lasted_6;
  to.lasted_12 += from.lasted_12;
  to.permanent_recorded += from.permanent_recorded;
  to.permanent += from.permanent;
  to.provisional = to.provisional || from.provisional;
  to.incomplete = to.incomplete || from.incomplete;
  // Distinct persons: each worker sees other candidates, so the lists never share one.
  to.persons.insert(to.persons.end(), from.persons.begin(), from.persons.end());
  for (const auto& [k, ps] : from.target_group_persons) {
    auto& all = to.target_group_persons[k];
    all.insert(all.end(), ps.begin(), ps.end());
  }
}

/// Gathers the line figures while the register is valued: per worker, per group.
class Gatherer : public portfolio::LineObserver {
 public:
  Gatherer(const config::RegionSet& regions, Date from, Date to, By by)
      : from_(from), to_(to), first_day_(day(from)), last_day_(day(to)), by_(by) {
    for (const auto& e : regions.catalogue().entries)
      if (e.kind == EntryKind::TargetGroup) target_groups_.insert(e.id);
  }

  /// Per contract (in the register's order): its group (by region, buyer or supplier) and
  /// whether its term overlaps the period.
  std::vector<std::string> contract_group;
  std::vector<char> in_scope;

  /// One worker's figures. Hours (in 1/100) and FTE (in 1/10000) are added as whole numbers
  /// per line and become Ratios at the end; groups are numbered in the order met.
  struct Part {
    std::unordered_map<std::string, std::size_t> ids;
    std::vector<std::string> names;
    std::vector<Figures> groups;
    std::vector<int64_t> hours, fte;
    Figures total;
    int64_t total_hours = 0, total_fte = 0;
    uint64_t seen = 0;  ///< candidates met, numbering this worker's persons
    /// Block and month groupings: per group, which contracts have a line in it.
    std::vector<std::vector<bool>> group_contracts;
    std::size_t id(const std::string& key) {
      auto [it, fresh] = ids.try_emplace(key, names.size());
      if (fresh) {
        names.push_back(key);
        groups.emplace_back();
        hours.push_back(0);
        fte.push_back(0);
      }
      return it->second;
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

  /// One candidate's lines counted into its worker's figures: the groups it worked in, its
  /// placements, hours and FTE.
  void candidate(std::size_t worker, const std::vector<LineInput>& lines,
                 std::span<const LineResult> values,
                 const std::vector<std::size_t>& contracts) override {
    Part& p = parts[worker];
    // This candidate as a number no other worker gives: the worker in the high bits.
    const uint64_t person = (static_cast<uint64_t>(worker) << 40) | p.seen++;
    Visit v;
    for (std::size_t k = 0; k < lines.size(); ++k)
      if (in_scope[contracts[k]]) count_line(p, v, lines[k], values[k], contracts[k]);
    count_placements(p, v, person);
    // Lines without a candidate (invoices) add value, not a person.
    if (lines.empty() || !names_person(lines.front().line->candidate)) return;
    if (v.worked) {
      ++p.total.candidates;
      p.total.persons.push_back(person);
    }
    for (std::size_t key : v.touched) {
      ++p.groups[key].candidates;
      p.groups[key].persons.push_back(person);
    }
  }

 private:
  /// A placement: one block of one contract, over all the candidate's lines in it.
  struct Placement {
    std::size_t contract = 0;
    const std::string* block = nullptr;
    Date start, end;
    bool permanent = false, recorded = false, in_period = false;
    const std::string* target_group = nullptr;  ///< none for a measure
    std::vector<std::size_t> keys;              ///< the groups it belongs to
  };

  /// What one candidate's lines add up to while they are read.
  struct Visit {
    std::vector<std::size_t> touched;  ///< the groups worked in during the period
    std::vector<std::size_t> keys;     ///< the groups of the line at hand
    /// A candidate has a few lines: a short list searched in order beats a map.
    std::vector<Placement> placements;
    bool worked = false;
  };

  /// One line in scope: its value to its group, its placement, and (when it runs in the
  /// period) the groups it touches and its hours and FTE.
  void count_line(Part& p, Visit& v, const LineInput& in, const LineResult& value, std::size_t c) {
    const RealisationLine& line = *in.line;
    const BuildingBlock* block = in.region->find_block(line.block);
    const std::string& maps_to = block ? block->maps_to : line.block;
    line_groups(p, v.keys, line.block, maps_to, c);
    if (by_ == By::TargetGroup || by_ == By::Block) {
      Figures& g = p.groups[v.keys[0]];
      g.realised = g.realised.value_or(Money()) + value.value;
      g.provisional = g.provisional || value.provisional;
    }
    // A placement spans all its lines, also those outside the period; it counts when one of
    // them runs in the period.
    Placement* pl = block && placement_unit(block->unit)
                        ? &placement_of(v.placements, c, line, *in.region, maps_to)
                        : nullptr;
    const long start = day(line.start), end = day(line.end);
    long days = overlap_days(start, end, first_day_, last_day_);
    if (days == 0) return;
    v.worked = true;
    if (by_ == By::Month) {
      Date first = std::max(line.start, from_), last = std::min(line.end, to_);
      for (std::size_t m = month_index(first); m <= month_index(last); ++m) v.keys.push_back(m);
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
    if (line.quantities.hours_per_week) add_time(p, line, *in.region, v.keys, start, end, days);
  }

  /// The groups a line belongs to, before its months: its contract's group, its block or its
  /// target group (by month: none yet).
  void line_groups(Part& p, std::vector<std::size_t>& keys, const std::string& block,
                   const std::string& maps_to, std::size_t c) const {
    keys.clear();
    if (contract_grouping(by_))
      keys.push_back(contract_gid[c]);
    else if (by_ == By::Block)
      keys.push_back(p.id(block));
    else if (by_ == By::TargetGroup)
      keys.push_back(p.id(maps_to));
  }

  /// The month of the period a day lies in, numbered from the period's first month.
  std::size_t month_index(const Date& d) const {
    return static_cast<std::size_t>((d.year - from_.year) * 12 + d.month - from_.month);
  }

  /// The candidate's placement in this line's block of this contract, made at its first line
  /// and stretched to cover every line.
  Placement& placement_of(std::vector<Placement>& placements, std::size_t c,
                          const RealisationLine& line, const Region& region,
                          const std::string& maps_to) const {
    auto it = std::find_if(placements.begin(), placements.end(), [&](const Placement& q) {
      return q.contract == c && *q.block == line.block;
    });
    if (it == placements.end()) {
      Placement fresh;
      fresh.contract = c;
      fresh.block = &line.block;
      fresh.start = line.start, fresh.end = line.end;
      if (target_groups_.count(maps_to)) fresh.target_group = &maps_to;
      fresh.recorded = region.find_bonus("vast-contract") != nullptr;
      placements.push_back(std::move(fresh));
      it = placements.end() - 1;
    }
    it->start = std::min(it->start, line.start);
    it->end = std::max(it->end, line.end);
    for (const auto& b : line.quantities.bonuses)
      if (b.value == "vast-contract") it->permanent = true;
    return *it;
  }

  /// A line's hours and FTE in the period, to the total and to its groups (by month: each
  /// month's own days).
  void add_time(Part& p, const RealisationLine& line, const Region& region,
                const std::vector<std::size_t>& keys, long start, long end, long days) const {
    const Ratio& hpw = line.quantities.hours_per_week->value;
    const Ratio& ft = region.fulltime_hours.value;
    const long period_days = last_day_ - first_day_ + 1;
    // Hours: hours per week × days ÷ 7; FTE: min(hours ÷ full time, 1) × days ÷ period.
    auto add = [&](int64_t& hours, int64_t& fte, long d, long of_days) {
      hours += scale(hpw.num() * 100, d, hpw.den() * 7);
      int64_t n = hpw.num() * ft.den(), dd = hpw.den() * ft.num();
      fte += n >= dd ? scale(10000, d, of_days) : scale(n * 10000, d, dd * of_days);
    };
    add(p.total_hours, p.total_fte, days, period_days);
    if (by_ != By::Month) {
      add(p.hours[keys[0]], p.fte[keys[0]], days, period_days);
      return;
    }
    for (std::size_t key : keys) {
      const auto& [a, b] = months_[key];
      add(p.hours[key], p.fte[key], overlap_days(start, end, a, b), b - a + 1);
    }
  }

  /// The candidate's placements that ran in the period, to the total and to their groups;
  /// each target group counts the candidate once overall and once per group.
  static void count_placements(Part& p, const Visit& v, uint64_t person) {
    auto count = [](Figures& f, const Placement& pl) {
      ++f.placements;
      if (pl.target_group) ++f.by_target_group[*pl.target_group];
      if (pl.start.add_months(6).add_days(-1) <= pl.end) ++f.lasted_6;
      if (pl.start.add_months(12).add_days(-1) <= pl.end) ++f.lasted_12;
      if (pl.recorded) {
        ++f.permanent_recorded;
        if (pl.permanent) ++f.permanent;
      }
    };
    std::vector<std::pair<std::size_t, const std::string*>> seen;  // (group or npos, target group)
    auto once = [&](std::size_t key, const std::string* tg) {
      for (const auto& [k, t] : seen)
        if (k == key && *t == *tg) return false;
      seen.emplace_back(key, tg);
      return true;
    };
    auto add_person = [&](Figures& f, const std::string& tg) {
      ++f.target_group_candidates[tg];
      f.target_group_persons[tg].push_back(person);
    };
    constexpr std::size_t kTotal = static_cast<std::size_t>(-1);
    for (const auto& pl : v.placements) {
      if (!pl.in_period) continue;
      count(p.total, pl);
      for (std::size_t key : pl.keys) count(p.groups[key], pl);
      if (!pl.target_group) continue;
      if (once(kTotal, pl.target_group)) add_person(p.total, *pl.target_group);
      for (std::size_t key : pl.keys)
        if (once(key, pl.target_group)) add_person(p.groups[key], *pl.target_group);
    }
  }

  std::unordered_set<std::string> target_groups_;  ///< the catalogue's target-group ids
  /// By month: each month's days in the period, as day numbers.
  std::vector<std::pair<long, long>> months_;
  Date from_, to_;
  long first_day_, last_day_;  ///< the period's, as day numbers
  By by_;
};

}  // namespace

const char* by_id(By b) { return id_of(b); }

std::optional<By> parse_by(std::string_view id) {
  if (auto by = from_id<By>(id)) return by;
  // The same groupings in the words a Dutch user types.
  static constexpr std::pair<std::string_view, By> kDutch[] = {
      {"regio", By::Region},          {"opdrachtgever", By::Buyer}, {"leverancier", By::Supplier},
      {"doelgroep", By::TargetGroup}, {"bouwblok", By::Block},      {"maand", By::Month}};
  for (const auto& [word, by] : kDutch)
    if (word == id) return by;
  return std::nullopt;
}

std::vector<std::string> by_ids() { return all_ids<By>(); }

MsgId by_word(By b) {
  switch (b) {
    case By::Region:
      return Msg::KpiByRegion;
    case By::Buyer:
      return Msg::KpiByBuyer;
    case By::Supplier:
      return Msg::KpiBySupplier;
    case By::TargetGroup:
      return Msg::KpiByTargetGroup;
    case By::Block:
      return Msg::KpiByBlock;
    case By::Month:
      break;
  }
  return Msg::KpiByMonth;
}

bool contract_grouping(By b) { return b == By::Region || b == By::Buyer || b == By::Supplier; }

Report compute(const store::Register& reg, const config::RegionSet& regions, Date from, Date to,
               By by, const std::string& source) {
  Report r;
  r.from = from;
  r.to = to;
  r.by = by;
  r.sources = {source};
  name_target_groups(r, regions.catalogue());
  // Every contract's status as of the period's end; the observer sees the lines on the way.
  Gatherer g(regions, from, to, by);
  portfolio::StatusOptions options;
  options.as_of = to;
  options.observer = &g;
  std::vector<portfolio::ContractStatus> status = portfolio::compute_status(reg, regions, options);
  const std::vector<std::string>& contract_group = g.contract_group;
  const std::vector<char>& in_scope = g.in_scope;

  std::map<std::string, Figures> groups;
  std::map<std::string, std::vector<bool>> group_contracts;
  for (auto& part : g.parts) {
    part.total.hours = Ratio(part.total_hours, 100);
    part.total.fte = Ratio(part.total_fte, 10000);
    add(r.total, part.total);
    for (std::size_t i = 0; i < part.names.size(); ++i) {
      Figures& f = part.groups[i];
      f.hours = Ratio(part.hours[i], 100);
      f.fte = Ratio(part.fte[i], 10000);
      add(groups[part.names[i]], f);
    }
    for (std::size_t i = 0; i < part.group_contracts.size(); ++i) {
      const auto& seen = part.group_contracts[i];
      if (seen.empty()) continue;
      auto& all = group_contracts[part.names[i]];
      if (all.empty()) all.resize(seen.size());
      for (std::size_t c = 0; c < seen.size(); ++c)
        if (seen[c]) all[c] = true;
    }
  }
  // Contract figures: per contract in scope, into its group (by region, buyer, supplier) and
  // into the total.
  Figures contract_total;
  contract_total.obligation = contract_total.offered = contract_total.realised =
      contract_total.submitted = Money();
  for (std::size_t c = 0; c < status.size() && c < in_scope.size(); ++c) {
    const portfolio::ContractStatus& s = status[c];
    if (!in_scope[c] || !s.region) continue;
    Figures f;
    f.contracts = s.obligation.applies && !s.obligation.amount.is_zero() ? 1 : 0;
    f.obligation = s.obligation.amount;
    f.offered = s.offered;
    f.realised = s.realised;
    f.submitted = s.submitted ? *s.submitted + s.obligation.pso_fulfilment : s.realised;
    f.provisional = s.provisional;
    add(contract_total, f);
    if (contract_grouping(by)) add(groups[contract_group[c]], f);
  }
  if (!contract_grouping(by)) {
    // A contract with social return counts in each group it has a line in (or, by month, each
    // month it runs in).
    for (const auto& [key, seen] : group_contracts)
      for (std::size_t c = 0; c < seen.size(); ++c)
        if (seen[c] && status[c].obligation.applies && !status[c].obligation.amount.is_zero())
          ++groups[key].contracts;
    if (by == By::Month)
      for (auto& [key, f] : groups) f.realised.reset(), f.submitted.reset();
  }
  r.total.contracts = contract_total.contracts;
  r.total.obligation = contract_total.obligation;
  r.total.offered = contract_total.offered;
  r.total.realised = contract_total.realised;
  r.total.submitted = contract_total.submitted;
  r.total.provisional = r.total.provisional || contract_total.provisional;
  // Groups met by no line (a contract grouping's contracts outside the period) are left out.
  r.total.persons_known = true;
  for (auto& [key, f] : groups)
    if (f.candidates > 0 || f.contracts > 0 || f.placements > 0) {
      f.persons_known = true;
      r.groups.push_back({key, "", std::move(f)});
    }
  suppress(r);
  return r;
}

void name_target_groups(Report& r, const Catalogue& catalogue) {
  for (const auto& e : catalogue.entries)
    if (e.kind == EntryKind::TargetGroup) r.target_group_names[e.id] = e.named_entry();
}

Report merge(const std::vector<Report>& reports, const std::vector<std::string>& files) {
  Report m;
  if (reports.empty()) return m;
  const Report& first = reports.front();
  m.from = first.from;
  m.to = first.to;
  m.by = first.by;
  std::vector<Diagnostic> problems;
  std::map<std::string, Figures> groups;
  std::map<std::string, bool> visible;  // some part of the group was shown at its source
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const Report& r = reports[i];
    SourceLocation at{files[i]};
    if (r.from != first.from || r.to != first.to)
      problems.push_back({at, msg(Msg::KpiOtherPeriod, r.from, r.to, first.from, first.to)});
    if (r.by != first.by)
      problems.push_back(
          {at, msg(Msg::KpiOtherGrouping, as_is(by_id(r.by)), as_is(by_id(first.by)))});
    for (const auto& s : r.sources) m.sources.push_back(s);
    std::string source = r.sources.empty() ? files[i] : r.sources.front();
    m.source_totals.push_back({source, source, r.total});
    if (r.total.suppressed)
      m.total.incomplete = true;
    else
      add(m.total, r.total);
    for (const auto& g : r.groups) {
      Figures& f = groups[g.key];
      if (g.f.suppressed) {
        f.incomplete = true;
      } else {
        add(f, g.f);
        visible[g.key] = true;
      }
    }
  }
  if (!problems.empty()) throw DataError(std::move(problems));
  for (auto& [key, f] : groups) {
    if (!visible[key]) f.suppressed = true;  // hidden wherever it was: stays hidden
    m.groups.push_back({key, "", std::move(f)});
  }
  suppress(m);
  return m;
}

}  // namespace sroi::kpi
