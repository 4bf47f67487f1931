// SPDX-License-Identifier: EUPL-1.2
#include "sroi/model/enum_ids.hpp"

#include <gtest/gtest.h>

#include "enum_round_trip.hpp"
#include "sroi/calc/line_value.hpp"
#include "sroi/calc/plausibility.hpp"
#include "sroi/tender/bids.hpp"

namespace sroi {
namespace {

using test::round_trips;

TEST(EnumIds, EachEnumSpelledInFilesRoundTrips) {
  round_trips<PenaltyKind>(
      {PenaltyKind::None, PenaltyKind::ShortfallFactor, PenaltyKind::ObligationFactor});
  round_trips<PsoRuleKind>({PsoRuleKind::None, PsoRuleKind::Discount, PsoRuleKind::Fulfilment});
  round_trips<TimeBasis>({TimeBasis::Months, TimeBasis::Days});
  round_trips<CountingScope>({CountingScope::PerPerson, CountingScope::PerContract});
  // The spellings the region files and the register use.
  EXPECT_STREQ(id_of(PenaltyKind::ShortfallFactor), "shortfall-factor");
  EXPECT_EQ(from_id<CountingScope>("per-contract"), CountingScope::PerContract);
}

TEST(EnumIds, EachEnumSpelledInOutputRoundTrips) {
  round_trips<Plausibility>({Plausibility::CountsShorter, Plausibility::AboveFulltime,
                             Plausibility::MorePersons, Plausibility::ProvisionalLine,
                             Plausibility::NoEmployment, Plausibility::PsoNotCovering});
  round_trips<Periods>(
      {Periods::Years, Periods::Months, Periods::Hours, Periods::Activities, Periods::Share});
  round_trips<tender::Rule>({tender::Rule::None, tender::Rule::Proportional, tender::Rule::Relative,
                             tender::Rule::PassFail});
  // --help lists the rules in table order.
  EXPECT_EQ(tender::rule_ids(),
            (std::vector<std::string>{"proportional", "relative", "pass-fail", "none"}));
  EXPECT_STREQ(plausibility_id(Plausibility::PsoNotCovering), "pso-not-covering");
}

}  // namespace
}  // namespace sroi
