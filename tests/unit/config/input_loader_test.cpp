// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/input_loader.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sroi {
namespace {

std::vector<std::string> located(const DataError& e) {
  std::vector<std::string> out;
  for (const auto& d : e.diagnostics())
    out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " +
                  test::en(d));
  return out;
}

config::ContractFlags flags() {
  config::ContractFlags f;
  f.region = "oost-nederland";
  f.value = "1250000";
  f.start = "2027-01-01";
  f.end = "2028-12-31";
  return f;
}

}  // namespace

TEST(InputLoader, OfferReportsEveryProblemWithItsPosition) {
  auto e =
      test::thrown<DataError>([&] { config::load_offer(test::data("offers/bad-offer.toml")); });
  ASSERT_TRUE(e) << "expected DataError";
  EXPECT_EQ(located(*e),
            (std::vector<std::string>{
                "6:9: 'value' is a float; write money as a string with at most two decimals, "
                "e.g. value = \"30000.00\"",
                "8:7: end 2026-12-31 is before start 2027-01-01",
                "12:10: 'months' = -3 is out of range (above 0 to 600)",
                "17:18: 'hours_per_week' = 70 is out of range (above 0 to 60)",
                "19:1: unknown key 'bonus' in [[line]] (known: amount, block, bonuses, count, "
                "hours, hours_per_week, months, persons, years)",
            }));
}

TEST(InputLoader, SampleOfferLoads) {
  Offer o = config::load_offer(std::string(SROI_SOURCE_DIR) + "/samples/offer-oost-nederland.toml");
  EXPECT_EQ(o.region.id, "oost-nederland");
  EXPECT_EQ(o.contract.value.cents(), 125'000'000);
  ASSERT_EQ(o.lines.size(), 4u);
  EXPECT_EQ(o.lines[1].quantities.hours_per_week->value, Ratio(20));
  EXPECT_EQ(o.lines[3].quantities.years->value, Ratio(3, 2));
}

TEST(InputLoader, CsvReportsEveryBadRowAndNeverEchoesABsn) {
  auto e = test::thrown<DataError>(
      [&] { config::load_realisation_csv(test::data("realisations/bad.csv"), flags()); });
  ASSERT_TRUE(e) << "expected DataError";
  auto got = located(*e);
  EXPECT_EQ(got, (std::vector<std::string>{
                     "3:25: Start '2027-13-01': no such date",
                     "4:23: end 2027-01-31 is before start 2027-06-01",
                     "5:1: candidate looks like a BSN (citizen service number; value not "
                     "shown); pseudonymise candidates before using them here",
                     "6:31: Hours per week '0' is out of range (above 0 to 60)",
                     "7:1: row has 3 fields, the header 5",
                 }));
  EXPECT_EQ(test::said(*e).find("111222333"), std::string::npos);
}

TEST(InputLoader, CsvQuotedCandidateAmountAndBonuses) {
  config::ContractFlags f = flags();
  f.region = "utrecht";
  Realisation r = config::load_realisation_csv(test::data("realisations/good.csv"), f);
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_EQ(r.lines[0].candidate, "K,1");
  ASSERT_EQ(r.lines[0].quantities.bonuses.size(), 2u);
  EXPECT_EQ(r.lines[0].quantities.bonuses[1].value, "vast-contract");
  EXPECT_FALSE(r.lines[1].quantities.hours_per_week);
  EXPECT_EQ(r.lines[1].quantities.amount->value.cents(), 250'050);
}

TEST(InputLoader, ContractFlagsAreCheckedAndNamed) {
  config::ContractFlags f = flags();
  f.value = "-5";
  f.end = "2026-01-01";
  f.percentage = "150";
  auto e = test::thrown<DataError>([&] { config::contract_from_flags(f); });
  ASSERT_TRUE(e) << "expected DataError";
  std::vector<std::string> got;
  for (const auto& d : e->diagnostics()) got.push_back(test::en_at(d));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "--value: error: € -5,00 is out of range (€ 0,01 to € 100.000.000.000,00)",
                     "--percentage: error: 150 is out of range (above 0 to 100)",
                     "--end: error: end 2026-01-01 is before start 2027-01-01",
                 }));
}

TEST(InputLoader, BsnCheckUsesTheElevenTest) {
  // 111222333: 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3 − 3 = 66 = 6 × 11 → looks like a BSN
  auto e = test::thrown<DataError>([&] {
    config::ContractFlags f = flags();
    config::load_realisation_csv(test::data("realisations/bad.csv"), f);
  });
  ASSERT_TRUE(e) << "expected DataError";
  int bsn = 0;
  for (const auto& d : e->diagnostics()) bsn += test::en(d).find("BSN") != std::string::npos;
  EXPECT_EQ(bsn, 1);  // K-1 etc. are not digits; 111222333 is the only one
}

}  // namespace sroi
