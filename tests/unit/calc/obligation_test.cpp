// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/obligation.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sroi {
namespace {

using test::contract;
using test::d;

Region rule_region() {
  Region r;
  r.id = "test";
  r.version = "1";
  r.fulltime_hours = {Ratio(36), {}};
  r.obligation.percentage = Ratio(5);
  r.obligation.threshold = Money::euros(200'000);
  return r;
}

}  // namespace

TEST(Obligation, PercentageOfBaseAboveThreshold) {
  // Rule: obligation = percentage × base when the base reaches the threshold.
  // 5 % × € 1,250,000 = € 62,500
  auto o = compute_obligation(rule_region(), contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31)),
                              PsoCertificates{});
  EXPECT_TRUE(o.applies);
  EXPECT_EQ(o.amount.cents(), 6'250'000);
  EXPECT_EQ(test::en(o.reason), "5 % of contract value € 1.250.000,00");
}

TEST(Obligation, BelowThresholdIsZeroWithReason) {
  // € 199,999.99 < € 200,000 → no obligation
  Contract c = contract(0, d(2027, 1, 1), d(2027, 12, 31));
  c.value = Money::cents(19'999'999);
  auto o = compute_obligation(rule_region(), c, PsoCertificates{});
  EXPECT_FALSE(o.applies);
  EXPECT_EQ(o.amount.cents(), 0);
  EXPECT_EQ(test::en(o.reason),
            "contract value € 199.999,99 is below the threshold € 200.000,00, and an obligation "
            "applies only from it");
}

