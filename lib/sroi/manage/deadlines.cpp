// SPDX-License-Identifier: EUPL-1.2
#include "sroi/manage/deadlines.hpp"

#include <algorithm>

namespace sroi::manage {

ReportingTerms reporting_terms(const Contract& contract, const Region* region) {
  ReportingTerms t;
  if (region && region->reporting) {
    t.every = region->reporting->every;
    t.grace_days = region->reporting->grace_days;
    t.every_from = t.grace_from = TermsFrom::Region;
  }
  if (contract.report_every) {
    t.every = *contract.report_every;
    t.every_from = TermsFrom::Contract;
  }
  if (contract.grace_days) {
    t.grace_days = *contract.grace_days;
    t.grace_from = TermsFrom::Contract;
  }
  return t;
}

namespace {

int months_of(ReportEvery every) {
  switch (every) {
    case ReportEvery::Quarter:
      return 3;
    case ReportEvery::HalfYear:
      return 6;
    case ReportEvery::Year:
      break;
  }
  return 12;
}

}  // namespace

std::string period_id(const ReportPeriod& p) {
  std::string year = std::to_string(p.year);
  if (p.every == ReportEvery::Quarter) return year + "-Q" + std::to_string(p.number);
  if (p.every == ReportEvery::HalfYear) return year + "-H" + std::to_string(p.number);
  return year;
}

std::vector<ReportPeriod> report_periods(const Contract& contract, const ReportingTerms& terms) {
  std::vector<ReportPeriod> out;
  const int months = months_of(terms.every);
  // The calendar period holding the start: its first month is a multiple of `months` from
  // January.
  Date from{contract.start.year, (contract.start.month - 1) / months * months + 1, 1};
  while (from <= contract.end) {
    Date next = from.add_months(months);
    ReportPeriod p;
    p.every = terms.every;
    p.year = from.year;
    p.number = (from.month - 1) / months + 1;
    p.first = std::max(from, contract.start);
    p.last = std::min(next.add_days(-1), contract.end);
    p.deadline = p.last.add_days(terms.grace_days);
    out.push_back(p);
    from = next;
  }
  return out;
}

std::vector<PeriodReport> assess_reports(const std::vector<ReportPeriod>& periods,
                                         const std::vector<Date>& hand_ins, const Date& as_of) {
  std::vector<Date> days;
  for (const Date& d : hand_ins)
    if (d <= as_of) days.push_back(d);
  std::sort(days.begin(), days.end());
  std::vector<PeriodReport> out;
  for (const ReportPeriod& p : periods) {
    PeriodReport r{p, ReportState::Upcoming, std::nullopt};
    // The first hand-in on or after the period's last day reports it.
    auto first = std::lower_bound(days.begin(), days.end(), p.last);
    if (first != days.end()) {
      r.handed_in = *first;
      r.state = *first <= p.deadline ? ReportState::HandedIn : ReportState::HandedInLate;
    } else if (as_of < p.first) {
      r.state = ReportState::Upcoming;
    } else if (as_of <= p.last) {
      r.state = ReportState::Running;
    } else {
      r.state = as_of > p.deadline ? ReportState::Overdue : ReportState::Open;
    }
    out.push_back(r);
  }
  return out;
}

const PeriodReport* next_report(const std::vector<PeriodReport>& reports) {
  for (const auto& r : reports)
    if (r.state == ReportState::Open || r.state == ReportState::Running) return &r;
  for (const auto& r : reports)
    if (r.state == ReportState::Upcoming) return &r;
  return nullptr;
}

}  // namespace sroi::manage
