// SPDX-License-Identifier: EUPL-1.2
#include "sroi/tender/bids.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sroi::tender {
namespace {

using test::d;

/// A Utrecht bid (published values, 36 h) for a two-year € 1,000,000 contract at 5 %:
/// obligation € 50,000. `months` of one full-time Participatiewet hire (€ 40,000 a year) is
/// worth € 40,000 × months ÷ 12.
BidInput bid(const std::string& supplier, int64_t months, int64_t value = 1'000'000) {
  Offer o;
  o.region.id = "utrecht";
  o.supplier = supplier;
  o.contract = test::contract(value, d(2027, 1, 1), d(2028, 12, 31));
  o.contract.percentage = Ratio(5);
  o.contract.where = SourceLocation{supplier + ".toml", 5, 1};
  o.lines = {test::employment("participatiewet", 1, Ratio(36), Ratio(months))};
  Assessment a = assess_offer(test::region("utrecht"), o);
  return {supplier + ".toml", std::move(o), std::move(a)};
}

std::vector<BidInput> field(std::initializer_list<std::pair<const char*, int64_t>> bids) {
  std::vector<BidInput> out;
  for (const auto& [name, months] : bids) out.push_back(bid(name, months));
  return out;
}

std::string points(const Bid& b) { return b.points ? b.points->str() : "none"; }

}  // namespace

