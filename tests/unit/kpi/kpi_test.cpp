// SPDX-License-Identifier: EUPL-1.2
#include "sroi/kpi/kpi.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scratch.hpp"
#include "sroi/kpi/gatherer.hpp"
#include "sroi/portfolio/figures.hpp"
#include "sroi/portfolio/import_files.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/report/kpi/json.hpp"
#include "test_support.hpp"

namespace sroi::kpi {
namespace {

/// A small register in Utrecht (36 h full time, published values, a permanent-contract bonus),
/// three 2027 contracts at 5 %:
///   C-A  supplier S1, buyer B1, € 1,000,000 → obligation € 50,000: K1..K6 on participatiewet,
///        36 h, 2027-01-01..2027-06-30 (K1 with the permanent-contract bonus)
///   C-B  supplier S2, buyer B1, €   400,000 → obligation € 20,000: K7, K8 on ww, 18 h, all year
///   C-C  supplier S3, buyer B2, €   600,000 → obligation € 30,000: K9..K13 on ww, 36 h,
///        2027-01-01..2027-03-31
struct Fixture : test::ScratchRegister {
  explicit Fixture(const std::string& name) : ScratchRegister("kpi-" + name) {
    contract("C-A", "S1", "B1", 1'000'000);
    contract("C-B", "S2", "B1", 400'000);
    contract("C-C", "S3", "B2", 600'000);
    std::string a =
        "candidate,block,start,end,hours_per_week,bonuses\n"
        "K1,participatiewet,2027-01-01,2027-06-30,36,vast-contract\n";
    for (int k = 2; k <= 6; ++k)
      a += "K" + std::to_string(k) + ",participatiewet,2027-01-01,2027-06-30,36,\n";
    import("C-A", a);
    import("C-B",
           "candidate,block,start,end,hours_per_week\n"
           "K7,ww,2027-01-01,2027-12-31,18\nK8,ww,2027-01-01,2027-12-31,18\n");
    std::string c = "candidate,block,start,end,hours_per_week\n";
    for (int k = 9; k <= 13; ++k) c += "K" + std::to_string(k) + ",ww,2027-01-01,2027-03-31,36\n";
    import("C-C", c);
  }
  void contract(const std::string& id, const std::string& supplier, const std::string& buyer,
                int64_t value) {
    // The offer: one full-time participatiewet year, € 40,000.
    portfolio::add_contract_file(
        *reg, test::shipped(),
        write(id + ".toml", "region = \"utrecht\"\nbuyer = \"" + buyer + "\"\nsupplier = \"" +
                                supplier + "\"\n[contract]\nid = \"" + id + "\"\nvalue = \"" +
                                std::to_string(value) +
                                "\"\npercentage = 5\nstart = 2027-01-01\nend = 2027-12-31\n"
                                "[[line]]\nblock = \"participatiewet\"\npersons = 1\n"
                                "hours_per_week = 36\nmonths = 12\n"));
  }
  void import(const std::string& id, const std::string& csv) {
    portfolio::import_file(*reg, test::shipped(), write(id + ".csv", csv), id,
                           store::ImportMode::Add);
  }
  Report kpi(By by) const {
    return compute(*reg, test::shipped(), test::d(2027, 1, 1), test::d(2027, 12, 31), by, "test");
  }
};

const Group& group(const Report& r, const std::string& key) {
  for (const auto& g : r.groups)
    if (g.key == key) return g;
  throw std::runtime_error("no group " + key);
}

}  // namespace

TEST(Kpi, FiguresOfAGroupStatedByHand) {
  Fixture f("by-hand");
  Report r = f.kpi(By::Supplier);
  const Figures& s1 = group(r, "S1").f;
  ASSERT_FALSE(s1.suppressed);
  EXPECT_EQ(s1.contracts, 1);
  EXPECT_EQ(s1.obligation->cents(), 5'000'000);  // 5 % × € 1,000,000
  EXPECT_EQ(s1.offered->cents(), 4'000'000);     // € 40,000 × 36/36 × 12/12
  // Realised: 5 × € 40,000 × 6/12 + (€ 40,000 + € 10,000 bonus) × 6/12 = € 125,000.
  EXPECT_EQ(s1.realised->cents(), 12'500'000);
  EXPECT_EQ(s1.candidates, 6);
  // Hours: 36 h × 181 days (January to June) ÷ 7 = 930.857… → 930.86 per line, × 6.
  EXPECT_EQ(s1.hours, Ratio(558'516, 100));
  // FTE over the year: 36/36 × 181 ÷ 365 = 0.49589… → 0.4959 per line, × 6 = 2.9754.
  EXPECT_EQ(s1.fte, Ratio(29'754, 10'000));
  // Six placements of six months (1 January to 30 June): all lasted 6 months, none 12.
  EXPECT_EQ(s1.placements, 6);
  EXPECT_EQ(s1.lasted_6, 6);
  EXPECT_EQ(s1.lasted_12, 0);
  EXPECT_EQ(s1.by_target_group.at("participatiewet"), 6);
  // Utrecht records a permanent contract (its bonus): 1 of 6.
  EXPECT_EQ(s1.permanent_recorded, 6);
  EXPECT_EQ(s1.permanent, 1);
  // The total: 13 candidates; obligations € 50,000 + € 20,000 + € 30,000.
  EXPECT_EQ(r.total.candidates, 13);
  EXPECT_EQ(r.total.contracts, 3);
  EXPECT_EQ(r.total.obligation->cents(), 10'000'000);
}

TEST(Kpi, SmallGroupsAreSuppressedAndCannotBeRecoveredFromTheTotal) {
  Fixture f("suppress");
  Report r = f.kpi(By::Supplier);
  // S2 has 2 candidates: hidden. Alone it would equal the total minus S1 and S3, so the
  // smallest other group (S3, 5 candidates) is hidden too.
  const Figures& s2 = group(r, "S2").f;
  const Figures& s3 = group(r, "S3").f;
  EXPECT_TRUE(s2.suppressed);
  EXPECT_TRUE(s3.suppressed);
  EXPECT_FALSE(group(r, "S1").f.suppressed);
  // Nothing of a hidden group is kept, so nothing can leak into an output.
  EXPECT_EQ(s2.candidates, 0);
  EXPECT_FALSE(s2.realised);
  EXPECT_EQ(s2.hours, Ratio(0));
  // Total minus what is shown gives S2 and S3 together (7 candidates), never S2 alone.
  EXPECT_EQ(r.total.candidates - group(r, "S1").f.candidates, 7);
  // The JSON shows "< 5" and no figure for them.
  std::ostringstream json;
  write_json(json, r);
  std::string text = json.str();
  EXPECT_NE(
      text.find("\"key\": \"S2\",\n      \"suppressed\": true,\n      \"candidates\": \"< 5\"\n"),
      std::string::npos)
      << text;
}

TEST(Kpi, ATotalBelowFiveHidesEverything) {
  Fixture f("tiny");
  Report r = compute(*f.reg, test::shipped(), test::d(2027, 10, 1), test::d(2027, 12, 31),
                     By::Buyer, "test");
  // Only K7 and K8 (all-year lines) work in the last quarter: 2 candidates.
  EXPECT_TRUE(r.total.suppressed);
  for (const auto& g : r.groups) EXPECT_TRUE(g.f.suppressed) << g.key;
}

TEST(Kpi, TargetGroupsAndTheirPlacements) {
  Fixture f("target-groups");
  Report r = f.kpi(By::TargetGroup);
  // participatiewet: K1..K6; ww: K7..K13 (7 candidates). Both shown.
  EXPECT_EQ(group(r, "participatiewet").f.candidates, 6);
  EXPECT_EQ(group(r, "ww").f.candidates, 7);
  // Realised per target group: the line values. ww: K7, K8 € 20,000 × 18/36 × 12/12 each
  // = € 20,000; K9..K13 € 20,000 × 3/12 each = € 25,000; € 45,000 in all.
  EXPECT_EQ(group(r, "ww").f.realised->cents(), 4'500'000);
  // Obligations are not split over target groups.
  EXPECT_FALSE(group(r, "ww").f.obligation);
  // Placements lasting 6 months: K1..K6 and K7, K8 (all year) = 8 of 13.
  EXPECT_EQ(r.total.placements, 13);
  EXPECT_EQ(r.total.lasted_6, 8);
  EXPECT_EQ(r.total.lasted_12, 2);
}

TEST(Kpi, ByMonthCountsWhoWorkedInEachMonth) {
  Fixture f("months");
  Report r = f.kpi(By::Month);
  // January: everyone (13); April..June: K1..K6, K7, K8 (8); July..December: K7, K8 → hidden
  // (< 5). Those six hidden months hold the same 2 persons, not 12 (REFERENCE.md §7: distinct
  // persons over the union), so the smallest shown month, April, is hidden too: 8 persons.
  EXPECT_EQ(group(r, "2027-01").f.candidates, 13);
  EXPECT_TRUE(group(r, "2027-10").f.suppressed);
  EXPECT_TRUE(group(r, "2027-04").f.suppressed);
  EXPECT_EQ(group(r, "2027-05").f.candidates, 8);
  // May hours: 36 h × 31 days ÷ 7 = 159.43 each for K1..K6, 18 h × 31 ÷ 7 = 79.71 for K7, K8.
  EXPECT_EQ(group(r, "2027-05").f.hours, Ratio(6 * 15'943 + 2 * 7'971, 100));
}

TEST(Kpi, JsonReadsBackAndTwoRegistersMerge) {
  Fixture f("merge");
  Report a = f.kpi(By::Supplier);
  std::string file = f.write("a.json", "");
  {
    std::ofstream out(file);
    write_json(out, a);
  }
  Report back = read_json(file);
  EXPECT_EQ(back.total.candidates, 13);
  EXPECT_EQ(back.total.hours, a.total.hours);
  EXPECT_EQ(back.total.realised, a.total.realised);
  // Two registers (the same figures twice): totals add up, each register's total side by side;
  // S2 and S3 were hidden at their source, so their merged figures stay hidden.
  Report m = merge({a, back}, {"a.json", "b.json"});
  EXPECT_EQ(m.total.candidates, 26);
  EXPECT_EQ(m.total.obligation->cents(), 20'000'000);
  ASSERT_EQ(m.source_totals.size(), 2u);
  EXPECT_EQ(m.source_totals[0].f.candidates, 13);
  EXPECT_EQ(group(m, "S1").f.candidates, 12);
  EXPECT_TRUE(group(m, "S2").f.suppressed);
  // Another period is refused at the file.
  back.to = test::d(2027, 6, 30);
  auto e = test::thrown<DataError>([&] { merge({a, back}, {"a.json", "b.json"}); });
  ASSERT_TRUE(e);
  EXPECT_NE(test::said(*e).find("b.json: error: the period 2027-01-01 to 2027-06-30 differs"),
            std::string::npos)
      << test::said(*e);
}

TEST(Kpi, AFileThatIsNotOursIsRefusedWithItsProblems) {
  Fixture f("bad-json");
  auto e = test::thrown<DataError>([&] { read_json(f.write("x.json", "{\"a\": 1}")); });
  ASSERT_TRUE(e);
  EXPECT_NE(test::said(*e).find("not a file of sroi steering figures"), std::string::npos);
  e = test::thrown<DataError>([&] {
    read_json(f.write("y.json",
                      "{\"schema\": \"sroi-kpi\", \"schema_version\": 1, \"period\": "
                      "{\"from\": \"2027-13-01\", \"to\": \"2027-12-31\"}, \"by\": "
                      "\"region\", \"groups\": [], \"total\": {\"contracts\": \"x\"}}"));
  });
  ASSERT_TRUE(e);
  EXPECT_NE(test::said(*e).find("$.period.from: expected a date"), std::string::npos)
      << test::said(*e);
  EXPECT_NE(test::said(*e).find("$.total.contracts: expected a whole number"), std::string::npos);
}

namespace {

/// A report as its readers get it.
std::string json_of(const Report& r) {
  std::ostringstream out;
  write_json(out, r);
  return out.str();
}

/// For every grouping and both periods (the year, its second half), kpi read from the stored
/// kpi lines against kpi from every line valued afresh: the same JSON. `stored`: whether the
/// stored lines are expected to be read (the figures cover the period's end, none waits).
void expect_stored_as_fresh(const Fixture& f, bool stored, const std::string& step) {
  for (Date from : {test::d(2027, 1, 1), test::d(2027, 7, 1)})
    for (By by : {By::Region, By::Buyer, By::Supplier, By::TargetGroup, By::Block, By::Month}) {
      std::string what = step + ", by " + by_id(by) + " from " + from.iso();
      Report read = compute(*f.reg, test::shipped(), from, test::d(2027, 12, 31), by, "t");
      Report fresh = compute(*f.reg, test::shipped(), from, test::d(2027, 12, 31), by, "t", true);
      EXPECT_EQ(read.from_kpi_lines, stored) << what;
      EXPECT_FALSE(fresh.from_kpi_lines) << what;
      EXPECT_EQ(json_of(read), json_of(fresh)) << what;
    }
}

}  // namespace

TEST(Kpi, StoredKpiLinesCountAsEveryLineValuedAfresh) {
  // On the figures' day kpi reads a narrow row per candidate (its lines packed with their
  // stored figures) instead of valuing every line; the figures are those of a fresh valuation,
  // for every grouping. Besides the fixture's lines: K1's second line in the same placement
  // (July on, still with the permanent-contract bonus), K7 also on C-A (one person in two
  // contracts and two target groups), social purchasing (€ 2,500, no person's hours), a
  // learning year at 32.5 h a week (bbl-2-4), and lines that end before the second half.
  Fixture f("stored-lines");
  f.import("C-A",
           "candidate,block,start,end,hours_per_week,amount,bonuses\n"
           "K1,participatiewet,2027-07-01,2027-12-31,36,,vast-contract\n"
           "K7,participatiewet,2027-01-01,2027-02-15,20,,\n"
           "K14,social-purchasing,2027-05-01,2027-05-01,,2500,\n"
           "K15,bbl-2-4,2027-02-01,2027-12-31,32.5,,\n"
           "K16,bbl-2-4,2027-03-01,2027-09-30,40,,\n");
  // Imported without a valuer, every candidate waits: kpi values every line.
  expect_stored_as_fresh(f, false, "waiting");
  portfolio::revalue(*f.reg, test::shipped(), test::d(2027, 12, 31), false);
  expect_stored_as_fresh(f, true, "stored");
  Report year = f.kpi(By::TargetGroup);
  ASSERT_TRUE(year.from_kpi_lines);
  // The fixture's 13, K7 on C-A, K15 and K16 (a learning year is a placement); K1's second
  // line is in its first placement, and social purchasing is none.
  EXPECT_EQ(year.total.placements, 16);
  EXPECT_EQ(year.total.permanent, 1);  // K1's placement, over both its lines
  {
    // Utrecht's full time changed to 38 h since the figures were stored: every contract is
    // valued again with the new model (its stored figures no longer hold), and so are the
    // lines; kpi equals a fresh valuation with the new model, not the stored kpi lines.
    config::RegionSet now = test::changed_regions(
        f.dir(), "utrecht.toml", "[fulltime_hours]\nvalue = 36", "[fulltime_hours]\nvalue = 38");
    Report read = compute(*f.reg, now, test::d(2027, 1, 1), test::d(2027, 12, 31), By::Region, "t");
    Report fresh =
        compute(*f.reg, now, test::d(2027, 1, 1), test::d(2027, 12, 31), By::Region, "t", true);
    EXPECT_FALSE(read.from_kpi_lines);
    EXPECT_EQ(json_of(read), json_of(fresh));
    EXPECT_NE(read.total.fte, year.total.fte) << "36 h a week is less than full time now";
  }
  // A period ending on another day is valued from the lines.
  EXPECT_FALSE(
      compute(*f.reg, test::shipped(), test::d(2027, 1, 1), test::d(2027, 6, 30), By::Region, "t")
          .from_kpi_lines);
  {
    // Imports, a replacement and a removal with a valuer keep the kpi lines in step.
    portfolio::KeepFigures keep(*f.reg, test::shipped(), test::d(2027, 12, 31));
    f.import("C-B", "candidate,block,start,end,hours_per_week\nK15,ww,2027-01-01,2027-01-31,8\n");
    portfolio::import_file(
        *f.reg, test::shipped(),
        f.write("C-C-2.csv",
                "candidate,block,start,end,hours_per_week\n"
                "K9,ww,2027-01-01,2027-12-31,36\nK20,ww,2027-06-01,2027-08-31,36\n"),
        "C-C", store::ImportMode::Replace);
    std::vector<store::ImportRecord> imports = f.reg->imports(std::string("C-B"));
    f.reg->remove_import(imports.front().id);  // K7 and K8's year on C-B
  }
  expect_stored_as_fresh(f, true, "after imports, a replacement and a removal");
  portfolio::FiguresCheck check = portfolio::check_figures(*f.reg, test::shipped());
  EXPECT_TRUE(check.differences.empty()) << test::en(check.differences.front());
  // K1..K7, K9, K14, K15, K16, K20: K8 went with C-B's first import, K10..K13 with C-C's
  // replacement, and their rows with them (a row left would be counted as differing).
  EXPECT_EQ(check.kpi_candidates, 12);
}

TEST(Kpi, AKpiLineThatDiffersIsFoundByTheCheckAndOneUnreadableStopsKpi) {
  Fixture f("kpi-lines-check");
  portfolio::revalue(*f.reg, test::shipped(), test::d(2027, 12, 31), false);
  // K1's row given K2's lines: `db verify` names it, and says how to rebuild.
  test::tamper_sql(f.location,
                   "UPDATE kpi_lines SET lines = (SELECT lines FROM kpi_lines WHERE candidate = "
                   "'K2') WHERE candidate = 'K1'");
  portfolio::FiguresCheck check = portfolio::check_figures(*f.reg, test::shipped());
  ASSERT_EQ(check.differences.size(), 1u);
  EXPECT_EQ(test::en(check.differences.front()),
            "kpi lines differ from the lines (candidates: 1; the first: K1); rebuild them with "
            "sroi db revalue --all");
  // `db revalue --all` packs every candidate's row anew.
  portfolio::revalue(*f.reg, test::shipped(), test::d(2027, 12, 31), true);
  EXPECT_TRUE(portfolio::check_figures(*f.reg, test::shipped()).differences.empty());
  // A row cut short cannot be read: kpi stops and says so, rather than count part of it.
  test::tamper_sql(f.location, "UPDATE kpi_lines SET lines = substr(lines, 1, 5)");
  auto e = test::thrown<StoreError>([&] { f.kpi(By::Region); });
  ASSERT_TRUE(e);
  EXPECT_NE(test::said(*e).find("a candidate's stored kpi lines cannot be read"), std::string::npos)
      << test::said(*e);
}

}  // namespace sroi::kpi

namespace sroi::kpi {

TEST(Kpi, GroupingsAreReadByTheirIdOrTheirDutchWord) {
  // --by target-group or --by doelgroep: the same grouping; an unknown word is nothing.
  EXPECT_EQ(parse_by("target-group"), By::TargetGroup);
  EXPECT_EQ(parse_by("doelgroep"), By::TargetGroup);
  EXPECT_EQ(parse_by("opdrachtgever"), By::Buyer);
  EXPECT_EQ(parse_by("leverancier"), By::Supplier);
  EXPECT_EQ(parse_by("regio"), By::Region);
  EXPECT_EQ(parse_by("bouwblok"), By::Block);
  EXPECT_EQ(parse_by("maand"), By::Month);
  EXPECT_FALSE(parse_by("doelgroepen"));
}

TEST(Kpi, KpiRowsReadBesideAreTheRowsOfTheSameSnapshot) {
  // On the shared store kpi reads the kpi rows on a second connection in its snapshot while
  // status reads the figures: the same rows in the same order as on the register's own
  // connection, not a write that commits meanwhile. One candidate a chunk and one byte ahead:
  // the reading waits for every chunk to be taken, and stops when the rows are not wanted.
  // SQLite has no second connection.
  Fixture f("rows-beside");
  portfolio::revalue(*f.reg, test::shipped(), test::d(2027, 12, 31), false);  // the kpi rows
  store::Register::Snapshot snapshot(*f.reg);
  std::unique_ptr<store::Register> beside = f.reg->reader_beside();
  if (test::postgres_state().empty()) {
    EXPECT_EQ(beside, nullptr);
    return;
  }
  ASSERT_NE(beside, nullptr);
  {
    // Another writer commits a new candidate after the snapshot was taken.
    store::Register other(f.location, store::Register::Access::ReadWrite, "other");
    portfolio::KeepFigures keep(other, test::shipped(), test::d(2027, 12, 31));
    portfolio::import_file(other, test::shipped(),
                           f.write("late.csv",
                                   "candidate,block,start,end,hours_per_week\n"
                                   "K99,ww,2027-01-01,2027-03-31,36\n"),
                           "C-B", store::ImportMode::Add);
  }
  auto rows_of = [](const KpiChunk& chunk, std::vector<std::string>& out) {
    for (std::size_t k = 0, from = 0; k < chunk.ends.size(); k += 2) {
      out.push_back(chunk.bytes.substr(from, chunk.ends[k + 1] - from));
      from = chunk.ends[k + 1];
    }
  };
  std::vector<std::string> own, ahead;
  read_kpi_chunks(*f.reg, [&](KpiChunk&& c) { rows_of(c, own); });
  std::size_t chunks = 0;
  KpiRowsAhead reading(std::move(beside), 1, 1);
  reading.take_all([&](KpiChunk&& c) {
    ++chunks;
    rows_of(c, ahead);
  });
  EXPECT_EQ(own.size(), 13u) << "K1 … K13; not K99";
  EXPECT_EQ(ahead, own);
  EXPECT_EQ(chunks, own.size());
  for (const auto& row : own) EXPECT_EQ(row.find("K99"), std::string::npos);
  // Not taken: the reader waits after its first chunk, and stops when the rows go.
  { KpiRowsAhead unwanted(f.reg->reader_beside(), 1, 1); }
}

// A placement lasted six (twelve) months when its last day is on or after the day before the
// same date six (twelve) months later; lasted_months works only spans near that length out as
// dates. Checked against the dates themselves for every start in 2027 and 2028 (a leap year)
// and every span of 1 to 400 days. The shortest six months: from 31 August 2026 the date six
// months on is 28 February 2027 (no 31st), the day before 27 February: 1 + 30 + 31 + 30 + 31 +
// 31 + 27 = 181 days.
TEST(Kpi, APlacementsMonthsAreThoseOfTheCalendar) {
  int checked = 0;
  for (long start = day(Date{2027, 1, 1}); start <= day(Date{2028, 12, 31}); ++start)
    for (long span = 1; span <= 400; ++span) {
      const long end = start + span - 1;
      for (int months : {6, 12}) {
        bool by_dates =
            Date::from_days(start).add_months(months).add_days(-1).days_since_epoch() <= end;
        ASSERT_EQ(lasted_months(start, end, months), by_dates)
            << Date::from_days(start).iso() << " for " << span << " days, " << months;
        ++checked;
      }
    }
  EXPECT_EQ(checked, 731 * 400 * 2);
  EXPECT_FALSE(lasted_months(day(Date{2026, 8, 31}), day(Date{2027, 2, 26}), 6));
  EXPECT_TRUE(lasted_months(day(Date{2026, 8, 31}), day(Date{2027, 2, 27}), 6));
}

}  // namespace sroi::kpi
