// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/progress.hpp"

#include <algorithm>

#include "sroi/calc/period.hpp"

namespace sroi {
namespace {

int month_index(const Date& start, const Date& d) {
  return (d.year - start.year) * 12 + (d.month - start.month);
}

bool timed(Unit u) {
  return u == Unit::FulltimeYear || u == Unit::Month || u == Unit::LearningYear;
}

}  // namespace

Money straight_line_forecast(Money realised, const Contract& c, const Date& as_of,
                             TimeBasis basis) {
  if (as_of >= c.end) return realised;
  if (as_of < c.start) return Money();
  Ratio elapsed = months_between(c.start, as_of, basis);
  Ratio total = months_between(c.start, c.end, basis);
  return elapsed > Ratio(0) ? scale(realised, total / elapsed) : Money();
}

int contract_months(const Contract& c) { return month_index(c.start, c.end) + 1; }

void add_by_month(const Contract& c, TimeBasis basis, const LineResult& l,
                  std::vector<int64_t>& added) {
  if (!l.start || l.value.is_zero()) return;
  Date from = std::max(*l.start, c.start), to = std::min(*l.end, c.end);
  if (!timed(l.unit)) {
    added[static_cast<std::size_t>(month_index(c.start, to))] += l.value.cents();
    return;
  }
  const Ratio& counted = l.counting.counted;
  Ratio taken(0);
  int64_t spread = 0;
  for (Date m{from.year, from.month, 1}; m <= to && taken < counted;) {
    Date m_end{m.year, m.month, days_in_month(m.year, m.month)};
    Ratio in_month = months_between(std::max(from, m), std::min(to, m_end), basis);
    taken = min(counted, taken + in_month);
    int64_t upto = scale(l.value, taken / counted).cents();
    added[static_cast<std::size_t>(month_index(c.start, m))] += upto - spread;
    spread = upto;
    m = m.month == 12 ? Date{m.year + 1, 1, 1} : Date{m.year, m.month + 1, 1};
  }
}

std::vector<MonthPoint> cumulative_by_month(const Assessment& a) {
  if (a.kind != Assessment::Kind::Realisation) return {};
  const Contract& c = a.contract;
  int months = contract_months(c);
  // Cents added in each month: gathered when the lines were counted, or else from the lines.
  std::vector<int64_t> added = a.month_cents;
  if (added.size() != static_cast<std::size_t>(months)) {
    added.assign(static_cast<std::size_t>(months), 0);
    each_line(a, Detail::Figures, [&](std::size_t, const LineResult& l) {
      add_by_month(c, a.region->time_basis, l, added);
    });
  }
  std::vector<MonthPoint> out;
  Money running;
  for (int i = 0; i < months; ++i) {
    running += Money::cents(added[static_cast<std::size_t>(i)]);
    int y = c.start.year + (c.start.month - 1 + i) / 12;
    int m = (c.start.month - 1 + i) % 12 + 1;
    out.push_back({Date{y, m, 1}, running});
  }
  return out;
}

}  // namespace sroi
