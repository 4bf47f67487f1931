// SPDX-License-Identifier: EUPL-1.2
#include <algorithm>
#include <set>

#include "sroi/harmonise/harmonise.hpp"

namespace sroi::harmonise {
namespace {

void changed(Diff& d, const std::string& what, const std::string& from, const std::string& to) {
  if (from != to) d.changes.push_back({"changed", what, from, to});
}

std::string opt_ratio(const std::optional<Ratio>& r, const char* unit) {
  return r ? r->decimal() + unit : "none";
}

void compare_blocks(Diff& d, const BuildingBlock& a, const BuildingBlock& b) {
  std::string w = "block " + b.id;
  changed(d, w + " value",
          a.unit == Unit::Invoice || a.unit == Unit::ActualCost ? "" : format_eur(a.value),
          b.unit == Unit::Invoice || b.unit == Unit::ActualCost ? "" : format_eur(b.value));
  changed(d, w + " unit", unit_id(a.unit), unit_id(b.unit));
  changed(d, w + " counting period",
          a.counting_months ? std::to_string(*a.counting_months) + " months" : "none",
          b.counting_months ? std::to_string(*b.counting_months) + " months" : "none");
  if (a.unit == Unit::Invoice && b.unit == Unit::Invoice)
    changed(d, w + " invoice share", a.percentage.decimal() + " %", b.percentage.decimal() + " %");
  changed(d, w + " name", a.name, b.name);
  changed(d, w + " status", a.provenance.provisional() ? "provisional" : "published",
          b.provenance.provisional() ? "provisional" : "published");
}

}  // namespace

Diff diff(const Region& a, const Region& b) {
  Diff d;
  d.old_region = &a;
  d.new_region = &b;
  changed(d, "name", a.name, b.name);
  changed(d, "valid from", a.valid_from ? a.valid_from->iso() : "none",
          b.valid_from ? b.valid_from->iso() : "none");
  changed(d, "valid until", a.valid_until ? a.valid_until->iso() : "none",
          b.valid_until ? b.valid_until->iso() : "none");
  changed(d, "full-time hours", a.fulltime_hours.value.decimal(), b.fulltime_hours.value.decimal());
  changed(d, "minimum hours", a.min_hours ? a.min_hours->value.decimal() : "none",
          b.min_hours ? b.min_hours->value.decimal() : "none");
  changed(d, "time basis", a.time_basis == TimeBasis::Days ? "days" : "months",
          b.time_basis == TimeBasis::Days ? "days" : "months");
  changed(d, "obligation percentage", opt_ratio(a.obligation.percentage, " %"),
          opt_ratio(b.obligation.percentage, " %"));
  changed(d, "obligation base", base_label(a.obligation.base), base_label(b.obligation.base));
  changed(d, "threshold", format_eur(a.obligation.threshold), format_eur(b.obligation.threshold));
  changed(d, "cap", a.obligation.cap ? format_eur(*a.obligation.cap) : "none",
          b.obligation.cap ? format_eur(*b.obligation.cap) : "none");
  auto pso = [](const Region& r) {
    std::string s = r.pso.kind == PsoRuleKind::None       ? "none"
                    : r.pso.kind == PsoRuleKind::Discount ? "discount"
                                                          : "fulfilment";
    for (const auto& [level, p] : r.pso.percent)
      s += std::string(" ") + pso_level_id(level) + "=" + p.decimal();
    return s;
  };
  changed(d, "PSO rule", pso(a), pso(b));
  auto penalty = [](const Region& r) {
    return r.penalty.kind == PenaltyKind::None
               ? std::string("none")
               : r.penalty.factor.decimal() + (r.penalty.kind == PenaltyKind::ShortfallFactor
                                                   ? " × shortfall"
                                                   : " × obligation");
  };
  changed(d, "penalty", penalty(a), penalty(b));

  // Blocks: the same id is the same block; else the same catalogue entry is a renamed block.
  std::set<std::string> matched_old, matched_new;
  for (const auto& nb : b.blocks)
    if (const BuildingBlock* ob = a.find_block(nb.id)) {
      compare_blocks(d, *ob, nb);
      matched_old.insert(ob->id);
      matched_new.insert(nb.id);
    }
  for (const auto& nb : b.blocks) {
    if (matched_new.count(nb.id)) continue;
    std::vector<const BuildingBlock*> same;
    for (const auto& ob : a.blocks)
      if (!matched_old.count(ob.id) && ob.maps_to == nb.maps_to) same.push_back(&ob);
    if (same.size() == 1) {
      d.changes.push_back({"renamed", "block " + same[0]->id, same[0]->id, nb.id});
      compare_blocks(d, *same[0], nb);
      matched_old.insert(same[0]->id);
      matched_new.insert(nb.id);
    }
  }
  for (const auto& ob : a.blocks)
    if (!matched_old.count(ob.id))
      d.changes.push_back({"removed", "block " + ob.id, describe(ob), ""});
  for (const auto& nb : b.blocks)
    if (!matched_new.count(nb.id))
      d.changes.push_back({"added", "block " + nb.id, "", describe(nb)});

  for (const auto& ob : a.bonuses) {
    const Bonus* nb = b.find_bonus(ob.id);
    if (!nb)
      d.changes.push_back({"removed", "bonus " + ob.id, "+ " + format_eur(ob.value), ""});
    else
      changed(d, "bonus " + ob.id, "+ " + format_eur(ob.value), "+ " + format_eur(nb->value));
  }
  for (const auto& nb : b.bonuses)
    if (!a.find_bonus(nb.id))
      d.changes.push_back({"added", "bonus " + nb.id, "", "+ " + format_eur(nb.value)});
  return d;
}

std::string changelog(const Diff& d, bool en) {
  const Region& a = *d.old_region;
  const Region& b = *d.new_region;
  std::vector<std::string> values, added, removed, renamed, other;
  for (const auto& c : d.changes) {
    if (c.kind == "added")
      added.push_back(c.what.substr(c.what.find(' ') + 1) + " (" + c.to + ")");
    else if (c.kind == "removed")
      removed.push_back(c.what.substr(c.what.find(' ') + 1));
    else if (c.kind == "renamed")
      renamed.push_back(c.from + " → " + c.to);
    else if (c.what.rfind("block ", 0) == 0 && c.what.size() > 6 &&
             c.what.substr(c.what.size() - 5) == "value")
      values.push_back(c.what.substr(6, c.what.size() - 12) + (en ? " from " : " van ") + c.from +
                       (en ? " to " : " naar ") + c.to);
    else if (c.what.rfind("bonus ", 0) == 0)
      values.push_back(c.what + (en ? " from " : " van ") + c.from + (en ? " to " : " naar ") +
                       c.to);
    else if (c.what.find(" name") == std::string::npos && c.what != "name")
      other.push_back(c.what + (en ? " from " : " van ") + c.from + (en ? " to " : " naar ") +
                      c.to);
  }
  auto list = [](const std::vector<std::string>& items) {
    std::string s;
    for (std::size_t i = 0; i < items.size(); ++i)
      s += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return s;
  };
  auto nl_list = [](const std::vector<std::string>& items) {
    std::string s;
    for (std::size_t i = 0; i < items.size(); ++i)
      s += (i == 0 ? "" : i + 1 == items.size() ? " en " : ", ") + items[i];
    return s;
  };
  auto L = en ? list : nl_list;
  std::string s =
      en ? "Version " + b.version + " of " + b.id + " replaces version " + a.version + "."
         : "Versie " + b.version + " van " + b.id + " vervangt versie " + a.version + ".";
  if (!values.empty()) s += (en ? " Changed values: " : " Gewijzigde waarden: ") + L(values) + ".";
  if (!renamed.empty())
    s += (en ? " Renamed blocks: " : " Hernoemde bouwblokken: ") + L(renamed) + ".";
  if (!added.empty()) s += (en ? " New blocks: " : " Nieuwe bouwblokken: ") + L(added) + ".";
  if (!removed.empty())
    s += (en ? " Removed blocks: " : " Vervallen bouwblokken: ") + L(removed) + ".";
  if (!other.empty()) s += (en ? " Other rules: " : " Overige regels: ") + L(other) + ".";
  if (d.changes.empty()) s += en ? " Nothing else changed." : " Verder is niets gewijzigd.";
  return s;
}

}  // namespace sroi::harmonise
