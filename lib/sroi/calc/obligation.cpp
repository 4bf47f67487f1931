// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/obligation.hpp"

#include <algorithm>

#include "sroi/calc/period.hpp"

namespace sroi {
namespace {

std::string pct(const Ratio& r) { return r.decimal(4) + " %"; }

void note_provisional(ObligationResult& r, const Provenance& p, const std::string& what) {
  if (!p.provisional()) return;
  r.provisional = true;
  r.provisional_values.push_back(what + " (" + p.source + ")");
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

ObligationResult compute_obligation(const Region& region, const Contract& contract,
                                    const PsoCertificates& pso) {
  const ObligationRule& rule = region.obligation;
  ObligationResult r;
  r.base = contract.value;
  r.threshold = contract.threshold.value_or(rule.threshold);
  // A provisional obligation table makes every result that rests on it provisional: its base
  // always, its threshold and percentage where the contract does not set its own.
  if (rule.provenance.provisional())
    note_provisional(r, rule.provenance, "obligation rules of " + region.label());

  if (contract.percentage) {
    r.percentage = *contract.percentage;
    r.percentage_from_contract = true;
  } else if (rule.percentage) {
    r.percentage = *rule.percentage;
  } else {
    throw DataError(contract.where,
                    "region " + region.label() +
                        " publishes no default percentage; give the contract a 'percentage' "
                        "(or --percentage)");
  }
  r.trace.push_back({"base", base_label(rule.base) + " " + format_eur(r.base)});
  r.trace.push_back(
      {"percentage", pct(r.percentage) + (r.percentage_from_contract ? " (set by the contract)"
                                                                     : " (region default)")});

  bool inclusive = rule.threshold_inclusive;
  std::string kind = inclusive ? "from" : "above";
  bool below = inclusive ? r.base < r.threshold : r.base <= r.threshold;
  if (r.threshold.cents() > 0 && below) {
    r.reason = base_label(rule.base) + " " + format_eur(r.base) +
               (r.base == r.threshold ? " equals" : " is below") + " the threshold " +
               format_eur(r.threshold) + ", and an obligation applies only " + kind + " it";
    r.trace.push_back({"threshold", r.reason + ": no obligation"});
    return r;
  }
  if (r.threshold.cents() > 0) {
    r.trace.push_back({"threshold", "obligation " + kind + " " + format_eur(r.threshold) +
                                        (contract.threshold ? " (set by the contract)" : "") +
                                        ": reached"});
  } else {
    r.trace.push_back({"threshold", "none"});
  }
  if (rule.min_duration_months) {
    Ratio months = months_between(contract.start, contract.end, region.time_basis);
    if (months < Ratio(*rule.min_duration_months)) {
      r.reason = "contract runs " + months.decimal(2) + " months, shorter than the minimum of " +
                 std::to_string(*rule.min_duration_months) + " months";
      r.trace.push_back({"duration", r.reason + ": no obligation"});
      return r;
    }
  }

  r.applies = true;
  if (!r.percentage_from_contract)  // a contract without an obligation does not rest on it
    note_provisional(r, rule.percentage_provenance,
                     "default obligation percentage " + pct(r.percentage));
  r.gross = scale(r.base, r.percentage / Ratio(100));
  r.trace.push_back({"gross", pct(r.percentage) + " × " + format_eur(r.base) + " = " +
                                  format_eur(r.gross) + " (rounded half away from zero)"});
  Money obligation = r.gross;
  if (rule.cap && obligation > *rule.cap) {
    r.cap_applied = *rule.cap;
    obligation = *rule.cap;
    r.trace.push_back({"cap", "capped at " + format_eur(*rule.cap) + " per contract"});
  }
  r.reason = pct(r.percentage) + " of " + base_label(rule.base) + " " + format_eur(r.base);
  if (r.cap_applied) r.reason += ", capped at " + format_eur(*r.cap_applied);

  if (!pso.empty()) {
    const PsoRule& pr = region.pso;
    std::string levels;
    for (const auto& c : pso) levels += (levels.empty() ? "" : ", ") + std::string(pso_level_id(c.level));
    // A certificate must be valid from the contract start to its end (REFERENCE.md §5); a
    // region that allows an expiring one needs it at the start only.
    r.pso_uncovered = uncovered_days(pso, contract.start, pr.allow_expiring ? contract.start : contract.end);
    if (pr.kind == PsoRuleKind::None) {
      r.warnings.push_back("region " + region.label() + " does not count PSO certificates; " +
                           levels + " ignored");
      r.trace.push_back({"pso", levels + " not counted: the region has no PSO rule"});
    } else if (!r.pso_uncovered.empty()) {
      std::string gaps;
      long days = 0;
      for (const auto& [a, b] : r.pso_uncovered) {
        gaps += (gaps.empty() ? "" : ", ") + a.iso() + " to " + b.iso();
        days += b.days_since_epoch() - a.days_since_epoch() + 1;
      }
      std::string msg = "PSO certificate" + std::string(pso.size() == 1 ? " " : "s ") + levels +
                        (pso.size() == 1 ? " leaves " : " leave ") + std::to_string(days) + " day" + (days == 1 ? "" : "s") +
                        " of the contract uncovered (" + gaps +
                        "); a certificate must cover the contract from start to end without a "
                        "gap, so PSO is not counted";
      r.warnings.push_back(msg);
      r.trace.push_back({"pso", msg});
    } else {
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
      note_provisional(r, pr.provenance, "PSO " + used + " " + pct(*share));
      if (pso.size() > 1)
        r.trace.push_back({"pso", levels + " follow each other without a gap; the lowest share, " +
                                      used + " " + pct(*share) + ", counts"});
      if (pr.kind == PsoRuleKind::Discount) {
        r.pso_discount = part;
        obligation = obligation - part;
        r.trace.push_back({"pso discount", used + ": " + pct(*share) + " of " +
                                               format_eur(obligation + part) + " = " +
                                               format_eur(part) + " off the obligation"});
        r.reason += ", minus PSO " + used + " discount " + format_eur(part);
      } else {
        r.pso_fulfilment = part;
        r.trace.push_back({"pso fulfilment", used + ": " + pct(*share) + " of " +
                                                 format_eur(obligation) + " = " + format_eur(part) +
                                                 " counts as realised"});
      }
    }
  }
  r.amount = obligation;
  r.trace.push_back({"obligation", format_eur(r.amount)});
  return r;
}

}  // namespace sroi
