// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/line_steps.hpp"

#include <algorithm>

#include "sroi/model/similar.hpp"
#include "sroi/msg/calc.hpp"
#include "sroi/msg/model.hpp"
#include "sroi/msg/provisional.hpp"
#include "sroi/msg/words.hpp"

namespace sroi::detail {
namespace {

enum class Need { Required, Optional, Unused };

struct QuantityNeeds {
  Need persons = Need::Unused, hours_per_week = Need::Unused, months = Need::Unused,
       amount = Need::Unused, hours = Need::Unused, years = Need::Unused, count = Need::Unused,
       bonuses = Need::Unused;
};

QuantityNeeds needs_of(const BuildingBlock& block, LineKind kind) {
  QuantityNeeds n;
  bool offer = kind == LineKind::Offer;
  switch (block.unit) {
    case Unit::FulltimeYear:
      n.hours_per_week = Need::Required;
      n.bonuses = Need::Optional;
      // Persons may be left empty on an offer: one, as the templates and calculator say.
      if (offer) n.months = Need::Required, n.persons = Need::Optional;
      break;
    case Unit::Month:
      if (offer) n.months = Need::Required, n.persons = Need::Optional;
      break;
    case Unit::LearningYear:
      if (offer) n.years = Need::Required, n.persons = Need::Optional;
      break;
    case Unit::Invoice:
      n.amount = Need::Required;
      break;
    case Unit::ActualCost:
      n.amount = Need::Required;
      if (block.max_per_day) n.count = Need::Required;  // the days the cost was made on
      break;
    case Unit::Hour:
      n.hours = Need::Required;
      break;
    case Unit::Activity:
      n.count = Need::Optional;
      break;
  }
  return n;
}

/// The quantities a unit needs by their columns' names ("Personen, Uren per week, Maanden"),
/// or "no quantities".
Message needed_list(const QuantityNeeds& n) {
  PhraseList out;
  auto add = [&](Need need, MsgId name) {
    if (need == Need::Required) out.items.push_back(msg(name));
  };
  add(n.persons, Msg::ColumnPersons);
  add(n.hours_per_week, Msg::ColumnHoursPerWeek);
  add(n.months, Msg::ColumnMonths);
  add(n.amount, Msg::ColumnAmount);
  add(n.hours, Msg::ColumnHours);
  add(n.years, Msg::ColumnYears);
  add(n.count, Msg::ColumnCount);
  return out.items.empty() ? msg(Msg::NoQuantities) : msg(Msg::Value, std::move(out));
}

}  // namespace

/// Reports each quantity the unit needs but the line lacks, and each it carries but never uses.
bool check_quantities(const BuildingBlock& block, const Quantities& q, LineKind kind,
                      const SourceLocation& line_where, LineResult& r,
                      std::vector<Diagnostic>& problems) {
  QuantityNeeds n = needs_of(block, kind);
  std::size_t before = problems.size();
  // The block by its name for a Dutch reader, the unit and the quantity by their names; made
  // only for a message (every line valued is checked).
  auto name = [&] { return named(block.id, block.name); };
  auto unit = [&] { return phrase(msg(unit_word(block.unit))); };
  auto check = [&](Need need, const auto& given, MsgId column) {
    if (need == Need::Required && !given) {
      // The row and the column the value belongs in (a workbook's cell is not known here).
      SourceLocation at = line_where;
      at.column_name = column;
      if (!at.sheet.empty()) at.column = 0;
      problems.push_back({at, msg(Msg::BlockNeedsQuantity, name(), unit(), phrase(msg(column)))});
    }
    if (need == Need::Unused && given)  // filled in where nothing asks for it: said, not refused
      r.warnings.push_back(
          msg(Msg::QuantityNotUsed, phrase(msg(column)), name(), unit(), phrase(needed_list(n))));
  };
  check(n.persons, q.persons, Msg::ColumnPersons);
  check(n.hours_per_week, q.hours_per_week, Msg::ColumnHoursPerWeek);
  check(n.months, q.months, Msg::ColumnMonths);
  check(n.amount, q.amount, Msg::ColumnAmount);
  check(n.hours, q.hours, Msg::ColumnHours);
  check(n.years, q.years, Msg::ColumnYears);
  check(n.count, q.count, Msg::ColumnCount);
  if (n.bonuses == Need::Unused && !q.bonuses.empty())
    problems.push_back({q.bonuses.front().in(line_where, Msg::ColumnBonuses),
                        msg(Msg::BlockTakesNoBonuses, name(), unit())});
  return problems.size() == before;
}

/// Rate of a line: the block value plus, for employment, its bonuses. Bonuses of one group
/// exclude each other: only the highest of them applies (REFERENCE.md §6).
Money rate_with_bonuses(const Region& region, const BuildingBlock& block, const Quantities& q,
                        LineResult& r, std::vector<Diagnostic>& problems) {
  Money rate = block.value;
  std::vector<const Bonus*> given_bonuses;
  for (const auto& given : q.bonuses) {
    const Bonus* bonus = region.find_bonus(given.value);
    if (!bonus) {
      problems.push_back({given.in(r.where, Msg::ColumnBonuses),
                          msg(Msg::UnknownBonusInRegion, as_is(given.value), as_is(region.label()),
                              as_is(region.bonus_ids()))});
      continue;
    }
    if (std::find(given_bonuses.begin(), given_bonuses.end(), bonus) != given_bonuses.end()) {
      problems.push_back(
          {given.in(r.where, Msg::ColumnBonuses), msg(Msg::BonusTwiceOnLine, as_is(bonus->id))});
      continue;
    }
    given_bonuses.push_back(bonus);
  }
  for (const Bonus* bonus : given_bonuses) {
    if (const BonusGroup* group = region.group_of(bonus->id)) {
      const Bonus* best = bonus;
      for (const Bonus* other : given_bonuses)
        if (region.group_of(other->id) == group && other->value > best->value) best = other;
      if (best != bonus) {
        step(r, Msg::StepBonus, [&] {
          return msg(Msg::BonusesExclude, phrase(msg(Msg::Quoted, as_is(bonus->name))),
                     phrase(msg(Msg::Quoted, as_is(best->name))));
        });
        note_provisional(r, group->provenance,
                         [&] { return msg(Msg::ProvisionalBonusGroup, as_is(group->id)); });
        continue;
      }
    }
    r.bonuses.push_back(bonus->id);
    rate += bonus->value;
    step(r, Msg::StepBonus, [&] { return msg(Msg::BonusAdded, bonus->value, as_is(bonus->name)); });
    note_provisional(r, bonus->provenance,
                     [&] { return msg(Msg::ProvisionalBonus, as_is(bonus->name)); });
  }
  if (!q.bonuses.empty())
    step(r, Msg::StepYearlyValue, [&] { return msg(Msg::YearlyValueWithBonuses, rate); });
  return rate;
}

/// Notes the region's full-time hours where they are provisional.
void note_fulltime_hours(const Region& region, LineResult& r) {
  note_provisional(r, region.fulltime_hours.provenance, [&] {
    return msg(Msg::ProvisionalFulltimeHours, dec(region.fulltime_hours.value),
               as_is(region.label()));
  });
}

/// Notes the region's minimum hours where they are provisional.
void note_minimum_hours(const Region& region, LineResult& r) {
  if (region.min_hours)
    note_provisional(r, region.min_hours->provenance,
                     [&] { return msg(Msg::ProvisionalMinimumHours, as_is(region.label())); });
}

/// "30 of 36 hours a week = 0.8333…" (a plain number, not 5/6), or capped at 1.
Message hours_factor_step(const Ratio& hours, const Ratio& ft) {
  if (hours > ft) return msg(Msg::HoursCapped, dec(hours), dec(ft));
  return msg(Msg::HoursFactorIs, dec(hours), dec(ft), Decimal{hours / ft});
}

/// Sets the hours factor of an employment line: 0 below the region's minimum hours.
void apply_hours(const Region& region, const Ratio& hours, LineResult& r) {
  const Ratio& ft = region.fulltime_hours.value;
  note_fulltime_hours(region, r);
  if (region.min_hours && hours < region.min_hours->value) {
    note_minimum_hours(region, r);
    r.zero_reason = msg(Msg::BelowMinimumHours, dec(hours), dec(region.min_hours->value));
    r.factors.hours_factor = Ratio(0);
    step(r, Msg::StepMinimumHours, [&] { return msg(Msg::WorthNothing, phrase(*r.zero_reason)); });
    return;
  }
  Ratio factor = hours / ft;
  step(r, Msg::StepHoursFactor, [&] { return hours_factor_step(hours, ft); });
  if (factor > Ratio(1)) factor = Ratio(1);
  r.factors.hours_factor = factor;
}

Counted counted_of(Periods p) {
  switch (p) {
    case Periods::Months:
      return Counted::Months;
    case Periods::Hours:
      return Counted::Hours;
    case Periods::Activities:
      return Counted::Activities;
    case Periods::Years:
    case Periods::Share:
      break;
  }
  return Counted::Years;
}

void finish(LineResult& r, const ExactSum* wide) {
  r.factors.periods = r.counting.counted / Ratio(r.counting.divisor);
  const LineFactors& f = r.factors;
  // Hours factor × periods first (where hours were shared it is the weighted months ÷ divisor,
  // exact, while the factor shown may be rounded); then rate × persons × that in 128 bits,
  // rounded once, so no input within the documented ranges overflows.
  Ratio share = r.hours_periods ? *r.hours_periods : f.hours_factor * f.periods;
  Money base = Money::cents(r.factors.rate.cents()) * f.persons;
  r.value = wide ? wide->scale(base, Ratio(1, r.counting.divisor)) : scale(base, share);
  r.exact_cents = Ratio(r.value.cents());  // only shown ("exact … cents")
  if (!wide) {
    try {
      r.exact_cents = Ratio(base.cents()) * share;
    } catch (const Error&) {  // the value above is exact all the same
    }
  }
  step(r, Msg::StepValue, [&] {
    PhraseList formula{PhraseList::Join::Times, {msg(Msg::Value, f.rate)}};
    if (f.persons != 1)
      formula.items.push_back(msg(Msg::Value, Amount{Ratio(f.persons), Counted::Persons}));
    if (!(f.hours_factor == Ratio(1)))
      formula.items.push_back(msg(Msg::Value, Decimal{f.hours_factor}));
    if (f.periods_unit == Periods::Share)
      formula.items.push_back(msg(Msg::Value, Percent{f.periods * Ratio(100)}));
    else
      formula.items.push_back(msg(Msg::Value, Amount{f.periods, counted_of(f.periods_unit)}));
    // The exact amount before rounding is for the appendix of --explain (and JSON's
    // exact_cents), not for the step a person reads.
    if (r.exact_cents.is_integer()) return msg(Msg::ValueFormula, std::move(formula), r.value);
    return msg(Msg::ValueFormulaRounded, std::move(formula), r.value);
  });
}

LineResult start_line(const BuildingBlock& block, const SourceLocation& where, bool tracing,
                      bool figures_only) {
  LineResult r;
  r.tracing = tracing;
  r.unit = block.unit;
  r.where = where;             // problems point at it
  if (figures_only) return r;  // register-wide status reads the figures only
  r.block = block.id;
  if (tracing) r.block_name = block.name;  // shown with the trace; bulk status needs no copy
  return r;
}

void rate_step(const BuildingBlock& block, LineResult& r) {
  MsgId per = Msg::PerFulltimeYear;
  switch (block.unit) {
    case Unit::FulltimeYear:
      per = Msg::PerFulltimeYear;
      break;
    case Unit::Month:
      per = Msg::PerMonth;
      break;
    case Unit::LearningYear:
      per = Msg::PerLearningYear;
      break;
    case Unit::Hour:
      per = Msg::PerHour;
      break;
    case Unit::Activity:
      per = Msg::PerActivity;
      break;
    case Unit::Invoice:
    case Unit::ActualCost:
      return;
  }
  step(r, Msg::StepRate, [&] {
    return msg(
        Msg::RateOf, block.value, phrase(msg(per)), as_is(block.name),
        phrase(msg(block.provenance.provisional() ? Msg::WordProvisional : Msg::WordPublished)));
  });
}

const BuildingBlock* find_block(const Region& region, const std::string& id, const Spot& at,
                                const SourceLocation& line, std::vector<Diagnostic>& problems) {
  const BuildingBlock* b = region.find_block(id);
  if (!b) {
    std::vector<std::string> ids;
    for (const auto& block : region.blocks) ids.push_back(block.id);
    std::vector<std::string> near = closest(id, ids);
    problems.push_back({at.in(line, Msg::ColumnBlock),
                        near.empty()
                            ? msg(Msg::UnknownBlockInRegion, as_is(id), as_is(region.label()),
                                  region.known_blocks())
                            : msg(Msg::UnknownBlockDidYouMean, as_is(id), as_is(region.label()),
                                  quoted_or(near), region.known_blocks())});
  }
  return b;
}

/// Units whose value needs no time: the quantity given is the period count.
void value_untimed(const BuildingBlock& block, const Quantities& q, LineResult& r) {
  switch (block.unit) {
    case Unit::Invoice:
      r.amount = q.amount->value;
      r.factors.rate = q.amount->value;
      r.counting.quantity = r.counting.counted = block.percentage;
      r.counting.divisor = 100;
      r.factors.periods_unit = Periods::Share;
      step(r, Msg::StepInvoice, [&] { return msg(Msg::InvoiceExclVat, q.amount->value); });
      step(r, Msg::StepShare,
           [&] { return msg(Msg::InvoiceShareCounts, Percent{block.percentage}); });
      break;
    case Unit::ActualCost: {
      // The cost counts in full, or up to the block's maximum per day times the days (a line
      // of 2 days at € 1,000 per day counts € 1,400 of € 1,400, and € 2,000 of € 2,500).
      Money cost = q.amount->value;
      r.amount = cost;
      r.factors.rate = cost;
      r.factors.periods_unit = Periods::Share;
      if (block.max_per_day && q.count) {
        r.days = q.count->value;
        Money most = *block.max_per_day * q.count->value;
        r.factors.rate = std::min(cost, most);
        step(r, Msg::StepCost, [&] {
          return msg(Msg::CostCappedPerDay, cost, *block.max_per_day,
                     Amount{Ratio(q.count->value), Counted::Days}, most, r.factors.rate);
        });
      } else {
        step(r, Msg::StepCost, [&] { return msg(Msg::CostCountsInFull, cost); });
      }
      break;
    }
    case Unit::Hour:
      r.factors.rate = block.value;
      r.counting.quantity = r.counting.counted = q.hours->value;
      r.factors.periods_unit = Periods::Hours;
      break;
    case Unit::Activity:
      r.factors.rate = block.value;
      r.counting.quantity = r.counting.counted = Ratio(q.count ? q.count->value : 1);
      r.factors.periods_unit = Periods::Activities;
      break;
    default:
      break;
  }
}

}  // namespace sroi::detail
