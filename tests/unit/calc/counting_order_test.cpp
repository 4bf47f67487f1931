// SPDX-License-Identifier: EUPL-1.2
// Counted right whatever the order (REFERENCE.md §5–§6): a counting window opens at the
// candidate's true first start in the block, whatever order lines, files or contracts come in;
// a shared week is split in proportion to the hours written, as exact fractions rounded once
// per line; a PSO certificate is valid for 2 years less a day, with or without its issue date.
// And two properties over random registers: no figure depends on the order, and no person
// counts more than one full-time week, each line in proportion to its hours.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "scratch.hpp"
#include "sroi/calc/line_value.hpp"
#include "sroi/calc/period.hpp"
#include "sroi/config/input_loader.hpp"
#include "test_support.hpp"

namespace sroi {
namespace {

using test::d;

/// Values `lines` (each with its contract) in the order given: the order they are registered.
std::vector<LineResult> in_order(const Region& r, const std::vector<RealisationLine>& lines,
                                 const std::vector<const Contract*>& contracts) {
  std::vector<LineInput> in;
  for (std::size_t i = 0; i < lines.size(); ++i)
    in.push_back({&lines[i], &r, contracts[i], static_cast<int64_t>(i)});
  std::vector<Diagnostic> problems;
  ValuationOptions o;
  o.trace = true;
  auto v = value_realisations(in, o, problems);
  EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : test::en_at(problems[0]));
  return v;
}

Contract two_years(const std::string& id) {
  Contract c = test::contract(1'000'000, d(2027, 1, 1), d(2028, 12, 31));
  c.id = id;
  return c;
}

/// K on Oost-Nederland participatiewet-gt2 (€ 40,000 a year) all of 2027, `hours` a week.
RealisationLine all_2027(int64_t hours) {
  return test::worked("K", "participatiewet-gt2", d(2027, 1, 1), d(2027, 12, 31), Ratio(hours));
}

std::string trace_of(const LineResult& r) {
  std::string out;
  for (const auto& s : r.trace) out += test::en(s.detail) + "\n";
  return out;
}

}  // namespace

