// SPDX-License-Identifier: EUPL-1.2
#include "sroi/kpi/kpi_json.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

namespace sroi::kpi {
namespace {

using nlohmann::ordered_json;

constexpr const char* kSchemaName = "sroi-kpi";
constexpr const char* kHidden = "< 5";

/// A share a ÷ b as a decimal with 4 places ("0.8500"), or null without a base.
ordered_json share(int64_t a, int64_t b) {
  if (b == 0) return nullptr;
  return std::stod(round_to(Ratio(a, b), 4).decimal(4));
}

ordered_json money(const std::optional<Money>& m) {
  return m ? ordered_json(m->cents()) : ordered_json(nullptr);
}

/// An exact quantity with at most `places` decimals, as a JSON number.
ordered_json decimal(const Ratio& r, int places) {
  return std::stod(round_to(r, places).decimal(places));
}

ordered_json figures(const Figures& f) {
  ordered_json j;
  j["suppressed"] = f.suppressed;
  if (f.suppressed) {
    j["candidates"] = kHidden;
    return j;
  }
  j["contracts"] = f.contracts;
  j["obligation_cents"] = money(f.obligation);
  j["offered_cents"] = money(f.offered);
  j["realised_cents"] = money(f.realised);
  j["share_realised"] = f.realised && f.obligation && !f.obligation->is_zero()
                            ? share(f.realised->cents(), f.obligation->cents())
                            : ordered_json(nullptr);
  j["candidates"] = f.candidates;
  j["fte"] = decimal(f.fte, 4);
  j["hours"] = decimal(f.hours, 2);
  j["placements"] = f.placements;
  ordered_json tg = ordered_json::object();
  for (const auto& [k, n] : f.by_target_group)
    tg[k] = f.target_groups_suppressed.count(k) ? ordered_json(kHidden) : ordered_json(n);
  j["placements_by_target_group"] = tg;
  j["placements_6_months"] = f.lasted_6;
  j["placements_12_months"] = f.lasted_12;
  j["share_6_months"] = share(f.lasted_6, f.placements);
  j["share_12_months"] = share(f.lasted_12, f.placements);
  j["permanent_recorded"] = f.permanent_recorded;
  j["permanent"] = f.permanent;
  j["share_permanent"] = share(f.permanent, f.permanent_recorded);
  j["provisional"] = f.provisional;
  j["incomplete"] = f.incomplete;
  return j;
}

ordered_json group(const Group& g) {
  ordered_json j;
  j["key"] = g.key;
  if (!g.source.empty()) j["source"] = g.source;
  ordered_json f = figures(g.f);  // kept alive: items() refers to it
  for (auto& [k, v] : f.items()) j[k] = v;
  return j;
}

/// Reading back: every problem names the file and the JSON path.
struct Reader {
  std::string file;
  std::vector<Diagnostic> problems;

