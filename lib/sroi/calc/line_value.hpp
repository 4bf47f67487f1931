// SPDX-License-Identifier: EUPL-1.2
// Line values (REFERENCE.md §6). Every unit reduces to one formula so that a spreadsheet can
// recompute any line the same way:
//     value = round(rate × persons × hours_factor × periods)
//   fulltime-year  rate = yearly value + bonuses, hours_factor = h/week ÷ full-time (≤ 1),
//                  periods = counted months ÷ 12
//   month          rate = value per month, periods = counted months
//   learning-year  rate = value per learning-work year, periods = counted years
//   invoice        rate = invoice amount excl. VAT, periods = block percentage ÷ 100
//   hour           rate = value per hour, periods = hours
//   activity       rate = value per activity, periods = number of activities
//   actual-cost    rate = the cost, periods = 1
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sroi/calc/trace.hpp"
#include "sroi/error.hpp"
#include "sroi/model/contract.hpp"
#include "sroi/model/enum_ids.hpp"
#include "sroi/model/region.hpp"

namespace sroi {

/// What a line's periods count: years or months of work, hours, activities, or a share of an
/// amount (invoice, cost).
enum class Periods { Years, Months, Hours, Activities, Share };

template <>
struct EnumIds<Periods> {
  /// A periods unit's id in JSON.
  static constexpr std::pair<Periods, const char*> table[] = {{Periods::Years, "years"},
                                                              {Periods::Months, "months"},
                                                              {Periods::Hours, "hours"},
                                                              {Periods::Activities, "activities"},
                                                              {Periods::Share, "share"}};
};

/// The id of a periods unit in JSON: "years", "months", "hours", "activities", "share".
const char* periods_id(Periods p);

struct LineFactors {
  Money rate;
  int64_t persons = 1;
  Ratio hours_factor{1};
  Ratio periods{1};
  Periods periods_unit = Periods::Years;
};

/// How a line's quantity became its counted periods (what a spreadsheet shows per line):
/// counted = min(quantity, cap, contract_limit); periods = counted ÷ divisor.
struct Counting {
  Ratio quantity{1};                    ///< as given: months, years, hours, count, percent
  std::optional<Ratio> cap;             ///< counting-period limit, in the quantity's measure
  std::optional<Ratio> contract_limit;  ///< contract duration, in the quantity's measure
  Ratio counted{1};
  int64_t divisor = 1;  ///< 12 for months → years, 100 for percent → share
};

struct LineResult {
  std::string block;
  std::string block_name;
  Unit unit = Unit::FulltimeYear;
  std::string contract;            ///< realisation lines: the contract id
  std::string candidate;           ///< realisation lines only
  std::optional<Date> start, end;  ///< realisation lines only, as given
  std::optional<Ratio> hours_per_week;
  std::optional<Ratio> months_given;  ///< offer months, or months between the dates
  std::optional<Money> amount;
  std::optional<int64_t> days;       ///< an actual cost with a maximum per day: its days
  std::vector<std::string> bonuses;  ///< ids, included in factors.rate
  LineFactors factors;
  Counting counting;
  /// Hours factor × periods, exact, where the hours were shared (the factor alone is then a
  /// weighted mean that may be shown rounded).
  std::optional<Ratio> hours_periods;
  Ratio exact_cents{0};
  Money value;
  std::optional<Message> zero_reason;   ///< set when a rule made the line worth nothing
  std::optional<Message> duplicate_of;  ///< where the line this one repeats was written
  std::vector<Message> reductions;      ///< how the candidate's week was shared
  int reduced = 0;                      ///< stretches of time whose hours were reduced
  std::vector<Message> warnings;        ///< dates outside the contract, duplicates, prior work
  bool provisional = false;
  std::vector<Message> provisional_values;
  bool tracing = true;  ///< false: skip building the trace (bulk status over a register)
  bool naming = true;   ///< name the provisional values used (also without a trace)
  Trace trace;
  SourceLocation where;
};

/// Values one offer line; problems are appended to `problems` (the result is then partial).
/// Without `trace`, the steps and the provisional values' names are not built (a register's
/// status needs the value only).
LineResult value_offer_line(const Region& region, const Contract& contract, const OfferLine& line,
                            std::vector<Diagnostic>& problems, bool trace = true);

/// A realisation line in its context: the region and contract it belongs to, and its place in
/// the order of registration (which of two duplicate lines counts).
struct LineInput {
  const RealisationLine* line;
  const Region* region;
  const Contract* contract;
  int64_t seq;
};

struct ValuationOptions {
  bool trace = true;
  bool notes = true;  ///< describe hours reductions and name provisional values
                      ///< (also when not tracing)
  /// With notes: also describe how each week was shared (not needed where the traces are
  /// rebuilt later, one candidate at a time).
  bool sharing_notes = true;
  std::optional<Date> as_of;  ///< count only up to this date
  /// Only the figures are read (value, provisional, reduced, reductions): no ids, names or
  /// locations are copied into the results (register-wide status).
  bool figures_only = false;
};

/// Values realisation lines of any number of contracts, in input order (REFERENCE.md §6). Per
/// candidate: an exact duplicate line counts once; concurrent employment lines (of any
/// contract) add their hours and count at most one full-time week, shared in proportion to
/// their hours, and the minimum hours are tested on that sum; a block's counting period is a
/// window from the candidate's first start — across contracts by catalogue target group
/// (region counting_scope "per-person", the default) or per contract. Amounts that are not
/// time count when their date (the line's end) lies in the contract.
std::vector<LineResult> value_realisations(const std::vector<LineInput>& lines,
                                           const ValuationOptions& options,
                                           std::vector<Diagnostic>& problems);

/// Values the lines of one contract a few candidates at a time: whole candidates, at least
/// `min_lines` lines per chunk (1: one candidate at a time). A candidate's lines are valued
/// together and with nothing else, so each chunk gives the values the whole file would;
/// `fn(indices, results)` receives each chunk's line indices and their results, which are
/// dropped after, so memory stays that of a chunk. Candidates come in the order of their first
/// line, each candidate's lines in input order: a file grouped by candidate keeps its order.
void value_by_candidate(
    const Region& region, const Contract& contract, const std::vector<RealisationLine>& lines,
    const ValuationOptions& options, std::size_t min_lines, std::vector<Diagnostic>& problems,
    const std::function<void(const std::vector<std::size_t>&, std::vector<LineResult>&)>& fn);

/// Values realisation lines in input order; lines of the same candidate and block share one
/// counting period, measured from the candidate's first start in that block.
std::vector<LineResult> value_realisation_lines(const Region& region, const Contract& contract,
                                                const std::vector<RealisationLine>& lines,
                                                std::vector<Diagnostic>& problems,
                                                const ValuationOptions& options = {});

}  // namespace sroi
