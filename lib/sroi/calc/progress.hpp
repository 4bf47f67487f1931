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

/// Cumulative realised value per month of the contract. A timed line's value accrues over its
/// counted months (from its start, so a capped line stops accruing at its cap); any other line
/// counts in the month its period ends. Each point is rounded once, so the last equals the
/// total of the lines. Offers (no dates) give an empty list.
std::vector<MonthPoint> cumulative_by_month(const Assessment& a);

/// Adds a realisation line's value to the months of the contract it counts in (`added` has
/// one entry per contract month, from the start's month): a timed line spread by its counted
/// months, its running share rounded per month so that its parts add up to exactly its value;
/// another in the month its period ends.
void add_by_month(const Contract& c, TimeBasis basis, const LineResult& l,
                  std::vector<int64_t>& added);

/// The number of calendar months the contract touches.
int contract_months(const Contract& c);

/// The lines' value expected by the contract end, on a straight line: what was realised up to
/// `as_of`, times the contract's months over the months elapsed. Nothing before the start;
/// what was realised once the contract has ended.
Money straight_line_forecast(Money realised, const Contract& contract, const Date& as_of,
                             TimeBasis basis);

}  // namespace sroi
