// SPDX-License-Identifier: EUPL-1.2
#include "sroi/model/ratio.hpp"

#include <gtest/gtest.h>

#include "sroi/error.hpp"
#include "sroi/msg/model.hpp"

namespace sroi {

TEST(Ratio, ReducesAndKeepsDenominatorPositive) {
  Ratio r(24, -36);
  EXPECT_EQ(r.num(), -2);
  EXPECT_EQ(r.den(), 3);
}

TEST(Ratio, ArithmeticIsExact) {
  // 17/31 + 21 = 668/31; × 8/9 ÷ 12 = 5344/3348 = 1336/837
  Ratio months = Ratio(17, 31) + Ratio(21);
  EXPECT_EQ(months, Ratio(668, 31));
  EXPECT_EQ(months * Ratio(8, 9) / Ratio(12), Ratio(1336, 837));
}

TEST(Ratio, DecimalMarksInexact) {
  EXPECT_EQ(Ratio(2, 3).decimal(4), "0.6666…");
  EXPECT_EQ(Ratio(3, 2).decimal(), "1.5");
  EXPECT_EQ(Ratio(-1, 4).decimal(), "-0.25");
}

TEST(Ratio, ParseDecimal) {
  EXPECT_EQ(*parse_decimal("18.5"), Ratio(37, 2));
  EXPECT_EQ(*parse_decimal("36"), Ratio(36));
  EXPECT_FALSE(parse_decimal("1.2.3"));
  EXPECT_FALSE(parse_decimal("x"));
  // One precision for every quantity: 4 decimals, more is refused with the reason (12-decimal
  // hours once imported fine and then broke status for the whole register).
  EXPECT_EQ(*parse_decimal("35.9999"), Ratio(359999, 10000));
  MsgId why = Msg::Value;
  EXPECT_FALSE(parse_decimal("29.404287087466", &why));
  EXPECT_EQ(why, Msg::MoreThanFourDecimals);
  EXPECT_FALSE(parse_decimal("35.99999"));
}

TEST(Ratio, ScaleRoundsHalfAwayFromZero) {
  // 1 cent × 1/2 = 0.5 → 1; -1 × 1/2 = -0.5 → -1; 1 × 1/3 → 0; 5 × 1/2 = 2.5 → 3
  EXPECT_EQ(scale(Money::cents(1), Ratio(1, 2)).cents(), 1);
  EXPECT_EQ(scale(Money::cents(-1), Ratio(1, 2)).cents(), -1);
  EXPECT_EQ(scale(Money::cents(1), Ratio(1, 3)).cents(), 0);
  EXPECT_EQ(scale(Money::cents(5), Ratio(1, 2)).cents(), 3);
}

TEST(Ratio, ScaleUsesWideIntermediate) {
  // 9·10^18 cents × 99 overflows 64 bits before the division by 100; the result fits.
  Money m = Money::cents(9'000'000'000'000'000'000);
  EXPECT_EQ(scale(m, Ratio(99, 100)).cents(), 8'910'000'000'000'000'000);
}

TEST(Ratio, ScaleOfACountIsTheSameRule) {
  // kpi's hours in 1/100: 32 h/week = 3200 × 10 days ÷ 7 = 4571.4… → 4571; a bar of 120 px for
  // € 1 of € 3: 40 px; 7 × 1/2 = 3.5 → 4 and -3.5 → -4 (half away from zero), the fraction
  // taken as written (3/-6 is -1/2), 9·10^18 × 99/100 through 128 bits, a zero den refused.
  EXPECT_EQ(scale(int64_t{3200}, 10, 7), 4571);
  EXPECT_EQ(scale(int64_t{120}, Ratio(100, 300)), 40);
  EXPECT_EQ(scale(int64_t{7}, 1, 2), 4);
  EXPECT_EQ(scale(int64_t{7}, 3, -6), -4);
  EXPECT_EQ(scale(int64_t{9'000'000'000'000'000'000}, 99, 100), 8'910'000'000'000'000'000);
  EXPECT_THROW(scale(int64_t{1}, 1, 0), Error);
}

TEST(Ratio, DivisionByZeroThrows) { EXPECT_THROW(Ratio(1) / Ratio(0), Error); }

}  // namespace sroi
