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
  Message reason;  ///< why it applies or not, one line
  Money gross;     ///< percentage × base, rounded
  std::optional<Money> cap_applied;
  Money pso_discount;    ///< subtracted (discount rule)
  Money pso_fulfilment;  ///< counted toward the obligation (fulfilment rule)
  bool pso_counted = false;
  /// Days of the contract no certificate covers, as "from to" ranges (the PSO rule then
  /// applies nothing).
  std::vector<std::pair<Date, Date>> pso_uncovered;
  Money amount;  ///< the obligation
  bool provisional = false;
  std::vector<Message> provisional_values;
  std::vector<Message> warnings;
  Trace trace;
};

/// Obligation = percentage × base when the base reaches the threshold (from it or above it, as
/// the region says; and the contract is long enough), capped where the region caps it, minus
/// the PSO discount where it applies: only when the certificates cover the whole contract
/// without a gap (the lowest share among them counts). Throws DataError when no percentage is
/// known. Without `trace`, the steps and the reason of an obligation that applies are not
/// built (a register's status needs the amounts only).
ObligationResult compute_obligation(const Region& region, const Contract& contract,
                                    const PsoCertificates& pso, bool trace = true);

/// Whether `base` reaches the rule's threshold: from it (inclusive) or above it; a threshold of
/// zero is always reached. The one rule the engine and the offer workbook's formula follow.
bool reaches_threshold(const ObligationRule& rule, Money base, Money threshold);

/// The days of [from, to] that no certificate covers, as ranges in date order.
std::vector<std::pair<Date, Date>> uncovered_days(const PsoCertificates& pso, const Date& from,
                                                  const Date& to);

}  // namespace sroi
