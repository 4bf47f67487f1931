// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/region_loader.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>

#include "sroi/config/toml_fields.ipp"
#include "sroi/io/digest.hpp"
#include "sroi/model/enum_ids.hpp"
#include "sroi/model/limits.hpp"
#include "sroi/msg/config.hpp"

namespace sroi::config {
namespace {

/// A file's bytes as they are (its fingerprint; parse_toml_file has read and checked it).
std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A version fit to be part of a file name: 1-32 letters, digits, '.', '-', '_', not
/// starting with '.'.
bool is_version_label(const std::string& v) {
  if (v.empty() || v.size() > 32 || v.front() == '.') return false;
  for (unsigned char c : v)
    if (!(std::isalnum(c) || c == '.' || c == '-' || c == '_')) return false;
  return true;
}

// Largest effort value or amount a region file may state; beyond it a typo is more likely.
const Money kMaxValue = Money::euros(10'000'000);

struct Loader {
  std::string path;  ///< the file, or the name of text handed in
  const Catalogue* catalogue;
  std::vector<Diagnostic>& problems;
  Region region;
  const std::string* text = nullptr;  ///< the model's text when handed in, else read from path

  bool known_source(const std::string& id) const {
    return std::any_of(region.sources.begin(), region.sources.end(),
                       [&](const SourceDocument& d) { return d.id == id; });
  }
  std::string source_ids() const {
    std::string ids;
    for (const auto& d : region.sources) ids += (ids.empty() ? "" : ", ") + d.id;
    return ids;
  }

  /// Reads `source` (a [[source]] id) and `status` into a Provenance.
  Provenance provenance(Fields& f) {
    Provenance p;
    auto src = f.string("source", true);
    if (src) {
      p.source = *src;
      if (!known_source(*src)) {
        f.error(f.at("source"), msg(Msg::UnknownSource, as_is(*src), as_is(source_ids())));
      }
    }
    auto status = f.choice("status", false, {"published", "provisional"});
    p.status = status && *status == "provisional" ? Status::Provisional : Status::Published;
    return p;
  }

  /// What a catalogue reference must name: a bonus, or a block's target group or measure.
  enum class Wanted { Bonus, Block };

  void catalogue_ref(Fields& f, const std::string& key, const std::string& id, Wanted wanted) {
    if (!catalogue) return;
    const CatalogueEntry* e = catalogue->find(id);
    bool bonus = wanted == Wanted::Bonus;
    if (!e)
      f.error(f.at(key), msg(bonus ? Msg::NotInBonusCatalogue : Msg::NotInCatalogue, as_is(id)));
    else if (bonus && e->kind != EntryKind::Bonus)
      f.error(f.at(key),
              msg(Msg::CatalogueEntryNotBonus, as_is(id), as_is(entry_kind_id(e->kind))));
    else if (!bonus && e->kind == EntryKind::Bonus)
      f.error(f.at(key), msg(Msg::BonusAsBlock, as_is(id)));
  }

  void sources(Fields& top) {
    for (const toml::table* t : top.tables("source", true)) {
      Fields f(*t, path, problems, "[[source]]");
      SourceDocument d;
      auto id = f.id("id", true);
      auto title = f.string("title", true);
      auto title_nl = f.string("title_nl", false);
      auto url = f.string("url", true);
      auto date = f.string("date", false);
      f.finish();
      if (!id || !title || !url) continue;
      if (std::any_of(region.sources.begin(), region.sources.end(),
                      [&](const SourceDocument& s) { return s.id == *id; })) {
        f.error(f.at("id"), msg(Msg::DuplicateSourceId, as_is(*id)));
        continue;
      }
      region.sources.push_back({*id, *title, *url, date.value_or(""), title_nl.value_or("")});
    }
  }

  std::optional<SourcedRatio> hours(Fields& top, const std::string& key, bool required) {
    const toml::table* t = top.table(key, required);
    if (!t) return std::nullopt;
    Fields f(*t, path, problems, "[" + key + "]");
    auto v = f.decimal("value", true, Range{Ratio(0), Ratio(60), false});
    Provenance p = provenance(f);
    f.string("note", false);
    f.finish();
    if (!v) return std::nullopt;
    return SourcedRatio{*v, p};
  }

