// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/plausibility.hpp"

#include <gtest/gtest.h>

#include "sroi/calc/assessment.hpp"
#include "test_support.hpp"

namespace sroi {
namespace {

using test::d;

/// An Utrecht offer (published values throughout, 36 h full time) for a two-year contract of
/// € 1,000,000 at 5 %: obligation € 50,000.
Offer utrecht_offer(std::vector<OfferLine> lines) {
  Offer o;
  o.region.id = "utrecht";
  o.supplier = "Test BV";
  o.contract = test::contract(1'000'000, d(2027, 1, 1), d(2028, 12, 31));
  o.contract.percentage = Ratio(5);
  o.lines = std::move(lines);
  return o;
}

std::vector<std::string> ids(const Assessment& a) {
  std::vector<std::string> out;
  for (const auto& s : a.signals)
    out.push_back(std::string(plausibility_id(s.kind)) +
                  (s.line ? "@" + std::to_string(*s.line + 1) : ""));
  return out;
}

}  // namespace

TEST(Plausibility, PublishedOfferWithinLimitsHasNoSignal) {
  // 1 person × 36 h × 24 months of Participatiewet: € 80,000 ≥ € 50,000, nothing to note.
  Assessment a =
      assess_offer(test::region("utrecht"),
                   utrecht_offer({test::employment("participatiewet", 1, Ratio(36), Ratio(24))}));
  EXPECT_TRUE(a.signals.empty()) << test::en(a.signals.front().explanation);
}

TEST(Plausibility, OfferedLongerThanTheCountingPeriodIsSaidPlainly) {
  // Oost-Nederland ww-gt1 counts at most 12 months: 18 offered, 12 counted.
  Offer o = utrecht_offer({test::employment("ww-gt1", 1, Ratio(20), Ratio(18))});
  o.region.id = "oost-nederland";
  Assessment a = assess_offer(test::region("oost-nederland"), o);
  ASSERT_FALSE(a.signals.empty());
  EXPECT_EQ(plausibility_id(a.signals[0].kind), std::string("counts-shorter"));
  EXPECT_EQ(a.signals[0].line, 0u);
  EXPECT_EQ(test::en(a.signals[0].explanation),
            "offered 18 months, counts 12 months: the block counts at most 12 months");
}

TEST(Plausibility, OfferedLongerThanTheContract) {
  // The contract runs 24 months; 30 months offered count 24 (Utrecht has no counting period).
  Assessment a =
      assess_offer(test::region("utrecht"),
                   utrecht_offer({test::employment("participatiewet", 1, Ratio(36), Ratio(30))}));
  ASSERT_EQ(ids(a), std::vector<std::string>{"counts-shorter@1"});
  EXPECT_EQ(test::en(a.signals[0].explanation),
            "offered 30 months, counts 24 months: the contract runs 24 months");
}

TEST(Plausibility, HoursAboveFullTimeAndMorePersonsThanEmployees) {
  // 40 h/week in a 36-hour week; 3 + 2 = 5 persons employed by a supplier that states 4.
  Offer o = utrecht_offer({test::employment("participatiewet", 3, Ratio(40), Ratio(12)),
                           test::employment("ww", 2, Ratio(36), Ratio(12))});
  o.employees = 4;
  Assessment a = assess_offer(test::region("utrecht"), o);
  EXPECT_EQ(ids(a), (std::vector<std::string>{"above-fulltime@1", "more-persons"}));
  EXPECT_EQ(test::en(a.signals[0].explanation),
            "40 hours per week is more than full time (36 hours per week): counts as full time");
  EXPECT_EQ(test::en(a.signals[1].explanation),
            "the offer employs 5 persons, more than the 4 employees the supplier states "
            "(employees)");
  o.employees = 5;  // exactly the workforce: plausible
  EXPECT_EQ(ids(assess_offer(test::region("utrecht"), o)),
            std::vector<std::string>{"above-fulltime@1"});
}

TEST(Plausibility, ProvisionalLineNamesTheValue) {
  // Oost-Nederland's 36-hour week is a stand-in: every full-time line rests on it.
  Offer o = utrecht_offer({test::employment("participatiewet-gt2", 1, Ratio(36), Ratio(24))});
  o.region.id = "oost-nederland";
  Assessment a = assess_offer(test::region("oost-nederland"), o);
  ASSERT_EQ(ids(a), std::vector<std::string>{"provisional-line@1"});
  EXPECT_NE(test::en(a.signals[0].explanation).find("full-time hours 36"), std::string::npos);
}

TEST(Plausibility, ObligationMetOnlyWithoutEmployment) {
  // € 60,000 of social purchasing (100 % of the invoice) meets € 50,000 with nobody employed.
  Assessment a =
      assess_offer(test::region("utrecht"),
                   utrecht_offer({test::amount_line("social-purchasing", Money::euros(60'000))}));
  EXPECT_EQ(ids(a), std::vector<std::string>{"no-employment"});
  // Below the obligation the offer fails anyway: not "met only through", no signal.
  Assessment b =
      assess_offer(test::region("utrecht"),
                   utrecht_offer({test::amount_line("social-purchasing", Money::euros(40'000))}));
  EXPECT_TRUE(b.signals.empty());
}

TEST(Plausibility, PsoCertificateThatDoesNotCoverTheContract) {
  // The certificate ends 2027-12-31, the contract 2028-12-31: 366 days uncovered (2028 is a
  // leap year), so the certificate lowers nothing and the full obligation stands.
  const Region& r = test::region("oost-nederland");
  ASSERT_NE(r.pso.kind, PsoRuleKind::None);
  Offer o = utrecht_offer({test::employment("participatiewet-gt2", 1, Ratio(36), Ratio(24))});
  o.region.id = "oost-nederland";
  PsoCertificate c;
  c.level = PsoLevel::Trede1;
  c.valid_until = d(2027, 12, 31);
  o.pso.push_back(c);
  Assessment a = assess_offer(r, o);
  ASSERT_FALSE(a.signals.empty());
  EXPECT_EQ(plausibility_id(a.signals.back().kind), std::string("pso-not-covering"));
  EXPECT_EQ(test::en(a.signals.back().explanation),
            "the PSO certificate does not cover the contract (366 days without a certificate): "
            "it does not lower the obligation, so the offer must deliver € 50.000,00 itself");
}

}  // namespace sroi

namespace sroi {

TEST(Plausibility, ProvisionalLinesAreNoticesNotRedFlags) {
  // Two lines resting on a provisional value and one offered longer than it counts: one red
  // flag; the notices are said by the bid's provisional mark instead.
  std::vector<Signal> s(3);
  s[0].kind = Plausibility::ProvisionalLine;
  s[1].kind = Plausibility::CountsShorter;
  s[2].kind = Plausibility::ProvisionalLine;
  EXPECT_EQ(red_flags(s), 1u);
  EXPECT_EQ(red_flags({}), 0u);
}

}  // namespace sroi
