// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/period.hpp"

namespace sroi {

long days_between(const Date& start, const Date& end) {
  if (end < start) return 0;
  return end.days_since_epoch() - start.days_since_epoch() + 1;
}

Ratio months_between(const Date& start, const Date& end, TimeBasis basis) {
  if (end < start) return Ratio(0);
  if (basis == TimeBasis::Days) return Ratio(days_between(start, end) * 12, 365);
  int start_dim = days_in_month(start.year, start.month);
  if (start.year == end.year && start.month == end.month) {
    long days = end.day - start.day + 1;
    return days == start_dim ? Ratio(1) : Ratio(days, start_dim);
  }
  // A partial first month, whole months in between, a partial last month.
  int end_dim = days_in_month(end.year, end.month);
  long between = (end.year - start.year) * 12L + (end.month - start.month) - 1;
  Ratio first = start.day == 1 ? Ratio(1) : Ratio(start_dim - start.day + 1, start_dim);
  Ratio last = end.day == end_dim ? Ratio(1) : Ratio(end.day, end_dim);
  return Ratio(between) + first + last;
}

}  // namespace sroi