  void fail(const std::string& path, Msg what, Message extra = {}) {
    problems.push_back({SourceLocation{file}, msg(what, as_is(path), phrase(std::move(extra)))});
  }
  int64_t integer(const nlohmann::json& j, const std::string& key, const std::string& path) {
    if (!j.contains(key) || !j[key].is_number_integer()) {
      fail(path + "." + key, Msg::KpiExpectedWholeNumber);
      return 0;
    }
    return j[key].get<int64_t>();
  }
  std::optional<Money> cents(const nlohmann::json& j, const std::string& key,
                             const std::string& path) {
    if (j.contains(key) && j[key].is_null()) return std::nullopt;
    return Money::cents(integer(j, key, path));
  }
  Ratio number(const nlohmann::json& j, const std::string& key, const std::string& path,
               int places) {
    if (!j.contains(key) || !j[key].is_number()) {
      fail(path + "." + key, Msg::KpiExpectedNumber);
      return Ratio(0);
    }
    int64_t scale = 1;
    for (int i = 0; i < places; ++i) scale *= 10;
    double v = j[key].get<double>() * static_cast<double>(scale);
    return Ratio(static_cast<int64_t>(v < 0 ? v - 0.5 : v + 0.5), scale);
  }
  Figures figures(const nlohmann::json& j, const std::string& path) {
    Figures f;
    if (!j.is_object()) {
      fail(path, Msg::KpiExpectedObject);
      return f;
    }
    f.suppressed = j.value("suppressed", false);
    if (f.suppressed) return f;
    f.contracts = integer(j, "contracts", path);
    f.obligation = cents(j, "obligation_cents", path);
    f.offered = cents(j, "offered_cents", path);
    f.realised = cents(j, "realised_cents", path);
    f.candidates = integer(j, "candidates", path);
    f.fte = number(j, "fte", path, 4);
    f.hours = number(j, "hours", path, 2);
    f.placements = integer(j, "placements", path);
    if (j.contains("placements_by_target_group") && j["placements_by_target_group"].is_object())
      for (const auto& [k, v] : j["placements_by_target_group"].items()) {
        if (v.is_number_integer()) {
          f.by_target_group[k] = v.get<int64_t>();
          f.target_group_candidates[k] = kMinCandidates;  // shown at its source: at least that
        } else {
          f.by_target_group[k] = 0;
          f.target_groups_suppressed.insert(k);
        }
      }
    f.lasted_6 = integer(j, "placements_6_months", path);
    f.lasted_12 = integer(j, "placements_12_months", path);
    f.permanent_recorded = integer(j, "permanent_recorded", path);
    f.permanent = integer(j, "permanent", path);
    f.provisional = j.value("provisional", false);
    f.incomplete = j.value("incomplete", false);
    return f;
  }
};

}  // namespace

void write_json(std::ostream& out, const Report& r) {
  ordered_json j;
  j["schema"] = kSchemaName;
  j["schema_version"] = r.schema_version;
  j["period"] = {{"from", r.from.iso()}, {"to", r.to.iso()}};
  j["by"] = by_id(r.by);
  j["min_candidates"] = kMinCandidates;
  j["sources"] = r.sources;
  j["groups"] = ordered_json::array();
  for (const auto& g : r.groups) j["groups"].push_back(group(g));
  j["total"] = figures(r.total);
  if (!r.source_totals.empty()) {
    j["source_totals"] = ordered_json::array();
    for (const auto& g : r.source_totals) j["source_totals"].push_back(group(g));
  }
  out << j.dump(2) << '\n';
}

Report read_json(const std::string& file) {
  Reader rd{file, {}};
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(SourceLocation{file}, msg(Msg::KpiCannotRead));
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("schema", "") != kSchemaName)
    throw DataError(SourceLocation{file}, msg(Msg::KpiNotKpiFile, as_is(kSchemaName)));
  Report r;
  r.schema_version = static_cast<int>(rd.integer(j, "schema_version", "$"));
  if (r.schema_version > kSchemaVersion)
    throw DataError(SourceLocation{file},
                    msg(Msg::KpiNewerSchema, int64_t{r.schema_version}, int64_t{kSchemaVersion}));
  auto date = [&](const char* key) {
    std::string text = j.contains("period") && j["period"].is_object()
                           ? j["period"].value(key, std::string())
                           : std::string();
    auto d = parse_date(text);
    if (!d) rd.fail(std::string("$.period.") + key, Msg::KpiExpectedDate);
    return d.value_or(Date{});
  };
  r.from = date("from");
  r.to = date("to");
  auto by = parse_by(j.value("by", std::string()));
  if (!by) rd.fail("$.by", Msg::KpiExpectedGrouping, msg(Msg::Value, listed(by_ids())));
  r.by = by.value_or(By::Region);
  if (j.contains("sources") && j["sources"].is_array())
    for (const auto& s : j["sources"])
      if (s.is_string()) r.sources.push_back(s.get<std::string>());
  if (j.contains("groups") && j["groups"].is_array()) {
    std::size_t i = 0;
    for (const auto& g : j["groups"]) {
      std::string path = "$.groups[" + std::to_string(i++) + "]";
      Group out;
      out.key = g.is_object() ? g.value("key", std::string()) : std::string();
      out.source = g.is_object() ? g.value("source", std::string()) : std::string();
      out.f = rd.figures(g, path);
      r.groups.push_back(std::move(out));
    }
  } else {
    rd.fail("$.groups", Msg::KpiExpectedList);
  }
  r.total = rd.figures(j.contains("total") ? j["total"] : nlohmann::json(), "$.total");
  if (!rd.problems.empty()) throw DataError(std::move(rd.problems));
  return r;
}

}  // namespace sroi::kpi
