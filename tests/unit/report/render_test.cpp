// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/render.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "sroi/config/input_loader.hpp"
#include "test_support.hpp"

namespace sroi {
namespace {

Assessment sample_offer() {
  static const Offer offer =
      config::load_offer(std::string(SROI_SOURCE_DIR) + "/samples/offer-oost-nederland.toml");
  const Region& r = test::shipped().select(offer.region, offer.contract.start);
  return assess_offer(r, offer);
}

}  // namespace

TEST(Render, DisplayWidthCountsCodePoints) {
  EXPECT_EQ(display_width("€ 1,00"), 6u);
  EXPECT_EQ(display_width("÷"), 1u);
}

TEST(Render, TextShowsDutchAmountsAndTheProvisionalNote) {
  std::ostringstream out;
  render_assessment(out, sample_offer(), Format::Text, Detail::Figures);
  std::string s = out.str();
  EXPECT_NE(s.find("€ 62.500,00 — 5 % of invoiced turnover € 1.250.000,00"), std::string::npos);
  EXPECT_NE(s.find("€ 8.333,33"), std::string::npos);
  EXPECT_NE(s.find("provisional: this result uses values that are not (yet) published"),
            std::string::npos);
  EXPECT_EQ(s.find("rate:"), std::string::npos);  // no trace without --explain
}

TEST(Render, ExplainAddsTheTrace) {
  std::ostringstream out;
  render_assessment(out, sample_offer(), Format::Text, Detail::Steps);
  EXPECT_NE(out.str().find("hours factor: 20 of 36 hours a week (full time) = 0.5555…"),
            std::string::npos);
  EXPECT_NE(out.str().find("cap: counting period of 12 months caps 18 months at 12 months"),
            std::string::npos);
}

TEST(Render, JsonCarriesCentsAndTheTrace) {
  std::ostringstream out;
  render_assessment(out, sample_offer(), Format::Json, Detail::Figures);
  std::string s = out.str();
  EXPECT_NE(s.find("\"obligation_cents\": 6250000"), std::string::npos);
  EXPECT_NE(s.find("\"value_cents\": 833333"), std::string::npos);
  EXPECT_NE(s.find("\"provisional\": true"), std::string::npos);
  EXPECT_NE(s.find("\"step\": \"hours factor\""), std::string::npos);
  EXPECT_NE(s.find("\"fulltime_hours\": 36"), std::string::npos);
}

TEST(Render, BlocksJsonHasNullCountingPeriodWhereThereIsNone) {
  std::ostringstream out;
  render_blocks(out, test::region("oost-nederland"), Format::Json);
  std::string s = out.str();
  EXPECT_NE(s.find("\"id\": \"doelgroepregister\""), std::string::npos);
  EXPECT_NE(s.find("\"counting_months\": null"), std::string::npos);
  EXPECT_NE(s.find("\"counting_months\": 24"), std::string::npos);
}

}  // namespace sroi
