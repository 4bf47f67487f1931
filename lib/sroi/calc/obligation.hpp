// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sroi/calc/trace.hpp"
#include "sroi/model/contract.hpp"
#include "sroi/model/region.hpp"

namespace sroi {

struct ObligationResult {
  Money base;        ///< the contract's value
  Ratio percentage;  ///< percent
  bool percentage_from_contract = false;
  Money threshold;
  bool applies = false;
  std::string reason;  ///< why it applies or not, one line
  Money gross;         ///< percentage × base, rounded
  std::optional<Money> cap_applied;
  Money pso_discount;    ///< subtracted (discount rule)
  Money pso_fulfilment;  ///< counted toward the obligation (fulfilment rule)
  bool pso_counted = false;
  Money amount;  ///< the obligation
  bool provisional = false;
  std::vector<std::string> provisional_values;
  std::vector<std::string> warnings;
  Trace trace;
};

/// Obligation = percentage × base when the base reaches the threshold (and the contract is long
/// enough), capped where the region caps it, minus the PSO discount where it applies.
/// Throws DataError when no percentage is known.
ObligationResult compute_obligation(const Region& region, const Contract& contract,
                                    const std::optional<PsoCertificate>& pso);

}  // namespace sroi
