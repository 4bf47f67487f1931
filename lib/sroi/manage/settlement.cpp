// SPDX-License-Identifier: EUPL-1.2
#include "sroi/manage/settlement.hpp"

#include "sroi/msg/manage.hpp"

namespace sroi::manage {

SettlementAssessment assess_settlement(const store::Register& reg, const config::RegionSet& regions,
                                       const std::string& contract_id, const Date& today) {
  store::ContractFilter filter;
  filter.contract = contract_id;
  portfolio::require_matches(reg, filter);
  auto record = reg.contract(contract_id);
  portfolio::StatusOptions o;
  o.filter = filter;
  o.as_of = record->contract.end;  // on the last day the forecast is the realisation
  auto rows = portfolio::compute_status(reg, regions, o);
  SettlementAssessment a;
  a.status = std::move(rows.at(0));
  a.rule_penalty = a.status.penalty;
  a.ended = today > a.status.record.contract.end;
  a.decided = reg.settlement(a.status.record.contract.id);
  return a;
}

store::SettlementRecord decide(const SettlementAssessment& a, const std::string& decision,
                               std::optional<Money> penalty, const std::string& reason,
                               const SourceLocation& where) {
  std::vector<Diagnostic> problems;
  const Contract& c = a.status.record.contract;
  if (!a.ended) problems.push_back({where, msg(Msg::SettleNotEnded, as_is(c.id), c.end)});
  if (a.decided)
    problems.push_back({where, msg(Msg::SettleAlreadyDecided, as_is(c.id),
                                   day_of(a.decided->decided_at).value_or(c.end))});
  bool has_reason = reason.find_first_not_of(" \t") != std::string::npos;
  store::SettlementRecord r;
  r.contract = c.id;
  r.obligation = a.status.obligation.amount;
  r.realised = a.status.realised;
  r.shortfall = a.status.shortfall;
  r.rule_penalty = a.rule_penalty;
  r.decision = decision;
  r.reason = reason;
  if (decision == "impose") {
    if (penalty && *penalty != a.rule_penalty)
      problems.push_back({where, msg(Msg::SettleImposeIsRule, a.rule_penalty)});
    r.penalty = a.rule_penalty;
  } else if (decision == "reduce") {
    if (a.rule_penalty.is_zero())
      problems.push_back({where, msg(Msg::SettleNothingToReduce)});
    else if (!penalty || *penalty >= a.rule_penalty || penalty->cents() < 0)
      problems.push_back({where, msg(Msg::SettleReduceAmount, a.rule_penalty)});
    if (!has_reason) problems.push_back({where, msg(Msg::SettleNeedsReason)});
    r.penalty = penalty.value_or(Money());
  } else if (decision == "waive") {
    if (!has_reason) problems.push_back({where, msg(Msg::SettleNeedsReason)});
    r.penalty = Money();
  } else {
    problems.push_back({where, msg(Msg::SettleUnknownDecision, as_is(decision))});
  }
  if (!problems.empty()) throw DataError(std::move(problems));
  return r;
}

}  // namespace sroi::manage
