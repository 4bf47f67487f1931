// SPDX-License-Identifier: EUPL-1.2
#include <algorithm>
#include <set>

#include "sroi/harmonise/harmonise.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::harmonise {
namespace {

const char* const kGap = "—";

std::string pct(const Ratio& r) { return r.decimal(4) + " %"; }

/// Marks a row that has a gap next to a value, or values that are not all the same.
void settle(Row& row) {
  std::set<std::string> values;
  bool gap = false;
  for (const auto& t : row.texts) {
    if (t == kGap)
      gap = true;
    else
      values.insert(t);
  }
  row.differs = values.size() > 1 || (gap && !values.empty());
}

std::string rule_text(const Region& r, const std::string& rule) {
  const ObligationRule& o = r.obligation;
  if (rule == "full-time hours")
    return r.fulltime_hours.value.decimal() + " h" +
           (r.fulltime_hours.provenance.provisional() ? " (provisional)" : "");
  if (rule == "minimum hours") return r.min_hours ? r.min_hours->value.decimal() + " h" : kGap;
  if (rule == "time basis") return r.time_basis == TimeBasis::Days ? "days" : "months";
  if (rule == "counting scope")
    return r.counting_scope == CountingScope::PerContract ? "per contract" : "per person";
  if (rule == "obligation percentage") return o.percentage ? pct(*o.percentage) : kGap;
  if (rule == "obligation base") return text::say(msg(base_msg(o.base)), Lang::En);
  if (rule == "threshold") return o.threshold.is_zero() ? kGap : format_eur(o.threshold);
  if (rule == "cap") return o.cap ? format_eur(*o.cap) : kGap;
  if (rule == "minimum duration")
    return o.min_duration_months ? std::to_string(*o.min_duration_months) + " months" : kGap;
  if (rule == "PSO rule") {
    if (r.pso.kind == PsoRuleKind::None) return "none";
    std::string s = r.pso.kind == PsoRuleKind::Discount ? "discount" : "fulfilment";
    bool same = !r.pso.percent.empty();
    for (const auto& [level, p] : r.pso.percent) same = same && p == r.pso.percent.begin()->second;
    if (same)
      s += " " + pct(r.pso.percent.begin()->second) + " at every level";
    else
      for (const auto& [level, p] : r.pso.percent)
        s += std::string(" ") + pso_level_id(level) + " " + pct(p);
    return s + (r.pso.provenance.provisional() ? " (provisional)" : "");
  }
  if (rule == "penalty") {
    switch (r.penalty.kind) {
      case PenaltyKind::None:
        return "none";
      case PenaltyKind::ShortfallFactor:
        return r.penalty.factor.decimal() + " × shortfall";
      case PenaltyKind::ObligationFactor:
        return r.penalty.factor.decimal() + " × obligation";
    }
  }
  return kGap;
}

}  // namespace

std::string describe(const BuildingBlock& b) { return text::say(describe_block(b), Lang::En); }

const char* row_kind_id(RowKind k) {
  switch (k) {
    case RowKind::TargetGroup:
      return "target-group";
    case RowKind::Measure:
      return "measure";
    case RowKind::Bonus:
      return "bonus";
    case RowKind::Rule:
      return "rule";
  }
  return "?";
}

std::string Cell::text() const {
  if (blocks.empty()) return kGap;
  std::string s;
  for (const BuildingBlock* b : blocks) s += (s.empty() ? "" : "; ") + describe(*b);
  return s;
}

Matrix compare(const Catalogue& catalogue, const std::vector<const Region*>& regions) {
  Matrix m;
  m.regions = regions;
  for (const auto& entry : catalogue.entries) {
    if (entry.kind == EntryKind::Bonus) continue;
    Row row{entry.id,   entry.kind == EntryKind::Measure ? RowKind::Measure : RowKind::TargetGroup,
            entry.name, {},
            false,      {}};
    bool any = false;
    for (const Region* r : regions) {
      Cell cell;
      for (const auto& b : r->blocks)
        if (b.maps_to == entry.id) cell.blocks.push_back(&b);
      any = any || !cell.blocks.empty();
      row.texts.push_back(cell.text());
      row.cells.push_back(std::move(cell));
    }
    if (!any) continue;
    settle(row);
    m.rows.push_back(std::move(row));
  }
  for (const auto& entry : catalogue.entries) {
    if (entry.kind != EntryKind::Bonus) continue;
    Row row{entry.id, RowKind::Bonus, entry.name, {}, false, {}};
    bool any = false;
    for (const Region* r : regions) {
      const Bonus* b = r->find_bonus(entry.id);
      any = any || b;
      row.texts.push_back(b ? "+ " + format_eur(b->value) : kGap);
    }
    if (!any) continue;
    settle(row);
    m.rows.push_back(std::move(row));
  }
  for (const char* rule :
       {"full-time hours", "minimum hours", "time basis", "counting scope", "obligation percentage",
        "obligation base", "threshold", "cap", "minimum duration", "PSO rule", "penalty"}) {
    Row row{rule, RowKind::Rule, rule, {}, false, {}};
    for (const Region* r : regions) row.texts.push_back(rule_text(*r, rule));
    settle(row);
    m.rows.push_back(std::move(row));
  }
  return m;
}

}  // namespace sroi::harmonise
