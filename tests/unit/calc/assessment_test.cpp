// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/assessment.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sroi {
namespace {

using test::d;

Offer on_offer(std::vector<OfferLine> lines) {
  Offer o;
  o.region.id = "oost-nederland";
  o.supplier = "Test BV";
  o.contract = test::contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31));
  // Set by the contract: the region's default 5 % is a provisional common norm.
  o.contract.percentage = Ratio(5);
  o.lines = std::move(lines);
  return o;
}

}  // namespace

TEST(Assessment, TotalIsTheSumOfRoundedLines) {
  // Rule: round once per line, totals are sums of rounded lines.
  // One line: € 40,000 × 20/36 × 1/12 = € 1,851.851… → € 1,851.85.
  // Three lines: 3 × € 1,851.85 = € 5,555.55, whereas the exact sum € 5,555.555… would round
  // to € 5,555.56.
  auto line = test::employment("participatiewet-gt2", 1, Ratio(20), Ratio(1));
  Assessment a = assess_offer(test::region("oost-nederland"), on_offer({line, line, line}));
  EXPECT_EQ(a.lines[0].value.cents(), 185'185);
  EXPECT_EQ(a.total.cents(), 555'555);
}

TEST(Assessment, SurplusAgainstTheObligation) {
  // Obligation 5 % × € 1,250,000 = € 62,500; offer 2 × € 40,000 × 2 years = € 160,000
  Assessment a =
      assess_offer(test::region("oost-nederland"),
                   on_offer({test::employment("participatiewet-gt2", 2, Ratio(36), Ratio(24))}));
  EXPECT_EQ(a.obligation.amount.cents(), 6'250'000);
  EXPECT_EQ(a.surplus.cents(), 9'750'000);
  EXPECT_EQ(a.shortfall.cents(), 0);
  EXPECT_EQ(a.penalty.cents(), 0);
}

TEST(Assessment, ShortfallAndNoPenaltyRule) {
  // € 62,500 − € 750 × 6 = € 58,000 short; Oost-Nederland publishes no penalty rule
  Assessment a = assess_offer(test::region("oost-nederland"),
                              on_offer({test::months_line("werkervaringsplek", Ratio(6))}));
  EXPECT_EQ(a.shortfall.cents(), 5'800'000);
  EXPECT_EQ(a.penalty.cents(), 0);
  EXPECT_EQ(test::en(a.penalty_trace.front().detail), "the region publishes no penalty rule");
}

TEST(Assessment, PenaltyAsFactorOfShortfall) {
  // Noordoost-Brabant style: 1.5 × shortfall € 58,000 = € 87,000
  Region r = test::region("oost-nederland");
  r.penalty = PenaltyRule{PenaltyKind::ShortfallFactor, Ratio(3, 2), {}};
  Assessment a = assess_offer(r, on_offer({test::months_line("werkervaringsplek", Ratio(6))}));
  EXPECT_EQ(a.penalty.cents(), 8'700'000);
}

TEST(Assessment, PenaltyAsFactorOfObligation) {
  // Eindhoven style: 50 % of the obligation € 62,500 = € 31,250 when not met
  Region r = test::region("oost-nederland");
  r.penalty = PenaltyRule{PenaltyKind::ObligationFactor, Ratio(1, 2), {}};
  Assessment a = assess_offer(r, on_offer({test::months_line("werkervaringsplek", Ratio(6))}));
  EXPECT_EQ(a.penalty.cents(), 3'125'000);
}

TEST(Assessment, ProvisionalWhenAnEmploymentLineUsesStandInHours) {
  Assessment a = assess_offer(test::region("oost-nederland"),
                              on_offer({test::employment("nug", 1, Ratio(36), Ratio(12))}));
  EXPECT_TRUE(a.provisional);
  ASSERT_EQ(a.provisional_values.size(), 1u);
  EXPECT_EQ(test::en(a.provisional_values[0]),
            "full-time hours 36 of oost-nederland V05 (stand-in)");
}

TEST(Assessment, NotProvisionalWhenOnlyPublishedValuesAreUsed) {
  Assessment a = assess_offer(test::region("oost-nederland"),
                              on_offer({test::months_line("werkervaringsplek", Ratio(6))}));
  EXPECT_FALSE(a.provisional);
}

TEST(Assessment, PsoFulfilmentAddsToTheTotal) {
  // Fulfilment rule trede-2 = 100 %: the certificate alone meets € 62,500
  Region r = test::region("oost-nederland");
  r.pso.kind = PsoRuleKind::Fulfilment;
  r.pso.percent[PsoLevel::Trede2] = Ratio(100);
  r.pso.provenance = {};
  Offer o = on_offer({});
  o.pso = {PsoCertificate{PsoLevel::Trede2, d(2027, 1, 1), d(2028, 12, 31), {}}};
  Assessment a = assess_offer(r, o);
  EXPECT_EQ(a.total.cents(), 6'250'000);
  EXPECT_EQ(a.shortfall.cents(), 0);
}

TEST(Assessment, EveryBadLineIsReportedAtOnce) {
  Offer o = on_offer({test::months_line("nope", Ratio(1)), test::months_line("nada", Ratio(1))});
  auto e = test::thrown<DataError>([&] { assess_offer(test::region("oost-nederland"), o); });
  ASSERT_TRUE(e) << "expected DataError";
  EXPECT_EQ(e->diagnostics().size(), 2u);
}

}  // namespace sroi

namespace sroi {
namespace {
/// Two candidates, one with two lines that share a counting period, K-2's first line first.
Realisation two_candidates() {
  Realisation r;
  r.region.id = "oost-nederland";
  r.contract = test::contract(1'250'000, test::d(2027, 1, 1), test::d(2028, 12, 31));
  r.lines = {test::worked("K-2", "ww-gt1", test::d(2027, 10, 1), test::d(2028, 3, 31), Ratio(30)),
             test::worked("K-1", "nug", test::d(2027, 1, 1), test::d(2027, 6, 30), Ratio(36)),
             test::worked("K-2", "ww-gt1", test::d(2027, 1, 1), test::d(2027, 8, 31), Ratio(30))};
  return r;
}
}  // namespace

TEST(Assessment, LinesRebuiltPerCandidateEqualTheKeptOnes) {
  // Two candidates, one with two lines that share a counting period: assessed without keeping
  // the lines, then valued again one candidate at a time, every line gets the same trace and
  // value, and the totals, warnings and provisional values are those of the kept assessment.
  Realisation r = two_candidates();
  const Region& on = test::region("oost-nederland");
  Assessment full = assess_realisation(on, r, KeepLines::Yes);
  Assessment light = assess_realisation(on, r, KeepLines::No);
  EXPECT_TRUE(light.lines.empty());
  EXPECT_EQ(light.line_count, 3u);
  EXPECT_EQ(light.total, full.total);
  EXPECT_EQ(light.lines_total, full.lines_total);
  EXPECT_EQ(light.lines_provisional, full.lines_provisional);
  EXPECT_EQ(light.provisional_values, full.provisional_values);
  EXPECT_EQ(light.warnings, full.warnings);
  std::vector<std::size_t> seen;
  each_line(light, Detail::Steps, [&](std::size_t i, const LineResult& l) {
    seen.push_back(i);
    EXPECT_EQ(l.value, full.lines[i].value);
    ASSERT_EQ(l.trace.size(), full.lines[i].trace.size());
    for (std::size_t k = 0; k < l.trace.size(); ++k)
      EXPECT_EQ(l.trace[k].detail, full.lines[i].trace[k].detail);
  });
  // Candidates in the order of their first line: K-2's lines (input order), then K-1.
  EXPECT_EQ(seen, (std::vector<std::size_t>{0, 2, 1}));
}

}  // namespace sroi

namespace sroi {

TEST(Assessment, AVisitorSeesEveryLineOnceWithItsTraceAsItIsValued) {
  // The same three lines as above, assessed without keeping them but with a visitor (the
  // workbook writer is one): it sees the head first (obligation known, no line totals yet,
  // 3 lines to come), then every line exactly once, with the trace each_line would give, and
  // the assessment's totals and warnings equal those of the kept assessment.
  Realisation r = two_candidates();
  const Region& on = test::region("oost-nederland");
  Assessment full = assess_realisation(on, r, KeepLines::Yes);
  struct Seen : LineVisitor {
    std::size_t announced = 0, begun = 0;
    Money obligation, total_at_begin;
    std::vector<std::size_t> order;
    std::vector<LineResult> lines;
    void begin(const Assessment& head, std::size_t n) override {
      ++begun;
      announced = n;
      obligation = head.obligation.amount;
      total_at_begin = head.lines_total;
    }
    void line(std::size_t i, const LineResult& l) override {
      order.push_back(i);
      lines.push_back(l);
    }
  } seen;
  Assessment a = assess_realisation(on, r, KeepLines::No, std::nullopt, &seen);
  EXPECT_EQ(seen.begun, 1u);
  EXPECT_EQ(seen.announced, 3u);
  EXPECT_EQ(seen.obligation, full.obligation.amount);
  EXPECT_TRUE(seen.total_at_begin.is_zero());
  EXPECT_EQ(seen.order, (std::vector<std::size_t>{0, 2, 1}));
  ASSERT_EQ(seen.lines.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    const LineResult& kept = full.lines[seen.order[k]];
    EXPECT_EQ(seen.lines[k].value, kept.value);
    ASSERT_EQ(seen.lines[k].trace.size(), kept.trace.size());
    ASSERT_FALSE(kept.trace.empty());
    for (std::size_t t = 0; t < kept.trace.size(); ++t)
      EXPECT_EQ(seen.lines[k].trace[t].detail, kept.trace[t].detail);
  }
  EXPECT_EQ(a.lines_total, full.lines_total);
  EXPECT_EQ(a.total, full.total);
  EXPECT_EQ(a.warnings, full.warnings);
  EXPECT_EQ(a.provisional_values, full.provisional_values);
}

}  // namespace sroi

namespace sroi {

TEST(Assessment, LinesStartingAfterTheAsOfDayAreCounted) {
  // Counted up to 2027-06-30: a line starting that day counts (it is not later), lines
  // starting 2027-07-01 and 2028-01-01 start later (2), and without an as-of day none do.
  Realisation r;
  r.region.id = "oost-nederland";
  r.contract = test::contract(1'250'000, test::d(2027, 1, 1), test::d(2028, 12, 31));
  r.lines = {test::worked("K-1", "nug", test::d(2027, 6, 30), test::d(2027, 12, 31), Ratio(36)),
             test::worked("K-2", "nug", test::d(2027, 7, 1), test::d(2027, 12, 31), Ratio(36)),
             test::worked("K-3", "nug", test::d(2028, 1, 1), test::d(2028, 6, 30), Ratio(36))};
  const Region& on = test::region("oost-nederland");
  EXPECT_EQ(assess_realisation(on, r, KeepLines::No, test::d(2027, 6, 30)).lines_later, 2u);
  EXPECT_EQ(assess_realisation(on, r, KeepLines::Yes, test::d(2027, 6, 30)).lines_later, 2u);
  EXPECT_EQ(assess_realisation(on, r, KeepLines::No).lines_later, 0u);
}

}  // namespace sroi

namespace sroi {

TEST(Assessment, ALineRunningPastTheContractEndIsCutWithAWarning) {
  // Contract 2027-01-01..2028-12-31: a nug line 2028-07-01..2029-03-31 counts only its six
  // months inside the contract, the same value as a line 2028-07-01..2028-12-31, and says
  // that the rest does not count; the line that ends inside the contract has no warning.
  Realisation r;
  r.region.id = "oost-nederland";
  r.contract = test::contract(1'250'000, test::d(2027, 1, 1), test::d(2028, 12, 31));
  r.lines = {test::worked("K-1", "nug", test::d(2028, 7, 1), test::d(2029, 3, 31), Ratio(36)),
             test::worked("K-2", "nug", test::d(2028, 7, 1), test::d(2028, 12, 31), Ratio(36))};
  Assessment a = assess_realisation(test::region("oost-nederland"), r, KeepLines::Yes);
  ASSERT_EQ(a.lines.size(), 2u);
  EXPECT_EQ(a.lines[0].value, a.lines[1].value);  // the same six months count
  ASSERT_EQ(a.warnings.size(), 1u) << ::testing::PrintToString(a.warnings.size());
  EXPECT_NE(test::en(a.warnings[0])
                .find("the line runs on to 2029-03-31, past the contract's "
                      "end on 2028-12-31"),
            std::string::npos)
      << test::en(a.warnings[0]);
}

}  // namespace sroi
