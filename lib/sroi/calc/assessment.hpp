// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sroi/calc/line_value.hpp"
#include "sroi/calc/obligation.hpp"
#include "sroi/calc/plausibility.hpp"

namespace sroi {

/// An offer or a realisation valued against a region's obligation.
struct Assessment {
  enum class Kind { Offer, Realisation } kind = Kind::Offer;
  const Region* region = nullptr;
  std::string supplier;
  std::string buyer;          ///< the public body, where the file names it
  std::optional<Date> as_of;  ///< a realisation counted up to this date (else in full)
  Contract contract;
  PsoCertificates pso;
  ObligationResult obligation;
  /// In input order: an offer's lines, or a realisation's when assessed with KeepLines::Yes.
  /// Otherwise empty: each_line rebuilds them one candidate at a time.
  std::vector<LineResult> lines;
  std::size_t line_count = 0;      ///< lines valued (also when `lines` is empty)
  bool lines_provisional = false;  ///< some line rests on a provisional value
  Money lines_total;               ///< sum of the rounded lines
  /// Realisation counted up to `as_of`: the lines that start after it (they count nothing
  /// yet, which a person should be told rather than left to wonder at € 0,00).
  std::size_t lines_later = 0;
  Money total;  ///< lines plus a PSO fulfilment, if any
  Money surplus;
  Money shortfall;
  Money penalty;
  Trace penalty_trace;
  bool provisional = false;
  std::vector<Message> provisional_values;  ///< each value that was provisional, once
  std::vector<Message> warnings;
  /// Offer only: whether it can be delivered as written (lines in order, then the offer).
  std::vector<Signal> signals;
  std::optional<int64_t> employees;  ///< the supplier's stated workforce, when given
  /// Realisation only: the input lines (the caller keeps them alive), so that each_line can
  /// rebuild the results one candidate at a time when the assessment did not keep them.
  const std::vector<RealisationLine>* inputs = nullptr;
};

/// What is realised (or offered) against the obligation: one of the two is zero.
struct Balance {
  Money surplus;    ///< realised − obligation, when positive
  Money shortfall;  ///< obligation − realised, when positive
};
Balance balance(Money realised, Money obligation);

/// The penalty rule that applies: the contract's own clause, else the region's.
const PenaltyRule& penalty_rule(const Region& region, const Contract& contract);

/// The penalty a region's rule sets for a shortfall: none without one, else the factor times
/// the shortfall or times the obligation.
Money penalty_for(const PenaltyRule& rule, Money obligation, Money shortfall);

/// Values an offer. Throws DataError listing every bad line.
Assessment assess_offer(const Region& region, const Offer& offer);
/// Values a realisation. Throws DataError listing every bad line. With KeepLines::Yes every
/// line is kept with its trace in `lines`; without, only the totals, warnings and provisional
/// values are kept (memory of the input lines and one candidate), and each_line rebuilds the
/// lines when they are shown.
/// What an assessment keeps of its lines: every line with its trace, or only the totals.
enum class KeepLines { Yes, No };

/// Sees a realisation's lines as they are valued, so that what shows them (a workbook) needs
/// no valuation of its own.
class LineVisitor {
 public:
  virtual ~LineVisitor() = default;
  /// Before the first line: the assessment with its contract and obligation (no line totals
  /// yet), and how many lines follow.
  virtual void begin(const Assessment& head, std::size_t lines) = 0;
  /// Each line with its trace (Detail::Steps), in the order each_line gives them.
  virtual void line(std::size_t index, const LineResult& l) = 0;
};

/// With `as_of`, lines count only up to that date (the realisation so far). With a `visitor`,
/// it sees every line as it is valued.
Assessment assess_realisation(const Region& region, const Realisation& realisation,
                              KeepLines keep = KeepLines::Yes,
                              std::optional<Date> as_of = std::nullopt,
                              LineVisitor* visitor = nullptr);

/// Calls `fn(index, line)` for every line of an assessment; `index` is the line's place in the
/// input (0-based). Kept lines come in input order. A realisation assessed without keeping its
/// lines is valued again one candidate at a time (candidates in the order of their first line,
/// lines in input order within each: a file grouped by candidate keeps its order), with traces
/// for Detail::Steps; each candidate's results are dropped after `fn` has seen them, so memory
/// stays that of one candidate.
void each_line(const Assessment& a, Detail detail,
               const std::function<void(std::size_t, const LineResult&)>& fn);

}  // namespace sroi
