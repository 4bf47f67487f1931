// SPDX-License-Identifier: EUPL-1.2
#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "sroi/config/toml_text.hpp"
#include "sroi/harmonise/harmonise.hpp"
#include "sroi/msg/harmonise.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::harmonise {
namespace {

/// The method applied to exact values: median (the mean of the two middle ones for an even
/// count), min, max or mean.
Ratio apply(Method m, std::vector<Ratio> v) {
  std::sort(v.begin(), v.end());
  switch (m) {
    case Method::Min:
      return v.front();
    case Method::Max:
      return v.back();
    case Method::Mean: {
      Ratio sum(0);
      for (const auto& x : v) sum += x;
      return sum / Ratio(static_cast<int64_t>(v.size()));
    }
    case Method::Median: {
      std::size_t n = v.size();
      return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / Ratio(2);
    }
  }
  return v.front();
}

Money apply_money(Method m, const std::vector<Money>& values) {
  std::vector<Ratio> v;
  for (Money x : values) v.push_back(Ratio(x.cents()));
  return round_cents(apply(m, v));
}

/// Rounded to two decimals, half away from zero, so the file can state it exactly.
Ratio two_decimals(const Ratio& r) { return Ratio(round_cents(r * Ratio(100)).cents(), 100); }

std::string quote(const std::string& s) { return config::toml_string(s); }

std::string kebab(const std::string& s) {
  std::string out;
  for (char c : s) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool ok = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9');
    if (ok)
      out += l;
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string label(const Region& r) { return r.id + " " + r.version; }

/// Each region's value, for the note of a proposal.
using From = std::vector<std::pair<const Region*, Arg>>;

/// "median of a € 1, b € 2 (spread € 1 to € 2; 2 of 3 regions)".
Message spread_note(Method m, const From& from, Arg lo, Arg hi, std::size_t total) {
  PhraseList values;
  for (const auto& [r, v] : from)
    values.items.push_back(msg(Msg::RegionValue, as_is(label(*r)), v));
  return msg(Msg::SpreadNote, phrase(msg(method_name(m))), std::move(values), std::move(lo),
             std::move(hi), static_cast<int64_t>(from.size()), static_cast<int64_t>(total));
}

Arg hours(const Ratio& h) { return phrase(msg(Msg::HoursValue, Decimal{h})); }

/// The drafted model's TOML, written section by section for the regions it harmonises.
struct DraftText {
  const std::vector<const Region*>& regions;
  Method method;
  Lang lang;
  std::ostringstream t;

  std::size_t n() const { return regions.size(); }
  std::string say(const Message& m) const { return text::say(m, lang); }

  /// The header comments, id, name and version, and the sources: the harmonisation and
  /// each region it started from.
  void header(const std::string& id) {
    std::string m = method_id(method);
    std::vector<std::string> labels;
    for (const Region* r : regions) labels.push_back(label(*r));
    PhraseList inputs = listed(labels);
    t << "# SPDX-License-Identifier: EUPL-1.2\n";
    for (MsgId line : {Msg::DraftHeader1, Msg::DraftHeader2, Msg::DraftHeader3, Msg::DraftHeader4})
      t << "# " << say(msg(line, as_is(m), inputs)) << "\n";
    t << "id = " << quote(id) << "\n"
      << "name = " << quote(say(msg(Msg::DraftName, as_is(m)))) << "\n"
      << "version = " << quote("draft-" + m) << "\n\n";
    t << "[[source]]\nid = \"harmonised\"\ntitle = "
      << quote(say(msg(Msg::DraftSourceTitle, as_is(m), inputs)))
      << "\nurl = " << quote("docs/harmonisation.md") << "\n\n";
    for (const Region* r : regions) {
      t << "[[source]]\nid = " << quote("input-" + kebab(r->id + "-" + r->version))
        << "\ntitle = " << quote(r->name + " (" + label(*r) + ")") << "\nurl = "
        << quote(r->sources.empty() ? "regions/" + r->id + ".toml" : r->sources.front().url)
        << "\n\n";
    }
  }

  /// Full-time hours, and minimum hours where most regions state them.
  void hours_tables() {
    std::vector<Ratio> ft;
    From from;
    for (const Region* r : regions) {
      ft.push_back(r->fulltime_hours.value);
      from.push_back({r, hours(r->fulltime_hours.value)});
    }
    auto sorted = ft;
    std::sort(sorted.begin(), sorted.end());
    Ratio v = two_decimals(apply(method, ft));
    t << "[fulltime_hours]\nvalue = " << quote(v.decimal()) << "\nsource = \"harmonised\"\n"
      << "status = \"provisional\"\nnote = "
      << quote(say(spread_note(method, from, hours(sorted.front()), hours(sorted.back()), n())))
      << "\n\n";
    std::vector<Ratio> mins;
    From min_from;
    for (const Region* r : regions)
      if (r->min_hours) {
        mins.push_back(r->min_hours->value);
        min_from.push_back({r, hours(r->min_hours->value)});
      }
    if (mins.size() * 2 > n()) {
      auto s = mins;
      std::sort(s.begin(), s.end());
      t << "[minimum_hours]\nvalue = " << quote(two_decimals(apply(method, mins)).decimal())
        << "\nsource = \"harmonised\"\nstatus = \"provisional\"\nnote = "
        << quote(say(spread_note(method, min_from, hours(s.front()), hours(s.back()), n())))
        << "\n\n";
    }
  }

  /// The obligation: the percentage where regions publish one, the most common base, a
  /// threshold where most have one; PSO is not harmonised.
  void obligation() {
    std::vector<Ratio> pcts;
    From from;
    std::map<Base, int> bases;
    std::vector<Money> thresholds;
    for (const Region* r : regions) {
      ++bases[r->obligation.base];
      if (r->obligation.percentage) {
        pcts.push_back(*r->obligation.percentage);
        from.push_back({r, Percent{*r->obligation.percentage}});
      }
      if (!r->obligation.threshold.is_zero()) thresholds.push_back(r->obligation.threshold);
    }
    Base base = std::max_element(bases.begin(), bases.end(), [](const auto& a, const auto& b) {
                  return a.second < b.second;
                })->first;
    t << "[obligation]\n";
    PhraseList note{PhraseList::Join::Semicolon, {}};
    if (!pcts.empty()) {
      auto s = pcts;
      std::sort(s.begin(), s.end());
      t << "percentage = " << quote(two_decimals(apply(method, pcts)).decimal()) << "\n";
      note.items.push_back(
          msg(Msg::NotePercentage,
              phrase(spread_note(method, from, Percent{s.front()}, Percent{s.back()}, n()))));
    }
    note.items.push_back(msg(Msg::NoteBaseMostCommon));
    t << "base = " << quote(base_id(base)) << "\n";
    if (thresholds.size() * 2 > n()) {
      t << "threshold = " << quote(format_plain(apply_money(method, thresholds))) << "\n";
      note.items.push_back(msg(Msg::NoteThreshold, phrase(msg(method_name(method)))));
    }
    t << "source = \"harmonised\"\nstatus = \"provisional\"\nnote = "
      << quote(say(msg(Msg::Value, std::move(note)))) << "\n\n";
    t << "[pso]\nrule = \"none\"\nsource = \"harmonised\"\nstatus = \"provisional\"\n"
      << "note = " << quote(say(msg(Msg::NotePsoNotHarmonised))) << "\n\n";
  }

  /// One bonus per catalogue id the regions share.
  void bonuses(const Catalogue& catalogue) {
    for (const auto& entry : catalogue.entries) {
      if (entry.kind != EntryKind::Bonus) continue;
      std::vector<Money> values;
      From from;
      std::string name;
      for (const Region* r : regions)
        if (const Bonus* b = r->find_bonus(entry.id)) {
          values.push_back(b->value);
          from.push_back({r, b->value});
          if (name.empty()) name = b->name;
        }
      if (values.empty()) continue;
      auto s = values;
      std::sort(s.begin(), s.end());
      t << "[[bonus]]\nid = " << quote(entry.id) << "\nname = " << quote(name)
        << "\nvalue = " << quote(format_plain(apply_money(method, values)))
        << "\nsource = \"harmonised\"\n"
        << "status = \"provisional\"\nnote = "
        << quote(say(spread_note(method, from, s.front(), s.back(), n()))) << "\n\n";
    }
  }

  /// A proposed block as a [[block]] table.
  void block(const Proposal& p) {
    bool valued = p.unit != Unit::Invoice && p.unit != Unit::ActualCost;
    t << "[[block]]\nid = " << quote(p.catalogue_id) << "\nname = " << quote(p.name)
      << "\nmaps_to = " << quote(p.catalogue_id) << "\nunit = " << quote(unit_id(p.unit)) << "\n";
    if (valued) t << "value = " << quote(format_plain(p.proposal)) << "\n";
    if (p.percentage) t << "percentage = " << quote(p.percentage->decimal()) << "\n";
    if (p.counting_months) t << "counting_months = " << *p.counting_months << "\n";
    if (p.max_per_day) t << "max_per_day = " << quote(format_plain(*p.max_per_day)) << "\n";
    t << "source = \"harmonised\"\nstatus = \"provisional\"\nnote = " << quote(say(p.note))
      << "\n\n";
  }
};

/// One block for a catalogue entry the regions map to, in the unit most of them use: its
/// value (or invoice share, or cost cap) by `method` over the regions that have that unit, and
/// a note of where it came from. Nothing when no region maps to the entry.
std::optional<Proposal> propose_block(const CatalogueEntry& entry,
                                      const std::vector<const Region*>& regions, Method method) {
  std::size_t n = regions.size();
  std::vector<std::vector<const BuildingBlock*>> per(n);
  std::map<Unit, int> units;
  std::vector<Unit> unit_order;
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& b : regions[i]->blocks)
      if (b.maps_to == entry.id) {
        per[i].push_back(&b);
        if (!units.count(b.unit)) unit_order.push_back(b.unit);
        ++units[b.unit];
      }
  if (unit_order.empty()) return std::nullopt;
  Unit unit = unit_order.front();
  for (Unit u : unit_order)
    if (units[u] > units[unit]) unit = u;
  Proposal p;
  p.catalogue_id = entry.id;
  p.catalogue_name = entry.named_entry();
  p.unit = unit;
  std::vector<Money> values;
  std::vector<Ratio> shares;
  std::vector<Ratio> counting;
  std::vector<Money> maxes;  // actual cost: the maximum per day
  std::size_t with_unit = 0;
  From from;
  for (std::size_t i = 0; i < n; ++i) {
    const BuildingBlock* chosen = nullptr;
    for (const BuildingBlock* b : per[i])
      if (b->unit == unit) {
        chosen = b;
        break;
      }
    if (!chosen) {
      p.values.push_back(std::nullopt);
      continue;
    }
    ++with_unit;
    if (p.name.empty()) p.name = chosen->name;
    p.values.push_back(chosen->value);
    values.push_back(chosen->value);
    if (unit == Unit::Invoice) shares.push_back(chosen->percentage);
    if (chosen->counting_months) counting.push_back(Ratio(*chosen->counting_months));
    if (chosen->max_per_day) maxes.push_back(*chosen->max_per_day);
    from.push_back({regions[i], unit == Unit::Invoice ? Arg(Percent{chosen->percentage})
                                : unit == Unit::ActualCost
                                    ? Arg(phrase(chosen->max_per_day ? msg(Msg::ActualCostMaxPerDay,
                                                                           *chosen->max_per_day)
                                                                     : msg(Msg::WordActualCost)))
                                    : Arg(chosen->value)});
  }
  bool valued = unit != Unit::Invoice && unit != Unit::ActualCost;
  auto sorted = values;
  std::sort(sorted.begin(), sorted.end());
  p.proposal = valued ? apply_money(method, values) : Money();
  if (unit == Unit::Invoice) p.percentage = two_decimals(apply(method, shares));
  if (counting.size() * 2 > with_unit)
    p.counting_months = static_cast<int>(round_cents(apply(method, counting)).cents());
  if (maxes.size() * 2 > with_unit) p.max_per_day = apply_money(method, maxes);
  PhraseList note{PhraseList::Join::Semicolon, {}};
  note.items.push_back(valued ? spread_note(method, from, sorted.front(), sorted.back(), n)
                              : msg(Msg::NoteMethodOfRegions, phrase(msg(method_name(method))),
                                    static_cast<int64_t>(from.size()), static_cast<int64_t>(n)));
  int other_units = 0;  // the regions' blocks for this entry in another unit
  for (const auto& [u, count] : units)
    if (u != unit) other_units += count;
  if (other_units > 0)
    note.items.push_back(msg(Msg::NoteOtherUnits, Amount{Ratio(other_units), Counted::Blocks}));
  if (p.counting_months)
    note.items.push_back(msg(Msg::NoteCountingPeriod, int64_t{*p.counting_months},
                             static_cast<int64_t>(counting.size()),
                             static_cast<int64_t>(with_unit)));
  p.note = msg(Msg::Value, std::move(note));
  return p;
}

}  // namespace

std::optional<Method> method_from_id(const std::string& id) { return from_id<Method>(id); }

const char* method_id(Method m) { return id_of(m); }

MsgId method_name(Method m) {
  switch (m) {
    case Method::Median:
      return Msg::MethodMedian;
    case Method::Min:
      return Msg::MethodMin;
    case Method::Max:
      return Msg::MethodMax;
    case Method::Mean:
      break;
  }
  return Msg::MethodMean;
}

Draft draft_common_model(const Catalogue& catalogue, const std::vector<const Region*>& regions,
                         Method method, const std::string& id, Lang lang) {
  Draft d;
  d.regions = regions;
  d.method = method;
  DraftText text{regions, method, lang, {}};
  text.header(id);
  text.hours_tables();
  text.obligation();
  text.bonuses(catalogue);
  // One block per catalogue entry the regions map to.
  for (const auto& entry : catalogue.entries) {
    if (entry.kind == EntryKind::Bonus) continue;
    if (auto p = propose_block(entry, regions, method)) {
      text.block(*p);
      d.blocks.push_back(std::move(*p));
    }
  }
  d.toml = text.t.str();
  return d;
}

}  // namespace sroi::harmonise
