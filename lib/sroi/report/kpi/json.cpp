// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/kpi/json.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

#include "sroi/msg/report.hpp"
#include "sroi/report/json_writer.hpp"

namespace sroi::kpi {
namespace {

constexpr const char* kSchemaName = "sroi-kpi";
constexpr const char* kHidden = "< 5";

/// An exact quantity with at most `places` decimals, written as a JSON number from its exact
/// decimal text ("0.8500"), never through a double.
void decimal(JsonWriter& w, const Ratio& r, int places) {
  w.number(round_to(r, places).decimal(places));
}

/// A share a ÷ b with 4 decimals, or null without a base.
void share(JsonWriter& w, int64_t a, int64_t b) {
  if (b == 0)
    w.null();
  else
    decimal(w, Ratio(a, b), 4);
}

void money(JsonWriter& w, const std::optional<Money>& m) {
  if (m)
    w.value(m->cents());
  else
    w.null();
}

/// The figures' keys, inside an object the caller opened.
void figures(JsonWriter& w, const Figures& f) {
  w.key("suppressed").value(f.suppressed);
  if (f.suppressed) {
    w.key("candidates").value(kHidden);
    return;
  }
  w.key("contracts").value(f.contracts);
  w.key("obligation_cents");
  money(w, f.obligation);
  w.key("offered_cents");
  money(w, f.offered);
  w.key("realised_cents");
  money(w, f.realised);
  // Where only accepted deliveries count and everything submitted gives another figure.
  w.key("submitted_cents");
  money(w, f.submitted_differs() ? f.submitted : std::nullopt);
  w.key("share_realised");
  if (f.realised && f.obligation && !f.obligation->is_zero())
    share(w, f.realised->cents(), f.obligation->cents());
  else
    w.null();
  w.key("candidates").value(f.candidates);
  w.key("fte");
  decimal(w, f.fte, 4);
  w.key("hours");
  decimal(w, f.hours, 2);
  w.key("placements").value(f.placements);
  w.key("placements_by_target_group").begin_object();
  for (const auto& [k, n] : f.by_target_group) {
    w.key(k);
    if (f.target_groups_suppressed.count(k))
      w.value(kHidden);
    else
      w.value(n);
  }
  w.end_object();
  w.key("placements_6_months").value(f.lasted_6);
  w.key("placements_12_months").value(f.lasted_12);
  w.key("share_6_months");
  share(w, f.lasted_6, f.placements);
  w.key("share_12_months");
  share(w, f.lasted_12, f.placements);
  w.key("permanent_recorded").value(f.permanent_recorded);
  w.key("permanent").value(f.permanent);
  w.key("share_permanent");
  share(w, f.permanent, f.permanent_recorded);
  w.key("provisional").value(f.provisional);
  w.key("incomplete").value(f.incomplete);
}

void group(JsonWriter& w, const Group& g) {
  w.begin_object().key("key").value(g.key);
  if (!g.source.empty()) w.key("source").value(g.source);
  figures(w, g.f);
  w.end_object();
}

/// Reading back: every problem names the file and the JSON path.
struct Reader {
  std::string file;
  std::vector<Diagnostic> problems;

  void fail(const std::string& path, MsgId what, Message extra = {}) {
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
    f.submitted = j.contains("submitted_cents") && !j["submitted_cents"].is_null()
                      ? cents(j, "submitted_cents", path)
                      : f.realised;
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
  JsonWriter w(out);  // ends the document with a line break
  w.begin_object();
  w.key("schema").value(kSchemaName);
  w.key("schema_version").value(r.schema_version);
  w.key("period").begin_object();
  w.key("from").value(r.from.iso()).key("to").value(r.to.iso()).end_object();
  w.key("by").value(by_id(r.by));
  w.key("min_candidates").value(kMinCandidates);
  w.key("sources").begin_array();
  for (const auto& s : r.sources) w.value(s);
  w.end_array();
  w.key("groups").begin_array();
  for (const auto& g : r.groups) group(w, g);
  w.end_array();
  w.key("total").begin_object();
  figures(w, r.total);
  w.end_object();
  if (!r.source_totals.empty()) {
    w.key("source_totals").begin_array();
    for (const auto& g : r.source_totals) group(w, g);
    w.end_array();
  }
  w.end_object();
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
