// SPDX-License-Identifier: EUPL-1.2
// The line rules of REFERENCE.md §6, each on a small hand-worked case.
#include "sroi/calc/line_value.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sroi {
namespace {

using test::contract;
using test::d;

const Contract kTwoYears = contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31));

LineResult offer_line(const Region& r, const OfferLine& l, const Contract& c = kTwoYears) {
  std::vector<Diagnostic> problems;
  LineResult out = value_offer_line(r, c, l, problems);
  if (!problems.empty()) throw DataError(problems);
  return out;
}

std::vector<LineResult> realised(const Region& r, const std::vector<RealisationLine>& lines,
                                 const Contract& c = kTwoYears) {
  std::vector<Diagnostic> problems;
  auto out = value_realisation_lines(r, c, lines, problems);
  if (!problems.empty()) throw DataError(problems);
  return out;
}

std::vector<Diagnostic> offer_problems(const Region& r, const OfferLine& l) {
  std::vector<Diagnostic> problems;
  value_offer_line(r, kTwoYears, l, problems);
  return problems;
}

bool trace_has(const LineResult& l, const std::string& step, const std::string& part) {
  for (const auto& s : l.trace)
    if (test::en(s.step) == step && test::en(s.detail).find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(LineValue, EmploymentProRataHoursAndDuration) {
  // € 40,000 × 1 × 24/36 × 12/12 = € 26,666.666… → € 26,666.67
  auto l = offer_line(test::region("oost-nederland"),
                      test::employment("participatiewet-gt2", 1, Ratio(24), Ratio(12)));
  EXPECT_EQ(l.value.cents(), 2'666'667);
  EXPECT_EQ(l.factors.hours_factor, Ratio(2, 3));
  EXPECT_EQ(l.factors.periods, Ratio(1));
  // The step says it was rounded; the exact amount is kept for --explain's appendix and JSON.
  EXPECT_TRUE(trace_has(l, "value", "(rounded to whole cents)"));
  EXPECT_EQ(l.exact_cents, Ratio(8'000'000, 3));  // 2,666,666.666… cents
}

TEST(LineValue, CountingPeriodCapsOfferedMonths) {
  // ww-lt1 counts at most 12 months: € 10,000 × 36/36 × 12/12 = € 10,000 (not 18/12)
  auto l = offer_line(test::region("oost-nederland"),
                      test::employment("ww-lt1", 1, Ratio(36), Ratio(18)));
  EXPECT_EQ(l.value.cents(), 1'000'000);
  EXPECT_TRUE(trace_has(l, "cap", "counting period of 12 months caps 18 months"));
}

TEST(LineValue, ContractEndCapsOfferedMonths) {
  // doelgroepregister has no counting period, but the contract runs 24 months:
  // € 40,000 × 1 × 30 → 24 months ÷ 12 = € 80,000
  auto l = offer_line(test::region("oost-nederland"),
                      test::employment("doelgroepregister", 1, Ratio(36), Ratio(30)));
  EXPECT_EQ(l.value.cents(), 8'000'000);
  EXPECT_TRUE(trace_has(l, "cap", "stop at the contract end"));
}

TEST(LineValue, BelowMinimumHoursIsWorthZeroWithReason) {
  // Harlingen: minimum 12 h/week per person; 10 h → € 0, not an error
  auto l =
      offer_line(test::region("harlingen"), test::employment("ww-gt1", 1, Ratio(10), Ratio(12)));
  EXPECT_EQ(l.value.cents(), 0);
  EXPECT_EQ(test::en(l.zero_reason),
            "10 h/week is below the region's minimum of 12 h/week per person");
}

TEST(LineValue, ExactlyMinimumHoursCounts) {
  // Harlingen: 12 h is not below 12: € 20,000 × 12/36 × 1 = € 6,666.67
  auto l =
      offer_line(test::region("harlingen"), test::employment("ww-gt1", 1, Ratio(12), Ratio(12)));
  EXPECT_EQ(l.value.cents(), 666'667);
}

TEST(LineValue, HoursAboveFullTimeCountAsFullTime) {
  // 40 h on a 36 h basis: factor capped at 1 → € 30,000 × 1 × 12/12
  auto l = offer_line(test::region("oost-nederland"),
                      test::employment("participatiewet-lt2", 1, Ratio(40), Ratio(12)));
  EXPECT_EQ(l.value.cents(), 3'000'000);
}

TEST(LineValue, BonusesAddBeforeProRata) {
  // Utrecht: (€ 40,000 + € 10,000 plus-50 + € 10,000 vast-contract) × 2 × 18/36 × 6/12
  //        = € 60,000 × 2 × 1/2 × 1/2 = € 30,000
  auto l = offer_line(
      test::region("utrecht"),
      test::employment("participatiewet", 2, Ratio(18), Ratio(6), {"plus-50", "vast-contract"}));
  EXPECT_EQ(l.factors.rate.cents(), 6'000'000);
  EXPECT_EQ(l.value.cents(), 3'000'000);
}

TEST(LineValue, BonusesFollowTheCap) {
  // Oost-Nederland ships no bonuses; give a copy one to test the rule on a capped block.
  Region r = test::region("oost-nederland");
  r.bonuses.push_back(Bonus{"plus-50", "50+", Money::euros(5'000), {}, {}});
  // (€ 10,000 + € 5,000) × 36/36 × min(24, 12)/12 = € 15,000
  auto l = offer_line(r, test::employment("nug", 1, Ratio(36), Ratio(24), {"plus-50"}));
  EXPECT_EQ(l.value.cents(), 1'500'000);
}

TEST(LineValue, UnknownBonusNamesTheKnownOnes) {
  auto problems = offer_problems(test::region("harlingen"),
                                 test::employment("ww-gt1", 1, Ratio(36), Ratio(12), {"plus-60"}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(test::en(problems[0]),
            "unknown bonus 'plus-60' in region harlingen current (known: plus-50, plus-55)");
}

TEST(LineValue, UnknownBlockNamesTheKnownOnes) {
  auto problems =
      offer_problems(test::region("oost-nederland"), test::months_line("ww-lt3", Ratio(6)));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(test::en(problems[0]).substr(0, 47), "unknown block 'ww-lt3' in region oost-nederland");
}

TEST(LineValue, MissingAndUnusedQuantitiesAreReported) {
  // An employment line without hours is refused; persons left empty count as one (the
  // templates say "leeg is 1"); an amount the block never uses is a warning, not a refusal.
  OfferLine l = test::months_line("participatiewet-gt2", Ratio(6));  // no persons, no hours
  l.quantities.amount = Given<Money>{Money::euros(5), 9, 1};
  auto problems = offer_problems(test::region("oost-nederland"), l);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(test::en(problems[0]),
            "Hours per week is missing: block 'participatiewet-gt2' (unit full-time year) counts "
            "with it");
  // A Dutch reader gets the column, the block and the unit by their Dutch names, no ids.
  EXPECT_EQ(text::say(problems[0].message, Lang::Nl),
            "Uren per week ontbreekt: bouwblok 'Participatiewet, uitkering > 2 jaar' (eenheid "
            "voltijdjaar) rekent daarmee");
  l.quantities.hours_per_week = Given<Ratio>{Ratio(36), 8, 1};
  problems.clear();
  LineResult r = value_offer_line(test::region("oost-nederland"), kTwoYears, l, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(r.factors.persons, 1);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(test::en(r.warnings[0]),
            "Amount is not used by block 'participatiewet-gt2' (unit full-time year, counts "
            "with Hours per week, Months)");
}

TEST(LineValue, RealisationCountsCalendarMonths) {
  // 2027-03-15..2028-12-31 = 21 + 17/31 months; € 40,000 × 32/36 × (668/31)/12
  //   = 40,000 × 8/9 × 668/372 = € 63,847.07 (exact 6,384,707.29 cents)
  auto ls = realised(
      test::region("oost-nederland"),
      {test::worked("K-2", "participatiewet-gt2", d(2027, 3, 15), d(2028, 12, 31), Ratio(32))});
  EXPECT_EQ(ls[0].value.cents(), 6'384'707);
}

TEST(LineValue, RealisationLinesAccumulateTowardTheCountingPeriod) {
  // ww-gt1 counts 12 months from the first start (2027-01-01).
  // Line 1: Jan..Aug 2027 = 8 months → € 15,000 × 8/12 = € 10,000.
  // Line 2: Oct 2027..Mar 2028 = 6 months, but 9 months have passed since the first start:
  //         3 months left → € 15,000 × 3/12 = € 3,750.
  auto ls = realised(test::region("oost-nederland"),
                     {test::worked("K-1", "ww-gt1", d(2027, 1, 1), d(2027, 8, 31), Ratio(36)),
                      test::worked("K-1", "ww-gt1", d(2027, 10, 1), d(2028, 3, 31), Ratio(36))});
  EXPECT_EQ(ls[0].value.cents(), 1'000'000);
  EXPECT_EQ(ls[1].value.cents(), 375'000);
  EXPECT_TRUE(trace_has(ls[1], "cap", "first start in 'WW-uitkering > 1 jaar' on 2027-01-01"));
}

TEST(LineValue, CountingPeriodIsMeasuredInTimeOrderWhateverTheInputOrder) {
  // The same two lines given in reverse order value the same, each in its own place.
  auto ls = realised(test::region("oost-nederland"),
                     {test::worked("K-1", "ww-gt1", d(2027, 10, 1), d(2028, 3, 31), Ratio(36)),
                      test::worked("K-1", "ww-gt1", d(2027, 1, 1), d(2027, 8, 31), Ratio(36))});
  EXPECT_EQ(ls[0].value.cents(), 375'000);
  EXPECT_EQ(ls[1].value.cents(), 1'000'000);
}

TEST(LineValue, OtherCandidatesHaveTheirOwnCountingPeriod) {
  auto ls = realised(test::region("oost-nederland"),
                     {test::worked("K-1", "ww-gt1", d(2027, 1, 1), d(2027, 12, 31), Ratio(36)),
                      test::worked("K-2", "ww-gt1", d(2027, 1, 1), d(2027, 12, 31), Ratio(36))});
  EXPECT_EQ(ls[0].value.cents(), 1'500'000);
  EXPECT_EQ(ls[1].value.cents(), 1'500'000);
}

TEST(LineValue, RealisationStopsAtTheContractEnd) {
  // Contract ends 2027-06-30; the placement runs to 2027-12-31 → 6 months count:
  // € 30,000 × 6/12 = € 15,000
  Contract c = contract(500'000, d(2027, 1, 1), d(2027, 6, 30));
  auto ls = realised(
      test::region("oost-nederland"),
      {test::worked("K-1", "participatiewet-lt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(36))}, c);
  EXPECT_EQ(ls[0].value.cents(), 1'500'000);
  EXPECT_TRUE(trace_has(ls[0], "period", "stops at the contract end 2027-06-30"));
}

TEST(LineValue, RealisationOutsideTheContractIsAnError) {
  std::vector<Diagnostic> problems;
  value_realisation_lines(test::region("oost-nederland"), kTwoYears,
                          {test::worked("K-1", "nug", d(2026, 1, 1), d(2026, 6, 30), Ratio(36))},
                          problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(test::en(problems[0]),
            "line period 2026-01-01 to 2026-06-30 lies outside the contract period 2027-01-01 "
            "to 2028-12-31");
}

TEST(LineValue, DayBasisRegionCountsDaysOver365) {
  // A region on a day basis: 2028 has 366 days → 366/365 years;
  // € 30,000 × 366/365 = € 30,082.19 (exact 3,008,219.18 cents)
  Region r = test::region("oost-nederland");
  r.time_basis = TimeBasis::Days;
  auto ls = realised(
      r, {test::worked("K-1", "participatiewet-lt2", d(2028, 1, 1), d(2028, 12, 31), Ratio(36))});
  EXPECT_EQ(ls[0].value.cents(), 3'008'219);
}

}  // namespace sroi
