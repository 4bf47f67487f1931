// SPDX-License-Identifier: EUPL-1.2
// What is due: per contract of the register, its reporting terms, each period's report on a
// day (handed in, open, overdue) and whether the contract is at risk (`sroi due`, the portal's
// dashboards).
#pragma once

#include <vector>

#include "sroi/manage/deadlines.hpp"
#include "sroi/portfolio/portfolio.hpp"

namespace sroi::manage {

struct ContractDue {
  portfolio::ContractStatus status;  ///< the contract, its figures and risks on the day
  ReportingTerms terms;
  std::vector<PeriodReport> reports;  ///< every period of the term, oldest first
  /// The periods whose report is overdue on the day.
  std::vector<const PeriodReport*> overdue() const;
  /// See next_report.
  const PeriodReport* next() const { return next_report(reports); }
};

/// Each contract the filter selects, in the register's order, on `as_of`. A hand-in is an
/// import of the contract not taken out (a replaced import still reported its periods).
std::vector<ContractDue> due(const store::Register& reg, const config::RegionSet& regions,
                             const store::ContractFilter& filter, const Date& as_of);

/// The contract's hand-in days from its imports (the day of each import in force or replaced).
std::vector<Date> hand_in_days(const std::vector<store::ImportRecord>& imports);

}  // namespace sroi::manage
