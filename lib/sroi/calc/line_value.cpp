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
  auto check = [&](Need need, const auto& given, const char* name) {
    if (need == Need::Required && !given)
      problems.push_back({line_where, "block '" + block.id + "' (unit " + unit + ") needs '" +
                                          name + "'; this line has none"});
    if (need == Need::Unused && given)
      problems.push_back(
          {given->in(line_where), "'" + std::string(name) + "' is not used by block '" + block.id +
                                      "' (unit " + unit + ", needs " + needed_list(n) + ")"});
  };
  check(n.persons, q.persons, "persons");
  check(n.hours_per_week, q.hours_per_week, "hours_per_week");
  check(n.months, q.months, "months");
  check(n.amount, q.amount, "amount");
  check(n.hours, q.hours, "hours");
  check(n.years, q.years, "years");
  check(n.count, q.count, "count");
  if (n.bonuses == Need::Unused && !q.bonuses.empty())
    problems.push_back(
        {q.bonuses.front().in(line_where), "block '" + block.id + "' (unit " + unit +
                                               ") takes no bonuses; bonuses add to "
                                               "employment (fulltime-year) blocks only"});
  return problems.size() == before;
}

/// Adds a trace step; the detail is only built when the line is traced.
template <typename Detail>
void step(LineResult& r, const char* name, Detail&& detail) {
  if (r.tracing) r.trace.push_back({name, detail()});
}

/// Marks the line provisional when `p` is; names the value only when the line is traced.
template <typename What>
void note_provisional(LineResult& r, const Provenance& p, What&& what) {
  if (!p.provisional()) return;
  r.provisional = true;
  if (r.naming) r.provisional_values.push_back(std::string(what()) + " (" + p.source + ")");
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
      problems.push_back({given.in(r.where), "unknown bonus '" + given.value + "' in region " +
                                                 region.label() + " (known: " + region.bonus_ids() +
                                                 ")"});
      continue;
    }
    if (std::find(seen.begin(), seen.end(), bonus->id) != seen.end()) {
      problems.push_back({given.in(r.where), "bonus '" + bonus->id + "' given twice on one line"});
      continue;
    }
    seen.push_back(bonus->id);
    r.bonuses.push_back(bonus->id);
    rate += bonus->value;
    step(r, "bonus", [&] {
      return std::string("+ " + format_eur(bonus->value) + " " + bonus->id + " (" + bonus->name +
                         ")");
    });
    note_provisional(r, bonus->provenance, [&] { return "bonus " + bonus->id; });
  }
  if (!q.bonuses.empty())
    step(r, "yearly value",
         [&] { return std::string(format_eur(rate) + " per full-time year with bonuses"); });
  return rate;
}

/// Sets the hours factor of an employment line: 0 below the region's minimum hours.
void apply_hours(const Region& region, const Ratio& hours, LineResult& r) {
  const Ratio& ft = region.fulltime_hours.value;
  note_provisional(r, region.fulltime_hours.provenance,
                   [&] { return "full-time hours " + ft.decimal() + " of " + region.label(); });
  if (region.min_hours && hours < region.min_hours->value) {
    note_provisional(r, region.min_hours->provenance,
                     [&] { return "minimum hours of " + region.label(); });
    r.zero_reason = hours.decimal() + " h/week is below the region's minimum of " +
                    region.min_hours->value.decimal() + " h/week per person";
    r.factors.hours_factor = Ratio(0);
    step(r, "minimum hours",
         [&] { return std::string(r.zero_reason + ": the line is worth € 0"); });
    return;
  }
  Ratio factor = hours / ft;
  if (factor > Ratio(1)) {
    step(r, "hours factor", [&] {
      return std::string(hours.decimal() + " h/week ÷ " + ft.decimal() +
                         " h full-time, capped at 1 (full time counts once)");
    });
    factor = Ratio(1);
  } else {
    step(r, "hours factor", [&] {
      return std::string(hours.decimal() + " h/week ÷ " + ft.decimal() +
                         " h full-time = " + factor.str());
    });
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
    step(r, "cap", [&] {
      return std::string("counting period of " + std::to_string(*block.counting_months) +
                         " months caps " + months_text(months) + " at " + months_text(counted));
    });
  }
  if (counted > contract_months) {
    step(r, "cap", [&] {
      return std::string("contract runs " + months_text(contract_months) + "; " +
                         months_text(counted) + " stop at the contract end");
    });
    counted = contract_months;
  }
  return counted;
}

