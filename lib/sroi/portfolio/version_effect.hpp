// SPDX-License-Identifier: EUPL-1.2
// What a change of a region's versions (an activation, a rollback) does to the register's
// contracts: each contract of that region whose version or figures differ, before and after.
// A coordinator sees this before the change is made.
#pragma once

#include <string>
#include <vector>

#include "sroi/portfolio/portfolio.hpp"

namespace sroi::portfolio {

struct ContractEffect {
  std::string contract, supplier, buyer;
  std::string version_before, version_after;  ///< "" where no version can be chosen
  Money obligation_before, obligation_after;
  Money realised_before, realised_after;
  bool changes_version() const { return version_before != version_after; }
};

/// The contracts of `region_id` (in either status) whose region version, obligation or
/// realisation differ between `before` and `after` (two statuses of the same register on the
/// same day, under the region set in force and the one proposed), in the order of `after`.
std::vector<ContractEffect> version_effect(const std::vector<ContractStatus>& before,
                                           const std::vector<ContractStatus>& after,
                                           const std::string& region_id);

}  // namespace sroi::portfolio