TEST(Bids, ProportionalPointsBetweenObligationAndMaximum) {
  // P = 30, maximum € 90,000, obligation € 50,000:
  //  A 18 months = € 60,000: 30 × (60,000 − 50,000) ÷ (90,000 − 50,000) = 7.5
  //  B 24 months = € 80,000: 30 × 30,000 ÷ 40,000 = 22.5
  //  C 12 months = € 40,000: below the obligation → 0
  //  D 27 months, capped at the 24-month contract = € 80,000 → ties with B
  Scoring s{Rule::Proportional, 30, Money::euros(90'000)};
  Tender t = compare_bids(field({{"A", 18}, {"B", 24}, {"C", 12}, {"D", 27}}), s);
  EXPECT_EQ(t.obligation.amount.cents(), 5'000'000);
  EXPECT_EQ(points(t.bids[0]), "15/2");
  EXPECT_EQ(points(t.bids[1]), "45/2");
  EXPECT_EQ(points(t.bids[2]), "0");
  EXPECT_EQ(points(t.bids[3]), "45/2");
  // Ranks: B and D tie for 1, A is 3rd, C 4th.
  EXPECT_EQ(t.bids[1].rank, 1);
  EXPECT_EQ(t.bids[3].rank, 1);
  EXPECT_EQ(t.bids[0].rank, 3);
  EXPECT_EQ(t.bids[2].rank, 4);
  EXPECT_FALSE(t.bids[2].meets);
  EXPECT_EQ(t.bids[2].shortfall.cents(), 1'000'000);
  // C: (40,000 − 50,000) ÷ 50,000 × 100 = −20 %
  EXPECT_EQ(t.bids[2].surplus_percent->str(), "-20");
  ASSERT_EQ(t.notes.size(), 1u);
  EXPECT_EQ(test::en(t.notes[0]),
            "B and D tie (22.5 points): the rule does not separate them, the other award "
            "criteria decide");
  EXPECT_EQ(test::en(t.bids[0].points_trace),
            "30 points × (€ 60.000,00 − € 50.000,00) ÷ (€ 90.000,00 − € 50.000,00) = 7.5 points");
}

TEST(Bids, ProportionalFullPointsFromTheMaximumUp) {
  // 24 months = € 80,000 ≥ maximum € 70,000: all 100 points.
  Tender t = compare_bids(field({{"A", 24}}), {Rule::Proportional, 100, Money::euros(70'000)});
  EXPECT_EQ(points(t.bids[0]), "100");
  EXPECT_EQ(test::en(t.notes[0]), "one bid: there is nothing to compare it with");
}

TEST(Bids, ProportionalNeedsAMaximumAboveTheObligation) {
  auto e = test::thrown<DataError>([] {
    compare_bids(field({{"A", 24}}), {Rule::Proportional, 30, Money::euros(50'000)});
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(test::said(*e),
            "--maximum: error: the maximum € 50.000,00 is not above the obligation € 50.000,00: "
            "proportional points need a maximum above the obligation");
}

TEST(Bids, RelativePointsToTheLargestSurplus) {
  // Surpluses: A € 10,000 (18 months), B € 30,000 (24 months), C none (12 months).
  // P = 100: A 100 × 10,000 ÷ 30,000 = 33 1/3, B 100, C 0.
  Tender t = compare_bids(field({{"A", 18}, {"B", 24}, {"C", 12}}), {Rule::Relative, 100, {}});
  EXPECT_EQ(points(t.bids[0]), "100/3");
  EXPECT_EQ(points(t.bids[1]), "100");
  EXPECT_EQ(points(t.bids[2]), "0");
  EXPECT_EQ((std::vector<int>{t.bids[0].rank, t.bids[1].rank, t.bids[2].rank}),
            (std::vector<int>{2, 1, 3}));
  EXPECT_EQ(test::en(t.bids[0].points_trace),
            "100 points × € 10.000,00 ÷ € 30.000,00 (the largest surplus) = 33.33 points");
}

TEST(Bids, RelativeWithoutAnySurplusIsExplained) {
  // 12 and 15 months (€ 40,000 and € 50,000): nobody above € 50,000, so all score 0; and the
  // first does not even meet it.
  Tender t = compare_bids(field({{"A", 12}, {"B", 15}}), {Rule::Relative, 100, {}});
  EXPECT_EQ(points(t.bids[0]), "0");
  EXPECT_EQ(points(t.bids[1]), "0");
  std::vector<std::string> notes = test::en_all(t.notes);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0],
            "no bid offers more than the obligation: under the rule 'relative' every bid scores 0 "
            "points");
  EXPECT_EQ(notes[1],
            "A and B tie (0 points): the rule does not separate them, the other award "
            "criteria decide");
}

TEST(Bids, PassFailAndAnEmptyField) {
  // 12 and 6 months (€ 40,000 and € 20,000): neither meets € 50,000.
  Tender t = compare_bids(field({{"A", 12}, {"B", 6}}), {Rule::PassFail, 100, {}});
  EXPECT_FALSE(t.bids[0].points);
  EXPECT_FALSE(t.bids[0].meets);
  EXPECT_EQ(test::en(t.bids[0].points_trace), "fails: € 40.000,00 < obligation € 50.000,00");
  EXPECT_EQ(test::en(t.notes[0]), "no bid meets the obligation of € 50.000,00");
  EXPECT_EQ(t.bids[0].rank, 1);  // both fail: they tie
  EXPECT_EQ(t.bids[1].rank, 1);
}

TEST(Bids, WithoutARuleRankedByOfferedValue) {
  Tender t = compare_bids(field({{"A", 18}, {"B", 24}}), {});
  EXPECT_EQ(t.bids[0].rank, 2);
  EXPECT_EQ(t.bids[1].rank, 1);
  EXPECT_FALSE(t.bids[1].points);
}

TEST(Bids, MismatchedTermsAreRefusedNamingEachDifference) {
  std::vector<BidInput> bids = field({{"A", 24}});
  bids.push_back(bid("B", 24, 1'200'000));  // another contract value
  BidInput c = bid("C", 24);
  c.assessment.contract.end = d(2029, 6, 30);  // another end date
  c.assessment.obligation.percentage = Ratio(4);
  bids.push_back(std::move(c));
  auto e = test::thrown<DataError>([&] { check_same_terms(bids); });
  ASSERT_TRUE(e);
  EXPECT_EQ(test::said(*e),
            "B.toml:5:1: error: the contract value is € 1.200.000,00, but the first bid (A) has "
            "€ 1.000.000,00: the bids of one tender must name the same terms\n"
            "C.toml:5:1: error: the percentage is 4 %, but the first bid (A) has 5 %: the bids "
            "of one tender must name the same terms\n"
            "C.toml:5:1: error: the end date is 2029-06-30, but the first bid (A) has "
            "2028-12-31: the bids of one tender must name the same terms");
}

TEST(Bids, OtherRegionVersionIsRefused) {
  std::vector<BidInput> bids = field({{"A", 24}});
  BidInput b = bid("B", 24);
  b.assessment.region = &test::region("utrecht@2019");
  bids.push_back(std::move(b));
  auto e = test::thrown<DataError>([&] { check_same_terms(bids); });
  ASSERT_TRUE(e);
  EXPECT_NE(test::said(*e).find("the region version is utrecht 2019, but the first bid (A) has "
                                "utrecht current"),
            std::string::npos)
      << test::said(*e);
}

}  // namespace sroi::tender
