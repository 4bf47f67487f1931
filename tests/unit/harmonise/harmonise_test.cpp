// SPDX-License-Identifier: EUPL-1.2
#include "sroi/harmonise/harmonise.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "enum_round_trip.hpp"
#include "sroi/config/input_loader.hpp"
#include "sroi/config/region_loader.hpp"
#include "sroi/kpi/kpi.hpp"
#include "sroi/store/register.hpp"
#include "test_support.hpp"

namespace sroi::harmonise {
namespace {

const Row& row(const Matrix& m, const std::string& id) {
  for (const auto& r : m.rows)
    if (r.id == id) return r;
  throw std::runtime_error("no row " + id);
}

bool has(const Diff& d, const std::string& kind, const std::string& what, const std::string& from,
         const std::string& to) {
  for (const auto& c : d.changes)
    if (change_kind_id(c.kind) == kind && test::en(c.what()) == what && test::en(c.from) == from &&
        test::en(c.to) == to)
      return true;
  return false;
}

std::vector<const Region*> regions(std::initializer_list<const char*> ids) {
  std::vector<const Region*> out;
  for (const char* id : ids) out.push_back(&test::region(id));
  return out;
}

}  // namespace

TEST(Catalogue, CoversEveryBlockAndBonusOfEveryShippedRegion) {
  const Catalogue& cat = test::shipped().catalogue();
  for (const auto& r : test::shipped().all()) {
    for (const auto& b : r.blocks) EXPECT_TRUE(cat.find(b.maps_to)) << r.label() << " " << b.id;
    for (const auto& b : r.bonuses) EXPECT_TRUE(cat.find(b.id)) << r.label() << " " << b.id;
  }
  EXPECT_EQ(cat.broader("participatiewet-gt2"), "participatiewet");
  EXPECT_EQ(cat.broader("bbl-1-2"), "bbl");
  EXPECT_EQ(cat.broader("nug"), "");
}

TEST(Compare, HandCheckedCells) {
  Matrix m =
      compare(test::shipped().catalogue(), regions({"oost-nederland", "utrecht", "harlingen"}));
  const Row& gt2 = row(m, "participatiewet-gt2");
  EXPECT_EQ(test::en_all(gt2.values),
            (std::vector<std::string>{"€ 40.000,00 per full-time year, 24 months", "—",
                                      "€ 40.000,00 per full-time year"}));
  EXPECT_EQ(gt2.difference, Difference::Value);  // € 40.000 with 24 months vs without
  const Row& wep = row(m, "werkervaringsplek");
  EXPECT_EQ(test::en(wep.values[0]), "€ 750,00 per month");
  EXPECT_EQ(test::en(wep.values[2]), "€ 7.500,00 per full-time year");
  const Row& plus50 = row(m, "plus-50");
  EXPECT_EQ(test::en_all(plus50.values),
            (std::vector<std::string>{"—", "+ € 10.000,00", "+ € 5.000,00"}));
  const Row& ft = row(m, "full-time hours");
  EXPECT_EQ(test::en_all(ft.values),
            (std::vector<std::string>{"36 h (provisional)", "36 h", "36 h"}));
  EXPECT_EQ(row(m, "time basis").difference, Difference::Same);
  // 36 h everywhere, provisional in one: not a difference in value, said apart.
  EXPECT_EQ(ft.difference, Difference::Provisional);
  // Utrecht's and Harlingen's plus-50 differ (€ 10.000 and € 5.000), Oost-Nederland has none.
  EXPECT_EQ(plus50.difference, Difference::Value);
  // Only Harlingen has minimum hours: no value to differ from, but not everywhere.
  EXPECT_EQ(row(m, "minimum hours").difference, Difference::Presence);
  EXPECT_EQ(test::en(row(m, "minimum hours").values[2]), "12 h");
  EXPECT_EQ(test::en(row(m, "threshold").values[0]), "€ 200.000,00");
}

TEST(Compare, RowsThatDifferInValueComeFirstInEachPart) {
  // The mark means something only if it is not on every row: within blocks, bonuses and rules
  // the rows that differ in value lead, then those not every region has, then the same ones.
  Matrix m =
      compare(test::shipped().catalogue(), regions({"oost-nederland", "utrecht", "harlingen"}));
  int value = 0, presence = 0;
  for (std::size_t i = 1; i < m.rows.size(); ++i) {
    if (m.rows[i].kind != m.rows[i - 1].kind) continue;
    EXPECT_LE(m.rows[i - 1].difference, m.rows[i].difference) << m.rows[i].id;
  }
  for (const auto& r : m.rows) {
    value += r.difference == Difference::Value;
    presence += r.difference == Difference::Presence;
  }
  EXPECT_GT(value, 0);
  EXPECT_GT(presence, 0);
  EXPECT_LT(value, static_cast<int>(m.rows.size()) / 2);  // was every row but four
}

TEST(Catalogue, EveryEntryHasADutchName) {
  // A Dutch reader of a comparison sees the catalogue's Dutch names (name_nl), an English
  // reader the English ones; every shipped entry has both.
  for (const auto& e : test::shipped().catalogue().entries) {
    EXPECT_FALSE(e.name.empty()) << e.id;
    EXPECT_FALSE(e.name_nl.empty()) << e.id;
  }
}

TEST(Compare, RowsAreNamedInTheReadersLanguage) {
  Matrix m = compare(test::shipped().catalogue(), regions({"oost-nederland", "den-haag"}));
  const Row& gt2 = row(m, "participatiewet-gt2");
  EXPECT_EQ(text::say(gt2.name, Lang::Nl), "Participatiewet, uitkering >= 2 jaar");
  EXPECT_EQ(text::say(gt2.name, Lang::En),
            "Social assistance (Participatiewet), benefit >= 2 years");
  EXPECT_EQ(text::say(row(m, "plus-55").name, Lang::Nl), "Kandidaat van 55 jaar of ouder");
  EXPECT_EQ(text::say(row(m, "full-time hours").name, Lang::Nl), "voltijduren");
}

TEST(EnumIds, HarmonisationKpiAndRoleIdsRoundTrip) {
  test::round_trips<RowKind>(
      {RowKind::TargetGroup, RowKind::Measure, RowKind::Bonus, RowKind::Rule});
  test::round_trips<Difference>(
      {Difference::Value, Difference::Presence, Difference::Provisional, Difference::Same});
  test::round_trips<ChangeKind>(
      {ChangeKind::Added, ChangeKind::Removed, ChangeKind::Changed, ChangeKind::Renamed});
  test::round_trips<Method>({Method::Median, Method::Min, Method::Max, Method::Mean});
  test::round_trips<kpi::By>({kpi::By::Region, kpi::By::Buyer, kpi::By::Supplier,
                              kpi::By::TargetGroup, kpi::By::Block, kpi::By::Month});
  test::round_trips<store::Role>(
      {store::Role::Coordinator, store::Role::Buyer, store::Role::Supplier});
  EXPECT_EQ(method_from_id("median"), Method::Median);
  EXPECT_EQ(kpi::parse_by("target-group"), kpi::By::TargetGroup);
  EXPECT_STREQ(store::role_id(store::Role::Coordinator), "coordinator");
}

TEST(Compare, OnlyEntriesSomeRegionUsesAreRows) {
  Matrix m = compare(test::shipped().catalogue(), regions({"oost-nederland"}));
  for (const auto& r : m.rows) EXPECT_NE(r.id, "wsw");    // only Rijnvicus has a Wsw block
  EXPECT_EQ(row(m, "nug").difference, Difference::Same);  // one region: nothing to differ from
}

// Blocks and bonuses are named as people know them, the newer version's name (the older's for
// one that was removed); a renamed block's ids are what changed.
TEST(Diff, Utrecht2019ToCurrent) {
  Diff d = diff(test::region("utrecht@2019"), test::region("utrecht"));
  EXPECT_TRUE(has(d, "changed", "block 'WIA/WAO' value", "€ 30.000,00", "€ 40.000,00"));
  EXPECT_TRUE(
      has(d, "renamed", "block 'Doelgroepen banenafspraak'", "banenafspraak", "doelgroepregister"));
  EXPECT_TRUE(has(d, "changed", "block 'Doelgroepregister (arbeidsbeperking)' value", "€ 35.000,00",
                  "€ 50.000,00"));
  EXPECT_TRUE(
      has(d, "removed", "block 'Participatiewet > 2 jaar'", "€ 40.000,00 per full-time year", ""));
  EXPECT_TRUE(has(d, "added", "block 'Participatiewet'", "", "€ 40.000,00 per full-time year"));
  EXPECT_TRUE(
      has(d, "added",
          "block 'Opleiding, kennis of middelen / steun aan een sociaal project: de kosten'", "",
          "actual cost"));
  EXPECT_TRUE(has(d, "changed", "bonus 'Ouder dan 50 jaar'", "+ € 5.000,00", "+ € 10.000,00"));
  EXPECT_TRUE(has(d, "added", "bonus 'Statushouder of taalachterstand'", "", "+ € 10.000,00"));
  int removed = 0, added = 0;
  for (const auto& c : d.changes) {
    removed += c.kind == ChangeKind::Removed && c.aspect == Aspect::Block;
    added += c.kind == ChangeKind::Added && c.aspect == Aspect::Block;
  }
  EXPECT_EQ(removed, 7);  // participatiewet-lt2/gt2, ww-lt1/gt1, sw-deployment, bbl, bol
  EXPECT_EQ(added, 6);    // participatiewet, leerwerkplek, ww, bbl-2-4, bol-2-4, training-costs
  std::string log = text::say(changelog(d), Lang::Nl);
  EXPECT_EQ(log.rfind("Versie current van utrecht vervangt versie 2019.", 0), 0u);
  EXPECT_NE(log.find("'WIA/WAO' van € 30.000,00 naar € 40.000,00"), std::string::npos) << log;
}

TEST(Diff, SameVersionHasNoChanges) {
  Diff d = diff(test::region("harlingen"), test::region("harlingen"));
  EXPECT_TRUE(d.changes.empty());
  EXPECT_NE(test::en(changelog(d)).find("Nothing else changed"), std::string::npos);
}

TEST(Elsewhere, TheSampleOfferUnderThreeRegions) {
  Offer o = config::load_offer(std::string(SROI_SOURCE_DIR) + "/samples/offer-oost-nederland.toml");
  const Region& home = test::region("oost-nederland");
  auto out = value_elsewhere(o, home, test::shipped().catalogue(),
                             regions({"harlingen", "utrecht", "rijnvicus"}));
  ASSERT_EQ(out.size(), 3u);
  // Harlingen (36 h, no counting periods): participatiewet-gt2 € 40,000 × 2 × 36/36 × 24/12
  // = € 160,000; ww-gt1 € 20,000 × 20/36 × 18/12 = € 16,666.67; werkervaringsplek is valued
  // per full-time year there (unmapped); bbl-1-2 → bbl-nieuw (via bbl) € 15,000 × 1.5
  // = € 22,500. Total € 199,166.67.
  EXPECT_EQ(out[0].lines[1].value.cents(), 1'666'667);
  EXPECT_EQ(out[0].lines[2].block, "");
  EXPECT_NE(test::en(out[0].lines[2].unmapped).find("valued per full-time year"),
            std::string::npos);
  EXPECT_EQ(out[0].lines[3].block, "bbl-nieuw");
  EXPECT_EQ(out[0].total.cents(), 19'916'667);
  EXPECT_EQ(out[0].unmapped, 1);
  // Utrecht: participatiewet (via the broader entry) € 40,000 × 2 × 2 = € 160,000; ww (via
  // ww) € 20,000 × 20/36 × 1.5 = € 16,666.67; no work-experience place, no BBL 1-2.
  EXPECT_EQ(out[1].lines[0].block, "participatiewet");
  EXPECT_EQ(out[1].total.cents(), 17'666'667);
  EXPECT_EQ(out[1].unmapped, 2);
  // Rijnvicus: € 30,000 × 2 × 2 = € 120,000; ww € 10,000 × 20/36 × 1.5 = € 8,333.33;
  // bbl € 25,000 × 1.5 = € 37,500. Total € 165,833.33.
  EXPECT_EQ(out[2].total.cents(), 16'583'333);
  // Everywhere 5 % of € 1,250,000 (the home region's default percentage).
  for (const auto& e : out) EXPECT_EQ(e.obligation.amount.cents(), 6'250'000);
  for (const auto& e : out) EXPECT_TRUE(e.met);
}

TEST(Draft, MedianValuesAreHandChecked) {
  auto rs = regions({"harlingen", "hilversum", "oost-nederland", "rijnvicus", "utrecht"});
  Draft d =
      draft_common_model(test::shipped().catalogue(), rs, Method::Median, "harmonised", Lang::En);
  auto find = [&](const std::string& id) -> const Proposal& {
    for (const auto& p : d.blocks)
      if (p.catalogue_id == id) return p;
    throw std::runtime_error(id);
  };
  // participatiewet-gt2: 40k, 40k, 40k, 30k → median 40,000
  EXPECT_EQ(find("participatiewet-gt2").proposal.cents(), 4'000'000);
  // doelgroepregister: 40k, 40k, 50k, 50k → (40k + 50k) / 2 = 45,000
  EXPECT_EQ(find("doelgroepregister").proposal.cents(), 4'500'000);
  // wia-wao: 35k, 30k, 20k, 40k → (30k + 35k) / 2 = 32,500
  EXPECT_EQ(find("wia-wao").proposal.cents(), 3'250'000);
  // Only Oost-Nederland has counting periods: not a majority, so none.
  EXPECT_FALSE(find("participatiewet-gt2").counting_months);
  // Mean: (40k + 40k + 40k + 30k) / 4 = 37,500; min 30,000; max 40,000.
  for (Method method : {Method::Mean, Method::Min, Method::Max}) {
    Draft other =
        draft_common_model(test::shipped().catalogue(), rs, method, "harmonised", Lang::En);
    auto it = std::find_if(other.blocks.begin(), other.blocks.end(), [](const Proposal& p) {
      return p.catalogue_id == "participatiewet-gt2";
    });
    ASSERT_NE(it, other.blocks.end());
    EXPECT_EQ(it->proposal.cents(), method == Method::Mean  ? 3'750'000
                                    : method == Method::Min ? 3'000'000
                                                            : 4'000'000);
  }
}

TEST(Draft, IsAValidRegionAndReproducible) {
  auto rs = regions({"harlingen", "hilversum", "oost-nederland", "rijnvicus", "utrecht"});
  Draft a =
      draft_common_model(test::shipped().catalogue(), rs, Method::Median, "harmonised", Lang::En);
  Draft b =
      draft_common_model(test::shipped().catalogue(), rs, Method::Median, "harmonised", Lang::En);
  EXPECT_EQ(a.toml, b.toml);
  std::string path = ::testing::TempDir() + "/draft.toml";
  std::ofstream(path) << a.toml;
  std::vector<Diagnostic> problems;
  auto r = config::load_region(path, &test::shipped().catalogue(), problems);
  ASSERT_TRUE(r) << (problems.empty() ? "" : test::en_at(problems.front()));
  EXPECT_EQ(r->blocks.size(), a.blocks.size());
  for (const auto& blk : r->blocks) EXPECT_TRUE(blk.provenance.provisional()) << blk.id;
  EXPECT_TRUE(r->fulltime_hours.provenance.provisional());
  EXPECT_EQ(r->fulltime_hours.value, Ratio(36));
}

}  // namespace sroi::harmonise
