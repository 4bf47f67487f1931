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
                              std::nullopt);
  EXPECT_TRUE(o.applies);
  EXPECT_EQ(o.amount.cents(), 6'250'000);
  EXPECT_EQ(o.reason, "5 % of contract value € 1.250.000,00");
}

TEST(Obligation, BelowThresholdIsZeroWithReason) {
  // € 199,999.99 < € 200,000 → no obligation
  Contract c = contract(0, d(2027, 1, 1), d(2027, 12, 31));
  c.value = Money::cents(19'999'999);
  auto o = compute_obligation(rule_region(), c, std::nullopt);
  EXPECT_FALSE(o.applies);
  EXPECT_EQ(o.amount.cents(), 0);
  EXPECT_EQ(o.reason, "contract value € 199.999,99 is below the threshold € 200.000,00");
}

TEST(Obligation, ExactlyAtThresholdApplies) {
  // "reaches the threshold": € 200,000 × 5 % = € 10,000
  auto o = compute_obligation(rule_region(), contract(200'000, d(2027, 1, 1), d(2027, 12, 31)),
                              std::nullopt);
  EXPECT_TRUE(o.applies);
  EXPECT_EQ(o.amount.cents(), 1'000'000);
}

TEST(Obligation, ContractOverridesPercentageAndThreshold) {
  // Twente: threshold € 100,000 for supplies; 2 % × € 150,000 = € 3,000
  Contract c = contract(150'000, d(2027, 1, 1), d(2027, 12, 31));
  c.percentage = Ratio(2);
  c.threshold = Money::euros(100'000);
  auto o = compute_obligation(rule_region(), c, std::nullopt);
  EXPECT_EQ(o.amount.cents(), 300'000);
  EXPECT_TRUE(o.percentage_from_contract);
}

TEST(Obligation, CapLimitsTheObligation) {
  // Súdwest-Fryslân style: 2 % × € 20,000,000 = € 400,000, capped at € 300,000
  Region r = rule_region();
  r.obligation.percentage = Ratio(2);
  r.obligation.cap = Money::euros(300'000);
  auto o =
      compute_obligation(r, contract(20'000'000, d(2027, 1, 1), d(2027, 12, 31)), std::nullopt);
  EXPECT_EQ(o.gross.cents(), 40'000'000);
  EXPECT_EQ(o.amount.cents(), 30'000'000);
  ASSERT_TRUE(o.cap_applied);
}

TEST(Obligation, MinimumDurationNotReached) {
  // Rijksoverheid style: at least 6 months; 2027-01-01..2027-05-31 is 5 months
  Region r = rule_region();
  r.obligation.min_duration_months = 6;
  auto o = compute_obligation(r, contract(500'000, d(2027, 1, 1), d(2027, 5, 31)), std::nullopt);
  EXPECT_FALSE(o.applies);
  EXPECT_EQ(o.reason, "contract runs 5 months, shorter than the minimum of 6 months");
}

TEST(Obligation, NoPercentageAnywhereIsAnError) {
  Region r = rule_region();
  r.obligation.percentage.reset();
  try {
    compute_obligation(r, contract(500'000, d(2027, 1, 1), d(2027, 12, 31)), std::nullopt);
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("publishes no default percentage"), std::string::npos);
  }
}

TEST(Obligation, PsoDiscountByLevel) {
  // Discount rule: trede-2 = 20 % off; € 62,500 − € 12,500 = € 50,000
  Region r = rule_region();
  r.pso.kind = PsoRuleKind::Discount;
  r.pso.percent[PsoLevel::Trede2] = Ratio(20);
  PsoCertificate cert{PsoLevel::Trede2, d(2029, 6, 30), {}};
  auto o = compute_obligation(r, contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31)), cert);
  EXPECT_EQ(o.pso_discount.cents(), 1'250'000);
  EXPECT_EQ(o.amount.cents(), 5'000'000);
}

TEST(Obligation, PsoFulfilmentCountsAShare) {
  // Fulfilment rule: trede-2 = 100 % of the obligation counts as realised
  Region r = rule_region();
  r.pso.kind = PsoRuleKind::Fulfilment;
  r.pso.percent[PsoLevel::Trede2] = Ratio(100);
  PsoCertificate cert{PsoLevel::Trede2, d(2029, 6, 30), {}};
  auto o = compute_obligation(r, contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31)), cert);
  EXPECT_EQ(o.amount.cents(), 6'250'000);
  EXPECT_EQ(o.pso_fulfilment.cents(), 6'250'000);
}

TEST(Obligation, ExpiringPsoCertificateIsRefused) {
  Region r = rule_region();
  r.pso.kind = PsoRuleKind::Discount;
  r.pso.percent[PsoLevel::Trede3] = Ratio(30);
  PsoCertificate cert{PsoLevel::Trede3, d(2028, 6, 30), {}};
  auto o = compute_obligation(r, contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31)), cert);
  EXPECT_FALSE(o.pso_counted);
  EXPECT_EQ(o.amount.cents(), 6'250'000);
  ASSERT_EQ(o.warnings.size(), 1u);
  EXPECT_EQ(o.warnings[0],
            "PSO certificate trede-3 expires on 2028-06-30, before the contract ends on "
            "2028-12-31; it is not counted");
}

TEST(Obligation, ExpiringPsoCountsWhenTheRegionAllowsIt) {
  Region r = rule_region();
  r.pso.kind = PsoRuleKind::Discount;
  r.pso.percent[PsoLevel::Trede3] = Ratio(30);
  r.pso.allow_expiring = true;
  PsoCertificate cert{PsoLevel::Trede3, d(2028, 6, 30), {}};
  // 30 % of € 62,500 = € 18,750 off
  auto o = compute_obligation(r, contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31)), cert);
  EXPECT_EQ(o.amount.cents(), 4'375'000);
}

TEST(Obligation, OostNederlandPsoDiscountIsProvisional) {
  // The shipped V05 discount per level is a provisional stand-in: using it must say so.
  const Region& on = test::region("oost-nederland");
  PsoCertificate cert{PsoLevel::Trede2, d(2030, 1, 1), {}};
  auto o = compute_obligation(on, contract(1'250'000, d(2027, 1, 1), d(2028, 12, 31)), cert);
  EXPECT_TRUE(o.pso_counted);
  EXPECT_TRUE(o.provisional);
}

}  // namespace sroi