  void obligation(Fields& top) {
    const toml::table* t = top.table("obligation", true);
    if (!t) return;
    Fields f(*t, path, problems, "[obligation]");
    ObligationRule& o = region.obligation;
    o.percentage = f.decimal("percentage", false, Range{Ratio(0), Ratio(100), false});
    auto base = f.choice("base", true, {"contract-value", "invoiced-turnover", "wage-bill"});
    if (base)
      o.base = *base == "contract-value"      ? Base::ContractValue
               : *base == "invoiced-turnover" ? Base::InvoicedTurnover
                                              : Base::WageBill;
    o.threshold =
        f.money("threshold", false, Money(), Money::euros(1'000'000'000)).value_or(Money());
    // Whether a base equal to the threshold has an obligation is a rule the region states
    // ("vanaf" or "boven"), so a file with a threshold must say which.
    auto rule = f.choice("threshold_rule", o.threshold.cents() > 0, {"from", "above"});
    o.threshold_inclusive = !rule || *rule == "from";
    o.cap = f.money("cap", false, Money::cents(1), Money::euros(1'000'000'000));
    auto min_d = f.integer("min_duration_months", false, 1, 600);
    if (min_d) o.min_duration_months = static_cast<int>(*min_d);
    o.provenance = provenance(f);
    // The default percentage may have a source of its own (a common norm rather than the
    // table's rule); without one it shares the table's.
    o.percentage_provenance = o.provenance;
    if (t->contains("percentage_source") || t->contains("percentage_status")) {
      if (!o.percentage)
        f.error(f.at("percentage_source"), msg(Msg::PercentageSourceNeedsPercentage));
      auto src = f.string("percentage_source", true);
      if (src) {
        o.percentage_provenance.source = *src;
        if (!known_source(*src))
          f.error(f.at("percentage_source"),
                  msg(Msg::UnknownSource, as_is(*src), as_is(source_ids())));
      }
      auto st = f.choice("percentage_status", false, {"published", "provisional"});
      o.percentage_provenance.status =
          st && *st == "provisional" ? Status::Provisional : Status::Published;
    }
    f.string("note", false);
    f.finish();
  }

  void bonus_groups(Fields& top) {
    for (const toml::table* t : top.tables("bonus_group", false)) {
      Fields f(*t, path, problems, "[[bonus_group]]");
      BonusGroup g;
      g.where = f.here();
      auto id = f.id("id", true);
      if (const toml::array* m = f.array("members", true)) {
        for (const auto& mn : *m) {
          auto s = mn.value<std::string>();
          if (!s) {
            f.error(location(mn.source(), path), msg(Msg::MembersAreBonusIds));
            continue;
          }
          if (!region.find_bonus(*s))
            f.error(location(mn.source(), path),
                    msg(Msg::UnknownBonusKnown, as_is(*s), as_is(region.bonus_ids())));
          else if (const BonusGroup* other = region.group_of(*s))
            f.error(location(mn.source(), path),
                    msg(Msg::BonusInOtherGroup, as_is(*s), as_is(other->id)));
          else if (std::find(g.members.begin(), g.members.end(), *s) != g.members.end())
            f.error(location(mn.source(), path), msg(Msg::BonusListedTwice, as_is(*s)));
          else
            g.members.push_back(*s);
        }
        if (m->size() < 2) f.error(f.at("members"), msg(Msg::BonusGroupTooSmall));
      }
      g.provenance = provenance(f);
      f.string("note", false);
      f.finish();
      if (!id) continue;
      g.id = *id;
      region.bonus_groups.push_back(std::move(g));
    }
  }

  void prior_employment(Fields& top) {
    const toml::table* t = top.table("prior_employment", false);
    if (!t) return;
    Fields f(*t, path, problems, "[prior_employment]");
    auto months = f.integer("months", true, 1, 120);
    Provenance p = provenance(f);
    f.string("note", false);
    f.finish();
    if (months) region.prior_employment = PriorEmployment{static_cast<int>(*months), p};
  }

  void wage_subsidy(Fields& top) {
    const toml::table* t = top.table("wage_subsidy", false);
    if (!t) return;
    Fields f(*t, path, problems, "[wage_subsidy]");
    auto counts = f.boolean("counts_while_running");
    if (!counts) f.error(f.here(), msg(Msg::WageSubsidyNeedsCounts));
    Provenance p = provenance(f);
    f.string("note", false);
    f.finish();
    if (counts && *counts) region.counts_while_subsidy = p;
  }

  void penalty(Fields& top) {
    const toml::table* t = top.table("penalty", false);
    if (!t) return;
    Fields f(*t, path, problems, "[penalty]");
    auto kind = f.choice("rule", true, all_ids<PenaltyKind>());
    PenaltyRule& p = region.penalty;
    if (kind && from_id<PenaltyKind>(*kind) != PenaltyKind::None) {
      p.kind = *from_id<PenaltyKind>(*kind);
      p.factor = f.decimal("factor", true, Range{Ratio(0), Ratio(10), false}).value_or(Ratio(0));
    }
    p.provenance = provenance(f);
    f.string("note", false);
    f.finish();
  }

  void reporting(Fields& top) {
    const toml::table* t = top.table("reporting", false);
    if (!t) return;
    Fields f(*t, path, problems, "[reporting]");
    ReportingRule r;
    if (auto every = f.choice("every", true, all_ids<ReportEvery>()))
      r.every = from_id<ReportEvery>(*every).value_or(ReportEvery::Quarter);
    if (auto grace = f.integer("grace_days", false, 0, limits::kMaxGraceDays))
      r.grace_days = static_cast<int>(*grace);
    if (auto count = f.choice("count", false, {"submitted", "accepted"}))
      r.count_accepted_only = *count == "accepted";
    r.provenance = provenance(f);
    f.string("note", false);
    f.finish();
    region.reporting = r;
  }

  void pso(Fields& top) {
    const toml::table* t = top.table("pso", false);
    if (!t) return;
    Fields f(*t, path, problems, "[pso]");
    PsoRule& p = region.pso;
    auto kind = f.choice("rule", true, all_ids<PsoRuleKind>());
    if (kind) p.kind = from_id<PsoRuleKind>(*kind).value_or(PsoRuleKind::None);
    p.allow_expiring = f.boolean("allow_expiring").value_or(false);
    if (const toml::table* pt = f.table("percent", p.kind != PsoRuleKind::None)) {
      Fields pf(*pt, path, problems, "[pso.percent]");
      for (auto&& [k, v] : *pt) {
        std::string level_id(k.str());
        auto level = pso_level_from_id(level_id);
        if (!level) continue;  // reported by pf.finish()
        auto pct = pf.decimal(level_id, false, Range{Ratio(0), Ratio(100)});
        if (pct) p.percent[*level] = *pct;
      }
      pf.finish();
    }
    p.provenance = provenance(f);
    f.string("note", false);
    f.finish();
  }

  void bonuses(Fields& top) {
    for (const toml::table* t : top.tables("bonus", false)) {
      Fields f(*t, path, problems, "[[bonus]]");
      Bonus b;
      b.where = f.here();
      auto id = f.id("id", true);
      auto name = f.string("name", true);
      auto value = f.money("value", true, Money::cents(1), kMaxValue);
      b.provenance = provenance(f);
      f.string("note", false);
      if (id) catalogue_ref(f, "id", *id, Wanted::Bonus);
      f.finish();
      if (!id || !name || !value) continue;
      if (const Bonus* prev = region.find_bonus(*id)) {
        f.error(f.at("id"), msg(Msg::DuplicateBonusId, as_is(*id), as_is(prev->where.str())));
        continue;
      }
      b.id = *id;
      b.name = *name;
      b.value = *value;
      region.bonuses.push_back(std::move(b));
    }
  }

  void blocks(Fields& top) {
    const toml::array* arr = top.array("block", true);
    if (!arr) return;
    if (arr->empty()) top.error(top.at("block"), msg(Msg::RegionNeedsBlock));
    std::map<std::string, SourceLocation> seen_blocks;
    for (const toml::table* t : top.tables("block", false)) {
      Fields f(*t, path, problems, "[[block]]");
      BuildingBlock b;
      b.where = f.here();
      auto id = f.id("id", true);
      auto name = f.string("name", true);
      auto maps_to = f.id("maps_to", true);
      auto unit_text = f.string("unit", true);
      std::optional<Unit> unit;
      if (unit_text) {
        unit = unit_from_id(*unit_text);
        if (!unit)
          f.error(f.at("unit"), msg(Msg::UnknownUnit, as_is(*unit_text), as_is(unit_ids())));
      }
      bool valued = !unit || (*unit != Unit::Invoice && *unit != Unit::ActualCost);
      std::optional<Money> value;
      if (valued) {
        value = f.money("value", unit.has_value(), Money::cents(1), kMaxValue);
      } else if (t->contains("value")) {
        f.accept("value");
        f.error(f.at("value"), msg(Msg::UnitTakesNoValue, as_is(unit_id(*unit))));
      }
      if (!unit || unit == Unit::Invoice) {
        b.percentage =
            f.decimal("percentage", false, Range{Ratio(0), Ratio(100), false}).value_or(Ratio(100));
      } else if (t->contains("percentage")) {
        f.accept("percentage");
        f.error(f.at("percentage"), msg(Msg::PercentageOnlyInvoice));
      }
      // An actual cost may be capped per day ("at most € 1,000 per day"): the line's count is
      // then its days.
      if (!unit || unit == Unit::ActualCost) {
        b.max_per_day = f.money("max_per_day", false, Money::cents(1), kMaxValue);
      } else if (t->contains("max_per_day")) {
        f.accept("max_per_day");
        f.error(f.at("max_per_day"), msg(Msg::MaxPerDayOnlyActualCost));
      }
      // counting_months = N, or counting = "always" (no counting period, said explicitly).
      auto counting = f.integer("counting_months", false, 1, 600);
      auto always = f.choice("counting", false, {"always"});
      if (always && counting) f.error(f.at("counting"), msg(Msg::CountingEitherOr));
      b.counts_always = always.has_value();
      b.provenance = provenance(f);
      b.note = f.string("note", false).value_or("");
      if (maps_to) catalogue_ref(f, "maps_to", *maps_to, Wanted::Block);
      f.finish();
      if (id) {
        auto [it, fresh] = seen_blocks.try_emplace(*id, f.at("id"));
        if (!fresh) {
          f.error(f.at("id"), msg(Msg::DuplicateBlockId, as_is(*id), as_is(it->second.str())));
          continue;
        }
      }
      if (!id || !name || !maps_to || !unit || (valued && !value)) continue;
      b.id = *id;
      b.name = *name;
      b.maps_to = *maps_to;
      b.unit = *unit;
      b.value = value.value_or(Money());
      if (counting) b.counting_months = static_cast<int>(*counting);
      region.blocks.push_back(std::move(b));
    }
  }

  std::optional<Region> run() {
    std::size_t before = problems.size();
    auto doc = text ? parse_toml_text(*text, path, problems) : parse_toml_file(path, problems);
    if (!doc) return std::nullopt;
    region.file = path;
    region.fingerprint = io::fingerprint_hex(text ? *text : file_bytes(path));
    Fields top(*doc, path, problems, msg(Msg::CtxRegionFile));
    auto id = top.id("id", true);
    auto name = top.string("name", true);
    auto version = top.string("version", true);
    if (version && !is_version_label(*version)) {
      // It names the model's file when a coordinator activates it: nothing a path could use.
      top.error(top.at("version"), msg(Msg::VersionNotLabel, as_is(*version)));
      version.reset();
    }
    region.valid_from = top.date("valid_from", false);
    region.valid_until = top.date("valid_until", false);
    region.supersedes = top.string("supersedes", false);
    top.string("description", false);
    auto basis = top.choice("time_basis", false, all_ids<TimeBasis>());
    region.time_basis =
        basis ? from_id<TimeBasis>(*basis).value_or(TimeBasis::Months) : TimeBasis::Months;
    auto scope = top.choice("counting_scope", false, all_ids<CountingScope>());
    region.counting_scope = scope
                                ? from_id<CountingScope>(*scope).value_or(CountingScope::PerPerson)
                                : CountingScope::PerPerson;
    if (region.valid_from && region.valid_until && *region.valid_until < *region.valid_from)
      top.error(top.at("valid_until"),
                msg(Msg::ValidUntilBeforeFrom, *region.valid_until, *region.valid_from));
    sources(top);
    auto ft = hours(top, "fulltime_hours", true);
    region.min_hours = hours(top, "minimum_hours", false);
    if (ft && region.min_hours && region.min_hours->value > ft->value)
      top.error(top.at("minimum_hours"), msg(Msg::MinimumAboveFulltime));
    obligation(top);
    penalty(top);
    reporting(top);
    pso(top);
    bonuses(top);
    bonus_groups(top);
    prior_employment(top);
    wage_subsidy(top);
    blocks(top);
    top.finish();
    // Report in reading order, as an editor would list them.
    std::stable_sort(problems.begin() + static_cast<std::ptrdiff_t>(before), problems.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.where < b.where; });
    if (!id || !name || !version || !ft || problems.size() != before) return std::nullopt;
    region.id = *id;
    region.name = *name;
    region.version = *version;
    region.fulltime_hours = *ft;
    return std::move(region);
  }
};

}  // namespace

std::optional<Region> load_region(const std::string& path, const Catalogue* catalogue,
                                  std::vector<Diagnostic>& problems) {
  Loader loader{path, catalogue, problems, Region{}};
  return loader.run();
}

std::optional<Region> read_region(const std::string& text, const std::string& name,
                                  const Catalogue* catalogue, std::vector<Diagnostic>& problems) {
  Loader loader{name, catalogue, problems, Region{}, &text};
  return loader.run();
}

}  // namespace sroi::config
