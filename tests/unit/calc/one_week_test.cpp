// SPDX-License-Identifier: EUPL-1.2
// The counting conventions of REFERENCE.md §6 on realisation lines: one person, one working
// week (within a contract too); duplicates count once; the minimum hours on the person; bonus
// groups; dated amounts; prior employment; counting "always" and while a wage-cost subsidy
// runs. And a property: no set of lines ever counts more than one full-time week per person,
// whatever the order.
#include <gtest/gtest.h>

#include <random>

#include "sroi/calc/assessment.hpp"
#include "sroi/calc/line_value.hpp"
#include "sroi/calc/period.hpp"
#include "test_support.hpp"

namespace sroi {
namespace {

using test::d;

std::vector<LineResult> one_contract(const Region& r, const Contract& c,
                                     std::vector<RealisationLine> lines,
                                     std::vector<Diagnostic>* problems_out = nullptr) {
  std::vector<Diagnostic> problems;
  auto out = value_realisation_lines(r, c, lines, problems);
  if (problems_out)
    *problems_out = problems;
  else
    EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : test::en_at(problems[0]));
  return out;
}

RealisationLine at(RealisationLine l, const std::string& file, int line) {
  l.where = SourceLocation{file, line, 1};
  return l;
}

Contract year_2027() { return test::contract(1'000'000, d(2027, 1, 1), d(2027, 12, 31)); }

}  // namespace

TEST(OneWeek, IdenticalLinesCountOnceAndAreReportedWithBothLocations) {
  // The reproduction of the issue: two identical lines K-9, participatiewet-gt2, Apr..Dec 2027,
  // 36 h. One placement registered twice: € 40,000 × 9/12 = € 30,000, not € 60,000.
  const Region& on = test::region("oost-nederland");
  RealisationLine l =
      test::worked("K-9", "participatiewet-gt2", d(2027, 4, 1), d(2027, 12, 31), Ratio(36));
  auto v = one_contract(on, year_2027(), {at(l, "q.csv", 2), at(l, "q.csv", 3)});
  EXPECT_EQ(v[0].value.cents(), 3'000'000);
  EXPECT_EQ(v[1].value.cents(), 0);
  EXPECT_EQ(test::en(v[1].duplicate_of), "q.csv:2");
  ASSERT_EQ(v[1].warnings.size(), 1u);
  EXPECT_EQ(test::en(v[1].warnings[0]),
            "duplicate line: q.csv:3 repeats q.csv:2 (K-9, Participatiewet, uitkering > 2 jaar); "
            "counted once");
  // No "72 h/week" anywhere: the repeat is not a second working week.
  for (const auto& s : v[0].trace) EXPECT_EQ(test::en(s.detail).find("72"), std::string::npos);
}

TEST(OneWeek, OverlappingLinesInOneContractAreCappedAtFullTime) {
  // Two different lines of K in one contract, Jan..Dec 2027: 24 h and 24 h = 48 h > 36.
  // Each counts 24 × 36/48 = 18 h: € 40,000 × 18/36 = € 20,000 each, € 40,000 in all = one
  // full-time year, not € 53,333.34.
  const Region& on = test::region("oost-nederland");
  auto v = one_contract(
      on, year_2027(),
      {at(test::worked("K", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(24)),
          "f.csv", 2),
       at(test::worked("K", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(24)),
          "f.csv", 3)});
  // Same everything: the second is a duplicate, not a second working week.
  EXPECT_EQ(v[1].value.cents(), 0);
  auto w = one_contract(
      on, year_2027(),
      {at(test::worked("K", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(24)),
          "f.csv", 2),
       at(test::worked("K", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 30), Ratio(24)),
          "f.csv", 3)});
  // Second line ends a day earlier: Jan..30 Dec shared (each 18 h), 31 Dec: line 1 alone.
  // Line 1: € 40,000 × ((11 + 30/31 months) × 18/36 + 1/31 month × 24/36) / 12
  //   = € 3,333.33… × (5.98387… + 0.02150…) = € 20,017.92
  // Line 2: € 40,000 × (11 + 30/31) × 1/2 / 12 = € 19,946.24
  EXPECT_EQ(w[0].value.cents(), 2'001'792);
  EXPECT_EQ(w[1].value.cents(), 1'994'624);
  EXPECT_LE(w[0].value.cents() + w[1].value.cents(), 4'000'000);
}

