// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/region_loader.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "test_support.hpp"

namespace sroi {
namespace {

Catalogue catalogue() {
  std::vector<Diagnostic> problems;
  Catalogue c = config::load_catalogue(std::string(SROI_SOURCE_DIR) + "/buildingblocks", problems);
  EXPECT_TRUE(problems.empty());
  return c;
}

std::vector<Diagnostic> problems_of(const std::string& path) {
  Catalogue cat = catalogue();
  std::vector<Diagnostic> problems;
  auto r = config::load_region(path, &cat, problems);
  EXPECT_FALSE(r.has_value());
  return problems;
}

/// "line:col: message" of each problem, file name dropped, for exact comparison.
std::vector<std::string> located(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds)
    out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " +
                  test::en(d));
  return out;
}

std::string write_temp(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST(RegionLoader, ReportsEveryProblemWithItsPosition) {
  auto got = located(problems_of(test::data("regions-bad/broken.toml")));
  std::vector<std::string> want = {
      "5:15: valid_until 2023-01-01 is before valid_from 2024-01-01",
      "18:8: unknown base 'turnover' (known: contract-value, invoiced-turnover, wage-bill)",
      "26:9: 'value' is a float; write money as a string with at most two decimals, e.g. "
      "value = \"30000.00\"",
      "30:6: duplicate block id 'ww' (first at " + test::data("regions-bad/broken.toml") + ":22:6)",
      "40:11: 'stage-x' is not in the building-block catalogue",
      "41:8: unknown unit 'per-week' (known: fulltime-year, month, learning-year, invoice, hour, "
      "activity, actual-cost)",
      "43:10: unknown source 'tabel' (known: table)",
      "50:9: a block with unit 'invoice' takes its value from the invoice or cost; remove "
      "'value'",
      "51:19: 'counting_months' = 0 is out of range (1 to 600)",
      "53:1: unknown key 'colour' in [[block]] (known: counting, counting_months, id, maps_to, "
      "name, note, "
      "percentage, source, status, unit, value)",
  };
  EXPECT_EQ(got, want);
}

TEST(RegionLoader, MalformedTomlPointsAtTheSyntaxError) {
  std::string path = write_temp("malformed.toml", "id = \"x\"\nname = \"unterminated\n");
  auto got = problems_of(path);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].where.line, 2);
  EXPECT_EQ(test::en(got[0]).rfind("malformed TOML: ", 0), 0u);
}

TEST(RegionLoader, MissingRequiredTablesAreNamed) {
  std::string path = write_temp("empty.toml", "id = \"x\"\nname = \"X\"\nversion = \"1\"\n");
  auto got = located(problems_of(path));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "1:1: a region file needs 'source'",
                     "1:1: a region file needs 'fulltime_hours'",
                     "1:1: a region file needs 'obligation'",
                     "1:1: a region file needs 'block'",
                 }));
}

// The smallest valid head of a region file: one source, full-time hours and the obligation.
constexpr const char* kMinimalHead = R"(id = "x"
name = "X"
version = "1"
[[source]]
id = "s"
title = "S"
url = "https://example.invalid"
[fulltime_hours]
value = 36
source = "s"
[obligation]
base = "contract-value"
source = "s"
)";

TEST(RegionLoader, BonusMustBeInTheCatalogueVocabulary) {
  std::string text = std::string(kMinimalHead) + R"([[bonus]]
id = "plus-60"
name = "60+"
value = "5000"
source = "s"
[[block]]
id = "ww"
name = "WW"
maps_to = "ww"
unit = "fulltime-year"
value = "10000"
source = "s"
)";
  auto got = located(problems_of(write_temp("bonus.toml", text)));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "15:6: 'plus-60' is not in the building-block catalogue of bonuses"}));
}

