// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/progress.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sroi {

TEST(Progress, SpreadsValueOverCountedMonthsAndEndsAtTheTotal) {
  // Contract Jan..Jun 2027. K-1 nug (cap 12) Jan..Mar, 36 h: € 10,000 × 3/12 = € 2,500,
  // accrues € 833.33, € 1,666.67, € 2,500.00 (running share rounded per month).
  // K-2 nug Apr..May: € 10,000 × 2/12 = € 1,666.67; half of its rounded value, 83,333.5
  // cents, rounds to € 833.34 in April, the rest in May.
  Realisation r;
  r.region.id = "oost-nederland";
  r.contract = test::contract(1'250'000, test::d(2027, 1, 1), test::d(2027, 6, 30));
  r.lines = {test::worked("K-1", "nug", test::d(2027, 1, 1), test::d(2027, 3, 31), Ratio(36)),
             test::worked("K-2", "nug", test::d(2027, 4, 1), test::d(2027, 5, 31), Ratio(36))};
  Assessment a = assess_realisation(test::region("oost-nederland"), r);
  auto points = cumulative_by_month(a);
  ASSERT_EQ(points.size(), 6u);
  EXPECT_EQ(points[0].month, test::d(2027, 1, 1));
  EXPECT_EQ(points[0].cumulative.cents(), 83'333);
  EXPECT_EQ(points[1].cumulative.cents(), 166'667);
  EXPECT_EQ(points[2].cumulative.cents(), 250'000);
  EXPECT_EQ(points[3].cumulative.cents(), 333'334);
  EXPECT_EQ(points[4].cumulative.cents(), 416'667);
  EXPECT_EQ(points[5].cumulative.cents(), a.total.cents());
}

TEST(Progress, CappedLineStopsAccruingAtItsCap) {
  // ww-gt1 counts 12 months: a line over all of 2027-2028 accrues only during 2027.
  Realisation r;
  r.region.id = "oost-nederland";
  r.contract = test::contract(1'250'000, test::d(2027, 1, 1), test::d(2028, 12, 31));
  r.lines = {test::worked("K-1", "ww-gt1", test::d(2027, 1, 1), test::d(2028, 12, 31), Ratio(36))};
  Assessment a = assess_realisation(test::region("oost-nederland"), r);
  auto points = cumulative_by_month(a);
  ASSERT_EQ(points.size(), 24u);
  EXPECT_EQ(points[11].cumulative.cents(), 1'500'000);
  EXPECT_EQ(points[23].cumulative.cents(), 1'500'000);
}

TEST(Progress, OffersHaveNoProgress) {
  Offer o;
  o.region.id = "oost-nederland";
  o.contract = test::contract(1'250'000, test::d(2027, 1, 1), test::d(2028, 12, 31));
  o.lines = {test::months_line("werkervaringsplek", Ratio(6))};
  EXPECT_TRUE(cumulative_by_month(assess_offer(test::region("oost-nederland"), o)).empty());
}

}  // namespace sroi

namespace sroi {

TEST(Progress, StraightLineForecastScalesTheRealisedValueToTheContractEnd) {
  // Contract 2027-01-01..2028-12-31 (24 months). € 6,000 realised by 2027-06-30 (6 months):
  // € 6,000 × 24/6 = € 24,000. Before the start nothing; after the end what was realised.
  Contract c = test::contract(1'250'000, test::d(2027, 1, 1), test::d(2028, 12, 31));
  Money six = Money::cents(600'000);
  EXPECT_EQ(straight_line_forecast(six, c, test::d(2027, 6, 30), TimeBasis::Months).cents(),
            2'400'000);
  EXPECT_EQ(straight_line_forecast(six, c, test::d(2026, 12, 31), TimeBasis::Months).cents(), 0);
  EXPECT_EQ(straight_line_forecast(six, c, test::d(2029, 1, 1), TimeBasis::Months).cents(),
            600'000);
}

TEST(Assessment, BalanceIsEitherASurplusOrAShortfall) {
  // € 100 realised against € 250: shortfall € 150; € 300 against € 250: surplus € 50.
  Balance low = balance(Money::cents(10'000), Money::cents(25'000));
  EXPECT_EQ(low.shortfall.cents(), 15'000);
  EXPECT_TRUE(low.surplus.is_zero());
  Balance high = balance(Money::cents(30'000), Money::cents(25'000));
  EXPECT_EQ(high.surplus.cents(), 5'000);
  EXPECT_TRUE(high.shortfall.is_zero());
}

}  // namespace sroi
