// SPDX-License-Identifier: EUPL-1.2
// The check every EnumIds table passes: each value has an id, ids are distinct, and each id
// reads back as its value.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <set>
#include <string>

#include "sroi/model/enum_ids.hpp"

namespace sroi::test {

/// `every` lists all values of E: each must have its own id that reads back as the value.
template <typename E>
void round_trips(std::initializer_list<E> every) {
  std::set<std::string> seen;
  for (const auto& [value, id] : EnumIds<E>::table) {
    EXPECT_TRUE(seen.insert(id).second) << "id used twice: " << id;
    EXPECT_EQ(from_id<E>(id_of(value)), value) << id;
  }
  for (E value : every) EXPECT_STRNE(id_of(value), "?") << static_cast<int>(value);
  EXPECT_EQ(seen.size(), every.size());
  EXPECT_EQ(all_ids<E>().size(), seen.size());
  EXPECT_FALSE(from_id<E>("no-such-id").has_value());
}

}  // namespace sroi::test
