// SPDX-License-Identifier: EUPL-1.2
// What Dutch Excel and people write for amounts, quantities, percentages and dates, read to
// the exact value; what can be read two ways is refused with both readings.
#include "sroi/io/dutch_numbers.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sroi::io {
namespace {

int64_t cents(std::string_view text) {
  Message why;
  auto m = read_amount(text, &why);
  EXPECT_TRUE(m) << text << ": " << test::en(why);
  return m ? m->cents() : -1;
}

std::string refused(std::optional<Money> m, const Message& why) {
  EXPECT_FALSE(m);
  return test::en(why);
}

TEST(DutchNumbers, AmountsInEveryFormAPersonTypes) {
  EXPECT_EQ(cents("850000"), 85'000'000);
  EXPECT_EQ(cents("850000.00"), 85'000'000);   // the plain form stays
  EXPECT_EQ(cents("850.000"), 85'000'000);     // thousands point, three zeros: not € 850
  EXPECT_EQ(cents("850.000,00"), 85'000'000);  // Dutch: points group, the comma is decimal
  EXPECT_EQ(cents("€ 850.000,00"), 85'000'000);
  EXPECT_EQ(cents("€\xC2\xA0"
                  "1.250.000,00"),
            125'000'000);                         // Excel's no-break space
  EXPECT_EQ(cents("1,250,000.50"), 125'000'050);  // English grouping
  EXPECT_EQ(cents("32,5"), 3'250);
  EXPECT_EQ(cents("-€ 12,50"), -1'250);
  EXPECT_EQ(cents("1.255"), 125'500);  // € 1,255 has no cents reading: only € 1.255
  // Whole euros as invoices write them: ",-" ends the amount, every separator groups.
  EXPECT_EQ(cents("1.250.000,-"), 125'000'000);
  EXPECT_EQ(cents("€ 1.250,-"), 125'000);  // not € 1,25: ",-" says whole euros
  EXPECT_EQ(cents("850,-"), 85'000);
  EXPECT_EQ(cents("1,250.-"), 125'000);
}

TEST(DutchNumbers, AnAmountThatReadsTwoWaysIsRefusedWithBoth) {
  Message why;
  auto m = read_amount("1.250", &why);
  EXPECT_EQ(refused(m, why),
            "this reads as € 1.250,00 or as € 1,25; write the amount without a thousands "
            "separator, or with two decimals");
  m = read_amount("1,250", &why);
  EXPECT_NE(refused(m, why).find("€ 1.250,00 or as € 1,25"), std::string::npos);
}

TEST(DutchNumbers, BrokenAmountsSayWhy) {
  Message why;
  EXPECT_EQ(refused(read_amount("12,3456", &why), why), "more than two decimals");
  EXPECT_EQ(refused(read_amount("1.25.000", &why), why),
            "thousands separators must separate groups of three digits");
  // An amount's example is an amount, not a quantity.
  EXPECT_EQ(refused(read_amount("12 euro", &why), why),
            "write it in digits, such as 1.250.000,00 or 1250000");
  EXPECT_EQ(refused(read_amount("1.250.000,--", &why), why),
            "write it in digits, such as 1.250.000,00 or 1250000");
  EXPECT_EQ(refused(read_amount("1.250,000.-", &why), why),
            "thousands separators must separate groups of three digits");
  EXPECT_EQ(refused(read_amount("€", &why), why), "empty amount");
}

TEST(DutchNumbers, QuantitiesAndPercentages) {
  // A quantity's single point or comma is its decimal separator (hours are never grouped).
  EXPECT_EQ(*read_number("32,5"), Ratio(65, 2));
  EXPECT_EQ(*read_number("32.5"), Ratio(65, 2));
  EXPECT_EQ(*read_number("1.250,5"), Ratio(2501, 2));
  EXPECT_EQ(*read_number(" 36 "), Ratio(36));
  EXPECT_EQ(*read_percentage("5%"), Ratio(5));
  EXPECT_EQ(*read_percentage("5,5 %"), Ratio(11, 2));
  Message why;
  EXPECT_FALSE(read_number("1,23456", &why));
  EXPECT_EQ(test::en(why), "more than 4 decimals (every quantity has at most 4)");
}

TEST(DutchNumbers, DatesAsExcelWritesThem) {
  EXPECT_EQ(*read_date("2027-03-01"), (Date{2027, 3, 1}));
  EXPECT_EQ(*read_date("1-3-2027"), (Date{2027, 3, 1}));
  EXPECT_EQ(*read_date("01-03-2027"), (Date{2027, 3, 1}));
  EXPECT_EQ(*read_date("1/3/2027"), (Date{2027, 3, 1}));
  EXPECT_EQ(*read_date("31.12.2027"), (Date{2027, 12, 31}));
  Message why;
  EXPECT_FALSE(read_date("29-2-2027", &why));
  EXPECT_EQ(test::en(why), "no such date");
  EXPECT_FALSE(read_date("1-3-27", &why));
  EXPECT_EQ(test::en(why), "write the year with four digits (1-3-2027)");
  EXPECT_FALSE(read_date("maart 2027", &why));
  EXPECT_EQ(test::en(why), "expected a date like 1-3-2027 or 2027-03-01");
}

}  // namespace
}  // namespace sroi::io