TEST(Obligation, ExactlyAtAnInclusiveThresholdApplies) {
  // "vanaf" (from, inclusive; Den Haag): € 200,000 × 5 % = € 10,000
  auto o = compute_obligation(rule_region(), contract(200'000, d(2027, 1, 1), d(2027, 12, 31)),
                              PsoCertificates{});
  EXPECT_TRUE(o.applies);
  EXPECT_EQ(o.amount.cents(), 1'000'000);
}

TEST(Obligation, ContractOverridesPercentageAndThreshold) {
  // Twente: threshold € 100,000 for supplies; 2 % × € 150,000 = € 3,000
  Contract c = contract(150'000, d(2027, 1, 1), d(2027, 12, 31));
  c.percentage = Ratio(2);
  c.threshold = Money::euros(100'000);
  auto o = compute_obligation(rule_region(), c, PsoCertificates{});
  EXPECT_EQ(o.amount.cents(), 300'000);
  EXPECT_TRUE(o.percentage_from_contract);
}

TEST(Obligation, CapLimitsTheObligation) {
  // Súdwest-Fryslân style: 2 % × € 20,000,000 = € 400,000, capped at € 300,000
  Region r = rule_region();
  r.obligation.percentage = Ratio(2);
  r.obligation.cap = Money::euros(300'000);
  auto o = compute_obligation(r, contract(20'000'000, d(2027, 1, 1), d(2027, 12, 31)),
                              PsoCertificates{});
  EXPECT_EQ(o.gross.cents(), 40'000'000);
  EXPECT_EQ(o.amount.cents(), 30'000'000);
  ASSERT_TRUE(o.cap_applied);
}

TEST(Obligation, WithoutATraceTheAmountsAreTheSame) {
  // A register's status asks for the amounts only: the same rules, no steps and no reason.
  // Cap: 2 % × € 20,000,000 = € 400,000, capped at € 300,000; then a PSO discount of 20 %
  // (trede-2): € 300,000 − € 60,000 = € 240,000.
  Region r = rule_region();
  r.obligation.percentage = Ratio(2);
  r.obligation.cap = Money::euros(300'000);
  r.pso.kind = PsoRuleKind::Discount;
  r.pso.percent[PsoLevel::Trede2] = Ratio(20);
  Contract c = contract(20'000'000, d(2027, 1, 1), d(2027, 12, 31));
  PsoCertificates pso{{PsoLevel::Trede2, d(2026, 6, 1), d(2028, 6, 1), {}}};
  auto traced = compute_obligation(r, c, pso);
  auto bare = compute_obligation(r, c, pso, false);
  EXPECT_EQ(traced.amount.cents(), 24'000'000);
  EXPECT_EQ(bare.amount.cents(), traced.amount.cents());
  EXPECT_EQ(bare.gross, traced.gross);
  EXPECT_EQ(bare.cap_applied, traced.cap_applied);
  EXPECT_EQ(bare.pso_discount.cents(), 6'000'000);
  EXPECT_EQ(bare.applies, traced.applies);
  EXPECT_EQ(bare.provisional, traced.provisional);
  EXPECT_FALSE(traced.trace.empty());
  EXPECT_TRUE(bare.trace.empty());
  // Below the threshold the reason is the answer: it is given either way.
  auto small = compute_obligation(r, contract(100'000, d(2027, 1, 1), d(2027, 12, 31)), {}, false);
  EXPECT_FALSE(small.applies);
  EXPECT_NE(test::en(small.reason), "");
}

TEST(Obligation, MinimumDurationNotReached) {
  // Rijksoverheid style: at least 6 months; 2027-01-01..2027-05-31 is 5 months
  Region r = rule_region();
  r.obligation.min_duration_months = 6;
  auto o =
      compute_obligation(r, contract(500'000, d(2027, 1, 1), d(2027, 5, 31)), PsoCertificates{});
  EXPECT_FALSE(o.applies);
  EXPECT_EQ(test::en(o.reason), "contract runs 5 months, shorter than the minimum of 6 months");
}

TEST(Obligation, NoPercentageAnywhereIsAnError) {
  Region r = rule_region();
  r.obligation.percentage.reset();
  auto e = test::thrown<DataError>([&] {
    compute_obligation(r, contract(500'000, d(2027, 1, 1), d(2027, 12, 31)), PsoCertificates{});
  });
  ASSERT_TRUE(e) << "expected DataError";
  EXPECT_NE(test::said(*e).find("publishes no default percentage"), std::string::npos);
}

TEST(Obligation, ExactlyAtAnExclusiveThresholdHasNone) {
  // "boven" (above, exclusive; Oost-Nederland, REFERENCE.md §3.3): a € 200,000 contract has no
  // obligation, € 200,000.01 has 5 % × € 200,000.01 = € 10,000.0005 → € 10,000.00
  Region r = rule_region();
  r.obligation.threshold_inclusive = false;
  auto at =
      compute_obligation(r, contract(200'000, d(2027, 1, 1), d(2027, 12, 31)), PsoCertificates{});
  EXPECT_FALSE(at.applies);
  EXPECT_EQ(at.amount.cents(), 0);
  EXPECT_EQ(test::en(at.reason),
            "contract value € 200.000,00 equals the threshold € 200.000,00, and an obligation "
            "applies only above it");
  Contract c = contract(0, d(2027, 1, 1), d(2027, 12, 31));
  c.value = Money::cents(20'000'001);
  auto above = compute_obligation(r, c, PsoCertificates{});
  EXPECT_TRUE(above.applies);
  EXPECT_EQ(above.amount.cents(), 1'000'000);
}

TEST(Obligation, ShippedOostNederlandThresholdIsAbove) {
  const Region& on = test::region("oost-nederland");
  EXPECT_FALSE(
      compute_obligation(on, contract(200'000, d(2027, 1, 1), d(2027, 12, 31)), PsoCertificates{})
          .applies);
  const Region& dh = test::region("den-haag");
  // Den Haag: "vanaf € 215.000" → 5 % × € 215,000 = € 10,750
  auto o =
      compute_obligation(dh, contract(215'000, d(2027, 1, 1), d(2027, 12, 31)), PsoCertificates{});
  EXPECT_TRUE(o.applies);
  EXPECT_EQ(o.amount.cents(), 1'075'000);
}

TEST(Obligation, DefaultPercentageOfACommonNormIsProvisional) {
  // Oost-Nederland's 5 % is a common norm, not a V05 rule: a result that uses it says so; one
  // whose contract sets its own percentage does not rest on it.
  const Region& on = test::region("oost-nederland");
  auto dflt = compute_obligation(on, contract(1'000'000, d(2027, 1, 1), d(2027, 12, 31)),
                                 PsoCertificates{});
  EXPECT_TRUE(dflt.provisional);
  ASSERT_EQ(dflt.provisional_values.size(), 1u);
  EXPECT_NE(test::en(dflt.provisional_values[0]).find("default obligation percentage 5 %"),
            std::string::npos);
  Contract c = contract(1'000'000, d(2027, 1, 1), d(2027, 12, 31));
  c.percentage = Ratio(5);
  EXPECT_FALSE(compute_obligation(on, c, PsoCertificates{}).provisional);
}

TEST(Obligation, ProvisionalObligationTableMakesTheResultProvisional) {
  // Harlingen's obligation table (base contract value) is provisional: even with the
  // percentage set by the contract the base rests on it.
  const Region& h = test::region("harlingen");
  Contract c = contract(1'000'000, d(2027, 1, 1), d(2027, 12, 31));
  c.percentage = Ratio(5);
  auto o = compute_obligation(h, c, PsoCertificates{});
  EXPECT_TRUE(o.applies);
  EXPECT_TRUE(o.provisional);
  EXPECT_NE(test::en(o.provisional_values.at(0)).find("obligation rules of harlingen"),
            std::string::npos);
}

TEST(Obligation, PsoDiscountByLevel) {
  // Discount rule: trede-2 = 20 % off; € 62,500 − € 12,500 = € 50,000
  Region r = rule_region();
  r.pso.kind = PsoRuleKind::Discount;
  r.pso.percent[PsoLevel::Trede2] = Ratio(20);
  // 2027-01-01 + 2 years: the certificate covers the whole contract.
  PsoCertificate cert{PsoLevel::Trede2, d(2027, 1, 1), d(2028, 12, 31), {}};
  auto o = compute_obligation(r, contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31)), {cert});
  EXPECT_EQ(o.pso_discount.cents(), 1'250'000);
  EXPECT_EQ(o.amount.cents(), 5'000'000);
}

TEST(Obligation, PsoFulfilmentCountsAShare) {
  // Fulfilment rule: trede-2 = 100 % of the obligation counts as realised
  Region r = rule_region();
  r.pso.kind = PsoRuleKind::Fulfilment;
  r.pso.percent[PsoLevel::Trede2] = Ratio(100);
  PsoCertificate cert{PsoLevel::Trede2, d(2026, 12, 1), d(2028, 12, 1), {}};
  auto o = compute_obligation(r, contract(1'250'000, d(2027, 1, 1), d(2028, 11, 30)), {cert});
  EXPECT_EQ(o.amount.cents(), 6'250'000);
  EXPECT_EQ(o.pso_fulfilment.cents(), 6'250'000);
}

TEST(Obligation, ExpiringPsoCertificateIsNotCountedAndTheGapIsNamed) {
  Region r = rule_region();
  r.pso.kind = PsoRuleKind::Discount;
  r.pso.percent[PsoLevel::Trede3] = Ratio(30);
  PsoCertificate cert{PsoLevel::Trede3, d(2026, 7, 1), d(2028, 6, 30), {}};
  auto o = compute_obligation(r, contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31)), {cert});
  EXPECT_FALSE(o.pso_counted);
  EXPECT_EQ(o.amount.cents(), 6'250'000);
  // 2028-07-01 .. 2028-12-31 = 31+31+30+31+30+31 = 184 days
  ASSERT_EQ(o.pso_uncovered.size(), 1u);
  EXPECT_EQ(o.pso_uncovered[0].first, d(2028, 7, 1));
  ASSERT_EQ(o.warnings.size(), 1u);
  EXPECT_EQ(test::en(o.warnings[0]),
            "PSO certificate trede-3 leaves 184 days of the contract uncovered (2028-07-01 to "
            "2028-12-31); a certificate must cover the contract from start to end without a "
            "gap, so PSO is not counted");
}

TEST(Obligation, RenewedPsoCertificateThatFollowsOnCoversALongContract) {
  // A 4-year contract needs two certificates (each at most 2 years) that follow on without a
  // gap. Trede-2 then trede-1: the lower share, 10 %, counts: 10 % × € 62,500 = € 6,250 off.
  Region r = rule_region();
  r.pso.kind = PsoRuleKind::Discount;
  r.pso.percent[PsoLevel::Trede1] = Ratio(10);
  r.pso.percent[PsoLevel::Trede2] = Ratio(20);
  PsoCertificates chain = {{PsoLevel::Trede2, d(2026, 10, 1), d(2028, 9, 30), {}},
                           {PsoLevel::Trede1, d(2028, 10, 1), d(2030, 9, 30), {}}};
  auto o = compute_obligation(r, contract(1'250'000, d(2027, 1, 1), d(2030, 12, 31)), chain);
  // The chain ends 2030-09-30: 2030-10-01 .. 2030-12-31 (92 days) uncovered, nothing counts.
  EXPECT_FALSE(o.pso_counted);
  ASSERT_EQ(o.pso_uncovered.size(), 1u);
  EXPECT_EQ(o.pso_uncovered[0].first, d(2030, 10, 1));
  EXPECT_EQ(o.pso_uncovered[0].second, d(2030, 12, 31));
  auto ok = compute_obligation(r, contract(1'250'000, d(2027, 1, 1), d(2030, 9, 30)), chain);
  EXPECT_TRUE(ok.pso_counted);
  EXPECT_EQ(ok.pso_discount.cents(), 625'000);
  EXPECT_EQ(ok.amount.cents(), 5'625'000);
}

TEST(Obligation, GapBetweenCertificatesIsNamed) {
  Region r = rule_region();
  r.pso.kind = PsoRuleKind::Discount;
  r.pso.percent[PsoLevel::Trede2] = Ratio(20);
  PsoCertificates chain = {{PsoLevel::Trede2, d(2027, 1, 1), d(2028, 12, 31), {}},
                           {PsoLevel::Trede2, d(2029, 2, 1), d(2031, 1, 31), {}}};
  auto o = compute_obligation(r, contract(1'250'000, d(2027, 1, 1), d(2030, 12, 31)), chain);
  EXPECT_FALSE(o.pso_counted);
  ASSERT_EQ(o.pso_uncovered.size(), 1u);
  EXPECT_EQ(o.pso_uncovered[0].first, d(2029, 1, 1));
  EXPECT_EQ(o.pso_uncovered[0].second, d(2029, 1, 31));
}

TEST(Obligation, ExpiringPsoCountsWhenTheRegionAllowsIt) {
  Region r = rule_region();
  r.pso.kind = PsoRuleKind::Discount;
  r.pso.percent[PsoLevel::Trede3] = Ratio(30);
  r.pso.allow_expiring = true;
  PsoCertificate cert{PsoLevel::Trede3, d(2026, 7, 1), d(2028, 6, 30), {}};
  // 30 % of € 62,500 = € 18,750 off
  auto o = compute_obligation(r, contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31)), {cert});
  EXPECT_EQ(o.amount.cents(), 4'375'000);
}

TEST(Obligation, OostNederlandPsoDiscountIsProvisional) {
  // The shipped V05 discount per level is a provisional stand-in: using it must say so.
  const Region& on = test::region("oost-nederland");
  PsoCertificate cert{PsoLevel::Trede2, d(2027, 1, 1), d(2028, 12, 31), {}};
  Contract c = contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31));
  c.percentage = Ratio(5);
  auto o = compute_obligation(on, c, {cert});
  EXPECT_TRUE(o.pso_counted);
  EXPECT_TRUE(o.provisional);
}

}  // namespace sroi
