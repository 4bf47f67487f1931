// SPDX-License-Identifier: EUPL-1.2
#include "sroi/manage/due.hpp"

namespace sroi::manage {

std::vector<const PeriodReport*> ContractReports::overdue() const {
  std::vector<const PeriodReport*> out;
  for (const auto& r : reports)
    if (r.state == ReportState::Overdue) out.push_back(&r);
  return out;
}

std::vector<Date> hand_in_days(const std::vector<store::ImportRecord>& imports) {
  std::vector<Date> out;
  for (const auto& i : imports) {
    // A delivery taken out, or one the buyer rejected, reports nothing.
    if (!i.removed_at.empty() || i.rejected()) continue;
    if (auto d = day_of(i.imported_at)) out.push_back(*d);
  }
  return out;
}

ContractReports contract_reports(const Contract& contract, const Region* region,
                                 const std::vector<store::ImportRecord>& imports,
                                 const Date& as_of) {
  ContractReports r;
  r.terms = reporting_terms(contract, region);
  r.reports = assess_reports(report_periods(contract, r.terms), hand_in_days(imports), as_of);
  return r;
}

namespace {

std::map<std::string, std::vector<store::ImportRecord>> by_contract(
    std::vector<store::ImportRecord> imports) {
  std::map<std::string, std::vector<store::ImportRecord>> out;
  for (auto& i : imports) out[i.contract].push_back(std::move(i));
  return out;
}

}  // namespace

std::map<std::string, std::vector<store::ImportRecord>> imports_by_contract(
    const store::Register& reg, const std::optional<std::string>& only) {
  return by_contract(reg.imports(only));
}

std::map<std::string, std::vector<store::ImportRecord>> imports_by_contract(
    const store::Register& reg, const std::vector<std::string>& contracts) {
  return by_contract(reg.imports_of(contracts));
}

std::vector<ContractDue> due(const store::Register& reg, const config::RegionSet& regions,
                             const store::ContractFilter& filter, const Date& as_of) {
  portfolio::StatusOptions o;
  o.filter = filter;
  o.as_of = as_of;
  auto statuses = portfolio::compute_status(reg, regions, o);
  auto imports = imports_by_contract(
      reg, statuses.size() == 1 ? std::optional(statuses[0].record.contract.id) : std::nullopt);
  std::vector<ContractDue> out;
  out.reserve(statuses.size());
  for (auto& s : statuses) {
    ContractDue d;
    static_cast<ContractReports&>(d) =
        contract_reports(s.record.contract, s.region, imports[s.record.contract.id], as_of);
    d.status = std::move(s);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace sroi::manage
