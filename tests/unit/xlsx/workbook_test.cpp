// SPDX-License-Identifier: EUPL-1.2
#include "sroi/xlsx/workbook.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sroi/config/input_loader.hpp"
#include "sroi/io/xlsx_cells.hpp"
#include "sroi/xlsx/report.hpp"
#include "test_support.hpp"

namespace sroi::xlsx {
namespace fs = std::filesystem;
namespace {

std::string temp_path(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / "sroi-xlsx-test";
  fs::create_directories(dir);
  fs::path p = dir / name;
  fs::remove(p);
  fs::remove(p.string() + ".tmp");
  return p.string();
}

Assessment sample() {
  Offer o = config::load_offer(std::string(SROI_SOURCE_DIR) + "/samples/offer-oost-nederland.toml");
  static Offer keep;
  keep = o;
  return assess_offer(test::shipped().select(keep.region, keep.contract.start), keep);
}

/// samples/contract-2027-014.csv under Oost-Nederland, € 1,250,000, 2027-2028.
const Realisation& sample_realisation() {
  static const Realisation real = [] {
    config::ContractFlags flags;
    flags.region = "oost-nederland";
    flags.value = "1250000";
    flags.start = "2027-01-01";
    flags.end = "2028-12-31";
    return config::load_realisation_csv(
        std::string(SROI_SOURCE_DIR) + "/samples/contract-2027-014.csv", flags);
  }();
  return real;
}

}  // namespace

TEST(Workbook, ColumnLettersAndCells) {
  EXPECT_EQ(column_letter(0), "A");
  EXPECT_EQ(column_letter(25), "Z");
  EXPECT_EQ(column_letter(26), "AA");
  EXPECT_EQ(column_letter(18), "S");
  EXPECT_EQ(cell(6, 1), "B7");
  EXPECT_EQ(cell(0, 0, true), "$A$1");
  EXPECT_EQ(sheet_ref("Building blocks"), "'Building blocks'!");
  EXPECT_EQ(sheet_ref("it's"), "'it''s'!");
}

TEST(Workbook, ClosedWorkbookIsRenamedIntoPlace) {
  std::string path = temp_path("ok.xlsx");
  {
    Workbook wb(path, Overwrite::Refuse, Rows::InOrder);
    wb.add_sheet("S").text(0, 0, "=1+1");
    wb.close();
  }
  EXPECT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST(Workbook, UnclosedWorkbookLeavesNoFile) {
  std::string path = temp_path("failed.xlsx");
  try {
    Workbook wb(path, Overwrite::Refuse, Rows::InOrder);
    wb.add_sheet("S").text(0, 0, "x");
    throw std::runtime_error("work failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST(Workbook, CellsKeepTheirOrderAcrossSheetsAndBatches) {
  // The cells go to the library through a thread of their own, a few thousand at a time
  // (CellPipe). 5,000 rows on two sheets written in turn, with a column width (a call that
  // waits for the cells) halfway: every cell must arrive where and as it was written.
  std::string path = temp_path("order.xlsx");
  {
    Workbook wb(path, Overwrite::Refuse, Rows::InOrder);
    Sheet& a = wb.add_sheet("A");
    Sheet& b = wb.add_sheet("B");
    for (int r = 0; r < 5000; ++r) {
      a.number(r, 0, r);
      a.text(r, 1, "a" + std::to_string(r));
      b.text(r, 0, "b" + std::to_string(r));
      if (r == 2500) b.column_width(1, 1, 20);
    }
    wb.close();
  }
  io::XlsxBook book = io::read_xlsx(path);
  const io::XlsxSheet* a = book.sheet("A");
  const io::XlsxSheet* b = book.sheet("B");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->rows(), 5000);
  EXPECT_EQ(b->rows(), 5000);
  for (int r : {0, 2047, 2048, 2500, 4999}) {
    ASSERT_TRUE(a->at(r, 0) && a->at(r, 1) && b->at(r, 0)) << r;
    EXPECT_EQ(a->at(r, 0)->text, std::to_string(r));
    EXPECT_EQ(a->at(r, 1)->text, "a" + std::to_string(r));
    EXPECT_EQ(b->at(r, 0)->text, "b" + std::to_string(r));
  }
}

TEST(Workbook, ACellTheLibraryRefusesIsAnErrorNamingTheCell) {
  // Row 1,048,577 is past the last row a sheet has: the library refuses it in the writing
  // thread; the error reaches the caller (at the latest at close) and no file is left.
  std::string path = temp_path("refused.xlsx");
  try {
    Workbook wb(path, Overwrite::Refuse, Rows::InOrder);
    Sheet& s = wb.add_sheet("S");
    s.text(0, 0, "x");
    s.text(1'048'576, 2, "too far");
    wb.close();
    FAIL() << "no error";
  } catch (const ExportError& e) {
    EXPECT_NE(test::en(e.message()).find("C1048577"), std::string::npos) << test::en(e.message());
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST(Workbook, RefusesToOverwriteWithoutForce) {
  std::string path = temp_path("exists.xlsx");
  std::ofstream(path) << "keep me";
  try {
    Workbook wb(path, Overwrite::Refuse, Rows::InOrder);
    FAIL() << "expected ExportError";
  } catch (const ExportError& e) {
    // The library names the remedy; the command line words it ("use --force").
    EXPECT_EQ(test::said(e), "'" + path + "' exists");
    EXPECT_EQ(e.remedy(), Remedy::Overwrite);
  }
  std::ifstream in(path);
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content, "keep me");
}

TEST(Workbook, ForceOverwrites) {
  std::string path = temp_path("force.xlsx");
  std::ofstream(path) << "old";
  write_report(sample(), path, WriteOptions{Lang::Nl, Overwrite::Replace});
  EXPECT_GT(fs::file_size(path), 1000u);
}

TEST(Workbook, MissingDirectoryIsAnExportError) {
  EXPECT_THROW(write_report(sample(), "/nonexistent-dir/x.xlsx", WriteOptions{}), ExportError);
  EXPECT_FALSE(fs::exists("/nonexistent-dir/x.xlsx.tmp"));
}

TEST(Workbook, DuplicateSheetNameFailsWithoutALeftover) {
  std::string path = temp_path("dup.xlsx");
  try {
    Workbook wb(path, Overwrite::Refuse, Rows::AnyOrder);
    wb.add_sheet("Same");
    wb.add_sheet("Same");
    FAIL() << "expected ExportError";
  } catch (const ExportError& e) {
    EXPECT_EQ(test::said(e), "cannot add sheet 'Same'");
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

}  // namespace sroi::xlsx

namespace sroi::xlsx {

// The progress sheet of a realisation counted to 15-9-2027 (samples/contract-2027-014.csv):
// realised values up to September 2027 and none after it, the obligation to the contract's
// end (December 2028), and the as-of day marked in its own column on its month only.
TEST(Workbook, ProgressStopsAndMarksTheAsOfDay) {
  const Realisation& real = sample_realisation();
  Assessment a =
      assess_realisation(test::region("oost-nederland"), real, KeepLines::Yes, Date{2027, 9, 15});
  std::string path = temp_path("progress.xlsx");
  write_report(a, path, {});
  io::XlsxBook book = io::read_xlsx(path);
  const io::XlsxSheet* s = book.sheet("Voortgang");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->at(0, 3)->text, "Stand per 15-9-2027");
  ASSERT_EQ(s->rows(), 25);  // the header and 24 months
  for (int row = 1; row <= 24; ++row) {
    bool counted = row <= 9;  // January to September 2027
    EXPECT_EQ(s->at(row, 1) != nullptr, counted) << "month row " << row;
    EXPECT_NE(s->at(row, 2), nullptr) << "obligation in month row " << row;
    EXPECT_EQ(s->at(row, 3) != nullptr, row == 9) << "as-of marker in month row " << row;
  }
  EXPECT_EQ(s->at(9, 3)->text, s->at(9, 1)->text);
}

}  // namespace sroi::xlsx

namespace sroi::xlsx {

// The report written while the realisation is valued (ReportWriter as the visitor: one
// valuation) holds exactly the cells of the report written afterwards from an assessment that
// kept its lines: every sheet, every cell, the same text or number.
TEST(Workbook, ReportWrittenWhileValuingEqualsTheOneWrittenAfter) {
  const Realisation& real = sample_realisation();
  const Region& on = test::region("oost-nederland");
  Date as_of{2028, 6, 30};
  std::string after = temp_path("after.xlsx"), during = temp_path("during.xlsx");
  write_report(assess_realisation(on, real, KeepLines::Yes, as_of), after, {});
  {
    ReportWriter w(during, {});
    Assessment a = assess_realisation(on, real, KeepLines::No, as_of, &w);
    w.finish(a);
  }
  io::XlsxBook x = io::read_xlsx(after), y = io::read_xlsx(during);
  ASSERT_EQ(x.sheets.size(), y.sheets.size());
  std::size_t cells = 0;
  for (std::size_t i = 0; i < x.sheets.size(); ++i) {
    EXPECT_EQ(x.sheets[i].name, y.sheets[i].name);
    ASSERT_EQ(x.sheets[i].cells.size(), y.sheets[i].cells.size()) << x.sheets[i].name;
    for (const auto& [at, c] : x.sheets[i].cells) {
      const io::XlsxCell* d = y.sheets[i].at(at.first, at.second);
      ASSERT_NE(d, nullptr) << x.sheets[i].name << " " << cell(at.first, at.second);
      EXPECT_EQ(c.text, d->text) << x.sheets[i].name << " " << cell(at.first, at.second);
      ++cells;
    }
  }
  EXPECT_GT(cells, 100u);
  // And the figures are there: the lines' total under Regels (column S) is what Voortgang has
  // realised by June 2028 (row 18: January 2027 is row 1), the month of the as-of day.
  const io::XlsxSheet* lines = y.sheet("Regels");
  const io::XlsxSheet* progress = y.sheet("Voortgang");
  ASSERT_TRUE(lines && progress);
  int total_row = static_cast<int>(real.lines.size()) + 1;
  EXPECT_EQ(lines->rows(), total_row + 1);
  ASSERT_TRUE(lines->at(total_row, 18) && progress->at(18, 1));
  EXPECT_NE(lines->at(total_row, 18)->text, "0");
  EXPECT_EQ(progress->at(18, 1)->text, lines->at(total_row, 18)->text);
}

}  // namespace sroi::xlsx
