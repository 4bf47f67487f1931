// SPDX-License-Identifier: EUPL-1.2
// No input within the documented ranges overflows the exact arithmetic (issue: hardening):
// random offers and realisations at the limits the loaders accept — hours per week 0.0001 to
// 60 with 4 decimals, months to 600, years to 50, persons to 10,000, amounts to € 1 billion,
// hours to 10 million, counts to a million, dates over 50 years, many concurrent lines per
// person — valued under every shipped region, never throw.
#include <gtest/gtest.h>

#include <random>

#include "sroi/calc/assessment.hpp"
#include "test_support.hpp"

namespace sroi {
namespace {

Ratio four_decimals(std::mt19937_64& rng, int64_t max_units) {
  // A value in (0, max] with at most 4 decimals, often at the edges.
  int64_t top = max_units * 10'000;
  switch (rng() % 4) {
    case 0:
      return Ratio(top, 10'000);
    case 1:
      return Ratio(1, 10'000);
    case 2:
      return Ratio(top - 1, 10'000);
    default:
      return Ratio(1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(top)), 10'000);
  }
}

Date some_date(std::mt19937_64& rng) {
  return Date{2000, 1, 1}.add_days(static_cast<long>(rng() % (50 * 365)));
}

}  // namespace

TEST(Ranges, NoInputWithinTheDocumentedRangesOverflows) {
  std::mt19937_64 rng(2027);
  for (const Region& region : test::shipped().all()) {
    for (int round = 0; round < 40; ++round) {
      Contract c;
      c.id = "R";
      c.value = Money::euros(100'000'000'000);
      c.percentage = four_decimals(rng, 100);
      c.start = some_date(rng);
      c.end = c.start.add_days(static_cast<long>(1 + rng() % (50 * 365)));
      Offer offer;
      offer.contract = c;
      Realisation real;
      real.contract = c;
      for (const auto& block : region.blocks) {
        OfferLine o;
        o.block = block.id;
        RealisationLine l;
        l.block = block.id;
        l.candidate = "K-" + std::to_string(rng() % 3);  // few people: many concurrent lines
        l.start = std::min(c.end, c.start.add_days(static_cast<long>(rng() % 400)));
        l.end = std::min(c.end, l.start.add_days(static_cast<long>(rng() % (50 * 365))));
        if (l.end < l.start) l.end = l.start;
        Quantities q;
        switch (block.unit) {
          case Unit::FulltimeYear:
            q.persons = Given<int64_t>{1 + static_cast<int64_t>(rng() % 10'000), 0, 0};
            q.hours_per_week = Given<Ratio>{four_decimals(rng, 60), 0, 0};
            q.months = Given<Ratio>{four_decimals(rng, 600), 0, 0};
            for (const auto& b : region.bonuses)
              if (rng() % 2) q.bonuses.push_back({b.id, 0, 0});
            break;
          case Unit::Month:
            q.months = Given<Ratio>{four_decimals(rng, 600), 0, 0};
            q.persons = Given<int64_t>{1 + static_cast<int64_t>(rng() % 10'000), 0, 0};
            break;
          case Unit::LearningYear:
            q.years = Given<Ratio>{four_decimals(rng, 50), 0, 0};
            q.persons = Given<int64_t>{1 + static_cast<int64_t>(rng() % 10'000), 0, 0};
            break;
          case Unit::Invoice:
          case Unit::ActualCost:
            q.amount =
                Given<Money>{Money::euros(1 + static_cast<int64_t>(rng() % 1'000'000'000)), 0, 0};
            if (block.max_per_day)  // the days the cost was made on
              q.count = Given<int64_t>{1 + static_cast<int64_t>(rng() % 1'000'000), 0, 0};
            break;
          case Unit::Hour:
            q.hours = Given<Ratio>{four_decimals(rng, 10'000'000), 0, 0};
            break;
          case Unit::Activity:
            q.count = Given<int64_t>{1 + static_cast<int64_t>(rng() % 1'000'000), 0, 0};
            break;
        }
        o.quantities = q;
        offer.lines.push_back(o);
        // Realisation lines take hours per week (employment), amounts, hours and counts only.
        Quantities rq;
        rq.hours_per_week = q.hours_per_week;
        rq.amount = q.amount;
        rq.hours = q.hours;
        rq.count = q.count;
        if (block.unit == Unit::FulltimeYear) rq.bonuses = q.bonuses;
        l.quantities = rq;
        for (int copy = 0; copy < 3; ++copy) {  // overlapping lines of the same people
          real.lines.push_back(l);
          real.lines.back().start = std::min(l.end, l.start.add_days(copy * 37));
        }
      }
      EXPECT_NO_THROW(assess_offer(region, offer)) << region.label() << " round " << round;
      EXPECT_NO_THROW(assess_realisation(region, real)) << region.label() << " round " << round;
      EXPECT_NO_THROW(assess_realisation(region, real, KeepLines::No)) << region.label();
    }
  }
}

}  // namespace sroi
