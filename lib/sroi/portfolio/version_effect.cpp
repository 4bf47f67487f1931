// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portfolio/version_effect.hpp"

#include <unordered_map>

namespace sroi::portfolio {

std::vector<ContractEffect> version_effect(const std::vector<ContractStatus>& before,
                                           const std::vector<ContractStatus>& after,
                                           const std::string& region_id) {
  std::unordered_map<std::string, const ContractStatus*> was;
  for (const auto& s : before) was[s.record.contract.id] = &s;
  auto version = [](const ContractStatus* s) {
    return s && s->region ? s->region->version : std::string();
  };
  auto of_region = [&](const ContractStatus* s) {
    return s && (s->record.region.id == region_id || (s->region && s->region->id == region_id));
  };
  std::vector<ContractEffect> out;
  for (const auto& s : after) {
    auto it = was.find(s.record.contract.id);
    const ContractStatus* b = it == was.end() ? nullptr : it->second;
    if (!of_region(&s) && !of_region(b)) continue;
    ContractEffect e;
    e.contract = s.record.contract.id;
    e.supplier = s.record.supplier;
    e.buyer = s.record.buyer;
    e.version_before = version(b);
    e.version_after = version(&s);
    e.obligation_before = b ? b->obligation.amount : Money{};
    e.obligation_after = s.obligation.amount;
    e.realised_before = b ? b->realised : Money{};
    e.realised_after = s.realised;
    if (e.changes_version() || e.obligation_before != e.obligation_after ||
        e.realised_before != e.realised_after)
      out.push_back(std::move(e));
  }
  return out;
}

}  // namespace sroi::portfolio
