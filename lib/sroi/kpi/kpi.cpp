// SPDX-License-Identifier: EUPL-1.2
#include "sroi/kpi/kpi.hpp"

#include <algorithm>

#include "sroi/calc/plausibility.hpp"
#include "sroi/kpi/gatherer.hpp"
#include "sroi/msg/kpi.hpp"

namespace sroi::kpi {
namespace {

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
               By by, const std::string& source, bool fresh) {
  Report r;
  r.from = from;
  r.to = to;
  r.by = by;
  r.sources = {source};
  name_target_groups(r, regions.catalogue());
  store::Register::Snapshot snapshot(reg);
  Gatherer g(regions, from, to, by);
  std::vector<portfolio::ContractStatus> status;
  if (!fresh) {
    // On the figures' day with nothing to value again, the status is the stored figures and
    // the lines are the stored kpi lines: a narrow row per candidate, not every line.
    store::FiguresState state = reg.figures_state();
    if (state.day == to && state.waiting == 0) {
      // On a shared store, when every contract was valued with these models (so that status
      // will be the stored figures alone), the kpi rows are read on a second connection in
      // this snapshot while status reads the figures on this one.
      std::optional<KpiRowsAhead> ahead;
      if (state.models && *state.models == regions.print())
        if (auto beside = reg.reader_beside()) ahead.emplace(std::move(beside));
      portfolio::StatusOptions options;
      options.as_of = to;
      options.stored_only = &r.from_kpi_lines;
      status = portfolio::compute_status(reg, regions, options);
      if (r.from_kpi_lines)
        count_kpi_lines(
            [&](const std::function<void(KpiChunk &&)>& take) {
              if (ahead)
                ahead->take_all(take);
              else
                read_kpi_chunks(reg, take);
            },
            status, g);
    }
  }
  if (!r.from_kpi_lines) {
    // Every contract's status as of the period's end; the observer sees the lines on the way.
    portfolio::StatusOptions options;
    options.as_of = to;
    options.fresh = fresh;
    options.observer = &g;
    status = portfolio::compute_status(reg, regions, options);
  }
  const std::vector<std::string>& contract_group = g.contract_group;
  const std::vector<char>& in_scope = g.in_scope;

  std::map<std::string, Figures> groups;
  std::map<std::string, std::vector<bool>> group_contracts;
  for (auto& part : g.parts) {
    g.settle_target_groups(part);
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
