// SPDX-License-Identifier: EUPL-1.2
// No double counting across contracts (value_realisations): one person's week is shared in
// proportion to the hours on each contract, and a counting period is a window per person.
#include <gtest/gtest.h>

#include "sroi/calc/line_value.hpp"
#include "sroi/msg/model.hpp"
#include "test_support.hpp"

namespace sroi {
namespace {

using test::d;

struct Two {
  Contract a = test::contract(1'000'000, d(2027, 1, 1), d(2028, 12, 31));
  Contract b = test::contract(1'000'000, d(2027, 1, 1), d(2028, 12, 31));
  Two() {
    a.id = "A";
    b.id = "B";
  }
};

std::vector<LineResult> value(const Region& r, const Two& t, const RealisationLine& on_a,
                              const RealisationLine& on_b) {
  std::vector<Diagnostic> problems;
  auto out = value_realisations({{&on_a, &r, &t.a, 1}, {&on_b, &r, &t.b, 2}}, {}, problems);
  EXPECT_TRUE(problems.empty());
  return out;
}

}  // namespace

TEST(RegisterValuation, OverlappingFullTimeWeeksAreSharedInProportion) {
  // REFERENCE.md §6, one person one working week: K works full time on A Jan..Jun 2027 and on
  // B Mar..Aug 2027. Mar..Jun: 72 h/week on two lines share one 36 h week, each 36/72 = 1/2.
  // A: Jan..Feb at 1 (2 months) + Mar..Jun at 1/2 (4 months) = 4 full-time months
  //    → € 30,000 × 4/12 = € 10,000.
  // B: Mar..Jun at 1/2 (4 months) + Jul..Aug at 1 (2 months) = 4 → € 10,000.
  // Together € 20,000 = 8 full-time months, Jan..Aug: never more than one week per week.
  Two t;
  RealisationLine la =
      test::worked("K", "participatiewet-lt2", d(2027, 1, 1), d(2027, 6, 30), Ratio(36));
  RealisationLine lb =
      test::worked("K", "participatiewet-lt2", d(2027, 3, 1), d(2027, 8, 31), Ratio(36));
  auto v = value(test::region("oost-nederland"), t, la, lb);
  EXPECT_EQ(v[0].value.cents(), 1'000'000);
  EXPECT_EQ(v[1].value.cents(), 1'000'000);
  ASSERT_EQ(v[1].reductions.size(), 1u);
  EXPECT_EQ(test::en(v[1].reductions[0]),
            "K 2027-03-01 to 2027-06-30: 72 h/week on 2 lines share one full-time week (with "
            "contract A (36 h)); this line counts 18 of its 36 h/week");
}

TEST(RegisterValuation, HoursWithinFullTimeAllCount) {
  // A: 20 h and B: 16 h, all of 2027: 36 h in all, within full time, nothing is reduced.
  // A: € 30,000 × 20/36 = € 16,666.67; B: € 30,000 × 16/36 = € 13,333.33.
  Two t;
  RealisationLine la =
      test::worked("K", "participatiewet-lt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(20));
  RealisationLine lb =
      test::worked("K", "participatiewet-lt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(16));
  auto v = value(test::region("oost-nederland"), t, la, lb);
  EXPECT_EQ(v[0].value.cents(), 1'666'667);
  EXPECT_EQ(v[1].value.cents(), 1'333'333);
  EXPECT_EQ(v[0].reduced + v[1].reduced, 0);
}

TEST(RegisterValuation, SharedInProportionToTheHoursOnEachContract) {
  // A: 20 h, B: 30 h, all of 2027: 50 h share 36 → A 20 × 36/50 = 14.4 h, B 21.6 h.
  // A: € 30,000 × 14.4/36 = € 12,000; B: € 30,000 × 21.6/36 = € 18,000; sum € 30,000 = one
  // full-time year.
  Two t;
  RealisationLine la =
      test::worked("K", "participatiewet-lt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(20));
  RealisationLine lb =
      test::worked("K", "participatiewet-lt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(30));
  auto v = value(test::region("oost-nederland"), t, la, lb);
  EXPECT_EQ(v[0].value.cents(), 1'200'000);
  EXPECT_EQ(v[1].value.cents(), 1'800'000);
}

TEST(RegisterValuation, RegistrationOrderDoesNotChangeAnyFigure) {
  // The same two lines, B registered first: every figure is the same as with A first.
  Two t;
  RealisationLine la =
      test::worked("K", "participatiewet-lt2", d(2027, 1, 1), d(2027, 6, 30), Ratio(36));
  RealisationLine lb =
      test::worked("K", "participatiewet-lt2", d(2027, 3, 1), d(2027, 8, 31), Ratio(36));
  std::vector<Diagnostic> problems;
  const Region& r = test::region("oost-nederland");
  auto first = value_realisations({{&la, &r, &t.a, 1}, {&lb, &r, &t.b, 2}}, {}, problems);
  auto later = value_realisations({{&la, &r, &t.a, 2}, {&lb, &r, &t.b, 1}}, {}, problems);
  EXPECT_EQ(first[0].value, later[0].value);
  EXPECT_EQ(first[1].value, later[1].value);
}

TEST(RegisterValuation, CountingPeriodIsConsumedAcrossContracts) {
  // ww-gt1 counts 12 months from K's first start (2027-01-01, on A).
  // A: Jan..Jun 2027 = 6 months → € 15,000 × 6/12 = € 7,500.
  // B: Sep 2027..Jun 2028 = 10 months, but 8 months have passed since the first start:
  //    4 months left → € 15,000 × 4/12 = € 5,000; the trace names contract A.
  Two t;
  RealisationLine la = test::worked("K", "ww-gt1", d(2027, 1, 1), d(2027, 6, 30), Ratio(36));
  RealisationLine lb = test::worked("K", "ww-gt1", d(2027, 9, 1), d(2028, 6, 30), Ratio(36));
  auto v = value(test::region("oost-nederland"), t, la, lb);
  EXPECT_EQ(v[0].value.cents(), 750'000);
  EXPECT_EQ(v[1].value.cents(), 500'000);
  bool names_a = false;
  for (const auto& s : v[1].trace)
    if (test::en(s.step) == "cap" &&
        test::en(s.detail).find("already counted on contract A") != std::string::npos)
      names_a = true;
  EXPECT_TRUE(names_a);
}

TEST(RegisterValuation, PerContractScopeKeepsPeriodsApart) {
  // Same as above with counting_scope = per-contract: B has its own 12 months → 10 count:
  // € 15,000 × 10/12 = € 12,500.
  Region r = test::region("oost-nederland");
  r.counting_scope = CountingScope::PerContract;
  Two t;
  RealisationLine la = test::worked("K", "ww-gt1", d(2027, 1, 1), d(2027, 6, 30), Ratio(36));
  RealisationLine lb = test::worked("K", "ww-gt1", d(2027, 9, 1), d(2028, 6, 30), Ratio(36));
  auto v = value(r, t, la, lb);
  EXPECT_EQ(v[1].value.cents(), 1'250'000);
}

TEST(RegisterValuation, AsOfDateCountsOnlyUpToIt) {
  // As of 2027-03-31 a full-year placement has realised 3 months: € 30,000 × 3/12 = € 7,500.
  Two t;
  RealisationLine la =
      test::worked("K", "participatiewet-lt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(36));
  const Region& r = test::region("oost-nederland");
  std::vector<Diagnostic> problems;
  ValuationOptions o;
  o.as_of = d(2027, 3, 31);
  auto v = value_realisations({{&la, &r, &t.a, 1}}, o, problems);
  EXPECT_EQ(v[0].value.cents(), 750'000);
}

TEST(RegisterValuation, WithoutTraceTheValuesAreTheSame) {
  Two t;
  RealisationLine la = test::worked("K", "ww-gt1", d(2027, 1, 1), d(2027, 6, 30), Ratio(30));
  RealisationLine lb = test::worked("K", "ww-gt1", d(2027, 3, 1), d(2028, 6, 30), Ratio(30));
  // 60 h/week Mar..Jun share 36: both lines are reduced there.
  const Region& r = test::region("oost-nederland");
  std::vector<Diagnostic> problems;
  ValuationOptions quiet;
  quiet.trace = false;
  auto traced = value_realisations({{&la, &r, &t.a, 1}, {&lb, &r, &t.b, 2}}, {}, problems);
  auto plain = value_realisations({{&la, &r, &t.a, 1}, {&lb, &r, &t.b, 2}}, quiet, problems);
  EXPECT_EQ(traced[1].value, plain[1].value);
  EXPECT_TRUE(plain[1].trace.empty());
  EXPECT_FALSE(traced[1].trace.empty());
}

}  // namespace sroi

namespace sroi {
namespace {

RealisationLine invoice(const std::string& candidate, Date on, int64_t cents) {
  RealisationLine l;
  l.candidate = candidate;
  l.block = "social-purchasing";
  l.start = l.end = on;
  l.quantities.amount = Given<Money>{Money::cents(cents), {}};
  return l;
}

}  // namespace

TEST(RegisterValuation, InvoicesWithoutCandidateAreKeptPerContract) {
  // An invoice is not a person: a line without a candidate is valued under its contract's key
  // (candidate_key), so the same invoice on A and on B are two invoices, each counted in full
  // (Utrecht, social purchasing at 100 %: € 1,200 + € 1,200), while on one contract the same
  // row twice is one invoice registered twice (REFERENCE.md §6, duplicates count once).
  Two t;
  RealisationLine on_a = invoice("", d(2027, 6, 1), 120'000);
  RealisationLine on_b = invoice("", d(2027, 6, 1), 120'000);
  auto v = value(test::region("utrecht"), t, on_a, on_b);
  EXPECT_EQ(v[0].value.cents(), 120'000);
  EXPECT_EQ(v[1].value.cents(), 120'000);
  EXPECT_EQ(v[0].candidate, "");  // shown as the user left it, not as its key

  std::vector<Diagnostic> problems;
  Region utrecht = test::region("utrecht");
  auto same =
      value_realisations({{&on_a, &utrecht, &t.a, 1}, {&on_b, &utrecht, &t.a, 2}}, {}, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(same[0].value.cents() + same[1].value.cents(), 120'000);
  EXPECT_TRUE(same[1].duplicate_of.has_value());
}

TEST(RegisterValuation, APlacementWithoutCandidateIsRefused) {
  // A full-time-year block counts what one person does: without a pseudonym it cannot share a
  // week or use a counting window, so the line is refused, naming the candidate column.
  Two t;
  RealisationLine nobody =
      test::worked("", "participatiewet", d(2027, 1, 1), d(2027, 6, 30), Ratio(36));
  RealisationLine k =
      test::worked("K", "participatiewet", d(2027, 1, 1), d(2027, 6, 30), Ratio(36));
  std::vector<Diagnostic> problems;
  Region utrecht = test::region("utrecht");
  value_realisations({{&nobody, &utrecht, &t.a, 1}, {&k, &utrecht, &t.b, 2}}, {}, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where.column_name, Msg::ColumnCandidate);
  EXPECT_NE(test::en(problems[0].message).find("Candidate missing"), std::string::npos);
  EXPECT_TRUE(names_person(candidate_key("K", "A")));
  EXPECT_FALSE(names_person(candidate_key("", "A")));
  EXPECT_EQ(shown_candidate(candidate_key("", "A")), "");
}

}  // namespace sroi
