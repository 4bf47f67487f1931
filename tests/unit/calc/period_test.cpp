// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/period.hpp"

#include <gtest/gtest.h>

namespace sroi {

// Rule (REFERENCE.md §6): whole calendar months count 1, a partial month days ÷ days in it.
TEST(Period, WholeYearIsTwelveMonths) {
  EXPECT_EQ(months_between({2027, 1, 1}, {2027, 12, 31}, TimeBasis::Months), Ratio(12));
}

TEST(Period, PartialFirstMonthCountsItsDays) {
  // 15..31 March = 17 of 31 days, then April..December 2028 = 21 whole months.
  EXPECT_EQ(months_between({2027, 3, 15}, {2028, 12, 31}, TimeBasis::Months),
            Ratio(21) + Ratio(17, 31));
}

TEST(Period, PartialMonthsAtBothEnds) {
  // 15..31 Jan = 17/31, February 2027 = 1, 1..20 March = 20/31 → 1 + 37/31 = 68/31
  EXPECT_EQ(months_between({2027, 1, 15}, {2027, 3, 20}, TimeBasis::Months), Ratio(68, 31));
}

TEST(Period, WithinOneMonth) {
  // 1..14 February 2028 (leap year) = 14/29
  EXPECT_EQ(months_between({2028, 2, 1}, {2028, 2, 14}, TimeBasis::Months), Ratio(14, 29));
}

TEST(Period, DayBasisIsDaysOver365) {
  // 2027 has 365 days: 365 × 12 ÷ 365 = 12; 2028 has 366: 366 × 12 ÷ 365 = 4392/365
  EXPECT_EQ(months_between({2027, 1, 1}, {2027, 12, 31}, TimeBasis::Days), Ratio(12));
  EXPECT_EQ(months_between({2028, 1, 1}, {2028, 12, 31}, TimeBasis::Days), Ratio(4392, 365));
}

TEST(Period, EndBeforeStartIsZero) {
  EXPECT_EQ(months_between({2027, 2, 1}, {2027, 1, 31}, TimeBasis::Months), Ratio(0));
  EXPECT_EQ(days_between({2027, 2, 1}, {2027, 1, 31}), 0);
}

}  // namespace sroi
