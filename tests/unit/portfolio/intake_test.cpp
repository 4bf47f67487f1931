// SPDX-License-Identifier: EUPL-1.2
// A file read and valued in one go: a person sees every problem of the file in one run, and
// the forms Dutch Excel writes read as the plain ones.
#include "sroi/portfolio/intake.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_support.hpp"

namespace sroi::portfolio {
namespace {

config::ContractFlags flags(const char* value) {
  config::ContractFlags f;
  f.region = "oost-nederland";
  f.value = value;
  f.percentage = "5%";
  f.start = "1-1-2027";
  f.end = "31-12-2027";
  return f;
}

TEST(Intake, ADutchExcelCsvReadsAsThePlainOne) {
  // ';' columns, a byte-order mark, CRLF, d-m-yyyy dates, "32,5" and a row of empty cells.
  RealisationIntake in = take_realisation(
      test::shipped(), test::data("realisations/dutch-excel.csv"), flags("€ 850.000,00"));
  EXPECT_EQ(in.csv_separator, ';');
  EXPECT_EQ(in.realisation.contract.value, Money::euros(850'000));
  ASSERT_EQ(in.realisation.lines.size(), 3u);
  EXPECT_EQ(in.realisation.lines[1].start, (Date{2027, 3, 15}));
  EXPECT_EQ(in.realisation.lines[1].quantities.hours_per_week->value, Ratio(65, 2));
  // 5 % of € 850.000 = € 42.500 (Oost-Nederland: invoiced turnover as the base).
  EXPECT_EQ(in.assessment.obligation.amount, Money::euros(42'500));
}

TEST(Intake, EveryProblemOfAnOfferInOneRunInFileOrder) {
  // "850.000" is fine (three zeros: thousands), "32,5.1" is not a number, the block
  // "participatiewet-gtX" is unknown and the ww-gt1 line has no hours: three problems that
  // used to need three runs (reading, then the region, then the quantities).
  auto e = test::thrown<DataError>(
      [&] { take_offer(test::shipped(), test::data("offers/broken-everywhere.toml")); });
  ASSERT_TRUE(e);
  ASSERT_EQ(e->diagnostics().size(), 3u) << test::said(*e);
  EXPECT_NE(test::en(e->diagnostics()[0]).find("'hours_per_week' = \"32,5.1\""), std::string::npos);
  // Ids are lower case ("gtX" reads as "gtx"); the closest id is offered.
  EXPECT_NE(test::en(e->diagnostics()[1])
                .find("unknown block 'participatiewet-gtx' in region oost-nederland V05; did "
                      "you mean 'participatiewet-gt2'"),
            std::string::npos)
      << test::en(e->diagnostics()[1]);
  EXPECT_NE(test::en(e->diagnostics()[2]).find("Hours per week is missing"), std::string::npos);
  EXPECT_LT(e->diagnostics()[0].where, e->diagnostics()[1].where);
  EXPECT_LT(e->diagnostics()[1].where, e->diagnostics()[2].where);
}

TEST(Intake, AnOfferWithDutchAmountsPercentagesAndDates) {
  OfferIntake in = take_offer(test::shipped(), test::data("offers/dutch-offer.toml"));
  EXPECT_EQ(in.offer.contract.value, Money::euros(850'000));
  EXPECT_EQ(*in.offer.contract.percentage, Ratio(5));
  EXPECT_EQ(in.offer.contract.end, (Date{2028, 12, 31}));
  // Oost-Nederland V05: participatiewet-gt2 € 40.000 per full-time year; 32,5 of 36 hours for
  // 12 months: € 40.000 × 65/72 = € 36.111,11.
  EXPECT_EQ(in.assessment.total, Money::cents(3'611'111));
}

TEST(Intake, CommandLineProblemsFirstThenTheFileInOrder) {
  // An ambiguous --value does not stop the rows from being checked against the region.
  auto e = test::thrown<DataError>([&] {
    take_realisation(test::shipped(), test::data("realisations/bad.csv"), flags("1.250"));
  });
  ASSERT_TRUE(e);
  ASSERT_GE(e->diagnostics().size(), 2u);
  EXPECT_EQ(e->diagnostics()[0].where.file, "--value");
  EXPECT_NE(test::en(e->diagnostics()[0]).find("€ 1.250,00 or as € 1,25"), std::string::npos);
  for (std::size_t i = 2; i < e->diagnostics().size(); ++i)
    EXPECT_FALSE(e->diagnostics()[i].where < e->diagnostics()[i - 1].where);
}

TEST(Intake, AnotherRegionsBlockIdPointsToTheBlockForTheSameTargetGroup) {
  // A supplier used Utrecht's id in an Oost-Nederland offer: the catalogue says which block
  // of Oost-Nederland is for the same target group.
  const auto& set = test::shipped();
  const Region& on = test::region("oost-nederland");
  const Region& utrecht = test::region("utrecht");
  std::string foreign;
  for (const auto& b : utrecht.blocks)
    if (!on.find_block(b.id) && !set.counterparts(on, b.id).here.empty()) {
      foreign = b.id;
      break;
    }
  ASSERT_FALSE(foreign.empty()) << "no Utrecht block with an Oost-Nederland counterpart";
  auto c = set.counterparts(on, foreign);
  const BuildingBlock* theirs = utrecht.find_block(foreign);
  for (const auto& id : c.here) EXPECT_EQ(on.find_block(id)->unit, theirs->unit) << id;
  std::string said = test::en(set.unknown_block(on, foreign));
  EXPECT_NE(said.find("it is a block of"), std::string::npos) << said;
  EXPECT_NE(said.find("'" + c.here.front() + "'"), std::string::npos) << said;
}

TEST(Intake, RegionAndBlockIdsInAnyCase) {
  // "Oost-Nederland" and "Participatiewet-GT2" as a person (or Excel) capitalises them.
  config::ContractFlags f = flags("850000");
  f.region = "Oost-Nederland";
  RealisationIntake in =
      take_realisation(test::shipped(), test::data("realisations/dutch-excel.csv"), f);
  EXPECT_EQ(in.region->id, "oost-nederland");
}

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream all;
  all << in.rdbuf();
  return all.str();
}

TEST(Intake, ARealisationRowWithABadDateHasItsBlockCheckedToo) {
  // A realisation CSV checked on its own (sroi realisation): row 2 writes an unknown block and
  // an impossible date; both are named, the block first.
  std::string path = ::testing::TempDir() + "/intake-two-problems.csv";
  std::ofstream(path) << "candidate;block;start;end;hours_per_week\n"
                         "K-1;nug-typo;1-3-2027;31-2-2027;20\n";
  auto e = test::thrown<DataError>(
      [&] { take_realisation(test::shipped(), path, flags("€ 850.000,00")); });
  ASSERT_TRUE(e);
  ASSERT_EQ(e->diagnostics().size(), 2u) << test::said(*e);
  EXPECT_NE(test::en(e->diagnostics()[0]).find("unknown block 'nug-typo'"), std::string::npos)
      << test::said(*e);
  EXPECT_NE(test::en(e->diagnostics()[1]).find("31-2-2027"), std::string::npos) << test::said(*e);
}

TEST(Intake, AnOfferLineWithABadNumberHasItsBlockCheckedToo) {
  // The first [[line]] writes "twee" persons and a block typo: both are named, in file order.
  std::string offer =
      "region = \"oost-nederland\"\nsupplier = \"X\"\nbuyer = \"Y\"\n\n[contract]\n"
      "id = \"C-1\"\nvalue = \"€ 1.250.000,00\"\nstart = \"1-1-2027\"\nend = \"31-12-2028\"\n\n"
      "[[line]]\nblock = \"participatiewt-gt2\"\npersons = \"twee\"\nhours_per_week = 36\n"
      "months = 12\n";
  auto e = test::thrown<DataError>([&] { take_offer_text(test::shipped(), offer, "o.toml"); });
  ASSERT_TRUE(e);
  ASSERT_EQ(e->diagnostics().size(), 2u) << test::said(*e);
  EXPECT_NE(test::en(e->diagnostics()[0]).find("unknown block 'participatiewt-gt2'"),
            std::string::npos)
      << test::said(*e);
  EXPECT_EQ(e->diagnostics()[1].where.line, 13) << test::said(*e);
}

TEST(Intake, AnOfferHandedInAsTextIsTheFileAndIsLocatedAtItsName) {
  // The portal hands in what a person typed or uploaded: the same checks and figures as the
  // file, every problem located at the name the sender gave it, and no file written.
  std::string path = test::data("offers/dutch-offer.toml");
  OfferIntake file = take_offer(test::shipped(), path);
  OfferIntake text = take_offer_text(test::shipped(), contents(path), "mijn-offerte.toml");
  EXPECT_EQ(text.assessment.total, file.assessment.total);
  EXPECT_EQ(text.assessment.obligation.amount, file.assessment.obligation.amount);
  auto e = test::thrown<DataError>([&] {
    take_offer_text(test::shipped(), contents(test::data("offers/broken-everywhere.toml")),
                    "kapot.toml");
  });
  ASSERT_TRUE(e);
  ASSERT_EQ(e->diagnostics().size(), 3u) << test::said(*e);
  for (const auto& d : e->diagnostics()) EXPECT_EQ(d.where.file, "kapot.toml");
  // A TOML syntax error, at its line.
  auto bad = test::thrown<DataError>(
      [&] { take_offer_text(test::shipped(), "region = \n", "leeg.toml"); });
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->diagnostics()[0].where.file, "leeg.toml");
  EXPECT_EQ(bad->diagnostics()[0].where.line, 1);
}

}  // namespace
}  // namespace sroi::portfolio

namespace sroi::portfolio {

TEST(Intake, ABlockWrittenByItsNameIsTakenAsItsId) {
  // A block by its published name in any case ("Werkervaringsplek", "NIET-UITKERINGSGERECHTIGDE
  // (NUG)") or as a drop-down writes it ("ww-gt1 — …") reads as its id; a word that is neither
  // ("werkervaringsplaats") is still refused, with the closest id.
  auto e = test::thrown<DataError>([&] {
    take_realisation(test::shipped(), test::data("realisations/block-names.csv"), flags("850000"));
  });
  ASSERT_TRUE(e);
  ASSERT_EQ(e->diagnostics().size(), 1u) << test::en(e->diagnostics()[0].message);
  EXPECT_EQ(e->diagnostics()[0].where.line, 5);
  EXPECT_NE(test::en(e->diagnostics()[0].message).find("werkervaringsplek"), std::string::npos);
}

}  // namespace sroi::portfolio
