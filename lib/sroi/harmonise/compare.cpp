// SPDX-License-Identifier: EUPL-1.2
#include <algorithm>
#include <set>

#include "sroi/harmonise/harmonise.hpp"
#include "sroi/msg/harmonise.hpp"
#include "sroi/msg/words.hpp"

namespace sroi::harmonise {
namespace {

Message gap() { return msg(Msg::Gap); }
Message provisional_if(Message m, const Provenance& p) {
  return p.provisional() ? msg(Msg::ProvisionalSuffix, phrase(std::move(m))) : m;
}

/// A value without its "(provisional)": whether it is published is not a difference in value.
const Message& core(const Message& m) {
  if (m.id == Msg::ProvisionalSuffix && !m.args.empty())
    if (const auto* p = std::get_if<Phrase>(&m.args.front()); p && p->message) return *p->message;
  return m;
}

/// How the row's regions differ (Difference): their values without the provisional mark, then
/// the marks and the gaps.
void settle(Row& row) {
  std::vector<const Message*> values, as_shown;
  bool gap = false;
  auto add = [](std::vector<const Message*>& to, const Message& m) {
    if (std::find_if(to.begin(), to.end(), [&](const Message* k) { return *k == m; }) == to.end())
      to.push_back(&m);
  };
  for (const auto& v : row.values) {
    if (v.id == Msg::Gap) {
      gap = true;
      continue;
    }
    add(values, core(v));
    add(as_shown, v);
  }
  row.difference = values.size() > 1        ? Difference::Value
                   : gap && !values.empty() ? Difference::Presence
                   : as_shown.size() > 1    ? Difference::Provisional
                                            : Difference::Same;
}

/// Within each kind of row, those that differ in value first (the question a comparison asks),
/// then those not every region has, then the rest.
void order_by_difference(std::vector<Row>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    auto section = [](RowKind k) { return k == RowKind::Rule ? 2 : k == RowKind::Bonus ? 1 : 0; };
    if (section(a.kind) != section(b.kind)) return section(a.kind) < section(b.kind);
    return a.difference < b.difference;
  });
}

/// The rules compared, in their order: the row id (stable, in JSON) and the row's name.
enum class Rule {
  FulltimeHours,
  MinimumHours,
  TimeBasis,
  CountingScope,
  ObligationPercentage,
  ObligationBase,
  Threshold,
  Cap,
  MinimumDuration,
  PsoRule,
  Penalty
};
struct RuleRow {
  Rule rule;
  const char* id;
  MsgId name;
};
constexpr RuleRow kRules[] = {
    {Rule::FulltimeHours, "full-time hours", Msg::AspectFulltimeHours},
    {Rule::MinimumHours, "minimum hours", Msg::AspectMinimumHours},
    {Rule::TimeBasis, "time basis", Msg::AspectTimeBasis},
    {Rule::CountingScope, "counting scope", Msg::AspectCountingScope},
    {Rule::ObligationPercentage, "obligation percentage", Msg::AspectObligationPercentage},
    {Rule::ObligationBase, "obligation base", Msg::AspectObligationBase},
    {Rule::Threshold, "threshold", Msg::AspectThreshold},
    {Rule::Cap, "cap", Msg::AspectCap},
    {Rule::MinimumDuration, "minimum duration", Msg::AspectMinimumDuration},
    {Rule::PsoRule, "PSO rule", Msg::AspectPsoRule},
    {Rule::Penalty, "penalty", Msg::AspectPenalty},
};

Message pso_rule_value(const Region& r) {
  if (r.pso.kind == PsoRuleKind::None) return msg(Msg::WordNone);
  Phrase kind =
      phrase(msg(r.pso.kind == PsoRuleKind::Discount ? Msg::WordDiscount : Msg::WordFulfilment));
  bool same = !r.pso.percent.empty();
  for (const auto& [level, p] : r.pso.percent) same = same && p == r.pso.percent.begin()->second;
  Message m;
  if (same) {
    m = msg(Msg::PsoEveryLevel, kind, Percent{r.pso.percent.begin()->second});
  } else {
    PhraseList shares{PhraseList::Join::Space, {}};
    for (const auto& [level, p] : r.pso.percent)
      shares.items.push_back(msg(Msg::PsoLevelShare, as_is(pso_level_id(level)), Percent{p}));
    m = msg(Msg::PsoRuleValue, kind, phrase(msg(Msg::PsoLevelShare, as_is(""), std::move(shares))));
  }
  return provisional_if(std::move(m), r.pso.provenance);
}

