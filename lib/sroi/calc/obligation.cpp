// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/obligation.hpp"

#include <algorithm>

#include "sroi/calc/period.hpp"
#include "sroi/msg/calc.hpp"
#include "sroi/msg/parsing.hpp"
#include "sroi/msg/provisional.hpp"
#include "sroi/msg/words.hpp"

namespace sroi {
namespace {

Percent pct(const Ratio& r) { return Percent{r}; }

void note_provisional_term(ObligationResult& r, const Provenance& p, Message what) {
  if (!p.provisional()) return;
  r.provisional = true;
  r.provisional_values.push_back(provisional_value(std::move(what), p));
}

Phrase base_word(Base b) {
  switch (b) {
    case Base::ContractValue:
      return phrase(msg(Msg::BaseContractValue));
    case Base::InvoicedTurnover:
      return phrase(msg(Msg::BaseInvoicedTurnover));
    case Base::WageBill:
      return phrase(msg(Msg::BaseWageBill));
  }
  return phrase(msg(Msg::BaseContractValue));
}

}  // namespace

std::vector<std::pair<Date, Date>> uncovered_days(const PsoCertificates& pso, const Date& from,
                                                  const Date& to) {
  std::vector<std::pair<Date, Date>> spans;
  for (const auto& c : pso) spans.push_back({c.valid_from(), c.valid_until});
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<Date, Date>> gaps;
  Date next = from;  // the first day not yet known to be covered
  for (const auto& [a, b] : spans) {
    if (next > to) break;
    if (b < next) continue;
    if (a > next) gaps.push_back({next, std::min(a.add_days(-1), to)});
    if (b >= next) next = b.add_days(1);
  }
  if (next <= to) gaps.push_back({next, to});
  return gaps;
}

namespace {

/// The percentage a contract's obligation is taken at (its own, else the region's), with the
/// trace's first two steps (base, percentage). Throws when neither states one.
void take_percentage(const Region& region, const Contract& contract, ObligationResult& r,
                     bool trace) {
  const ObligationRule& rule = region.obligation;
  if (contract.percentage) {
    r.percentage = *contract.percentage;
    r.percentage_from_contract = true;
  } else if (rule.percentage) {
    r.percentage = *rule.percentage;
  } else {
    throw DataError(contract.where, msg(Msg::NoDefaultPercentage, as_is(region.label())));
  }
  if (!trace) return;
  r.trace.push_back({Msg::StepBase, msg(Msg::BaseAmount, base_word(rule.base), r.base)});
  r.trace.push_back(
      {Msg::StepPercentage,
       msg(r.percentage_from_contract ? Msg::PercentageFromContract : Msg::PercentageDefault,
           pct(r.percentage))});
}

}  // namespace

bool reaches_threshold(const ObligationRule& rule, Money base, Money threshold) {
  if (threshold.cents() <= 0) return true;
  return rule.threshold_inclusive ? threshold <= base : threshold < base;
}

namespace {

/// Whether the contract stays below the threshold or is shorter than the rule's minimum
/// duration (then `r.reason` says so and there is no obligation); traces the threshold step.
bool no_obligation(const Region& region, const Contract& contract, ObligationResult& r,
                   bool trace) {
  const ObligationRule& rule = region.obligation;
  bool inclusive = rule.threshold_inclusive;
  Phrase kind = phrase(msg(inclusive ? Msg::WordFrom : Msg::WordAbove));
  if (!reaches_threshold(rule, r.base, r.threshold)) {
    r.reason = msg(r.base == r.threshold ? Msg::EqualsThreshold : Msg::BelowThreshold,
                   base_word(rule.base), r.base, r.threshold, kind);
    r.trace.push_back({Msg::StepThreshold, msg(Msg::NoObligationBecause, phrase(r.reason))});
    return true;
  }
  if (trace)
    r.trace.push_back(
        {Msg::StepThreshold,
         r.threshold.cents() > 0
             ? msg(contract.threshold ? Msg::ThresholdReachedContract : Msg::ThresholdReached, kind,
                   r.threshold)
             : msg(Msg::WordNone)});
  if (rule.min_duration_months) {
    Ratio months = months_between(contract.start, contract.end, region.time_basis);
    if (months < Ratio(*rule.min_duration_months)) {
      r.reason = msg(Msg::ContractTooShort, Decimal{months, 2}, int64_t{*rule.min_duration_months});
      r.trace.push_back({Msg::StepDuration, msg(Msg::NoObligationBecause, phrase(r.reason))});
      return true;
    }
  }
  return false;
}

/// The PSO certificates: ignored (no rule), a warning for days they leave uncovered, or the
/// share of the lowest covering level as a discount on `obligation` or a fulfilment of it
/// (REFERENCE.md §5), with its trace steps and its part of the reason.
void apply_pso(const Region& region, const Contract& contract, const PsoCertificates& pso,
               Money& obligation, PhraseList& reason, ObligationResult& r, bool trace) {
  const PsoRule& pr = region.pso;
  std::vector<std::string> level_ids;
  for (const auto& c : pso) level_ids.push_back(pso_level_id(c.level));
  PhraseList levels = listed(level_ids);
  // A certificate must be valid from the contract start to its end (REFERENCE.md §5); a
  // region that allows an expiring one needs it at the start only.
  r.pso_uncovered =
      uncovered_days(pso, contract.start, pr.allow_expiring ? contract.start : contract.end);
  if (pr.kind == PsoRuleKind::None) {
    r.warnings.push_back(msg(Msg::PsoNotCountedByRegion, as_is(region.label()), levels));
    r.trace.push_back({Msg::StepPso, msg(Msg::PsoIgnoredNoRule, levels)});
    return;
  }
  if (!r.pso_uncovered.empty()) {
    PhraseList gaps;
    int64_t days = 0;
    for (const auto& [a, b] : r.pso_uncovered) {
      gaps.items.push_back(msg(Msg::DateRange, a, b));
      days += b.days_since_epoch() - a.days_since_epoch() + 1;
    }
    Message gap = msg(pso.size() == 1 ? Msg::PsoGap : Msg::PsoGaps, levels,
                      Amount{Ratio(days), Counted::Days}, std::move(gaps));
    r.warnings.push_back(gap);
    r.trace.push_back({Msg::StepPso, gap});
    return;
  }
  // The share every day of the contract is covered by: the lowest among the certificates
  // that overlap it.
  std::optional<Ratio> share;
  std::string used;
  for (const auto& c : pso) {
    if (c.valid_until < contract.start || c.valid_from() > contract.end) continue;
    auto it = pr.percent.find(c.level);
    Ratio s = it == pr.percent.end() ? Ratio(0) : it->second;
    if (!share || s < *share) share = s, used = pso_level_id(c.level);
  }
  Money part = scale(obligation, *share / Ratio(100));
  r.pso_counted = true;
  note_provisional_term(r, pr.provenance, msg(Msg::ProvisionalPso, as_is(used), pct(*share)));
  if (trace && pso.size() > 1)
    r.trace.push_back({Msg::StepPso, msg(Msg::PsoChainLowest, levels, as_is(used), pct(*share))});
  if (pr.kind == PsoRuleKind::Discount) {
    r.pso_discount = part;
    obligation = obligation - part;
    if (trace) {
      r.trace.push_back({Msg::StepPsoDiscount, msg(Msg::PsoDiscountAmount, as_is(used), pct(*share),
                                                   obligation + part, part)});
      reason.items.push_back(msg(Msg::ReasonMinusPsoDiscount, as_is(used), part));
    }
  } else {
    r.pso_fulfilment = part;
    if (trace)
      r.trace.push_back({Msg::StepPsoFulfilment, msg(Msg::PsoFulfilmentAmount, as_is(used),
                                                     pct(*share), obligation, part)});
  }
}

}  // namespace

ObligationResult compute_obligation(const Region& region, const Contract& contract,
                                    const PsoCertificates& pso, bool trace) {
  const ObligationRule& rule = region.obligation;
  ObligationResult r;
  r.base = contract.value;
  r.threshold = contract.threshold.value_or(rule.threshold);
  // A provisional obligation table makes every result that rests on it provisional: its base
  // always, its threshold and percentage where the contract does not set its own.
  if (rule.provenance.provisional())
    note_provisional_term(r, rule.provenance,
                          msg(Msg::ProvisionalObligationRules, as_is(region.label())));
  take_percentage(region, contract, r, trace);
  if (no_obligation(region, contract, r, trace)) return r;

  r.applies = true;
  if (!r.percentage_from_contract)  // a contract without an obligation does not rest on it
    note_provisional_term(r, rule.percentage_provenance,
                          msg(Msg::ProvisionalDefaultPercentage, pct(r.percentage)));
  r.gross = scale(r.base, r.percentage / Ratio(100));
  if (trace)
    r.trace.push_back({Msg::StepGross, msg(Msg::GrossAmount, pct(r.percentage), r.base, r.gross)});
  Money obligation = r.gross;
  if (rule.cap && obligation > *rule.cap) {
    r.cap_applied = *rule.cap;
    obligation = *rule.cap;
    if (trace) r.trace.push_back({Msg::StepCap, msg(Msg::CappedPerContract, *rule.cap)});
  }
  // The reason: "5 % of contract value € …", then ", capped at …", ", minus PSO … discount …".
  PhraseList reason{PhraseList::Join::Comma, {}};
  if (trace) {
    reason.items.push_back(
        msg(Msg::ObligationReason, pct(r.percentage), base_word(rule.base), r.base));
    if (r.cap_applied) reason.items.push_back(msg(Msg::ReasonCappedAt, *r.cap_applied));
  }
  if (!pso.empty()) apply_pso(region, contract, pso, obligation, reason, r, trace);
  r.amount = obligation;
  if (!trace) return r;
  r.reason = msg(Msg::Value, std::move(reason));
  r.trace.push_back({Msg::StepObligation, msg(Msg::Value, r.amount)});
  return r;
}

}  // namespace sroi