void finish(LineResult& r) {
  r.factors.periods = r.counting.counted / Ratio(r.counting.divisor);
  const LineFactors& f = r.factors;
  r.exact_cents = Ratio(r.factors.rate.cents()) * Ratio(f.persons) * f.hours_factor * f.periods;
  r.value = round_cents(r.exact_cents);
  step(r, "value", [&] {
    std::string formula = format_eur(f.rate);
    if (f.persons != 1) formula += " × " + std::to_string(f.persons) + " persons";
    if (!(f.hours_factor == Ratio(1))) formula += " × " + f.hours_factor.str();
    if (f.periods_unit == "share")
      formula += " × " + (f.periods * Ratio(100)).decimal(4) + " %";
    else
      formula += " × " + amount_of(f.periods, f.periods_unit);
    std::string exact = r.exact_cents.is_integer() ? ""
                                                   : " (exact " + r.exact_cents.decimal(4) +
                                                         " cents, rounded half away from zero "
                                                         "once)";
    return formula + " = " + format_eur(r.value) + exact;
  });
}

LineResult start_line(const BuildingBlock& block, const SourceLocation& where, bool tracing) {
  LineResult r;
  r.tracing = tracing;
  r.block = block.id;
  if (tracing) r.block_name = block.name;  // shown with the trace; bulk status needs no copy
  r.unit = block.unit;
  r.where = where;
  return r;
}

