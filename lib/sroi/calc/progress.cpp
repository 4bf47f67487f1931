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

MonthProgress::MonthProgress(const Contract& contract, TimeBasis basis)
    : contract_(contract),
      basis_(basis),
      added_(static_cast<std::size_t>(month_index(contract.start, contract.end) + 1), 0) {}

void MonthProgress::add(const LineResult& l) {
  const Contract& c = contract_;
  if (!l.start || l.value.is_zero()) return;
  Date from = std::max(*l.start, c.start), to = std::min(*l.end, c.end);
  if (!timed(l.unit)) {
    added_[static_cast<std::size_t>(month_index(c.start, to))] += l.value.cents();
    return;
  }
  const Ratio& counted = l.counting.counted;
  Ratio taken(0);
  int64_t spread = 0;
  for (Date m{from.year, from.month, 1}; m <= to && taken < counted;) {
    Date m_end{m.year, m.month, days_in_month(m.year, m.month)};
    Ratio in_month = months_between(std::max(from, m), std::min(to, m_end), basis_);
    taken = min(counted, taken + in_month);
    int64_t upto = scale(l.value, taken / counted).cents();
    added_[static_cast<std::size_t>(month_index(c.start, m))] += upto - spread;
    spread = upto;
    m = m.month == 12 ? Date{m.year + 1, 1, 1} : Date{m.year, m.month + 1, 1};
  }
}

std::vector<MonthPoint> MonthProgress::points() const {
  std::vector<MonthPoint> out;
  Money running;
  const Date& start = contract_.start;
  for (std::size_t i = 0; i < added_.size(); ++i) {
    running += Money::cents(added_[i]);
    int k = start.month - 1 + static_cast<int>(i);
    out.push_back({Date{start.year + k / 12, k % 12 + 1, 1}, running});
  }
  return out;
}

std::vector<MonthPoint> cumulative_by_month(const Assessment& a) {
  if (a.kind != Assessment::Kind::Realisation) return {};
  MonthProgress progress(a.contract, a.region->time_basis);
  each_line(a, Detail::Figures, [&](std::size_t, const LineResult& l) { progress.add(l); });
  return progress.points();
}

}  // namespace sroi
