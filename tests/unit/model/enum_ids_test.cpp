// SPDX-License-Identifier: EUPL-1.2
#include "sroi/model/enum_ids.hpp"

#include <gtest/gtest.h>

#include <set>

namespace sroi {
namespace {

/// Every value of E spells as a distinct id that reads back as the same value.
template <typename E>
void round_trips() {
  std::set<std::string> seen;
  for (const auto& [value, id] : EnumIds<E>::table) {
    EXPECT_TRUE(seen.insert(id).second) << "id used twice: " << id;
    EXPECT_EQ(from_id<E>(id_of(value)), value) << id;
  }
  EXPECT_EQ(all_ids<E>().size(), seen.size());
  EXPECT_FALSE(from_id<E>("no-such-id").has_value());
}

TEST(EnumIds, EachEnumSpelledInFilesRoundTrips) {
  round_trips<PenaltyKind>();
  round_trips<PsoRuleKind>();
  round_trips<TimeBasis>();
  round_trips<CountingScope>();
  // The spellings the region files and the register use.
  EXPECT_STREQ(id_of(PenaltyKind::ShortfallFactor), "shortfall-factor");
  EXPECT_EQ(from_id<CountingScope>("per-contract"), CountingScope::PerContract);
}

}  // namespace
}  // namespace sroi
