// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/line_value.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "sroi/calc/period.hpp"

namespace sroi {
namespace {

enum class LineKind { Offer, Realisation };
enum class Need { Required, Optional, Unused };

struct QuantityNeeds {
  Need persons = Need::Unused, hours_per_week = Need::Unused, months = Need::Unused,
       amount = Need::Unused, hours = Need::Unused, years = Need::Unused, count = Need::Unused,
       bonuses = Need::Unused;
};

QuantityNeeds needs_of(Unit unit, LineKind kind) {
  QuantityNeeds n;
  bool offer = kind == LineKind::Offer;
  switch (unit) {
    case Unit::FulltimeYear:
      n.hours_per_week = Need::Required;
      n.bonuses = Need::Optional;
      if (offer) n.persons = n.months = Need::Required;
      break;
    case Unit::Month:
      if (offer) n.months = Need::Required, n.persons = Need::Optional;
      break;
    case Unit::LearningYear:
      if (offer) n.years = Need::Required, n.persons = Need::Optional;
      break;
    case Unit::Invoice:
    case Unit::ActualCost:
      n.amount = Need::Required;
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

std::string needed_list(const QuantityNeeds& n) {
  std::string out;
  auto add = [&](Need need, const char* name) {
    if (need == Need::Required) out += (out.empty() ? "" : ", ") + std::string(name);
  };
  add(n.persons, "persons");
  add(n.hours_per_week, "hours_per_week");
  add(n.months, "months");
  add(n.amount, "amount");
  add(n.hours, "hours");
  add(n.years, "years");
  add(n.count, "count");
  return out.empty() ? "no quantities" : out;
}

/// Reports each quantity the unit needs but the line lacks, and each it carries but never uses.
bool check_quantities(const BuildingBlock& block, const Quantities& q, LineKind kind,
                      const SourceLocation& line_where, std::vector<Diagnostic>& problems) {
  QuantityNeeds n = needs_of(block.unit, kind);
  std::size_t before = problems.size();
  std::string unit = unit_id(block.unit);
  auto check = [&](Need need, bool present, const SourceLocation* at, const char* name) {
    if (need == Need::Required && !present)
      problems.push_back({line_where, "block '" + block.id + "' (unit " + unit + ") needs '" +
                                          name + "'; this line has none"});
    if (need == Need::Unused && present)
      problems.push_back({*at, "'" + std::string(name) + "' is not used by block '" + block.id +
                                   "' (unit " + unit + ", needs " + needed_list(n) + ")"});
  };
  check(n.persons, q.persons.has_value(), q.persons ? &q.persons->where : nullptr, "persons");
  check(n.hours_per_week, q.hours_per_week.has_value(),
        q.hours_per_week ? &q.hours_per_week->where : nullptr, "hours_per_week");
  check(n.months, q.months.has_value(), q.months ? &q.months->where : nullptr, "months");
  check(n.amount, q.amount.has_value(), q.amount ? &q.amount->where : nullptr, "amount");
  check(n.hours, q.hours.has_value(), q.hours ? &q.hours->where : nullptr, "hours");
  check(n.years, q.years.has_value(), q.years ? &q.years->where : nullptr, "years");
  check(n.count, q.count.has_value(), q.count ? &q.count->where : nullptr, "count");
  if (n.bonuses == Need::Unused && !q.bonuses.empty())
    problems.push_back({q.bonuses.front().where, "block '" + block.id + "' (unit " + unit +
                                                     ") takes no bonuses; bonuses add to "
                                                     "employment (fulltime-year) blocks only"});
  return problems.size() == before;
}

void note_provisional(LineResult& r, const Provenance& p, const std::string& what) {
  if (!p.provisional()) return;
  r.provisional = true;
  r.provisional_values.push_back(what + " (" + p.source + ")");
}

std::string months_text(const Ratio& m) { return amount_of(m, "months"); }

/// Rate of a line: the block value plus, for employment, its bonuses.
Money rate_with_bonuses(const Region& region, const BuildingBlock& block, const Quantities& q,
                        LineResult& r, std::vector<Diagnostic>& problems) {
  Money rate = block.value;
  std::vector<std::string> seen;
  for (const auto& given : q.bonuses) {
    const Bonus* bonus = region.find_bonus(given.value);
    if (!bonus) {
      problems.push_back({given.where, "unknown bonus '" + given.value + "' in region " +
                                           region.label() + " (known: " + region.bonus_ids() +
                                           ")"});
      continue;
    }
    if (std::find(seen.begin(), seen.end(), bonus->id) != seen.end()) {
      problems.push_back({given.where, "bonus '" + bonus->id + "' given twice on one line"});
      continue;
    }
    seen.push_back(bonus->id);
    r.bonuses.push_back(bonus->id);
    rate += bonus->value;
    r.trace.push_back({"bonus", "+ " + format_eur(bonus->value) + " " + bonus->id + " (" +
                                    bonus->name + ")"});
    note_provisional(r, bonus->provenance, "bonus " + bonus->id);
  }
  if (!q.bonuses.empty())
    r.trace.push_back({"yearly value", format_eur(rate) + " per full-time year with bonuses"});
  return rate;
}

/// Sets the hours factor of an employment line: 0 below the region's minimum hours.
void apply_hours(const Region& region, const Ratio& hours, LineResult& r) {
  const Ratio& ft = region.fulltime_hours.value;
  note_provisional(r, region.fulltime_hours.provenance,
                   "full-time hours " + ft.decimal() + " of " + region.label());
  if (region.min_hours && hours < region.min_hours->value) {
    note_provisional(r, region.min_hours->provenance, "minimum hours of " + region.label());
    r.zero_reason = hours.decimal() + " h/week is below the region's minimum of " +
                    region.min_hours->value.decimal() + " h/week per person";
    r.factors.hours_factor = Ratio(0);
    r.trace.push_back({"minimum hours", r.zero_reason + ": the line is worth € 0"});
    return;
  }
  Ratio factor = hours / ft;
  if (factor > Ratio(1)) {
    r.trace.push_back({"hours factor", hours.decimal() + " h/week ÷ " + ft.decimal() +
                                           " h full-time, capped at 1 (full time counts once)"});
    factor = Ratio(1);
  } else {
    r.trace.push_back({"hours factor", hours.decimal() + " h/week ÷ " + ft.decimal() +
                                           " h full-time = " + factor.str()});
  }
  r.factors.hours_factor = factor;
}

/// Caps offered time (in months) at the counting period and the contract duration.
Ratio cap_offered_months(const BuildingBlock& block, const Ratio& months,
                         const Ratio& contract_months, LineResult& r) {
  if (block.counting_months) r.counting.cap = Ratio(*block.counting_months);
  r.counting.contract_limit = contract_months;
  Ratio counted = months;
  if (block.counting_months && counted > Ratio(*block.counting_months)) {
    counted = Ratio(*block.counting_months);
    r.trace.push_back({"cap", "counting period of " + std::to_string(*block.counting_months) +
                                  " months caps " + months_text(months) + " at " +
                                  months_text(counted)});
  }
  if (counted > contract_months) {
    r.trace.push_back({"cap", "contract runs " + months_text(contract_months) + "; " +
                                  months_text(counted) + " stop at the contract end"});
    counted = contract_months;
  }
  return counted;
}

void finish(LineResult& r) {
  r.factors.periods = r.counting.counted / Ratio(r.counting.divisor);
  const LineFactors& f = r.factors;
  r.exact_cents = Ratio(r.factors.rate.cents()) * Ratio(f.persons) * f.hours_factor * f.periods;
  r.value = round_cents(r.exact_cents);
  std::string formula = format_eur(f.rate);
  if (f.persons != 1) formula += " × " + std::to_string(f.persons) + " persons";
  if (!(f.hours_factor == Ratio(1))) formula += " × " + f.hours_factor.str();
  if (f.periods_unit == "share")
    formula += " × " + (f.periods * Ratio(100)).decimal(4) + " %";
  else
    formula += " × " + amount_of(f.periods, f.periods_unit);
  std::string exact = r.exact_cents.is_integer()
                          ? ""
                          : " (exact " + r.exact_cents.decimal(4) + " cents, rounded half away "
                                                                    "from zero once)";
  r.trace.push_back({"value", formula + " = " + format_eur(r.value) + exact});
}

LineResult start_line(const BuildingBlock& block, const SourceLocation& where) {
  LineResult r;
  r.block = block.id;
  r.block_name = block.name;
  r.unit = block.unit;
  r.where = where;
  return r;
}

void rate_step(const BuildingBlock& block, LineResult& r) {
  const char* per = "";
  switch (block.unit) {
    case Unit::FulltimeYear: per = " per full-time year"; break;
    case Unit::Month: per = " per month"; break;
    case Unit::LearningYear: per = " per learning-work year"; break;
    case Unit::Hour: per = " per hour"; break;
    case Unit::Activity: per = " per activity"; break;
    case Unit::Invoice:
    case Unit::ActualCost: return;
  }
  r.trace.push_back({"rate", format_eur(block.value) + per + " (" + block.id + ": " +
                                 block.name + "; " +
                                 (block.provenance.provisional() ? "provisional" : "published") +
                                 ")"});
}

const BuildingBlock* find_block(const Region& region, const std::string& id,
                                const SourceLocation& at, std::vector<Diagnostic>& problems) {
  const BuildingBlock* b = region.find_block(id);
  if (!b)
    problems.push_back({at, "unknown block '" + id + "' in region " + region.label() +
                                " (known: " + region.block_ids() + ")"});
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
      r.factors.periods_unit = "share";
      r.trace.push_back({"invoice", format_eur(q.amount->value) + " excl. VAT"});
      r.trace.push_back({"share", block.percentage.decimal() + " % of the invoice counts"});
      break;
    case Unit::ActualCost:
      r.amount = q.amount->value;
      r.factors.rate = q.amount->value;
      r.factors.periods_unit = "share";
      r.trace.push_back({"cost", format_eur(q.amount->value) + " actual cost counts in full"});
      break;
    case Unit::Hour:
      r.factors.rate = block.value;
      r.counting.quantity = r.counting.counted = q.hours->value;
      r.factors.periods_unit = "hours";
      break;
    case Unit::Activity:
      r.factors.rate = block.value;
      r.counting.quantity = r.counting.counted = Ratio(q.count ? q.count->value : 1);
      r.factors.periods_unit = "activities";
      break;
    default:
      break;
  }
}

}  // namespace

std::string amount_of(const Ratio& n, const std::string& plural_unit) {
  if (!(n == Ratio(1))) return n.decimal(4) + " " + plural_unit;
  if (plural_unit == "activities") return "1 activity";
  std::string unit = plural_unit;
  if (unit.size() > 1 && unit.back() == 's') unit.pop_back();
  return "1 " + unit;
}

LineResult value_offer_line(const Region& region, const Contract& contract,
                            const OfferLine& line, std::vector<Diagnostic>& problems) {
  const BuildingBlock* block = find_block(region, line.block, line.block_where, problems);
  if (!block) return LineResult{};
  LineResult r = start_line(*block, line.where);
  const Quantities& q = line.quantities;
  if (!check_quantities(*block, q, LineKind::Offer, line.where, problems)) return r;
  note_provisional(r, block->provenance, "block " + block->id);
  rate_step(*block, r);
  r.factors.persons = q.persons ? q.persons->value : 1;
  Ratio contract_months = months_between(contract.start, contract.end, region.time_basis);

  switch (block->unit) {
    case Unit::FulltimeYear: {
      r.factors.rate = rate_with_bonuses(region, *block, q, r, problems);
      r.hours_per_week = q.hours_per_week->value;
      r.months_given = q.months->value;
      Ratio counted = cap_offered_months(*block, q.months->value, contract_months, r);
      r.counting.quantity = q.months->value;
      r.counting.counted = counted;
      r.counting.divisor = 12;
      r.factors.periods_unit = "years";
      r.trace.push_back({"months counted", months_text(counted) + " ÷ 12 = " +
                                               amount_of(counted / Ratio(12), "years")});
      apply_hours(region, q.hours_per_week->value, r);
      break;
    }
    case Unit::Month: {
      r.factors.rate = block->value;
      r.months_given = q.months->value;
      r.counting.quantity = q.months->value;
      r.counting.counted = cap_offered_months(*block, q.months->value, contract_months, r);
      r.factors.periods_unit = "months";
      break;
    }
    case Unit::LearningYear: {
      r.factors.rate = block->value;
      // Counted in months like the other time units, shown in years as the table prices them.
      Ratio months = q.years->value * Ratio(12);
      Ratio counted = cap_offered_months(*block, months, contract_months, r);
      r.counting.quantity = q.years->value;
      r.counting.counted = counted / Ratio(12);
      if (r.counting.cap) r.counting.cap = *r.counting.cap / Ratio(12);
      r.counting.contract_limit = *r.counting.contract_limit / Ratio(12);
      r.factors.periods_unit = "years";
      break;
    }
    default:
      value_untimed(*block, q, r);
  }
  finish(r);
  return r;
}

std::vector<LineResult> value_realisation_lines(const Region& region, const Contract& contract,
                                                const std::vector<RealisationLine>& lines,
                                                std::vector<Diagnostic>& problems) {
  std::vector<LineResult> results(lines.size());
  // Chronological order per candidate and block, so the counting period is measured from the
  // first start and consumed in time order, while results stay in input order.
  std::vector<std::size_t> order(lines.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return lines[a].start < lines[b].start;
  });
  struct Usage {
    Date first_start;
    Ratio consumed{0};
  };
  std::map<std::pair<std::string, std::string>, Usage> usage;

