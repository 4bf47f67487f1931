// SPDX-License-Identifier: EUPL-1.2
// Reminders (`sroi remind`, the portal's inbox): per account the notices that concern it on a
// day. A supplier's contacts hear of the reports still to hand in and those overdue; a buyer's
// of its contracts at risk and of new hand-ins to look at. Each notice has a key, so that a
// reminder never tells an account the same thing twice.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sroi/manage/due.hpp"

namespace sroi::manage {

enum class NoticeKind {
  ReportOpen,     ///< a period ended; its report is due by the deadline
  ReportOverdue,  ///< the deadline passed without a report
  AtRisk,         ///< the contract is at risk (once per reporting period)
  NewHandIn,      ///< an import in the last 31 days, for the buyer to look at
};

struct Notice {
  NoticeKind kind = NoticeKind::ReportOpen;
  const ContractDue* contract = nullptr;
  std::optional<PeriodReport> report;         ///< report notices
  std::optional<store::ImportRecord> import;  ///< a new hand-in
  std::string key;  ///< "report-overdue:ON-2027-001:2027-Q2", "hand-in:12", …
};

struct Reminder {
  store::UserRecord to;
  std::vector<Notice> notices;  ///< by contract, as `due` lists them
};

/// The notices of every active supplier or buyer account on `as_of` (a coordinator's region
/// gets none yet), leaving out the keys `sent` gives for the account; accounts with nothing
/// new are left out. `imports` are the register's per contract (imports_by_contract).
std::vector<Reminder> reminders(
    const std::vector<ContractDue>& due, const std::vector<store::UserRecord>& users,
    const std::map<std::string, std::vector<store::ImportRecord>>& imports, const Date& as_of,
    const std::function<std::set<std::string>(const std::string& user)>& sent);

}  // namespace sroi::manage
