// SPDX-License-Identifier: EUPL-1.2
// Contract management: when a supplier reports. A contract reports per calendar quarter,
// half-year or year (its own rhythm, else its region's, else quarterly) and each period's report
// is due a number of days of grace after the period ends (the contract's, else the region's,
// else 30). A hand-in is an import of the contract's realisation that was not taken out; it is
// the report of every period that ended on or before its day (the register holds the complete
// current list, so a late hand-in reports the periods it missed too).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sroi/model/contract.hpp"
#include "sroi/model/region.hpp"

namespace sroi::manage {

/// Where a contract's reporting terms come from.
enum class TermsFrom { Contract, Region, Convention };

struct ReportingTerms {
  ReportEvery every = ReportEvery::Quarter;
  int grace_days = 30;
  TermsFrom every_from = TermsFrom::Convention;
  TermsFrom grace_from = TermsFrom::Convention;
};

/// The contract's own terms, else its region's, else quarterly with 30 days of grace.
ReportingTerms reporting_terms(const Contract& contract, const Region* region);

/// One reporting period of a contract: a calendar quarter, half-year or year, cut to the
/// contract's term. `number` counts within the year (quarter 1–4, half-year 1–2, year 1).
struct ReportPeriod {
  ReportEvery every = ReportEvery::Quarter;
  int year = 0;
  int number = 1;
  Date first, last;  ///< inclusive, within the contract's term
  Date deadline;     ///< last + the days of grace
};

/// The period's stable id for scripts and keys: "2027-Q2", "2027-H1", "2027".
std::string period_id(const ReportPeriod& p);

/// The periods of a contract's term, oldest first.
std::vector<ReportPeriod> report_periods(const Contract& contract, const ReportingTerms& terms);

enum class ReportState {
  Upcoming,      ///< the period has not begun
  Running,       ///< the period runs on the day looked from
  Open,          ///< ended, not reported, the deadline not yet passed
  Overdue,       ///< ended, not reported, the deadline passed
  HandedIn,      ///< reported by the deadline
  HandedInLate,  ///< reported after the deadline
};

struct PeriodReport {
  ReportPeriod period;
  ReportState state = ReportState::Upcoming;
  std::optional<Date> handed_in;  ///< the day of the hand-in that reported it
};

/// Each period's state on `as_of`, given the days of the contract's hand-ins (any order). A
/// hand-in after `as_of` is not seen.
std::vector<PeriodReport> assess_reports(const std::vector<ReportPeriod>& periods,
                                         const std::vector<Date>& hand_ins, const Date& as_of);

/// The report to be handed in next: the oldest period still open or running (else the first
/// upcoming one); none when every period of the term is reported or overdue.
const PeriodReport* next_report(const std::vector<PeriodReport>& reports);

}  // namespace sroi::manage
