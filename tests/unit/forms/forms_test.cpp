// SPDX-License-Identifier: EUPL-1.2
#include "sroi/forms/forms.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "sroi/calc/assessment.hpp"
#include "sroi/io/xlsx_cells.hpp"
#include "sroi/xlsx/workbook.hpp"
#include "test_support.hpp"

namespace sroi::forms {
namespace fs = std::filesystem;
namespace {

std::string temp_path(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / "sroi-forms-test";
  fs::create_directories(dir);
  fs::path p = dir / name;
  fs::remove(p);
  return p.string();
}

struct Cell {
  int row, col;
  std::string text;
  double number = 0;
  bool is_number = false;
};
Cell t(int row, int col, std::string text) { return {row, col, std::move(text)}; }
Cell n(int row, int col, double v) { return {row, col, "", v, true}; }

/// A filled template as a person would hand it in: written cell by cell (as Excel would save
/// the template with their typing).
std::string filled(const std::string& name,
                   const std::vector<std::pair<std::string, std::vector<Cell>>>& sheets) {
  std::string path = temp_path(name);
  xlsx::Workbook wb(path, xlsx::Overwrite::Replace, xlsx::Rows::AnyOrder);
  for (const auto& [sheet, cells] : sheets) {
    xlsx::Sheet& s = wb.add_sheet(sheet);
    for (const auto& c : cells)
      c.is_number ? s.number(c.row, c.col, c.number) : s.text(c.row, c.col, c.text);
  }
  wb.close();
  return path;
}

std::vector<Cell> contract_sheet(const std::string& region) {
  return {t(3, 0, "Regio"),          t(3, 1, region),
          t(4, 0, "Leverancier"),    t(4, 1, "Bouwbedrijf De Voorbeeld BV"),
          t(6, 0, "Contractnummer"), t(6, 1, "2027-014"),
          t(7, 0, "Opdrachtwaarde"), t(7, 1, "€ 1.250.000,00"),
          t(9, 0, "Begindatum"),     n(9, 1, 46388),  // 1-1-2027 as a day number
          t(10, 0, "Einddatum"),     t(10, 1, "31-12-2028")};
}

std::vector<std::string> all_said(const std::vector<Diagnostic>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(test::en_at(p));
  return out;
}

}  // namespace

// The sample offer (samples/offer-oost-nederland.toml) typed into an offer template, with a
// Dutch amount, a day number and a Dutch date, and blocks as the drop-down writes them: the
// same offer, worth the same (2 × 40,000 × 24/12 = 160,000; 15,000 × 20/36 × 12/12 = 8,333.33;
// 6 × 750 = 4,500; 1.5 × 20,000 = 30,000; total 202,833.33).
TEST(Forms, AFilledOfferTemplateReadsAsTheOffer) {
  std::string path = filled(
      "offer.xlsx",
      {{"Contract", contract_sheet("oost-nederland V05")},
       {"Regels",
        {t(0, 0, "Bouwblok"), t(0, 1, "Personen"), t(0, 2, "Uren per week"), t(0, 3, "Maanden"),
         t(0, 4, "Jaren"), t(1, 0, "kies uit de lijst"), t(1, 1, "aantal personen; leeg is 1"),
         t(2, 0, "participatiewet-gt2 — Participatiewet, uitkering > 2 jaar"), n(2, 1, 2),
         n(2, 2, 36), n(2, 3, 24), t(3, 0, "WW-gt1"), n(3, 1, 1), t(3, 2, "20"), n(3, 3, 18),
         t(4, 0, "werkervaringsplek"), n(4, 3, 6), t(5, 0, "bbl-1-2"), t(5, 4, "1,5")}}});
  std::vector<Diagnostic> problems;
  config::PartRead part;
  Offer o = read_offer_workbook(test::shipped(), path, problems, part);
  ASSERT_TRUE(problems.empty()) << test::en_at(problems.front());
  EXPECT_TRUE(part.contract_read);
  EXPECT_EQ(o.region.id, "oost-nederland");
  EXPECT_EQ(o.region.version, "V05");
  EXPECT_EQ(o.contract.id, "2027-014");
  EXPECT_EQ(o.contract.value, Money::euros(1'250'000));
  EXPECT_EQ(o.contract.start, (Date{2027, 1, 1}));
  EXPECT_EQ(o.contract.end, (Date{2028, 12, 31}));
  ASSERT_EQ(o.lines.size(), 4u);
  EXPECT_EQ(o.lines[1].block, "ww-gt1");
  EXPECT_EQ(o.lines[0].where.str(), path + ":Regels!A3");
  Assessment a = assess_offer(test::region("oost-nederland"), o);
  EXPECT_EQ(a.lines_total, Money::cents(20'283'333));
  EXPECT_EQ(a.obligation.amount, Money::euros(62'500));  // 5 % of 1,250,000
}

// The offer workbook written with the sample offer's contract and lines already filled in (as
// the portal's composer hands it out) reads back as the same offer, worth the same: 202,833.33
// (the arithmetic in the test above), obligation 5 % of 1,250,000 = 62,500.
TEST(Forms, AFilledOfferWorkbookReadsBackAsTheSameOffer) {
  Offer sample =
      config::load_offer(std::string(SROI_SOURCE_DIR) + "/samples/offer-oost-nederland.toml");
  const Region& region = test::region("oost-nederland");
  std::string path = temp_path("filled-offer.xlsx");
  write_offer_workbook(region, path, {}, &sample);
  std::vector<Diagnostic> problems;
  config::PartRead part;
  Offer o = read_offer_workbook(test::shipped(), path, problems, part);
  ASSERT_TRUE(problems.empty()) << test::en_at(problems.front());
  EXPECT_EQ(o.supplier, sample.supplier);
  EXPECT_EQ(o.buyer, sample.buyer);
  EXPECT_EQ(o.contract.id, "2027-014");
  ASSERT_EQ(o.lines.size(), sample.lines.size());
  for (std::size_t i = 0; i < o.lines.size(); ++i)
    EXPECT_EQ(o.lines[i].block, sample.lines[i].block);
  EXPECT_EQ(o.lines[0].where.str(), path + ":Aanbieding!A22");
  Assessment a = assess_offer(region, o);
  EXPECT_EQ(a.lines_total, Money::cents(20'283'333));
  EXPECT_EQ(a.obligation.amount, Money::euros(62'500));
  // The formulas' cached results are the engine's figures, so that a program that does not
  // recalculate on opening shows them: months B13, obligation B14, total B15, surplus B16
  // (202,833.33 − 62,500 = 140,333.33), the second line's value N23 (8,333.33), and its
  // block's name in H23.
  io::XlsxBook book = io::read_xlsx(path);
  const io::XlsxSheet* s = book.sheet("Aanbieding");
  ASSERT_NE(s, nullptr);
  auto shown = [&](int row, int col) { return s->at(row, col) ? s->at(row, col)->text : "-"; };
  EXPECT_EQ(shown(12, 1), "24");
  EXPECT_EQ(shown(13, 1), "62500");
  EXPECT_EQ(shown(14, 1), "202833.33");
  EXPECT_EQ(shown(15, 1), "140333.33");
  EXPECT_EQ(shown(22, 13), "8333.33");
  EXPECT_EQ(shown(22, 7), "WW-uitkering > 1 jaar");
}

// Every problem of the workbook in one run, each at its cell: fields of the contract sheet
// and cells of the lines sheet together.
TEST(Forms, EveryProblemAtItsCell) {
  std::vector<Cell> contract = contract_sheet("oost-nederland V05");
  contract[3] = t(4, 1, "123456782");  // a BSN as the supplier
  contract[9] = t(9, 1, "31-02-2027");
  std::string path =
      filled("bad.xlsx",
             {{"Contract", contract},
              {"Regels",
               {t(0, 0, "Bouwblok"), t(0, 1, "Personen"), t(0, 2, "Uren per week"),
                t(0, 3, "Maanden"), t(2, 0, "participatiewet-gt2"), n(2, 1, 1), t(2, 2, "veel"),
                n(2, 3, 12), t(3, 0, "ww-gt1"), n(3, 1, 0.5), n(3, 2, 20), n(3, 3, 12)}}});
  std::vector<Diagnostic> problems;
  config::PartRead part;
  read_offer_workbook(test::shipped(), path, problems, part);
  auto said = all_said(problems);
  ASSERT_EQ(said.size(), 4u) << ::testing::PrintToString(said);
  EXPECT_EQ(said[0],
            path +
                ", sheet Contract, cell B5: error: Supplier looks like a BSN (citizen service "
                "number; value not shown); use a pseudonym or a name");
  EXPECT_EQ(said[1],
            path + ", sheet Contract, cell B10: error: Start date: '31-02-2027': no such date");
  EXPECT_EQ(said[2],
            path +
                ", sheet Regels, cell C3 (Hours per week): error: Hours per week 'veel' is not "
                "a number: write it in "
                "digits, such as 32.5");
  EXPECT_EQ(said[3], path +
                         ", sheet Regels, cell B4 (Persons): error: Persons '0.5' must be a whole "
                         "number from 1");
}

// The offer workbook is read back by the same reader: blank, it names each field still to fill
// in, at its cell, in the order of the sheet.
TEST(Forms, ABlankOfferWorkbookNamesWhatIsMissing) {
  std::string path = temp_path("blank.xlsx");
  write_offer_workbook(test::region("oost-nederland"), path, {});
  std::vector<Diagnostic> problems;
  config::PartRead part;
  read_offer_workbook(test::shipped(), path, problems, part);
  auto said = all_said(problems);
  EXPECT_EQ(said, (std::vector<std::string>{
                      path + ", sheet Aanbieding, cell B4: error: Supplier is missing",
                      path + ", sheet Aanbieding, cell B6: error: Contract number is missing",
                      path + ", sheet Aanbieding, cell B7: error: Contract value is missing",
                      path + ", sheet Aanbieding, cell B9: error: Start date is missing",
                      path + ", sheet Aanbieding, cell B10: error: End date is missing"}));
  EXPECT_FALSE(part.contract_read);
}

// An offer is not a realisation, and a workbook that is neither says so and how to make one.
TEST(Forms, KnowsWhatKindOfWorkbookItIs) {
  std::string offer = temp_path("offer-workbook.xlsx");
  write_offer_workbook(test::region("den-haag"), offer, {});
  std::vector<Diagnostic> problems;
  config::PartRead part;
  read_realisation_workbook(test::shipped(), offer, problems, part);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(test::en_at(problems[0]),
            offer + ": error: this workbook is an offer; read it with 'sroi offer'");

  std::string other = filled("other.xlsx", {{"Blad1", {t(0, 0, "x")}}});
  problems.clear();
  read_offer_workbook(test::shipped(), other, problems, part);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(test::en_at(problems[0]).find("not an offer or realisation to fill in"),
            std::string::npos);
}

// A realisation template's lines, with a candidate that reads as a BSN refused at its cell.
TEST(Forms, RealisationLinesFromAWorkbook) {
  std::string path = filled(
      "real.xlsx",
      {{"Contract", contract_sheet("oost-nederland V05")},
       {"Regels",
        {t(0, 0, "Kandidaat"), t(0, 1, "Bouwblok"), t(0, 2, "Begindatum"), t(0, 3, "Einddatum"),
         t(0, 4, "Uren per week"), t(1, 0, "pseudoniem (bijvoorbeeld K-001), nooit een BSN"),
         t(1, 1, "kies uit de lijst"), t(2, 0, "K-1"), t(2, 1, "ww-gt1 — WW"), n(2, 2, 46388),
         t(2, 3, "30-6-2027"), t(2, 4, "32,5"), t(3, 0, "111222333"), t(3, 1, "ww-gt1"),
         n(3, 2, 46388), n(3, 3, 46568), n(3, 4, 36)}}});
  std::vector<Diagnostic> problems;
  auto lines = realisation_lines_from_workbook(path, problems);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].candidate, "K-1");
  EXPECT_EQ(lines[0].block, "ww-gt1");
  EXPECT_EQ(lines[0].start, (Date{2027, 1, 1}));
  EXPECT_EQ(lines[0].end, (Date{2027, 6, 30}));
  EXPECT_EQ(lines[0].quantities.hours_per_week->value, Ratio(65, 2));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(test::en_at(problems[0]),
            path +
                ", sheet Regels, cell A4 (Candidate): error: candidate looks like a BSN (citizen "
                "service number; value "
                "not shown); pseudonymise candidates before using them here");
}

}  // namespace sroi::forms
