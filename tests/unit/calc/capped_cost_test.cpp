// SPDX-License-Identifier: EUPL-1.2
// Leiden's social activity (REFERENCE.md §4: "social activity: custom, € 1,000 at most per
// day"): the actual amount counts, up to € 1,000 times the days it was spent on (the line's
// count). Contract 2027-01-01..2028-12-31.
#include <gtest/gtest.h>

#include "sroi/calc/assessment.hpp"
#include "sroi/calc/line_value.hpp"
#include "test_support.hpp"

namespace sroi {
namespace {

using test::d;

OfferLine cost_line(Money amount, std::optional<int64_t> days) {
  OfferLine l = test::amount_line("social-activity", amount);
  if (days) l.quantities.count = Given<int64_t>{*days, {}};
  return l;
}

LineResult offer_value(const OfferLine& line, std::vector<Diagnostic>& problems) {
  return value_offer_line(test::region("leiden"),
                          test::contract(1'000'000, d(2027, 1, 1), d(2028, 12, 31)), line,
                          problems);
}

TEST(CappedCost, BelowTheMaximumTheActualAmountCounts) {
  // 2 days, € 1,400 spent: at most € 1,000 × 2 = € 2,000, so € 1,400 counts.
  std::vector<Diagnostic> problems;
  LineResult r = offer_value(cost_line(Money::euros(1'400), 2), problems);
  ASSERT_TRUE(problems.empty()) << test::en_at(problems.front());
  EXPECT_EQ(r.value.cents(), 140'000);
  EXPECT_EQ(r.amount->cents(), 140'000);
}

TEST(CappedCost, AboveTheMaximumTheMaximumPerDayCounts) {
  // 2 days, € 2,500 spent: € 1,000 × 2 = € 2,000 counts; 3 days, € 3,000.01: € 3,000.
  std::vector<Diagnostic> problems;
  LineResult two = offer_value(cost_line(Money::euros(2'500), 2), problems);
  LineResult three = offer_value(cost_line(Money::cents(300'001), 3), problems);
  ASSERT_TRUE(problems.empty()) << test::en_at(problems.front());
  EXPECT_EQ(two.value.cents(), 200'000);
  EXPECT_EQ(three.value.cents(), 300'000);
  // The trace says the amount, the maximum, the days and what counts.
  std::string trace;
  for (const auto& s : two.trace) trace += test::en(s.detail) + "\n";
  EXPECT_NE(trace.find("€ 2.500,00 actual cost, at most € 1.000,00 per day × 2 days = "
                       "€ 2.000,00: € 2.000,00 counts"),
            std::string::npos)
      << trace;
}

TEST(CappedCost, TheDaysAreRequired) {
  // Without its days the maximum cannot be applied: the line is refused, not counted in full.
  std::vector<Diagnostic> problems;
  offer_value(cost_line(Money::euros(800), std::nullopt), problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(test::en(problems[0]).rfind("Count is missing", 0), 0u) << test::en(problems[0]);
}

TEST(CappedCost, RealisationLinesAreCappedToo) {
  // One day at € 1,250 counts € 1,000; another at € 600 counts € 600; total € 1,600.
  Realisation real;
  real.contract = test::contract(1'000'000, d(2027, 1, 1), d(2028, 12, 31));
  real.contract.percentage = Ratio(5);  // Leiden publishes no default
  for (auto [amount, day] : {std::pair{Money::euros(1'250), d(2027, 3, 1)},
                             std::pair{Money::euros(600), d(2027, 4, 1)}}) {
    RealisationLine l;
    l.block = "social-activity";
    l.candidate = "K1";
    l.start = l.end = day;
    l.quantities.amount = Given<Money>{amount, {}};
    l.quantities.count = Given<int64_t>{1, {}};
    real.lines.push_back(l);
  }
  Assessment a;
  try {
    a = assess_realisation(test::region("leiden"), real);
  } catch (const DataError& e) {
    FAIL() << test::said(e);
  }
  ASSERT_EQ(a.lines.size(), 2u);
  EXPECT_EQ(a.lines[0].value.cents(), 100'000);
  EXPECT_EQ(a.lines[1].value.cents(), 60'000);
  EXPECT_EQ(a.lines_total.cents(), 160'000);
}

}  // namespace
}  // namespace sroi