void rate_step(const BuildingBlock& block, LineResult& r) {
  const char* per = "";
  switch (block.unit) {
    case Unit::FulltimeYear:
      per = " per full-time year";
      break;
    case Unit::Month:
      per = " per month";
      break;
    case Unit::LearningYear:
      per = " per learning-work year";
      break;
    case Unit::Hour:
      per = " per hour";
      break;
    case Unit::Activity:
      per = " per activity";
      break;
    case Unit::Invoice:
    case Unit::ActualCost:
      return;
  }
  step(r, "rate", [&] {
    return std::string(format_eur(block.value) + per + " (" + block.id + ": " + block.name + "; " +
                       (block.provenance.provisional() ? "provisional" : "published") + ")");
  });
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
      step(r, "invoice", [&] { return std::string(format_eur(q.amount->value) + " excl. VAT"); });
      step(r, "share",
           [&] { return std::string(block.percentage.decimal() + " % of the invoice counts"); });
      break;
    case Unit::ActualCost:
      r.amount = q.amount->value;
      r.factors.rate = q.amount->value;
      r.factors.periods_unit = "share";
      step(r, "cost", [&] {
        return std::string(format_eur(q.amount->value) + " actual cost counts in full");
      });
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

LineResult value_offer_line(const Region& region, const Contract& contract, const OfferLine& line,
                            std::vector<Diagnostic>& problems) {
  const BuildingBlock* block = find_block(region, line.block, line.block_where, problems);
  if (!block) return LineResult{};
  LineResult r = start_line(*block, line.where, true);
  const Quantities& q = line.quantities;
  if (!check_quantities(*block, q, LineKind::Offer, line.where, problems)) return r;
  note_provisional(r, block->provenance, [&] { return "block " + block->id; });
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
      step(r, "months counted", [&] {
        return std::string(months_text(counted) +
                           " ÷ 12 = " + amount_of(counted / Ratio(12), "years"));
      });
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

namespace {

/// Part of a line's period with one hours factor (hours may be reduced where another contract
/// already counted the candidate's hours).
struct Segment {
  Date from, to;
  Ratio factor;
};

/// Hours a candidate is counted for on a contract over a period.
struct Claim {
  Date from, to;
  Ratio hours;
  const std::string* contract;
};

/// Where a line's counting period is shared: per person (across contracts, by catalogue
/// target group) or per contract (by block).
std::string counting_key(const LineInput& in, const BuildingBlock& block) {
  if (in.region->counting_scope == CountingScope::PerContract)
    return in.contract->id + "\x1f" + block.id;
  return block.maps_to;
}

bool is_timed(Unit u) {
  return u == Unit::FulltimeYear || u == Unit::Month || u == Unit::LearningYear;
}

}  // namespace

std::vector<LineResult> value_realisations(const std::vector<LineInput>& in,
                                           const ValuationOptions& options,
                                           std::vector<Diagnostic>& problems) {
  std::vector<LineResult> results(in.size());
  std::vector<const BuildingBlock*> blocks(in.size(), nullptr);
  std::vector<std::vector<Segment>> segments(in.size());
  std::vector<Date> from(in.size()), to(in.size());

  // 1. Check each line; clip it to its contract (and the as-of date).
  std::vector<std::size_t> valid;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const RealisationLine& line = *in[i].line;
    const Region& region = *in[i].region;
    const Contract& contract = *in[i].contract;
    const BuildingBlock* block = find_block(region, line.block, line.block_where, problems);
    if (!block) continue;
    LineResult& r = results[i];
    r = start_line(*block, line.where, options.trace);
    r.naming = options.trace || options.notes;
    r.contract = contract.id;
    r.candidate = line.candidate;
    r.start = line.start;
    r.end = line.end;
    if (!check_quantities(*block, line.quantities, LineKind::Realisation, line.where, problems))
      continue;
    if (line.end < contract.start || line.start > contract.end) {
      problems.push_back({line.where, "line period " + line.start.iso() + " to " + line.end.iso() +
                                          " lies outside the contract period " +
                                          contract.start.iso() + " to " + contract.end.iso()});
      continue;
    }
    blocks[i] = block;
    from[i] = std::max(line.start, contract.start);
    to[i] = std::min(line.end, contract.end);
    if (options.as_of && *options.as_of < to[i]) to[i] = *options.as_of;
    valid.push_back(i);
  }

  // 2. Group by candidate: only a candidate's own lines interact.
  std::stable_sort(valid.begin(), valid.end(), [&](std::size_t a, std::size_t b) {
    return in[a].line->candidate < in[b].line->candidate;
  });
  for (std::size_t g = 0; g < valid.size();) {
    std::size_t h = g;
    while (h < valid.size() && in[valid[h]].line->candidate == in[valid[g]].line->candidate) ++h;
    std::vector<std::size_t> group(valid.begin() + static_cast<std::ptrdiff_t>(g),
                                   valid.begin() + static_cast<std::ptrdiff_t>(h));
    g = h;

    // 2a. Hours, in registration order: a later contract's line counts only the hours left
    // over by earlier contracts in the same weeks, up to the region's full-time hours.
    std::stable_sort(group.begin(), group.end(),
                     [&](std::size_t a, std::size_t b) { return in[a].seq < in[b].seq; });
    std::vector<Claim> claims;
    for (std::size_t i : group) {
      if (blocks[i]->unit != Unit::FulltimeYear || to[i] < from[i]) continue;
      const Region& region = *in[i].region;
      const Ratio& ft = region.fulltime_hours.value;
      Ratio hours = in[i].line->quantities.hours_per_week->value;
      std::vector<Date> cuts = {from[i], to[i].add_days(1)};
      for (const auto& c : claims)
        if (*c.contract != in[i].contract->id && c.from <= to[i] && from[i] <= c.to) {
          if (c.from > from[i]) cuts.push_back(c.from);
          if (c.to < to[i]) cuts.push_back(c.to.add_days(1));
        }
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        Date a = cuts[k], b = cuts[k + 1].add_days(-1);
        Ratio claimed(0);
        std::string by;
        for (const auto& c : claims)
          if (*c.contract != in[i].contract->id && c.from <= a && a <= c.to) {
            claimed += c.hours;
            if (by.find(*c.contract) == std::string::npos)
              by += (by.empty() ? "" : ", ") + *c.contract;
          }
        Ratio left = max(Ratio(0), ft - claimed);
        Ratio used = min(hours, left);
        if (used < hours) {
          ++results[i].reduced;
          if (options.trace || options.notes)
            results[i].reductions.push_back(
                in[i].line->candidate + " " + a.iso() + " to " + b.iso() + ": " +
                claimed.decimal() + " h/week already counted on contract " + by + "; " +
                used.decimal() + " of " + hours.decimal() + " h/week count");
        }
        segments[i].push_back({a, b, used});
        claims.push_back({a, b, used, &in[i].contract->id});
      }
    }

    // 2b. Counting periods, in time order: measured from the first start, consumed once.
    std::stable_sort(group.begin(), group.end(),
                     [&](std::size_t a, std::size_t b) { return from[a] < from[b]; });
    struct Usage {
      std::string key;
      Date first_start;
      Ratio consumed{0};
      std::string contracts;
    };
    std::vector<Usage> usage;
    for (std::size_t i : group) {
      const RealisationLine& line = *in[i].line;
      const Region& region = *in[i].region;
      const BuildingBlock& block = *blocks[i];
      LineResult& r = results[i];
      const Quantities& q = line.quantities;
      note_provisional(r, block.provenance, [&] { return "block " + block.id; });
      rate_step(block, r);
      if (from[i] != line.start)
        step(r, "period", [&] { return "counted from the contract start " + from[i].iso(); });
      if (to[i] != line.end)
        step(r, "period", [&] {
          return "stops at " +
                 std::string(options.as_of && to[i] == *options.as_of ? "the as-of date "
                                                                      : "the contract end ") +
                 to[i].iso();
        });
      if (!is_timed(block.unit)) {
        value_untimed(block, q, r);
        if (to[i] < from[i]) r.counting.counted = Ratio(0);  // after the as-of date
        finish(r);
        continue;
      }
      if (block.unit == Unit::FulltimeYear) {
        r.factors.rate = rate_with_bonuses(region, block, q, r, problems);
        r.hours_per_week = q.hours_per_week->value;
      } else {
        r.factors.rate = block.value;
      }
      Ratio months = months_between(from[i], to[i], region.time_basis);
      r.months_given = months;
      step(r, "months", [&] {
        return from[i].iso() + " to " + to[i].iso() + " = " + months_text(months) +
               (region.time_basis == TimeBasis::Days
                    ? " (days ÷ 365 × 12)"
                    : " (calendar months, partial months by days)");
      });
      std::string key = counting_key(in[i], block);
      auto use =
          std::find_if(usage.begin(), usage.end(), [&](const Usage& u) { return u.key == key; });
      if (use == usage.end()) use = usage.insert(usage.end(), Usage{key, line.start, Ratio(0), ""});
      Ratio allowed = months;
      if (block.counting_months) {
        Ratio cap(*block.counting_months);
        Ratio elapsed = months_between(use->first_start, from[i].add_days(-1), region.time_basis);
        // The period is a window from the first start: months already counted elsewhere in
        // the same weeks use the same window, not more of it.
        allowed = min(months, max(Ratio(0), cap - elapsed));
        if (allowed < months)
          step(r, "cap", [&] {
            return "counting period of " + std::to_string(*block.counting_months) +
                   " months from " + line.candidate + "'s first start in " + block.maps_to +
                   " on " + use->first_start.iso() + " (" + months_text(use->consumed) +
                   " already counted" +
                   (use->contracts.empty() ? "" : " on contract " + use->contracts) +
                   "): " + months_text(allowed) + " of " + months_text(months) + " count";
          });
      }
      // Walk the hour segments in time order until the allowed months are used.
      Ratio counted(0), weighted(0);
      if (block.unit == Unit::FulltimeYear) {
        apply_hours(region, q.hours_per_week->value, r);
        Ratio own = r.factors.hours_factor;
        const Ratio& ft = region.fulltime_hours.value;
        for (const auto& seg : segments[i]) {
          Ratio m = min(months_between(seg.from, seg.to, region.time_basis), allowed - counted);
          if (m <= Ratio(0)) break;
          counted += m;
          weighted += m * min(own, seg.factor / ft);
        }
        if (counted > Ratio(0)) r.factors.hours_factor = weighted / counted;
        for (const auto& note : r.reductions) step(r, "hours used", [&] { return note; });
        if (!r.reductions.empty())
          step(r, "hours factor",
               [&] { return "weighted over the counted months: " + r.factors.hours_factor.str(); });
      } else {
        counted = allowed;
      }
      if (counted > Ratio(0)) {
        if (use->contracts.find(r.contract) == std::string::npos)
          use->contracts += (use->contracts.empty() ? "" : ", ") + r.contract;
      }
      use->consumed += counted;
      r.counting.quantity = months;
      r.counting.counted = counted;
      if (counted < months) r.counting.cap = counted;
      if (block.unit == Unit::Month) {
        r.factors.periods_unit = "months";
      } else {
        r.counting.divisor = 12;
        r.factors.periods_unit = "years";
        step(r, "months counted", [&] {
          return months_text(counted) + " ÷ 12 = " + amount_of(counted / Ratio(12), "years");
        });
      }
      finish(r);
    }
  }
  return results;
}

std::vector<LineResult> value_realisation_lines(const Region& region, const Contract& contract,
                                                const std::vector<RealisationLine>& lines,
                                                std::vector<Diagnostic>& problems,
                                                const ValuationOptions& options) {
  std::vector<LineInput> in;
  in.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i)
    in.push_back({&lines[i], &region, &contract, static_cast<int64_t>(i)});
  return value_realisations(in, options, problems);
}

}  // namespace sroi
