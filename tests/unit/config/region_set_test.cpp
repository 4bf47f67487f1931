// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/region_set.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "scratch.hpp"
#include "sroi/msg/config.hpp"
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

namespace {
// A regions folder holding Oost-Nederland's V05 under the given versions: each pair is the
// version and what replaces its "valid_from = ..." line (a date, a supersedes line, or nothing).
std::vector<Diagnostic> load_versions(const std::string& name,
                                      const std::vector<std::pair<std::string, std::string>>& vs,
                                      config::RegionSet* out = nullptr) {
  test::Scratch dir("region-set-" + name);
  std::ifstream in(std::string(SROI_SOURCE_DIR) + "/regions/oost-nederland.toml");
  std::string model((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& [version, dating] : vs) {
    std::string text = model;
    std::string from = "version = \"V05\"\nvalid_from = 2023-04-01";
    text.replace(text.find(from), from.size(), "version = \"" + version + "\"\n" + dating);
    dir.write(version + ".toml", text);
  }
  std::vector<Diagnostic> problems;
  auto set = config::RegionSet::load(dir.dir(), std::string(SROI_SOURCE_DIR) + "/buildingblocks",
                                     problems);
  if (out) *out = std::move(set);
  return problems;
}
}  // namespace

TEST(RegionSet, TwoVersionsMustSayWhichIsNewer) {
  // Same valid_from and no supersedes: "the newest" would be whichever file came last.
  auto p = load_versions("same-day",
                         {{"V05", "valid_from = 2023-04-01"}, {"V06", "valid_from = 2023-04-01"}});
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(test::en(p[0]),
            "versions V05 and V06 of region oost-nederland are both valid from 2023-04-01 and "
            "neither supersedes the other, so which is newer is not settled: in the newer one, "
            "name the older with supersedes (for example supersedes = \"V05\") or give the newer "
            "one a later valid_from");
  // Neither dated: the same, said so.
  p = load_versions("no-dates", {{"V05", ""}, {"V06", ""}});
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NE(test::en(p[0]).find("have no valid_from"), std::string::npos);
  // A supersedes chain settles it, also between versions two steps apart (V07 → V06 → V05).
  config::RegionSet set;
  p = load_versions("chain",
                    {{"V05", ""}, {"V06", "supersedes = \"V05\""}, {"V07", "supersedes = \"V06\""}},
                    &set);
  EXPECT_TRUE(p.empty()) << test::en(p.at(0));
  auto vs = set.versions("oost-nederland");
  ASSERT_EQ(vs.size(), 3u);
  EXPECT_EQ(vs.back()->version, "V07");
  // A later valid_from settles it too.
  EXPECT_TRUE(load_versions(
                  "dated", {{"V05", "valid_from = 2023-04-01"}, {"V06", "valid_from = 2025-01-01"}})
                  .empty());
}

TEST(RegionSet, ParseRegionChoiceWithVersion) {
  auto c = config::parse_region_choice("utrecht@2019");
  EXPECT_EQ(c.id, "utrecht");
  EXPECT_EQ(c.version, "2019");
  EXPECT_FALSE(config::parse_region_choice("utrecht").version);
}

TEST(RegionSet, AModelHandedInAsTextIsCheckedWithTheFiles) {
  // A coordinator's upload, checked beside the active models without being written anywhere:
  // a copy of utrecht's current model under a new name clashes with the file it copies, and
  // the clash is located at the name the coordinator gave it.
  std::string dir = std::string(SROI_SOURCE_DIR);
  std::ifstream in(dir + "/regions/utrecht.toml", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(text.empty());
  std::vector<Diagnostic> problems;
  auto set = config::RegionSet::load(dir + "/regions", dir + "/buildingblocks", problems,
                                     {{"utrecht-kopie.toml", text}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where.file, "utrecht-kopie.toml");
  EXPECT_EQ(problems[0].message.id, Msg::DuplicateRegionVersion);
  EXPECT_EQ(set.files(), test::shipped().files() + 1);
  // The same text with a version of its own loads, and is a version of utrecht like the others.
  std::string renamed = text;
  const std::string was = "version = \"current\"\nsupersedes = \"2019\"";
  auto at = renamed.find(was);
  ASSERT_NE(at, std::string::npos);
  renamed.replace(at, was.size(), "version = \"2031\"\nsupersedes = \"current\"");
  problems.clear();
  set = config::RegionSet::load(dir + "/regions", dir + "/buildingblocks", problems,
                                {{"utrecht-2031.toml", renamed}});
  EXPECT_TRUE(problems.empty()) << test::en_at(problems.at(0));
  EXPECT_EQ(set.versions("utrecht").size(), 3u);
}

TEST(RegionSet, TheIdAModelDeclaresIsReadWithoutParsingItOnlyWhenItIsPlain) {
  // A top-level line `id = "…"` before the first table, with comments and blanks around it.
  EXPECT_EQ(config::declared_region_id("# SPDX\n\nid = \"utrecht\"  # the region\nname = \"U\"\n"),
            "utrecht");
  EXPECT_EQ(
      config::declared_region_id("name = \"U\"\n  id=\"den-haag\"\r\n[[block]]\nid = \"x\"\n"),
      "den-haag");
  // Not plain enough: the parser decides (nothing).
  EXPECT_EQ(config::declared_region_id("[source]\nid = \"utrecht\"\n"), std::nullopt)
      << "after a table: the table's id";
  EXPECT_EQ(config::declared_region_id("note = \"\"\"\nid = \"utrecht\"\n\"\"\"\nid = \"x\"\n"),
            std::nullopt)
      << "a multi-line string";
  EXPECT_EQ(config::declared_region_id("note = '''\nid = \"utrecht\"\n'''\n"), std::nullopt);
  EXPECT_EQ(config::declared_region_id("id = \"ut\\u0072echt\"\n"), std::nullopt) << "an escape";
  EXPECT_EQ(config::declared_region_id("id = 'utrecht'\n"), std::nullopt) << "a literal string";
  EXPECT_EQ(config::declared_region_id("id = \"utrecht\" x\n"), std::nullopt);
  EXPECT_EQ(config::declared_region_id("idx = \"a\"\nid.part = \"b\"\n"), std::nullopt);
  EXPECT_EQ(config::declared_region_id(""), std::nullopt);
}

TEST(RegionSet, OnlyTheAskedRegionsAreParsedAndThePrintIsTheWholeFolders) {
  const std::string blocks = std::string(SROI_SOURCE_DIR) + "/buildingblocks";
  const std::string shipped = std::string(SROI_SOURCE_DIR) + "/regions";
  config::RegionSet some =
      config::RegionSet::load_only(config::RegionFolder::read(shipped, blocks), {"utrecht"});
  EXPECT_TRUE(some.partial());
  EXPECT_EQ(some.ids(), std::vector<std::string>{"utrecht"});
  ASSERT_EQ(some.versions("utrecht").size(), 2u) << "both versions";
  EXPECT_EQ(some.versions("utrecht")[1]->fingerprint,
            test::shipped().versions("utrecht")[1]->fingerprint);
  EXPECT_FALSE(test::shipped().partial());
  EXPECT_EQ(some.print(), test::shipped().print()) << "every file counts in the print";
  EXPECT_EQ(config::RegionSet::load_only(config::RegionFolder::read(shipped, blocks),
                                         {"leiden", "hilversum"})
                .print(),
            test::shipped().print());

  // A byte more in a model the set does not parse changes the print all the same, and so
  // does a file renamed; a broken model of another region goes unseen.
  test::Scratch dir("region-set-only");
  std::filesystem::copy(shipped, dir.dir() + "/regions");
  std::string leiden = dir.dir() + "/regions/leiden.toml";
  std::ofstream(leiden, std::ios::app) << "\n";
  EXPECT_NE(config::RegionSet::load_only(config::RegionFolder::read(dir.dir() + "/regions", blocks),
                                         {"utrecht"})
                .print(),
            test::shipped().print());
  std::filesystem::remove(leiden);
  std::filesystem::copy(shipped + "/leiden.toml", dir.dir() + "/regions/leiden-2.toml");
  EXPECT_NE(config::RegionSet::load_only(config::RegionFolder::read(dir.dir() + "/regions", blocks),
                                         {"utrecht"})
                .print(),
            test::shipped().print());
  std::ofstream(dir.dir() + "/regions/leiden-2.toml", std::ios::app) << "[broken\n";
  EXPECT_NO_THROW(config::RegionSet::load_only(
      config::RegionFolder::read(dir.dir() + "/regions", blocks), {"utrecht"}));
  EXPECT_THROW(config::RegionSet::load_only(
                   config::RegionFolder::read(dir.dir() + "/regions", blocks), {"leiden"}),
               DataError);
}

}  // namespace sroi
