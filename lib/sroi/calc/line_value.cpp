// SPDX-License-Identifier: EUPL-1.2
// Offer lines: what an offered placement or amount is worth (REFERENCE.md §6).
#include "sroi/calc/line_value.hpp"

#include "sroi/calc/line_steps.hpp"
#include "sroi/calc/period.hpp"
#include "sroi/msg/calc.hpp"
#include "sroi/msg/provisional.hpp"

namespace sroi {

using namespace detail;

namespace {

/// Caps offered time (in months) at the counting period and the contract duration.
Ratio cap_offered_months(const BuildingBlock& block, const Ratio& given,
                         const Ratio& contract_months, LineResult& r) {
  if (block.counting_months) r.counting.cap = Ratio(*block.counting_months);
  r.counting.contract_limit = contract_months;
  Ratio counted = given;
  if (block.counting_months && counted > Ratio(*block.counting_months)) {
    counted = Ratio(*block.counting_months);
    step(r, Msg::StepCap, [&] {
      return msg(Msg::CountingPeriodCaps, int64_t{*block.counting_months}, months(given),
                 months(counted));
    });
  }
  if (counted > contract_months) {
    step(r, Msg::StepCap,
         [&] { return msg(Msg::ContractStopsTime, months(contract_months), months(counted)); });
    counted = contract_months;
  }
  return counted;
}

}  // namespace

const char* periods_id(Periods p) { return id_of(p); }

LineResult value_offer_line(const Region& region, const Contract& contract, const OfferLine& line,
                            std::vector<Diagnostic>& problems, bool trace) {
  const BuildingBlock* block = find_block(region, line.block, line.block_at, line.where, problems);
  if (!block) return LineResult{};
  LineResult r = start_line(*block, line.where, trace);
  r.naming = trace;
  const Quantities& q = line.quantities;
  if (!check_quantities(*block, q, LineKind::Offer, line.where, r, problems)) return r;
  note_provisional(r, block->provenance,
                   [&] { return msg(Msg::ProvisionalBlock, as_is(block->name)); });
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
      r.factors.periods_unit = Periods::Years;
      step(r, Msg::StepMonthsCounted, [&] {
        return msg(Msg::MonthsToYears, months(counted),
                   Amount{counted / Ratio(12), Counted::Years});
      });
      apply_hours(region, q.hours_per_week->value, r);
      break;
    }
    case Unit::Month: {
      r.factors.rate = block->value;
      r.months_given = q.months->value;
      r.counting.quantity = q.months->value;
      r.counting.counted = cap_offered_months(*block, q.months->value, contract_months, r);
      r.factors.periods_unit = Periods::Months;
      break;
    }
    case Unit::LearningYear: {
      r.factors.rate = block->value;
      // Counted in months like the other time units, shown in years as the table prices them.
      Ratio in_months = q.years->value * Ratio(12);
      Ratio counted = cap_offered_months(*block, in_months, contract_months, r);
      r.counting.quantity = q.years->value;
      r.counting.counted = counted / Ratio(12);
      if (r.counting.cap) r.counting.cap = *r.counting.cap / Ratio(12);
      r.counting.contract_limit = *r.counting.contract_limit / Ratio(12);
      r.factors.periods_unit = Periods::Years;
      break;
    }
    default:
      value_untimed(*block, q, r);
  }
  finish(r);
  return r;
}

}  // namespace sroi
