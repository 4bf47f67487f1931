// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/obligation.hpp"

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

ObligationResult compute_obligation(const Region& region, const Contract& contract,
                                    const std::optional<PsoCertificate>& pso) {
  const ObligationRule& rule = region.obligation;
  ObligationResult r;
  r.base = contract.value;
  r.threshold = contract.threshold.value_or(rule.threshold);

  if (contract.percentage) {
    r.percentage = *contract.percentage;
    r.percentage_from_contract = true;
  } else if (rule.percentage) {
    r.percentage = *rule.percentage;
    note_provisional(r, rule.provenance, "obligation percentage " + pct(r.percentage));
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

  if (r.threshold.cents() > 0 && r.base < r.threshold) {
    r.reason = base_label(rule.base) + " " + format_eur(r.base) + " is below the threshold " +
               format_eur(r.threshold);
    r.trace.push_back({"threshold", r.reason + ": no obligation"});
    return r;
  }
  if (r.threshold.cents() > 0) {
    r.trace.push_back({"threshold", format_eur(r.threshold) + " reached" +
                                        (contract.threshold ? " (set by the contract)" : "")});
    if (!contract.threshold)
      note_provisional(r, rule.provenance, "threshold " + format_eur(r.threshold));
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
  r.gross = scale(r.base, r.percentage / Ratio(100));
  r.trace.push_back({"gross", pct(r.percentage) + " × " + format_eur(r.base) + " = " +
                                  format_eur(r.gross) + " (rounded half away from zero)"});
  Money obligation = r.gross;
  if (rule.cap && obligation > *rule.cap) {
    r.cap_applied = *rule.cap;
    obligation = *rule.cap;
    r.trace.push_back({"cap", "capped at " + format_eur(*rule.cap) + " per contract"});
    note_provisional(r, rule.provenance, "obligation cap " + format_eur(*rule.cap));
  }
  r.reason = pct(r.percentage) + " of " + base_label(rule.base) + " " + format_eur(r.base);
  if (r.cap_applied) r.reason += ", capped at " + format_eur(*r.cap_applied);

  if (pso) {
    const PsoRule& pr = region.pso;
    std::string level = pso_level_id(pso->level);
    if (pr.kind == PsoRuleKind::None) {
      r.warnings.push_back("region " + region.label() + " does not count PSO certificates; " +
                           level + " ignored");
      r.trace.push_back({"pso", level + " not counted: the region has no PSO rule"});
    } else if (pso->valid_until < contract.end && !pr.allow_expiring) {
      std::string msg = "PSO certificate " + level + " expires on " + pso->valid_until.iso() +
                        ", before the contract ends on " + contract.end.iso() +
                        "; it is not counted";
      r.warnings.push_back(msg);
      r.trace.push_back({"pso", msg});
    } else {
      auto it = pr.percent.find(pso->level);
      Ratio share = it == pr.percent.end() ? Ratio(0) : it->second;
      Money part = scale(obligation, share / Ratio(100));
      r.pso_counted = true;
      note_provisional(r, pr.provenance, "PSO " + level + " " + pct(share));
      if (pr.kind == PsoRuleKind::Discount) {
        r.pso_discount = part;
        obligation = obligation - part;
        r.trace.push_back({"pso discount", level + ": " + pct(share) + " of " +
                                               format_eur(obligation + part) + " = " +
                                               format_eur(part) + " off the obligation"});
        r.reason += ", minus PSO " + level + " discount " + format_eur(part);
      } else {
        r.pso_fulfilment = part;
        r.trace.push_back({"pso fulfilment", level + ": " + pct(share) + " of " +
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
