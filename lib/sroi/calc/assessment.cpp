// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/assessment.hpp"

#include <algorithm>

#include "sroi/msg/calc.hpp"
#include "sroi/msg/provisional.hpp"

namespace sroi {
namespace {

void add_unique(std::vector<Message>& to, const std::vector<Message>& from) {
  for (const auto& s : from)
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

/// Adds one line's figures and provisional values to the assessment's totals.
void count_line(Assessment& a, const LineResult& l) {
  ++a.line_count;
  a.lines_total += l.value;
  if (a.as_of && l.start && *a.as_of < *l.start) ++a.lines_later;
  if (l.provisional) a.provisional = a.lines_provisional = true;
  add_unique(a.provisional_values, l.provisional_values);
}

/// A line's warning with the place of the line: "file:line: …".
Message located(const LineResult& l, const Message& w) {
  return msg(Msg::AtPlace, as_is(l.where.str()), phrase(w));
}

/// Counts the lines the assessment keeps, their warnings in input order.
void count_kept_lines(Assessment& a) {
  for (const auto& l : a.lines) {
    count_line(a, l);
    for (const auto& w : l.warnings) a.warnings.push_back(located(l, w));
  }
}

/// The totals of the lines known, then the obligation, surplus or shortfall and penalty.
void settle(Assessment& a) {
  a.total = a.lines_total + a.obligation.pso_fulfilment;
  if (a.obligation.provisional) a.provisional = true;
  add_unique(a.provisional_values, a.obligation.provisional_values);
  add_unique(a.warnings, a.obligation.warnings);
  Balance b = balance(a.total, a.obligation.amount);
  a.surplus = b.surplus;
  a.shortfall = b.shortfall;

  const PenaltyRule& rule = penalty_rule(*a.region, a.contract);
  Phrase whose = phrase(msg(a.contract.penalty ? Msg::WordContractClause : Msg::WordRegionRule));
  if (a.shortfall.is_zero() || rule.kind == PenaltyKind::None) {
    a.penalty_trace.push_back(
        {Msg::StepPenalty, msg(rule.kind != PenaltyKind::None ? Msg::PenaltyNoShortfall
                               : a.contract.penalty           ? Msg::PenaltyContractSetsNone
                                                              : Msg::PenaltyRegionHasNone)});
    return;
  }
  bool of_shortfall = rule.kind == PenaltyKind::ShortfallFactor;
  a.penalty = penalty_for(rule, a.obligation.amount, a.shortfall);
  a.penalty_trace.push_back(
      {Msg::StepPenalty, msg(of_shortfall ? Msg::PenaltyOfShortfall : Msg::PenaltyOfObligation,
                             Decimal{rule.factor, 4},
                             of_shortfall ? a.shortfall : a.obligation.amount, a.penalty, whose)});
  if (rule.provenance.provisional()) {
    a.provisional = true;
    add_unique(a.provisional_values,
               {provisional_value(msg(Msg::ProvisionalPenaltyFactor), rule.provenance)});
  }
}

}  // namespace

Balance balance(Money realised, Money obligation) {
  Money diff = realised - obligation;
  if (diff.is_negative()) return {Money(), -diff};
  return {diff, Money()};
}

const PenaltyRule& penalty_rule(const Region& region, const Contract& contract) {
  return contract.penalty ? *contract.penalty : region.penalty;
}

Money penalty_for(const PenaltyRule& rule, Money obligation, Money shortfall) {
  if (shortfall.is_zero() || rule.kind == PenaltyKind::None) return Money();
  return scale(rule.kind == PenaltyKind::ShortfallFactor ? shortfall : obligation, rule.factor);
}

Assessment assess_offer(const Region& region, const Offer& offer) {
  Assessment a;
  a.kind = Assessment::Kind::Offer;
  a.region = &region;
  a.supplier = offer.supplier;
  a.buyer = offer.buyer;
  a.contract = offer.contract;
  a.pso = offer.pso;
  a.obligation = compute_obligation(region, offer.contract, offer.pso);
  std::vector<Diagnostic> problems;
  for (const auto& line : offer.lines) {
    try {
      a.lines.push_back(value_offer_line(region, offer.contract, line, problems));
    } catch (const DataError&) {
      throw;
    } catch (const Error& e) {  // exact arithmetic out of range: say which line
      problems.push_back({line.where, msg(Msg::CannotValueLine, phrase(e.message()))});
      a.lines.push_back(LineResult{});
    }
  }
  if (!problems.empty()) throw DataError(std::move(problems));
  count_kept_lines(a);
  settle(a);
  a.employees = offer.employees;
  a.signals = check_plausibility(a.lines, a.obligation, a.total,
                                 !offer.pso.empty() && region.pso.kind != PsoRuleKind::None,
                                 region.fulltime_hours.value, offer.employees);
  return a;
}

Assessment assess_realisation(const Region& region, const Realisation& realisation, KeepLines keep,
                              std::optional<Date> as_of, LineVisitor* visitor) {
  Assessment a;
  a.as_of = as_of;
  a.inputs = &realisation.lines;
  a.kind = Assessment::Kind::Realisation;
  a.region = &region;
  a.supplier = realisation.supplier;
  a.buyer = realisation.buyer;
  a.contract = realisation.contract;
  a.pso = realisation.pso;
  a.obligation = compute_obligation(region, realisation.contract, realisation.pso);
  if (visitor) visitor->begin(a, realisation.lines.size());
  std::vector<Diagnostic> problems;
  if (keep == KeepLines::Yes) {
    ValuationOptions options;
    options.as_of = as_of;
    a.lines = value_realisation_lines(region, a.contract, realisation.lines, problems, options);
    if (!problems.empty()) throw DataError(std::move(problems));
    count_kept_lines(a);
    if (visitor)
      for (std::size_t i = 0; i < a.lines.size(); ++i) visitor->line(i, a.lines[i]);
  } else {
    // One candidate at a time, the warnings put back in input order; without traces unless a
    // visitor shows them (each_line rebuilds them when shown later).
    ValuationOptions options;
    options.trace = options.sharing_notes = visitor != nullptr;
    options.as_of = as_of;
    std::vector<std::pair<std::size_t, Message>> warnings;
    value_by_candidate(
        region, a.contract, realisation.lines, options, 1, problems,
        [&](const std::vector<std::size_t>& indices, std::vector<LineResult>& results) {
          for (std::size_t k = 0; k < results.size(); ++k) {
            count_line(a, results[k]);
            for (const auto& w : results[k].warnings)
              warnings.emplace_back(indices[k], located(results[k], w));
            if (visitor) visitor->line(indices[k], results[k]);
          }
        });
    if (!problems.empty()) throw DataError(std::move(problems));
    std::stable_sort(warnings.begin(), warnings.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (auto& w : warnings) a.warnings.push_back(std::move(w.second));
  }
  settle(a);
  return a;
}

void each_line(const Assessment& a, Detail detail,
               const std::function<void(std::size_t, const LineResult&)>& fn) {
  if (!a.inputs || !a.lines.empty() || a.line_count == 0) {
    for (std::size_t i = 0; i < a.lines.size(); ++i) fn(i, a.lines[i]);
    return;
  }
  // Rebuilt one candidate at a time: the same values as the whole file (value_by_candidate).
  ValuationOptions options;
  options.trace = options.sharing_notes = detail == Detail::Steps;
  options.as_of = a.as_of;
  std::vector<Diagnostic> problems;
  value_by_candidate(*a.region, a.contract, *a.inputs, options, 1, problems,
                     [&](const std::vector<std::size_t>& indices, std::vector<LineResult>& lines) {
                       for (std::size_t k = 0; k < lines.size(); ++k) fn(indices[k], lines[k]);
                     });
  // The same lines were valued without a problem when the assessment was made.
  if (!problems.empty()) throw DataError(std::move(problems));
}

}  // namespace sroi
