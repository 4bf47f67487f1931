// SPDX-License-Identifier: EUPL-1.2
#include "sroi/model/date.hpp"

#include <gtest/gtest.h>

#include "sroi/msg/parsing.hpp"

namespace sroi {

TEST(Date, ParseChecksTheDayExists) {
  EXPECT_TRUE(parse_date("2028-02-29"));
  MsgId why = Msg::Value;
  EXPECT_FALSE(parse_date("2027-02-29", &why));
  EXPECT_EQ(why, Msg::NoSuchDate);
  EXPECT_FALSE(parse_date("2027-1-01", &why));
  EXPECT_EQ(why, Msg::ExpectedIsoDate);
}

TEST(Date, DaysRoundTrip) {
  for (long n : {-1000L, 0L, 19723L, 20000L, 36524L}) {
    EXPECT_EQ(Date::from_days(n).days_since_epoch(), n);
  }
  EXPECT_EQ((Date{1970, 1, 1}).days_since_epoch(), 0);
  EXPECT_EQ((Date{2000, 3, 1}).days_since_epoch() - (Date{2000, 2, 28}).days_since_epoch(), 2);
}

TEST(Date, AddDaysCrossesMonthAndYear) {
  EXPECT_EQ((Date{2027, 12, 31}).add_days(1), (Date{2028, 1, 1}));
  EXPECT_EQ((Date{2028, 3, 1}).add_days(-1), (Date{2028, 2, 29}));
}

TEST(Date, DaysInMonthKnowsLeapYears) {
  EXPECT_EQ(days_in_month(2028, 2), 29);
  EXPECT_EQ(days_in_month(2100, 2), 28);
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(2027, 4), 30);
}

}  // namespace sroi
