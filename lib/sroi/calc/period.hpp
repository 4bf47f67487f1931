// SPDX-License-Identifier: EUPL-1.2
// Dates become months (REFERENCE.md §6): whole calendar months count 1 each, a partial month
// counts its days ÷ the days in that month; a region on a day basis counts days ÷ 365 × 12.
#pragma once

#include "sroi/model/date.hpp"
#include "sroi/model/ratio.hpp"
#include "sroi/model/region.hpp"

namespace sroi {

/// Months from `start` to `end`, both days included; 0 when end < start.
Ratio months_between(const Date& start, const Date& end, TimeBasis basis);

/// Days from `start` to `end`, both included; 0 when end < start.
long days_between(const Date& start, const Date& end);

}  // namespace sroi
