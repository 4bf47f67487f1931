// SPDX-License-Identifier: EUPL-1.2
#include "sroi/manage/due.hpp"

#include <map>

namespace sroi::manage {

std::vector<const PeriodReport*> ContractDue::overdue() const {
  std::vector<const PeriodReport*> out;
  for (const auto& r : reports)
    if (r.state == ReportState::Overdue) out.push_back(&r);
  return out;
}

std::vector<Date> hand_in_days(const std::vector<store::ImportRecord>& imports) {
  std::vector<Date> out;
  for (const auto& i : imports) {
    if (!i.removed_at.empty() || i.imported_at.size() < 10) continue;
    // Stored as 2027-04-03T09:12:00Z: the day is its first ten characters.
    if (auto d = parse_date(std::string_view(i.imported_at).substr(0, 10))) out.push_back(*d);
  }
  return out;
}

std::vector<ContractDue> due(const store::Register& reg, const config::RegionSet& regions,
                             const store::ContractFilter& filter, const Date& as_of) {
  portfolio::StatusOptions o;
  o.filter = filter;
  o.as_of = as_of;
  auto statuses = portfolio::compute_status(reg, regions, o);
  std::map<std::string, std::vector<store::ImportRecord>> imports;
  const std::optional<std::string> one =
      statuses.size() == 1 ? std::optional(statuses[0].record.contract.id) : std::nullopt;
  for (auto& i : reg.imports(one)) imports[i.contract].push_back(std::move(i));
  std::vector<ContractDue> out;
  out.reserve(statuses.size());
  for (auto& s : statuses) {
    ContractDue d;
    d.terms = reporting_terms(s.record.contract, s.region);
    d.reports = assess_reports(report_periods(s.record.contract, d.terms),
                               hand_in_days(imports[s.record.contract.id]), as_of);
    d.status = std::move(s);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace sroi::manage
