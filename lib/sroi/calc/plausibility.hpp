// SPDX-License-Identifier: EUPL-1.2
// Whether an offer can be delivered as written: facts a buyer checks before trusting its value.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "sroi/calc/line_value.hpp"
#include "sroi/calc/obligation.hpp"
#include "sroi/model/enum_ids.hpp"

namespace sroi {

/// What a plausibility signal is about; each has a stable id (plausibility_id) for JSON and
/// workbooks, and a sentence in the catalogue.
enum class Plausibility {
  CountsShorter,    ///< offered longer than the block's counting period or the contract
  AboveFulltime,    ///< hours per week above the region's full time
  MorePersons,      ///< more persons than the supplier's stated workforce (employees = N)
  ProvisionalLine,  ///< the line's value rests on a provisional (unpublished) value
  NoEmployment,     ///< the obligation is met only through blocks that are not employment
  PsoNotCovering,   ///< a PSO certificate is named that does not cover the contract
};

template <>
struct EnumIds<Plausibility> {
  /// A signal's id in output.
  static constexpr std::pair<Plausibility, const char*> table[] = {
      {Plausibility::CountsShorter, "counts-shorter"},
      {Plausibility::AboveFulltime, "above-fulltime"},
      {Plausibility::MorePersons, "more-persons"},
      {Plausibility::ProvisionalLine, "provisional-line"},
      {Plausibility::NoEmployment, "no-employment"},
      {Plausibility::PsoNotCovering, "pso-not-covering"}};
};

/// "counts-shorter", "above-fulltime", "more-persons", "provisional-line", "no-employment",
/// "pso-not-covering".
const char* plausibility_id(Plausibility p);

/// What a signal is about, in a few words for a column ("telt korter", "voorlopige waarde").
MsgId plausibility_name(Plausibility p);

/// One signal: which check, the line it concerns (0-based place in the offer; none for the
/// offer as a whole), where that line was written, and the plain explanation.
struct Signal {
  Plausibility kind = Plausibility::CountsShorter;
  std::optional<std::size_t> line;
  SourceLocation where;
  Message explanation;
};

/// How many signals are red flags: all but the notices that a line rests on a provisional
/// value (a bid's provisional mark already says that).
std::size_t red_flags(const std::vector<Signal>& signals);

/// True for a block that employs a person: full-time years and learning-work years (BBL).
bool employment_unit(Unit unit);

/// The signals of an offer's valued lines against its obligation, lines in order, then the
/// offer as a whole. `employees` is the supplier's stated workforce, when the offer gives one.
/// `fulltime_hours` is the region's full-time week.
std::vector<Signal> check_plausibility(const std::vector<LineResult>& lines,
                                       const ObligationResult& obligation, Money total,
                                       bool pso_named, const Ratio& fulltime_hours,
                                       std::optional<int64_t> employees);

}  // namespace sroi
