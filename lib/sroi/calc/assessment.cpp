// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/assessment.hpp"

#include <algorithm>

namespace sroi {
namespace {

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& s : from)
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

void settle(Assessment& a) {
  for (const auto& l : a.lines) {
    a.lines_total += l.value;
    if (l.provisional) a.provisional = true;
    add_unique(a.provisional_values, l.provisional_values);
    for (const auto& w : l.warnings) a.warnings.push_back(l.where.str() + ": " + w);
  }
  a.total = a.lines_total + a.obligation.pso_fulfilment;
  if (a.obligation.provisional) a.provisional = true;
  add_unique(a.provisional_values, a.obligation.provisional_values);
  add_unique(a.warnings, a.obligation.warnings);
  Money diff = a.total - a.obligation.amount;
  if (diff.is_negative())
    a.shortfall = -diff;
  else
    a.surplus = diff;

  const PenaltyRule& rule = penalty_rule(*a.region, a.contract);
  std::string whose = a.contract.penalty ? "the contract's penalty clause" : "the region's rule";
  if (a.shortfall.is_zero() || rule.kind == PenaltyKind::None) {
    a.penalty_trace.push_back(
        {"penalty", rule.kind != PenaltyKind::None ? "no shortfall, no penalty"
                    : a.contract.penalty           ? "the contract sets no penalty"
                                                   : "the region publishes no penalty rule"});
    return;
  }
  Money of = rule.kind == PenaltyKind::ShortfallFactor ? a.shortfall : a.obligation.amount;
  a.penalty = penalty_for(rule, a.obligation.amount, a.shortfall);
  a.penalty_trace.push_back(
      {"penalty", rule.factor.decimal() + " × " +
                      (rule.kind == PenaltyKind::ShortfallFactor ? "shortfall " : "obligation ") +
                      format_eur(of) + " = " + format_eur(a.penalty) + " (" + whose + ")"});
  if (rule.provenance.provisional()) {
    a.provisional = true;
    add_unique(a.provisional_values, {"penalty factor (" + rule.provenance.source + ")"});
  }
}

}  // namespace

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
      problems.push_back({line.where, std::string("cannot value this line exactly: ") + e.what()});
      a.lines.push_back(LineResult{});
    }
  }
  if (!problems.empty()) throw DataError(std::move(problems));
  settle(a);
  return a;
}

Assessment assess_realisation(const Region& region, const Realisation& realisation, bool trace) {
  Assessment a;
  a.inputs = &realisation.lines;
  a.traced = trace;
  a.kind = Assessment::Kind::Realisation;
  a.region = &region;
  a.supplier = realisation.supplier;
  a.contract = realisation.contract;
  a.pso = realisation.pso;
  a.obligation = compute_obligation(region, realisation.contract, realisation.pso);
  std::vector<Diagnostic> problems;
  ValuationOptions options;
  options.trace = trace;
  options.sharing_notes = trace;  // untraced: trace_by_candidate rebuilds them when shown
  a.lines = value_realisation_lines(region, a.contract, realisation.lines, problems, options);
  if (!problems.empty()) throw DataError(std::move(problems));
  settle(a);
  return a;
}

void trace_by_candidate(const Assessment& a,
                        const std::function<void(std::size_t, const LineResult&)>& fn) {
  if (a.traced || !a.inputs) {
    for (std::size_t i = 0; i < a.lines.size(); ++i) fn(i, a.lines[i]);
    return;
  }
  // Rebuilt one candidate at a time: the same values as the whole file (value_by_candidate).
  std::vector<Diagnostic> problems;
  value_by_candidate(*a.region, a.contract, *a.inputs, ValuationOptions{}, 1, problems,
                     [&](const std::vector<std::size_t>& indices, std::vector<LineResult>& traced) {
                       for (std::size_t k = 0; k < traced.size(); ++k) fn(indices[k], traced[k]);
                     });
}

}  // namespace sroi
