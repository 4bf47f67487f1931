// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/period.hpp"

#include <algorithm>

namespace sroi {

long days_between(const Date& start, const Date& end) {
  if (end < start) return 0;
  return end.days_since_epoch() - start.days_since_epoch() + 1;
}

Ratio months_between(const Date& start, const Date& end, TimeBasis basis) {
  if (end < start) return Ratio(0);
  if (basis == TimeBasis::Days) return Ratio(days_between(start, end) * 12, 365);
  Ratio total(0);
  int y = start.year, m = start.month;
  while (Date{y, m, 1} <= end) {
    int dim = days_in_month(y, m);
    Date from = std::max(start, Date{y, m, 1});
    Date to = std::min(end, Date{y, m, dim});
    long days = days_between(from, to);
    total += days == dim ? Ratio(1) : Ratio(days, dim);
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  return total;
}

}  // namespace sroi
