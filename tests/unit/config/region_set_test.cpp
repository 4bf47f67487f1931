// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/region_set.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sroi {

TEST(RegionSet, PicksTheNewestVersionValidOnTheStartDate) {
  RegionChoice c{"utrecht", std::nullopt, {}};
  EXPECT_EQ(test::shipped().select(c, test::d(2027, 1, 1)).version, "current");
}

TEST(RegionSet, NamedVersionWins) {
  RegionChoice c{"utrecht", std::string("2019"), {}};
  EXPECT_EQ(test::shipped().select(c, test::d(2027, 1, 1)).version, "2019");
}

TEST(RegionSet, VersionsAreOrderedOldestFirst) {
  auto vs = test::shipped().versions("utrecht");
  ASSERT_EQ(vs.size(), 2u);
  EXPECT_EQ(vs[0]->version, "2019");
  EXPECT_EQ(vs[1]->version, "current");
}

TEST(RegionSet, NoVersionValidOnTheDate) {
  RegionChoice c{"oost-nederland", std::nullopt, SourceLocation{"offer.toml", 1, 10}};
  auto e = test::thrown<DataError>([&] { test::shipped().select(c, test::d(2022, 1, 1)); });
  ASSERT_TRUE(e) << "expected DataError";
  EXPECT_EQ(test::said(*e),
            "offer.toml:1:10: error: no version of region 'oost-nederland' is valid on "
            "2022-01-01 (versions: V05 from 2023-04-01)");
}

TEST(RegionSet, UnknownRegionListsTheKnownOnes) {
  RegionChoice c{"gelderland", std::nullopt, SourceLocation{"--region"}};
  auto e = test::thrown<DataError>([&] { test::shipped().select(c, test::d(2027, 1, 1)); });
  ASSERT_TRUE(e) << "expected DataError";
  EXPECT_EQ(test::said(*e),
            "--region: error: unknown region 'gelderland' (known: den-haag, harlingen, "
            "hilversum, leiden, "
            "oost-nederland, rijnvicus, utrecht)");
}

TEST(RegionSet, DuplicateVersionsAreAnError) {
  std::vector<Diagnostic> problems;
  config::RegionSet::load(test::data("regions-dup"),
                          std::string(SROI_SOURCE_DIR) + "/buildingblocks", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where.str(), test::data("regions-dup/b.toml") + ":1:1");
  EXPECT_EQ(test::en(problems[0]),
            "duplicate region version 'dup' 1 (also in " + test::data("regions-dup/a.toml") + ")");
}

TEST(RegionSet, ParseRegionChoiceWithVersion) {
  auto c = config::parse_region_choice("utrecht@2019");
  EXPECT_EQ(c.id, "utrecht");
  EXPECT_EQ(c.version, "2019");
  EXPECT_FALSE(config::parse_region_choice("utrecht").version);
}

}  // namespace sroi
