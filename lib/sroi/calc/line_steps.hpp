// SPDX-License-Identifier: EUPL-1.2
// Internal to calc (not part of the public API): the steps every line's value is made of, shared
// by offer lines (line_value.cpp) and realisation lines (realisation_value.cpp).
#pragma once

#include <string>
#include <vector>

#include "sroi/calc/line_value.hpp"

namespace sroi::detail {

enum class LineKind { Offer, Realisation };

/// Reports each quantity the unit needs but the line lacks (a problem: false); each it carries
/// but never uses is a warning on the line (`r`), since it changes nothing.
bool check_quantities(const BuildingBlock& block, const Quantities& q, LineKind kind,
                      const SourceLocation& line_where, LineResult& r,
                      std::vector<Diagnostic>& problems);

/// Adds a trace step; the detail is only built when the line is traced.
template <typename Detail>
void step(LineResult& r, MsgId name, Detail&& detail) {
  if (r.tracing) r.trace.push_back({name, detail()});
}

/// Marks the line provisional when `p` is; names the value only when the line is traced.
template <typename What>
void note_provisional(LineResult& r, const Provenance& p, What&& what) {
  if (!p.provisional()) return;
  r.provisional = true;
  if (r.naming) r.provisional_values.push_back(provisional_value(what(), p));
}

inline Amount months(const Ratio& m) { return Amount{m, Counted::Months}; }
inline Decimal dec(const Ratio& r) { return Decimal{r, 4}; }

/// Rate of a line: the block value plus, for employment, its bonuses. Bonuses of one group
/// exclude each other: only the highest of them applies (REFERENCE.md §6).
Money rate_with_bonuses(const Region& region, const BuildingBlock& block, const Quantities& q,
                        LineResult& r, std::vector<Diagnostic>& problems);

/// Notes the region's full-time hours where they are provisional.
void note_fulltime_hours(const Region& region, LineResult& r);
/// Notes the region's minimum hours where they are provisional.
void note_minimum_hours(const Region& region, LineResult& r);
/// "30 h/week ÷ 36 h full-time = 5/6", or capped at 1.
Message hours_factor_step(const Ratio& hours, const Ratio& ft);
/// Sets the hours factor of an employment line: 0 below the region's minimum hours.
void apply_hours(const Region& region, const Ratio& hours, LineResult& r);

/// The unit a line's periods are counted in.
Counted counted_of(Periods p);
struct ExactSum;
/// value = round(rate × persons × hours factor × periods), once, with its trace step. `wide`,
/// where given, is the line's Σ months × factor beyond 64-bit fractions: value = round(rate ×
/// persons × wide ÷ divisor) instead.
void finish(LineResult& r, const ExactSum* wide = nullptr);

/// Σ months × factor of a line's stretches, exact in arbitrary precision: for the rare line
/// whose shared weeks outgrow 64-bit fractions.
struct ExactSum {
  std::vector<std::pair<Ratio, Ratio>> parts;  ///< (months, factor)
  Ratio shown;                                 ///< the sum rounded to 12 decimals, for showing only
  /// round(base × sum × by), half away from zero, once.
  Money scale(Money base, const Ratio& by) const;
};
ExactSum exact_sum(const std::vector<std::pair<Ratio, Ratio>>& parts);

/// A line's result before any value: block, unit, place.
LineResult start_line(const BuildingBlock& block, const SourceLocation& where, bool tracing,
                      bool figures_only = false);
/// The trace step that names the block's rate.
void rate_step(const BuildingBlock& block, LineResult& r);
/// The block of `id`, or a problem naming the blocks there are, located at `at` on the row
/// `line` (the location is made only then: every line valued asks).
const BuildingBlock* find_block(const Region& region, const std::string& id, const Spot& at,
                                const SourceLocation& line, std::vector<Diagnostic>& problems);
/// Units whose value needs no time: the quantity given is the period count.
void value_untimed(const BuildingBlock& block, const Quantities& q, LineResult& r);

}  // namespace sroi::detail