Message rule_value(const Region& r, Rule rule) {
  const ObligationRule& o = r.obligation;
  switch (rule) {
    case Rule::FulltimeHours:
      return provisional_if(msg(Msg::HoursValue, Decimal{r.fulltime_hours.value, 4}),
                            r.fulltime_hours.provenance);
    case Rule::MinimumHours:
      return r.min_hours ? msg(Msg::HoursValue, Decimal{r.min_hours->value, 4}) : gap();
    case Rule::TimeBasis:
      return msg(r.time_basis == TimeBasis::Days ? Msg::WordDays : Msg::WordMonths);
    case Rule::CountingScope:
      return msg(r.counting_scope == CountingScope::PerContract ? Msg::WordPerContract
                                                                : Msg::WordPerPerson);
    case Rule::ObligationPercentage:
      return o.percentage ? value_message(Percent{*o.percentage}) : gap();
    case Rule::ObligationBase:
      return msg(base_msg(o.base));
    case Rule::Threshold:
      return o.threshold.is_zero() ? gap() : value_message(o.threshold);
    case Rule::Cap:
      return o.cap ? value_message(*o.cap) : gap();
    case Rule::MinimumDuration:
      return o.min_duration_months
                 ? value_message(Amount{Ratio(*o.min_duration_months), Counted::Months})
                 : gap();
    case Rule::PsoRule:
      return pso_rule_value(r);
    case Rule::Penalty:
      switch (r.penalty.kind) {
        case PenaltyKind::None:
          return msg(Msg::WordNone);
        case PenaltyKind::ShortfallFactor:
          return msg(Msg::PenaltyFactorOfShortfall, Decimal{r.penalty.factor, 4});
        case PenaltyKind::ObligationFactor:
          return msg(Msg::PenaltyFactorOfObligation, Decimal{r.penalty.factor, 4});
      }
  }
  return gap();
}

}  // namespace

const char* row_kind_id(RowKind k) { return id_of(k); }
const char* difference_id(Difference d) { return id_of(d); }

Message Cell::value() const {
  if (blocks.empty()) return gap();
  PhraseList all{PhraseList::Join::Semicolon, {}};
  for (const BuildingBlock* b : blocks) all.items.push_back(describe_block(*b));
  return Message{Msg::Value, {std::move(all)}};
}

Matrix compare(const Catalogue& catalogue, const std::vector<const Region*>& regions) {
  Matrix m;
  m.regions = regions;
  for (const auto& entry : catalogue.entries) {
    if (entry.kind == EntryKind::Bonus) continue;
    Row row{entry.id,
            entry.kind == EntryKind::Measure ? RowKind::Measure : RowKind::TargetGroup,
            value_message(named(entry.name, entry.name_nl)),
            {},
            Difference::Same,
            {}};
    bool any = false;
    for (const Region* r : regions) {
      Cell cell;
      for (const auto& b : r->blocks)
        if (b.maps_to == entry.id) cell.blocks.push_back(&b);
      any = any || !cell.blocks.empty();
      row.values.push_back(cell.value());
      row.cells.push_back(std::move(cell));
    }
    if (!any) continue;
    settle(row);
    m.rows.push_back(std::move(row));
  }
  for (const auto& entry : catalogue.entries) {
    if (entry.kind != EntryKind::Bonus) continue;
    Row row{entry.id, RowKind::Bonus,   value_message(named(entry.name, entry.name_nl)),
            {},       Difference::Same, {}};
    bool any = false;
    for (const Region* r : regions) {
      const Bonus* b = r->find_bonus(entry.id);
      any = any || b;
      row.values.push_back(b ? msg(Msg::BonusAmount, b->value) : gap());
    }
    if (!any) continue;
    settle(row);
    m.rows.push_back(std::move(row));
  }
  for (const RuleRow& rule : kRules) {
    Row row{rule.id, RowKind::Rule, msg(rule.name), {}, Difference::Same, {}};
    for (const Region* r : regions) row.values.push_back(rule_value(*r, rule.rule));
    settle(row);
    m.rows.push_back(std::move(row));
  }
  order_by_difference(m.rows);
  return m;
}

}  // namespace sroi::harmonise
