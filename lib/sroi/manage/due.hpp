// SPDX-License-Identifier: EUPL-1.2
// What is due: per contract of the register, its reporting terms, each period's report on a
// day (handed in, open, overdue) and whether the contract is at risk (`sroi due`, the portal's
// dashboards).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sroi/manage/deadlines.hpp"
#include "sroi/portfolio/portfolio.hpp"

namespace sroi::manage {

/// A contract's reports on a day: its terms and every period's state.
struct ContractReports {
  ReportingTerms terms;
  std::vector<PeriodReport> reports;  ///< every period of the term, oldest first
  /// The periods whose report is overdue on the day.
  std::vector<const PeriodReport*> overdue() const;
  /// See next_report.
  const PeriodReport* next() const { return next_report(reports); }
};

/// The reports of `contract` (of `region`, if known) on `as_of`, its imports the hand-ins.
ContractReports contract_reports(const Contract& contract, const Region* region,
                                 const std::vector<store::ImportRecord>& imports,
                                 const Date& as_of);

/// A contract's status with its reports (`sroi due`).
struct ContractDue : ContractReports {
  portfolio::ContractStatus status;  ///< the contract, its figures and risks on the day
};

/// Every import of the register, per contract id.
std::map<std::string, std::vector<store::ImportRecord>> imports_by_contract(
    const store::Register& reg, const std::optional<std::string>& only = std::nullopt);
/// The imports of these contracts, per contract id (one read).
std::map<std::string, std::vector<store::ImportRecord>> imports_by_contract(
    const store::Register& reg, const std::vector<std::string>& contracts);

/// Each contract the filter selects, in the register's order, on `as_of`. A hand-in is an
/// import of the contract not taken out (a replaced import still reported its periods).
std::vector<ContractDue> due(const store::Register& reg, const config::RegionSet& regions,
                             const store::ContractFilter& filter, const Date& as_of);

/// The contract's hand-in days from its imports (the day of each import in force or replaced,
/// unless the buyer rejected it).
std::vector<Date> hand_in_days(const std::vector<store::ImportRecord>& imports);

}  // namespace sroi::manage
