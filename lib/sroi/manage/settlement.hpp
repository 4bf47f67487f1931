// SPDX-License-Identifier: EUPL-1.2
// The settlement at a contract's end: obligation, realisation (only accepted deliveries where
// the contract says so), surplus or shortfall, the penalty the rule gives, and the buyer's
// decision: impose it, reduce it (with a reason) or waive it (with a reason).
#pragma once

#include <optional>
#include <string>

#include "sroi/portfolio/portfolio.hpp"

namespace sroi::manage {

struct SettlementAssessment {
  portfolio::ContractStatus status;  ///< the contract's figures on its last day
  Money rule_penalty;                ///< what its (or its region's) penalty rule gives
  bool ended = false;                ///< the day asked is after the contract's end
  std::optional<store::SettlementRecord> decided;  ///< the decision, once recorded
};

/// The contract's settlement figures, valued on its last day. Throws DataError for an
/// unknown contract (naming the register's).
SettlementAssessment assess_settlement(const store::Register& reg, const config::RegionSet& regions,
                                       const std::string& contract_id, const Date& today);

/// The buyer's decision checked against the assessment: the contract has ended and is not yet
/// settled; "impose" takes the rule's penalty; "reduce" a lower amount and a reason; "waive"
/// nothing and a reason. Every problem at once (DataError, at `where`).
store::SettlementRecord decide(const SettlementAssessment& a, const std::string& decision,
                               std::optional<Money> penalty, const std::string& reason,
                               const SourceLocation& where);

}  // namespace sroi::manage