TEST(CountingOrder, WindowOpensAtTheTrueFirstStartInEitherOrder) {
  // Oost-Nederland ww-gt1: € 15,000 a year, counted 12 months. Contract 2027-01-01..2028-12-31.
  // K: line A 2027-01-01..2027-12-31 36 h; line B (started 2026-06-01) 2026-06-01..2027-12-31
  // 36 h. The window runs from B's start: 2026-06-01..2027-05-31. Within the contract that is
  // January..May 2027, 5 months, on which the two lines share one week (72 h → 1/2 each):
  // each € 15,000 × 1/2 × 5/12 = € 3,125, listed A then B or B then A.
  const Region& on = test::region("oost-nederland");
  Contract c = two_years("ON-1");
  RealisationLine a = test::worked("K", "ww-gt1", d(2027, 1, 1), d(2027, 12, 31), Ratio(36));
  RealisationLine b = test::worked("K", "ww-gt1", d(2026, 6, 1), d(2027, 12, 31), Ratio(36));
  auto ab = in_order(on, {a, b}, {&c, &c});
  auto ba = in_order(on, {b, a}, {&c, &c});
  EXPECT_EQ(ab[0].value.cents(), 312'500);
  EXPECT_EQ(ab[1].value.cents(), 312'500);
  EXPECT_EQ(ba[0].value.cents(), 312'500);
  EXPECT_EQ(ba[1].value.cents(), 312'500);
  // The trace says the window opened at B's start, for A too.
  EXPECT_NE(trace_of(ab[0]).find("first start in 'WW-uitkering > 1 jaar' on 2026-06-01"),
            std::string::npos)
      << trace_of(ab[0]);
}

TEST(CountingOrder, WindowOpensAtTheTrueFirstStartAcrossContractsInEitherOrder) {
  // The same two lines on two contracts' files, imported in either order: € 3,125 each.
  const Region& on = test::region("oost-nederland");
  Contract x = two_years("X"), y = two_years("Y");
  RealisationLine a = test::worked("K", "ww-gt1", d(2027, 1, 1), d(2027, 12, 31), Ratio(36));
  RealisationLine b = test::worked("K", "ww-gt1", d(2026, 6, 1), d(2027, 12, 31), Ratio(36));
  auto first = in_order(on, {a, b}, {&x, &y});
  auto second = in_order(on, {b, a}, {&y, &x});
  EXPECT_EQ(first[0].value.cents(), 312'500);
  EXPECT_EQ(first[1].value.cents(), 312'500);
  EXPECT_EQ(second[0].value.cents(), 312'500);
  EXPECT_EQ(second[1].value.cents(), 312'500);
}

TEST(CountingOrder, DenHaagPriorEmploymentBeyondTwelveMonthsUsesTheWindow) {
  // Den Haag participatiewet: € 40,000 a year, counted 24 months; a start up to 12 months
  // before the contract may be counted (§4). Contract 2027-01-01..2028-12-31, K full time on
  // line 1 from the contract start and on line 2 from 2025-10-01 (15 months before: beyond
  // the 12), listed second. The window opens at line 2's start: 2025-10-01..2027-09-30, so
  // January..September 2027 count, 9 months, shared (1/2 each):
  // each € 40,000 × 1/2 × 9/12 = € 15,000 (it was € 40,000 each when listed this way).
  const Region& dh = test::region("den-haag");
  Contract c = two_years("DH-1");
  RealisationLine one =
      test::worked("K", "participatiewet", d(2027, 1, 1), d(2028, 12, 31), Ratio(36));
  RealisationLine two =
      test::worked("K", "participatiewet", d(2025, 10, 1), d(2028, 12, 31), Ratio(36));
  for (const auto& v : {in_order(dh, {one, two}, {&c, &c}), in_order(dh, {two, one}, {&c, &c})}) {
    EXPECT_EQ(v[0].value.cents(), 1'500'000);
    EXPECT_EQ(v[1].value.cents(), 1'500'000);
  }
}

TEST(CountingOrder, WeekSharedInProportionToTheHoursWritten) {
  // Oost-Nederland participatiewet-gt2: € 40,000 a year, full time 36 h. K works 40 h on
  // contract X and 20 h on contract Y through 2027: 60 h share one 36 h week as
  // 36 × 40/60 = 24 h and 36 × 20/60 = 12 h (no line is cut to 36 h first).
  // X: € 40,000 × 24/36 = € 26,666.67; Y: € 40,000 × 12/36 = € 13,333.33
  // (cutting 40 h to 36 h first gave 23.1429 h and 12.8571 h: € 952.34 moved to Y).
  const Region& on = test::region("oost-nederland");
  Contract x = two_years("X"), y = two_years("Y");
  auto v = in_order(on, {all_2027(40), all_2027(20)}, {&x, &y});
  EXPECT_EQ(v[0].value.cents(), 2'666'667);
  EXPECT_EQ(v[1].value.cents(), 1'333'333);
  ASSERT_EQ(v[0].reductions.size(), 1u);
  EXPECT_NE(test::en(v[0].reductions[0]).find("this line counts 24 of its 40 h/week"),
            std::string::npos)
      << test::en(v[0].reductions[0]);
  // A 40 h line alone counts one full-time week, and says nothing of sharing.
  auto alone = in_order(on, {all_2027(40)}, {&x});
  EXPECT_EQ(alone[0].value.cents(), 4'000'000);
  EXPECT_TRUE(alone[0].reductions.empty());
}

TEST(CountingOrder, SharesAreExactFractionsRoundedOncePerLine) {
  // 30 h + 12 h = 42 h share 36 h: exactly 30/42 and 12/42 of a full-time week.
  // € 40,000 × 30/42 = € 28,571.428… → € 28,571.43; € 40,000 × 12/42 = € 11,428.571… →
  // € 11,428.57 (hours rounded to 4 decimals first gave € 28,571.44 and € 11,428.56).
  const Region& on = test::region("oost-nederland");
  Contract x = two_years("X"), y = two_years("Y");
  auto v = in_order(on, {all_2027(30), all_2027(12)}, {&x, &y});
  EXPECT_EQ(v[0].value.cents(), 2'857'143);
  EXPECT_EQ(v[1].value.cents(), 1'142'857);
  EXPECT_EQ(v[0].exact_cents, Ratio(400'000'000, 140));  // 4,000,000 cents × 30/42
}

TEST(CountingOrder, PsoCertificateIsValidForTwoYearsLessADay) {
  // REFERENCE.md §5: issued 2026-07-01 → valid until 2028-06-30 at most.
  EXPECT_EQ(PsoCertificate::last_valid_day(d(2026, 7, 1)), d(2028, 6, 30));
  // Without an issue date, a certificate until 2028-06-30 is taken to start 2026-07-01: the
  // same days as with its issue date written.
  PsoCertificate undated{PsoLevel::Trede2, std::nullopt, d(2028, 6, 30), {}};
  EXPECT_EQ(undated.valid_from(), d(2026, 7, 1));
  // Both ways agree for every end date of four years, month ends and 29 February included:
  // the assumed start is the earliest issue date whose 2 years reach the end date.
  for (Date until = d(2028, 1, 1); until <= d(2031, 12, 31); until = until.add_days(1)) {
    PsoCertificate p{PsoLevel::Trede1, std::nullopt, until, {}};
    Date from = p.valid_from();
    EXPECT_GE(PsoCertificate::last_valid_day(from), until) << until.iso();
    EXPECT_LT(PsoCertificate::last_valid_day(from.add_days(-1)), until) << until.iso();
  }
}

TEST(CountingOrder, PsoCertificateOfTwoYearsAndADayIsRefusedAtItsPlace) {
  // Issued 2026-06-30 and valid until 2028-06-30 is 2 years and a day: refused, naming the
  // last day it could be valid (2028-06-29). Issued 2026-07-01, the same end date is fine.
  test::Scratch s("pso-two-years");
  auto offer = [&](const std::string& issued) {
    return s.write("pso-" + issued + ".toml",
                   "region = \"oost-nederland\"\nsupplier = \"S\"\n[contract]\nid = \"P\"\n"
                   "value = \"1000000\"\npercentage = 5\nstart = 2027-01-01\n"
                   "end = 2028-06-30\n[pso]\nlevel = \"trede-2\"\nissued = " +
                       issued + "\nvalid_until = 2028-06-30\n");
  };
  auto e = test::thrown<DataError>([&] { config::load_offer(offer("2026-06-30")); });
  ASSERT_TRUE(e) << "a certificate of 2 years and a day was accepted";
  EXPECT_NE(test::said(*e).find("pso-2026-06-30.toml:12:15: error: PSO certificate issued "
                                "2026-06-30 and valid until 2028-06-30: a certificate is valid "
                                "for at most 2 years (until 2028-06-29)"),
            std::string::npos)
      << test::said(*e);
  EXPECT_NO_THROW(config::load_offer(offer("2026-07-01")));
}

TEST(CountingOrderProperty, EveryLineValueIsTheSameWhateverTheOrder) {
  // Random registers of up to 4 contracts and 14 lines over 3 candidates, in two regions,
  // lines starting up to 20 months before their contracts: the lines are valued in their
  // order, then shuffled (lines within files, files within imports, imports within the
  // register all come down to the order of registration) and split into several files
  // (other places, other sequence numbers). Every line's value and every contract's total
  // must be identical.
  std::mt19937 rng(22);
  const char* regions[] = {"oost-nederland", "den-haag"};
  for (int round = 0; round < 300; ++round) {
    const Region& r = test::region(regions[round % 2]);
    const std::vector<std::string> blocks =
        round % 2 ? std::vector<std::string>{"ww", "participatiewet", "banenafspraak"}
                  : std::vector<std::string>{"ww-gt1", "participatiewet-lt2", "doelgroepregister"};
    std::vector<Contract> contracts = test::random_contracts(rng);
    std::vector<RealisationLine> lines;
    std::vector<std::size_t> owner;
    int nl = 1 + static_cast<int>(rng() % 14);
    for (int i = 0; i < nl; ++i) {
      std::size_t c = rng() % contracts.size();
      const Contract& k = contracts[c];
      Date s = k.start.add_days(static_cast<long>(rng() % 800) - 600);
      Date e = std::max(s, k.start).add_days(static_cast<long>(rng() % 500));
      if (e > k.end) e = k.end;
      RealisationLine l = test::worked("K" + std::to_string(rng() % 3), blocks[rng() % 3], s, e,
                                       Ratio(static_cast<int64_t>(4 + rng() % 45)));
      l.where = SourceLocation{"f" + std::to_string(c) + ".csv", i + 2, 1};
      lines.push_back(l);
      owner.push_back(c);
    }
    auto run = [&](const std::vector<std::size_t>& order, bool split) {
      std::vector<RealisationLine> copy;
      std::vector<const Contract*> of;
      for (std::size_t k = 0; k < order.size(); ++k) {
        RealisationLine l = lines[order[k]];
        if (split) l.where.file = l.where.file.str() + "-part" + std::to_string(k % 3);
        copy.push_back(l);
        of.push_back(&contracts[owner[order[k]]]);
      }
      std::vector<LineInput> in;
      for (std::size_t k = 0; k < copy.size(); ++k)
        in.push_back({&copy[k], &r, of[k], static_cast<int64_t>(k)});
      std::vector<Diagnostic> problems;
      ValuationOptions o;
      o.trace = false;
      auto v = value_realisations(in, o, problems);
      EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : test::en_at(problems[0]));
      std::vector<Money> by_line(order.size());
      for (std::size_t k = 0; k < order.size(); ++k) by_line[order[k]] = v[k].value;
      return by_line;
    };
    std::vector<std::size_t> order(lines.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto base = run(order, false);
    std::shuffle(order.begin(), order.end(), rng);
    auto shuffled = run(order, rng() % 2 == 0);
    std::reverse(order.begin(), order.end());
    auto reversed = run(order, true);
    EXPECT_EQ(base, shuffled) << "round " << round;
    EXPECT_EQ(base, reversed) << "round " << round;
    std::vector<Money> total(contracts.size()), total2(contracts.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      total[owner[i]] += base[i];
      total2[owner[i]] += shuffled[i];
    }
    EXPECT_EQ(total, total2) << "round " << round;
  }
}

TEST(CountingOrderProperty, WeekNeverAboveFullTimeAndSharesFollowTheHours) {
  // Random concurrent lines of one candidate, all of 2027 on one contract each (Oost-Nederland
  // participatiewet-lt2, € 30,000, no cap within a year): per line the hours factor is
  // min(1, h ÷ 36) when the hours together stay within 36, else exactly h ÷ (sum of hours);
  // the factors of the person never add up to more than one full-time week.
  const Region& on = test::region("oost-nederland");
  std::mt19937 rng(6);
  for (int round = 0; round < 300; ++round) {
    int n = 1 + static_cast<int>(rng() % 5);
    std::vector<Contract> contracts(static_cast<std::size_t>(n));
    std::vector<RealisationLine> lines;
    std::vector<const Contract*> of;
    Ratio sum(0);
    for (int i = 0; i < n; ++i) {
      contracts[static_cast<std::size_t>(i)] =
          test::contract(1'000'000, d(2027, 1, 1), d(2027, 12, 31));
      contracts[static_cast<std::size_t>(i)].id = "C" + std::to_string(i);
      // Hours in quarters of an hour, 1 to 48.
      Ratio h(static_cast<int64_t>(4 + rng() % 189), 4);
      sum += h;
      lines.push_back(test::worked("K", "participatiewet-lt2", d(2027, 1, 1), d(2027, 12, 31), h));
      // Different blocks of the same group would do too; a different start avoids duplicates.
      lines.back().where = SourceLocation{"f.csv", i + 2, 1};
      lines.back().quantities.hours_per_week->line = i + 2;
      of.push_back(&contracts[static_cast<std::size_t>(i)]);
    }
    auto v = in_order(on, lines, of);
    Ratio week(0);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Ratio& h = lines[i].quantities.hours_per_week->value;
      Ratio expected = sum > Ratio(36) ? h / sum : min(Ratio(1), h / Ratio(36));
      // A line that repeats another exactly counts once (the same hours on another contract
      // are not a repeat: contracts differ).
      EXPECT_EQ(v[i].factors.hours_factor, expected) << "round " << round << " line " << i;
      // value = € 30,000 × factor, rounded once.
      EXPECT_EQ(v[i].value, scale(Money::euros(30'000), expected)) << "round " << round;
      week += v[i].factors.hours_factor;
    }
    EXPECT_LE(week, Ratio(1)) << "round " << round;
  }
}

}  // namespace sroi