TEST(OneWeek, MinimumHoursAreTestedOnThePerson) {
  // Harlingen: at least 12 h/week per person. Two concurrent 8 h lines = 16 h ≥ 12: both count.
  // Each: € 40,000 × 8/36 = € 8,888.89 (full year); the person: € 17,777.78.
  const Region& h = test::region("harlingen");
  auto v = one_contract(
      h, year_2027(),
      {at(test::worked("K", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(8)),
          "f.csv", 2),
       at(test::worked("K", "ww-gt1", d(2027, 1, 1), d(2027, 12, 31), Ratio(8)), "f.csv", 3)});
  EXPECT_EQ(v[0].value.cents(), 888'889);
  EXPECT_EQ(v[1].value.cents(), 444'444);  // € 20,000 × 8/36
  // One 8 h line alone stays below the minimum: € 0 with the reason.
  auto alone = one_contract(
      h, year_2027(),
      {test::worked("K", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(8))});
  EXPECT_EQ(alone[0].value.cents(), 0);
  EXPECT_NE(test::en(alone[0].zero_reason).find("minimum of 12 h/week per person"),
            std::string::npos);
}

TEST(OneWeek, MinimumHoursPerStretchOfTime) {
  // Harlingen: K 8 h Jan..Dec and 8 h Jul..Dec. Jan..Jun 8 h < 12 counts nothing; Jul..Dec
  // 16 h counts: line 1 € 40,000 × 8/36 × 6/12 = € 4,444.44.
  const Region& h = test::region("harlingen");
  auto v = one_contract(
      h, year_2027(),
      {test::worked("K", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(8)),
       test::worked("K", "ww-gt1", d(2027, 7, 1), d(2027, 12, 31), Ratio(8))});
  EXPECT_EQ(v[0].value.cents(), 444'444);
}

TEST(OneWeek, AgeBonusesExcludeEachOther) {
  // Harlingen group "age": plus-50 (€ 5,000) and plus-55 (€ 7,500) on one person → only the
  // highest: (€ 40,000 + € 7,500) × 36/36 × 12/12 = € 47,500, not € 52,500.
  const Region& h = test::region("harlingen");
  RealisationLine l =
      test::worked("K", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(36));
  l.quantities.bonuses = {{"plus-50", 0, 0}, {"plus-55", 0, 0}};
  auto v = one_contract(h, year_2027(), {l});
  EXPECT_EQ(v[0].value.cents(), 4'750'000);
  EXPECT_EQ(v[0].bonuses, std::vector<std::string>{"plus-55"});
  // The offer path follows the same rule.
  Offer o;
  o.contract = year_2027();
  o.contract.percentage = Ratio(5);
  o.lines = {
      test::employment("participatiewet-gt2", 1, Ratio(36), Ratio(12), {"plus-50", "plus-55"})};
  EXPECT_EQ(assess_offer(h, o).lines_total.cents(), 4'750'000);
}

TEST(OneWeek, AmountsCountOnTheirDate) {
  // An invoice dated after the contract end counts nothing, with a warning; one inside counts
  // in full. Utrecht social purchasing at 100 %: € 1,800.
  const Region& u = test::region("utrecht");
  RealisationLine in;
  in.candidate = "inkoop-1";
  in.block = "social-purchasing";
  in.start = in.end = d(2027, 11, 30);
  in.quantities.amount = Given<Money>{Money::euros(1'800), 0, 0};
  RealisationLine late = in;
  late.candidate = "inkoop-2";
  late.start = d(2027, 12, 1);
  late.end = d(2028, 1, 15);  // work into January, invoiced after the end
  auto v = one_contract(u, year_2027(), {in, late});
  EXPECT_EQ(v[0].value.cents(), 180'000);
  EXPECT_EQ(v[1].value.cents(), 0);
  ASSERT_EQ(v[1].warnings.size(), 1u);
  EXPECT_EQ(test::en(v[1].warnings[0]),
            "inkoop-2: dated 2028-01-15, outside the contract period 2027-01-01 to 2027-12-31; "
            "counts € 0");
}

TEST(OneWeek, PriorEmploymentUsesTheWindowUnlessTheRegionAllowsIt) {
  // Oost-Nederland, ww-gt1 (12 months): K started 2026-07-01, contract from 2027-01-01.
  // The window runs 2026-07-01..2027-06-30: 6 months in the contract count:
  // € 15,000 × 6/12 = € 7,500, with a warning.
  const Region& on = test::region("oost-nederland");
  auto v = one_contract(on, year_2027(),
                        {test::worked("K", "ww-gt1", d(2026, 7, 1), d(2027, 12, 31), Ratio(36))});
  EXPECT_EQ(v[0].value.cents(), 750'000);
  ASSERT_EQ(v[0].warnings.size(), 1u);
  EXPECT_NE(test::en(v[0].warnings[0]).find("uses the counting period and counts nothing"),
            std::string::npos);
  // Den Haag allows a start up to 12 months before: the window opens at the contract start.
  // ww (12 months): € 20,000 × 12/12 = € 20,000.
  const Region& dh = test::region("den-haag");
  auto w = one_contract(dh, year_2027(),
                        {test::worked("K", "ww", d(2026, 7, 1), d(2027, 12, 31), Ratio(36))});
  EXPECT_EQ(w[0].value.cents(), 2'000'000);
  EXPECT_NE(test::en(w[0].warnings.at(0)).find("allows a start up to 12 months before"),
            std::string::npos);
  // 13 months before is beyond it: window 2025-12-01..2026-11-30, nothing left in 2027.
  auto x = one_contract(dh, year_2027(),
                        {test::worked("K", "ww", d(2025, 12, 1), d(2027, 12, 31), Ratio(36))});
  EXPECT_EQ(x[0].value.cents(), 0);
}

TEST(OneWeek, DenHaagCountingPeriodsTwelveTwentyFourAlways) {
  // Three candidates employed full time for 3 years, 2027..2029.
  // ww 12 months: € 20,000; participatiewet 24 months: € 40,000 × 2 = € 80,000;
  // banenafspraak always: € 50,000 × 3 = € 150,000.
  const Region& dh = test::region("den-haag");
  Contract c = test::contract(5'000'000, d(2027, 1, 1), d(2029, 12, 31));
  auto v =
      one_contract(dh, c,
                   {test::worked("A", "ww", d(2027, 1, 1), d(2029, 12, 31), Ratio(36)),
                    test::worked("B", "participatiewet", d(2027, 1, 1), d(2029, 12, 31), Ratio(36)),
                    test::worked("C", "banenafspraak", d(2027, 1, 1), d(2029, 12, 31), Ratio(36))});
  EXPECT_EQ(v[0].value.cents(), 2'000'000);
  EXPECT_EQ(v[1].value.cents(), 8'000'000);
  EXPECT_EQ(v[2].value.cents(), 15'000'000);
}

TEST(OneWeek, WhileTheWageSubsidyRuns) {
  // Den Haag: a ww line (normally 12 months) with a wage-cost subsidy until 2028-06-30 counts
  // while the subsidy runs: 18 months → € 20,000 × 18/12 = € 30,000.
  const Region& dh = test::region("den-haag");
  Contract c = test::contract(5'000'000, d(2027, 1, 1), d(2029, 12, 31));
  RealisationLine l = test::worked("K", "ww", d(2027, 1, 1), d(2029, 12, 31), Ratio(36));
  l.subsidy_until = Given<Date>{d(2028, 6, 30), 0, 0};
  auto v = one_contract(dh, c, {l});
  EXPECT_EQ(v[0].value.cents(), 3'000'000);
  // A subsidy that ends before the block's period does not shorten it: 12 months, € 20,000.
  RealisationLine shorter = l;
  shorter.subsidy_until = Given<Date>{d(2027, 6, 30), 0, 0};
  EXPECT_EQ(one_contract(dh, c, {shorter})[0].value.cents(), 2'000'000);
  // Banenafspraak counts always; a subsidy does not end that: 3 years × € 50,000.
  RealisationLine always =
      test::worked("K", "banenafspraak", d(2027, 1, 1), d(2029, 12, 31), Ratio(36));
  always.subsidy_until = Given<Date>{d(2027, 6, 30), 0, 0};
  EXPECT_EQ(one_contract(dh, c, {always})[0].value.cents(), 15'000'000);
  // A region without the rule ignores it, with a warning: 12 months of ww-gt1 → € 15,000.
  const Region& on = test::region("oost-nederland");
  RealisationLine m = test::worked("K", "ww-gt1", d(2027, 1, 1), d(2029, 12, 31), Ratio(36));
  m.subsidy_until = Given<Date>{d(2028, 6, 30), 0, 0};
  auto w = one_contract(on, c, {m});
  EXPECT_EQ(w[0].value.cents(), 1'500'000);
  EXPECT_NE(test::en(w[0].warnings.at(0)).find("subsidy_until is ignored"), std::string::npos);
}

TEST(OneWeekProperty, NeverMoreThanOneFullTimeWeekAndOrderIndependent) {
  // For random sets of lines over random contracts: (1) per candidate, the sum over all lines
  // of value ÷ yearly rate (full-time years counted) never exceeds the time from the
  // candidate's first start to last end ÷ 12 months (one full-time week per week); (2) every
  // contract's total is the same whatever order contracts and lines are registered in.
  const Region& on = test::region("oost-nederland");
  std::mt19937 rng(2027);
  for (int round = 0; round < 200; ++round) {
    std::vector<Contract> contracts = test::random_contracts(rng);
    int nc = static_cast<int>(contracts.size());
    std::vector<RealisationLine> lines;
    std::vector<int> owner;
    int nl = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < nl; ++i) {
      int c = static_cast<int>(rng() % static_cast<unsigned>(nc));
      const Contract& k = contracts[static_cast<std::size_t>(c)];
      Date s = k.start.add_days(static_cast<long>(rng() % 200));
      Date e = s.add_days(static_cast<long>(rng() % 400));
      if (e > k.end) e = k.end;
      const char* blocks[] = {"participatiewet-lt2", "participatiewet-gt2", "doelgroepregister"};
      RealisationLine l = test::worked("K" + std::to_string(rng() % 3), blocks[rng() % 3], s, e,
                                       Ratio(static_cast<int64_t>(8 + rng() % 33)));
      l.where = SourceLocation{"f" + std::to_string(c), i + 2, 1};
      lines.push_back(l);
      owner.push_back(c);
    }
    auto run = [&](const std::vector<int64_t>& seq) {
      std::vector<LineInput> in;
      for (std::size_t i = 0; i < lines.size(); ++i)
        in.push_back({&lines[i], &on, &contracts[static_cast<std::size_t>(owner[i])], seq[i]});
      std::vector<Diagnostic> problems;
      ValuationOptions o;
      o.trace = false;
      auto v = value_realisations(in, o, problems);
      EXPECT_TRUE(problems.empty());
      return v;
    };
    std::vector<int64_t> seq(lines.size());
    for (std::size_t i = 0; i < seq.size(); ++i) seq[i] = static_cast<int64_t>(i);
    auto base = run(seq);
    std::shuffle(seq.begin(), seq.end(), rng);
    auto shuffled = run(seq);
    std::vector<Money> per_contract(contracts.size()), per_contract2(contracts.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      per_contract[static_cast<std::size_t>(owner[i])] += base[i].value;
      per_contract2[static_cast<std::size_t>(owner[i])] += shuffled[i].value;
    }
    EXPECT_EQ(per_contract, per_contract2) << "round " << round;
    // Full-time years per candidate (value ÷ yearly rate) never exceed the months in the union
    // of the candidate's line periods ÷ 12: at most one full-time week in any week. Shared
    // hours are rounded to 4 decimals, hence the small tolerance.
    std::map<std::string, Ratio> years;
    std::map<std::string, std::vector<std::pair<Date, Date>>> periods;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const auto& l = lines[i];
      years[l.candidate] += Ratio(base[i].value.cents()) / Ratio(base[i].factors.rate.cents());
      const Contract& k = contracts[static_cast<std::size_t>(owner[i])];
      periods[l.candidate].push_back({std::max(l.start, k.start), std::min(l.end, k.end)});
    }
    for (const auto& [cand, y] : years) {
      auto ps = periods[cand];
      std::sort(ps.begin(), ps.end());
      Ratio months(0);
      Date from = ps[0].first, to = ps[0].second;
      for (const auto& [a, b] : ps) {
        if (a > to.add_days(1)) {
          months += months_between(from, to, TimeBasis::Months);
          from = a;
          to = b;
        } else if (b > to) {
          to = b;
        }
      }
      months += months_between(from, to, TimeBasis::Months);
      EXPECT_LE(y, months / Ratio(12) + Ratio(1, 1000)) << cand << " round " << round;
    }
  }
}

}  // namespace sroi
