// SPDX-License-Identifier: EUPL-1.2
// One hand-worked case per unit type per shipped region, from the published tables
// (REFERENCE.md §3–4). Contract: 2027-01-01..2028-12-31 (24 months) unless stated.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "sroi/calc/line_value.hpp"
#include "test_support.hpp"

namespace sroi {
namespace {

using test::d;

struct Case {
  const char* region;
  OfferLine line;
  int64_t expected_cents;
  const char* arithmetic;
};

std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << c.region << " " << c.line.block << ": " << c.arithmetic;
}

class ShippedRegion : public ::testing::TestWithParam<Case> {};

TEST_P(ShippedRegion, LineValueMatchesHandWorkedArithmetic) {
  const Case& c = GetParam();
  std::vector<Diagnostic> problems;
  LineResult r =
      value_offer_line(test::region(c.region),
                       test::contract(1'000'000, d(2027, 1, 1), d(2028, 12, 31)), c.line, problems);
  ASSERT_TRUE(problems.empty()) << test::en_at(problems.front());
  EXPECT_EQ(r.value.cents(), c.expected_cents) << c.arithmetic;
}

// clang-format off
const Case kCases[] = {
  // --- oost-nederland V05 (36 h provisional) ---
  {"oost-nederland", test::employment("participatiewet-lt2", 1, Ratio(30), Ratio(24)), 5'000'000,
   "fulltime-year: € 30,000 × 30/36 × 24/12 = € 50,000"},
  {"oost-nederland", test::months_line("werkervaringsplek", Ratio(5)), 375'000,
   "month: € 750 × 5 = € 3,750"},
  {"oost-nederland", test::years_line("bbl-1-2", Ratio(3, 4)), 1'500'000,
   "learning-year: € 20,000 × 0.75 = € 15,000"},
  // --- utrecht current (36 h) ---
  {"utrecht", test::employment("doelgroepregister", 1, Ratio(20), Ratio(9), {"statushouder"}), 2'500'000,
   "fulltime-year: (€ 50,000 + € 10,000) × 20/36 × 9/12 = € 25,000"},
  {"utrecht", test::years_line("bbl-2-4", Ratio(2)), 7'000'000,
   "learning-year: € 35,000 × 2 = € 70,000"},
  {"utrecht", test::amount_line("social-purchasing", Money::cents(1'234'567)), 1'234'567,
   "invoice: € 12,345.67 × 100 % = € 12,345.67"},
  {"utrecht", test::amount_line("training-costs", Money::euros(4'200)), 420'000,
   "actual-cost: € 4,200 counts in full"},
  {"utrecht", test::hours_line("social-activity", Ratio(25)), 250'000,
   "hour: € 100 × 25 = € 2,500"},
  // --- utrecht 2019 (36 h) ---
  {"utrecht@2019", test::employment("ww-gt1", 1, Ratio(36), Ratio(7), {"plus-50"}), 1'458'333,
   "fulltime-year: (€ 20,000 + € 5,000) × 1 × 7/12 = € 14,583.333… → € 14,583.33"},
  {"utrecht@2019", test::years_line("bol", Ratio(1, 2)), 500'000,
   "learning-year: € 10,000 × 0.5 = € 5,000"},
  {"utrecht@2019", test::amount_line("sw-deployment", Money::euros(80'000)), 8'000'000,
   "invoice: € 80,000 × 100 % = € 80,000"},
  {"utrecht@2019", test::hours_line("social-activity", Ratio(37, 2)), 185'000,
   "hour: € 100 × 18.5 = € 1,850"},
  // --- rijnvicus (36 h provisional) ---
  {"rijnvicus", test::employment("wajong", 2, Ratio(24), Ratio(12), {"plus-55"}), 4'666'667,
   "fulltime-year: (€ 25,000 + € 10,000) × 2 × 24/36 × 12/12 = € 46,666.666… → € 46,666.67"},
  {"rijnvicus", test::years_line("bol-stage", Ratio(1)), 500'000,
   "learning-year: € 5,000 × 1 = € 5,000"},
  {"rijnvicus", test::count_line("social-activity", 3), 300'000,
   "activity: € 1,000 × 3 = € 3,000"},
  {"rijnvicus", test::amount_line("sw-deployment", Money::cents(999'999)), 999'999,
   "invoice: € 9,999.99 × 100 % = € 9,999.99"},
  // --- hilversum (36 h provisional) ---
  {"hilversum", test::employment("bijstand-gt2", 1, Ratio(32), Ratio(10)), 2'962'963,
   "fulltime-year: € 40,000 × 32/36 × 10/12 = € 29,629.629… → € 29,629.63"},
  {"hilversum", test::years_line("bbl", Ratio(3, 2)), 1'500'000,
   "learning-year: € 10,000 × 1.5 = € 15,000"},
  {"hilversum", test::amount_line("sw-deployment", Money::euros(15'000)), 1'500'000,
   "invoice: € 15,000 × 100 % = € 15,000"},
  {"hilversum", test::hours_line("mvo-activiteit", Ratio(12)), 120'000,
   "hour: € 100 × 12 = € 1,200"},
  // --- harlingen (36 h, minimum 12 h) ---
  {"harlingen", test::employment("werkervaringsplek", 1, Ratio(16), Ratio(6)), 166'667,
   "fulltime-year: € 7,500 × 16/36 × 6/12 = € 1,666.666… → € 1,666.67"},
  {"harlingen", test::years_line("bbl-bestaand", Ratio(1)), 1'000'000,
   "learning-year: € 10,000 × 1 = € 10,000"},
  {"harlingen", test::amount_line("onderaanneming-sw", Money::cents(312'050)), 312'050,
   "actual-cost: € 3,120.50 counts in full"},
};
// clang-format on

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = std::string(info.param.region) + "_" + info.param.line.block;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(PerUnitPerRegion, ShippedRegion, ::testing::ValuesIn(kCases), case_name);

TEST(ShippedRegions, EveryRegionVersionIsShipped) {
  std::vector<std::string> got;
  for (const auto& r : test::shipped().all()) got.push_back(r.id + "@" + r.version);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got,
            (std::vector<std::string>{"den-haag@2023", "harlingen@current", "hilversum@current",
                                      "leiden@2023", "oost-nederland@V05", "rijnvicus@current",
                                      "utrecht@2019", "utrecht@current"}));
}

TEST(ShippedRegions, SourceTitlesInEnglishHaveADutchForm) {
  // A Dutch workbook lists a region's sources in Dutch: the project's own stand-in source,
  // written in English, carries a title_nl in every region that uses it.
  for (const auto& r : test::shipped().all())
    for (const auto& d : r.sources)
      if (d.id == "stand-in") {
        EXPECT_FALSE(d.title_nl.empty()) << r.label();
      }
  const Region& on = test::region("oost-nederland");
  auto stand_in = std::find_if(on.sources.begin(), on.sources.end(),
                               [](const SourceDocument& d) { return d.id == "stand-in"; });
  ASSERT_NE(stand_in, on.sources.end());
  EXPECT_EQ(text::say(stand_in->named_title(), Lang::Nl),
            "Niet gepubliceerd in onze bronnen; aanname gekozen door het sroi-project");
  EXPECT_EQ(text::say(stand_in->named_title(), Lang::En),
            "Not published in our sources; stand-in chosen by the sroi project");
}

TEST(ShippedRegions, OostNederlandHasExactlyTheEightConfirmedRows) {
  std::vector<std::string> ids;
  for (const auto& b : test::region("oost-nederland").blocks) ids.push_back(b.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"participatiewet-lt2", "participatiewet-gt2",
                                           "doelgroepregister", "ww-lt1", "ww-gt1", "nug",
                                           "werkervaringsplek", "bbl-1-2"}));
}

TEST(ShippedRegions, OostNederlandUnpublishedNumbersAreProvisional) {
  const Region& on = test::region("oost-nederland");
  EXPECT_TRUE(on.fulltime_hours.provenance.provisional());
  EXPECT_TRUE(on.pso.provenance.provisional());
  EXPECT_EQ(on.pso.kind, PsoRuleKind::Discount);
  for (const auto& b : on.blocks) EXPECT_FALSE(b.provenance.provisional()) << b.id;
}

TEST(ShippedRegions, HarlingenHasItsTwelveHourMinimum) {
  const Region& h = test::region("harlingen");
  ASSERT_TRUE(h.min_hours);
  EXPECT_EQ(h.min_hours->value, Ratio(12));
  EXPECT_FALSE(h.min_hours->provenance.provisional());
}

TEST(ShippedRegions, CountingPeriodsOnlyWhereTheTableGivesThem) {
  for (const auto& r : test::shipped().all())
    for (const auto& b : r.blocks)
      if (r.id != "oost-nederland" && r.id != "den-haag") {
        EXPECT_FALSE(b.counting_months) << r.label() << " " << b.id;
      }
  const Region& on = test::region("oost-nederland");
  EXPECT_EQ(on.find_block("participatiewet-gt2")->counting_months, 24);
  EXPECT_EQ(on.find_block("ww-lt1")->counting_months, 12);
  EXPECT_FALSE(on.find_block("doelgroepregister")->counting_months);
  EXPECT_FALSE(on.find_block("bbl-1-2")->counting_months);
  // Den Haag (REFERENCE.md §4): 12 months; WIA, VSO, PrO, Participatiewet 24; banenafspraak
  // always; prior employment up to 12 months; while a wage-cost subsidy runs.
  const Region& dh = test::region("den-haag");
  EXPECT_EQ(dh.find_block("ww")->counting_months, 12);
  EXPECT_EQ(dh.find_block("nug")->counting_months, 12);
  EXPECT_EQ(dh.find_block("wia")->counting_months, 24);
  EXPECT_EQ(dh.find_block("participatiewet")->counting_months, 24);
  EXPECT_EQ(dh.find_block("stage-vso-pro")->counting_months, 24);
  EXPECT_FALSE(dh.find_block("banenafspraak")->counting_months);
  EXPECT_TRUE(dh.find_block("banenafspraak")->counts_always);
  ASSERT_TRUE(dh.prior_employment);
  EXPECT_EQ(dh.prior_employment->months, 12);
  EXPECT_TRUE(dh.counts_while_subsidy);
}

TEST(ShippedRegions, NewRegionsHaveTheirPublishedNumbers) {
  const Region& dh = test::region("den-haag");
  EXPECT_EQ(dh.valid_from, Date(2023, 7, 1));
  EXPECT_EQ(dh.fulltime_hours.value, Ratio(36));
  EXPECT_FALSE(dh.fulltime_hours.provenance.provisional());
  EXPECT_EQ(dh.obligation.threshold, Money::euros(215'000));
  EXPECT_TRUE(dh.obligation.threshold_inclusive);
  EXPECT_EQ(dh.find_block("participatiewet")->value, Money::euros(40'000));
  EXPECT_EQ(dh.find_block("banenafspraak")->value, Money::euros(50'000));
  EXPECT_EQ(dh.find_bonus("plus-55")->value, Money::euros(10'000));
  const Region& le = test::region("leiden");
  EXPECT_EQ(le.valid_from, Date(2023, 9, 1));
  EXPECT_TRUE(le.fulltime_hours.provenance.provisional());  // not stated
  EXPECT_TRUE(le.obligation.provenance.provisional());
  EXPECT_EQ(le.find_block("wia")->value, Money::euros(40'000));
  EXPECT_EQ(le.find_bonus("plus-55")->value, Money::euros(15'000));
  const Region& on = test::region("oost-nederland");
  EXPECT_FALSE(on.obligation.threshold_inclusive);  // "boven"
  EXPECT_TRUE(on.obligation.percentage_provenance.provisional());
  EXPECT_FALSE(on.obligation.provenance.provisional());
}

}  // namespace
}  // namespace sroi