  for (std::size_t idx : order) {
    const RealisationLine& line = lines[idx];
    const BuildingBlock* block = find_block(region, line.block, line.block_where, problems);
    if (!block) continue;
    LineResult& r = results[idx];
    r = start_line(*block, line.where);
    r.candidate = line.candidate;
    r.start = line.start;
    r.end = line.end;
    const Quantities& q = line.quantities;
    if (!check_quantities(*block, q, LineKind::Realisation, line.where, problems)) continue;
    if (line.end < contract.start || line.start > contract.end) {
      problems.push_back({line.where, "line period " + line.start.iso() + " to " +
                                          line.end.iso() + " lies outside the contract period " +
                                          contract.start.iso() + " to " + contract.end.iso()});
      continue;
    }
    note_provisional(r, block->provenance, "block " + block->id);
    rate_step(*block, r);
    Date from = std::max(line.start, contract.start);
    Date to = std::min(line.end, contract.end);
    if (from != line.start)
      r.trace.push_back({"period", "counted from the contract start " + contract.start.iso()});
    if (to != line.end)
      r.trace.push_back({"period", "stops at the contract end " + contract.end.iso()});

    bool timed = block->unit == Unit::FulltimeYear || block->unit == Unit::Month ||
                 block->unit == Unit::LearningYear;
    if (!timed) {
      value_untimed(*block, q, r);
      finish(r);
      continue;
    }
    if (block->unit == Unit::FulltimeYear) {
      r.factors.rate = rate_with_bonuses(region, *block, q, r, problems);
      r.hours_per_week = q.hours_per_week->value;
    } else {
      r.factors.rate = block->value;
    }
    Ratio months = months_between(from, to, region.time_basis);
    r.months_given = months;
    r.trace.push_back({"months", from.iso() + " to " + to.iso() + " = " + months_text(months) +
                                     (region.time_basis == TimeBasis::Days
                                          ? " (days ÷ 365 × 12)"
                                          : " (calendar months, partial months by days)")});
    Usage& use = usage.try_emplace({line.candidate, block->id}, Usage{line.start}).first->second;
    Ratio counted = months;
    if (block->counting_months) {
      Ratio cap(*block->counting_months);
      Ratio elapsed = months_between(use.first_start, from.add_days(-1), region.time_basis);
      Ratio window_left = max(Ratio(0), cap - elapsed);
      Ratio cap_left = max(Ratio(0), cap - use.consumed);
      Ratio allowed = min(window_left, cap_left);
      if (counted > allowed) {
        r.trace.push_back(
            {"cap", "counting period of " + std::to_string(*block->counting_months) +
                        " months from " + line.candidate + "'s first start in " + block->id +
                        " on " + use.first_start.iso() + " (" + months_text(use.consumed) +
                        " already counted): " + months_text(allowed) + " of " +
                        months_text(months) + " count"});
        counted = allowed;
      }
    }
    use.consumed += counted;
    r.counting.quantity = months;
    r.counting.counted = counted;
    if (counted < months) r.counting.cap = counted;
    if (block->unit == Unit::FulltimeYear) apply_hours(region, q.hours_per_week->value, r);
    if (block->unit == Unit::Month) {
      r.factors.periods_unit = "months";
    } else {
      r.counting.divisor = 12;
      r.factors.periods_unit = "years";
      r.trace.push_back({"months counted", months_text(counted) + " ÷ 12 = " +
                                               amount_of(counted / Ratio(12), "years")});
    }
    finish(r);
  }
  return results;
}

}  // namespace sroi