TEST(RegionLoader, LoadsTheShippedOostNederlandModel) {
  Catalogue cat = catalogue();
  std::vector<Diagnostic> problems;
  auto r = config::load_region(std::string(SROI_SOURCE_DIR) + "/regions/oost-nederland.toml", &cat,
                               problems);
  ASSERT_TRUE(r) << (problems.empty() ? "" : test::en_at(problems.front()));
  EXPECT_EQ(r->id, "oost-nederland");
  EXPECT_EQ(r->version, "V05");
  EXPECT_EQ(r->obligation.base, Base::InvoicedTurnover);
  EXPECT_EQ(r->obligation.threshold.cents(), 20'000'000);
  EXPECT_EQ(r->find_block("participatiewet-gt2")->value.cents(), 4'000'000);
  EXPECT_EQ(r->find_block("werkervaringsplek")->unit, Unit::Month);
}

// An actual cost may carry a maximum per day (Leiden's social activity: "maatwerk, maximaal
// € 1.000 per dag"); any other unit may not, and a block of 'actual-cost' still takes no value.
TEST(RegionLoader, MaxPerDayOnlyOnActualCost) {
  std::string head = kMinimalHead;
  std::string good = head + R"([[block]]
id = "activity"
name = "Sociale activiteit"
maps_to = "social-activity-cost"
unit = "actual-cost"
max_per_day = "1000"
source = "s"
)";
  Catalogue cat = catalogue();
  std::vector<Diagnostic> problems;
  auto r = config::load_region(write_temp("capped.toml", good), &cat, problems);
  ASSERT_TRUE(r) << (problems.empty() ? "" : test::en_at(problems.front()));
  ASSERT_TRUE(r->find_block("activity")->max_per_day);
  EXPECT_EQ(r->find_block("activity")->max_per_day->cents(), 100'000);

  std::string bad = head + R"([[block]]
id = "ww"
name = "WW"
maps_to = "ww"
unit = "fulltime-year"
value = "10000"
max_per_day = "1000"
source = "s"
[[block]]
id = "activity"
name = "Sociale activiteit"
maps_to = "social-activity-cost"
unit = "actual-cost"
max_per_day = "0"
source = "s"
)";
  auto got = located(problems_of(write_temp("capped-bad.toml", bad)));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], "20:15: 'max_per_day' only applies to unit 'actual-cost'");
  EXPECT_EQ(got[1].substr(0, 6), "27:15:") << got[1];
}

}  // namespace sroi

namespace sroi {

TEST(RegionLoader, AReportingRhythmWithItsSource) {
  // [reporting] gives the region's rhythm and days of grace (issue 27); an unknown rhythm and
  // days out of range are named where they stand.
  const std::string block = R"([[block]]
id = "ww"
name = "WW"
maps_to = "ww"
unit = "fulltime-year"
value = "10000"
source = "s"
)";
  std::string good = std::string(kMinimalHead) + block + R"([reporting]
every = "half-year"
grace_days = 45
source = "s"
)";
  Catalogue cat = catalogue();
  std::vector<Diagnostic> problems;
  auto r = config::load_region(write_temp("reporting.toml", good), &cat, problems);
  ASSERT_TRUE(r) << (problems.empty() ? "" : test::en_at(problems.front()));
  ASSERT_TRUE(r->reporting);
  EXPECT_EQ(r->reporting->every, ReportEvery::HalfYear);
  EXPECT_EQ(r->reporting->grace_days, 45);
  EXPECT_EQ(r->reporting->provenance.source, "s");

  std::string bad = std::string(kMinimalHead) + block + R"([reporting]
every = "month"
grace_days = 400
source = "s"
)";
  auto got = located(problems_of(write_temp("reporting-bad.toml", bad)));
  std::vector<std::string> want = {"22:9: unknown every 'month' (known: quarter, half-year, year)",
                                   "23:14: 'grace_days' = 400 is out of range (0 to 365)"};
  EXPECT_EQ(got, want);
}

}  // namespace sroi
