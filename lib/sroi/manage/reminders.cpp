// SPDX-License-Identifier: EUPL-1.2
#include "sroi/manage/reminders.hpp"

namespace sroi::manage {
namespace {

/// The period that holds `day` (the last one after the term): an at-risk notice is repeated
/// once per reporting period at most.
std::string current_period_id(const ContractDue& d, const Date& day) {
  std::string key = "-";
  for (const auto& r : d.reports)
    if (r.period.first <= day) key = period_id(r.period);
  return key;
}

std::vector<Notice> supplier_notices(const ContractDue& d) {
  std::vector<Notice> out;
  const std::string& id = d.status.record.contract.id;
  for (const auto& r : d.reports) {
    if (r.state != ReportState::Open && r.state != ReportState::Overdue) continue;
    bool late = r.state == ReportState::Overdue;
    out.push_back(
        {late ? NoticeKind::ReportOverdue : NoticeKind::ReportOpen, &d, r, std::nullopt,
         std::string(late ? "report-overdue:" : "report-open:") + id + ":" + period_id(r.period)});
  }
  return out;
}

std::vector<Notice> buyer_notices(const ContractDue& d,
                                  const std::vector<store::ImportRecord>& imports,
                                  const Date& as_of) {
  std::vector<Notice> out;
  const std::string& id = d.status.record.contract.id;
  if (d.status.at_risk())
    out.push_back({NoticeKind::AtRisk, &d, std::nullopt, std::nullopt,
                   "at-risk:" + id + ":" + current_period_id(d, as_of)});
  const Date since = as_of.add_days(-31);
  for (const auto& i : imports) {
    if (!i.removed_at.empty()) continue;
    auto day = day_of(i.imported_at);
    if (!day || *day < since || *day > as_of) continue;
    out.push_back({NoticeKind::NewHandIn, &d, std::nullopt, i, "hand-in:" + std::to_string(i.id)});
  }
  return out;
}

}  // namespace

std::vector<Reminder> reminders(
    const std::vector<ContractDue>& due, const std::vector<store::UserRecord>& users,
    const std::map<std::string, std::vector<store::ImportRecord>>& imports, const Date& as_of,
    const std::function<std::set<std::string>(const std::string& user)>& sent) {
  static const std::vector<store::ImportRecord> kNone;
  std::vector<Reminder> out;
  for (const auto& u : users) {
    if (!u.active() || u.role == store::Role::Coordinator) continue;
    std::set<std::string> done = sent ? sent(u.name) : std::set<std::string>{};
    Reminder r{u, {}};
    for (const auto& d : due) {
      const auto& c = d.status.record;
      std::vector<Notice> found;
      if (u.role == store::Role::Supplier && c.supplier == u.org) found = supplier_notices(d);
      if (u.role == store::Role::Buyer && c.buyer == u.org) {
        auto it = imports.find(c.contract.id);
        found = buyer_notices(d, it == imports.end() ? kNone : it->second, as_of);
      }
      for (auto& n : found)
        if (!done.count(n.key)) r.notices.push_back(std::move(n));
    }
    if (!r.notices.empty()) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace sroi::manage
