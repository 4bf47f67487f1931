// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <vector>

#include "sroi/calc/assessment.hpp"

namespace sroi {

/// Realised value up to and including one calendar month.
struct MonthPoint {
  Date month;  ///< first day of the month
  Money cumulative;
};

/// Gathers realisation lines' values by the month of the contract they count in, as the lines
/// go by (a workbook gathers them while it writes the lines, without valuing them again). A
/// timed line's value accrues over its counted months (from its start, so a capped line stops
/// accruing at its cap), its running share rounded per month so that its parts add up to
/// exactly its value; any other line counts in the month its period ends.
class MonthProgress {
 public:
  MonthProgress(const Contract& contract, TimeBasis basis);
  void add(const LineResult& l);
  /// Cumulative value at the end of each calendar month of the contract; the last equals the
  /// total of the lines added.
  std::vector<MonthPoint> points() const;

 private:
  Contract contract_;
  TimeBasis basis_;
  std::vector<int64_t> added_;  ///< cents per contract month, from the start's month
};

/// Cumulative realised value per month of the contract (MonthProgress over every line). Offers
/// (no dates) give an empty list.
std::vector<MonthPoint> cumulative_by_month(const Assessment& a);

/// The lines' value expected by the contract end, on a straight line: what was realised up to
/// `as_of`, times the contract's months over the months elapsed. Nothing before the start;
/// what was realised once the contract has ended.
Money straight_line_forecast(Money realised, const Contract& contract, const Date& as_of,
                             TimeBasis basis);

}  // namespace sroi
