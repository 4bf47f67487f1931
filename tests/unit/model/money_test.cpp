// SPDX-License-Identifier: EUPL-1.2
#include "sroi/model/money.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "sroi/error.hpp"
#include "sroi/msg/model.hpp"

namespace sroi {

TEST(Money, ParseWholeEuros) { EXPECT_EQ(parse_money("1250000")->cents(), 125000000); }

TEST(Money, ParseOneAndTwoDecimals) {
  EXPECT_EQ(parse_money("3.5")->cents(), 350);
  EXPECT_EQ(parse_money("3.05")->cents(), 305);
  EXPECT_EQ(parse_money("-3.10")->cents(), -310);
}

TEST(Money, ParseRejectsThreeDecimals) {
  MsgId why = Msg::Value;
  EXPECT_FALSE(parse_money("1.005", &why));
  EXPECT_EQ(why, Msg::MoreThanTwoDecimals);
}

TEST(Money, ParseRejectsDutchCommaWithAHint) {
  MsgId why = Msg::Value;
  EXPECT_FALSE(parse_money("1.250,00", &why));
  EXPECT_FALSE(parse_money("1250,00", &why));
  EXPECT_EQ(why, Msg::UsePointNoSeparator);
}

TEST(Money, ParseRejectsJunkAndOverflow) {
  EXPECT_FALSE(parse_money(""));
  EXPECT_FALSE(parse_money("abc"));
  EXPECT_FALSE(parse_money("1e6"));
  EXPECT_FALSE(parse_money("."));
  EXPECT_FALSE(parse_money("12."));
  MsgId why = Msg::Value;
  EXPECT_FALSE(parse_money("99999999999999999999", &why));
  EXPECT_EQ(why, Msg::AmountOutOfRange);
}

TEST(Money, FormatDutch) {
  EXPECT_EQ(format_eur(Money::cents(1333333)), "€ 13.333,33");
  EXPECT_EQ(format_eur(Money::cents(125000000)), "€ 1.250.000,00");
  EXPECT_EQ(format_eur(Money::cents(5)), "€ 0,05");
  EXPECT_EQ(format_eur(Money::cents(-50000)), "€ -500,00");
}

TEST(Money, FormatPlain) {
  EXPECT_EQ(format_plain(Money::cents(1333333)), "13333.33");
  EXPECT_EQ(format_plain(Money::cents(-7)), "-0.07");
}

TEST(Money, AdditionIsOverflowChecked) {
  Money big = Money::cents(std::numeric_limits<int64_t>::max());
  EXPECT_THROW(big + Money::cents(1), Error);
  EXPECT_EQ((Money::cents(150) + Money::cents(-50)).cents(), 100);
}

}  // namespace sroi
