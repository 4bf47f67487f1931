// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sroi/calc/line_value.hpp"
#include "sroi/calc/obligation.hpp"

namespace sroi {

/// An offer or a realisation valued against a region's obligation.
struct Assessment {
  enum class Kind { Offer, Realisation } kind = Kind::Offer;
  const Region* region = nullptr;
  std::string supplier;
  Contract contract;
  PsoCertificates pso;
  ObligationResult obligation;
  std::vector<LineResult> lines;  ///< in input order
  Money lines_total;              ///< sum of the rounded lines
  Money total;                    ///< lines plus a PSO fulfilment, if any
  Money surplus;
  Money shortfall;
  Money penalty;
  Trace penalty_trace;
  bool provisional = false;
  std::vector<std::string> provisional_values;  ///< each value that was provisional, once
  std::vector<std::string> warnings;
  /// Realisation only: the input lines (the caller keeps them alive), so that a report can
  /// rebuild the traces one candidate at a time when the assessment was made without them.
  const std::vector<RealisationLine>* inputs = nullptr;
  bool traced = true;  ///< each line carries its trace
};

/// The penalty rule that applies: the contract's own clause, else the region's.
const PenaltyRule& penalty_rule(const Region& region, const Contract& contract);

/// The penalty a region's rule sets for a shortfall: none without one, else the factor times
/// the shortfall or times the obligation.
Money penalty_for(const PenaltyRule& rule, Money obligation, Money shortfall);

/// Values an offer. Throws DataError listing every bad line.
Assessment assess_offer(const Region& region, const Offer& offer);
/// Values a realisation. Throws DataError listing every bad line. Without `trace` the lines
/// carry no trace (much less memory for large files); see trace_by_candidate.
Assessment assess_realisation(const Region& region, const Realisation& realisation,
                              bool trace = true);

/// Calls `fn(index, line)` for every line of a realisation assessment with its trace, one
/// candidate's lines at a time (candidates in order, lines in input order within each): the
/// traces are rebuilt per candidate and dropped after, so memory stays that of one candidate.
void trace_by_candidate(const Assessment& a,
                        const std::function<void(std::size_t, const LineResult&)>& fn);

}  // namespace sroi
