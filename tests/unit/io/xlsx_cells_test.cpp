// SPDX-License-Identifier: EUPL-1.2
#include "sroi/io/xlsx_cells.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>

#include "sroi/xlsx/workbook.hpp"
#include "test_support.hpp"

namespace sroi::io {
namespace fs = std::filesystem;
namespace {

std::string temp_path(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / "sroi-xlsx-cells-test";
  fs::create_directories(dir);
  fs::path p = dir / name;
  fs::remove(p);
  return p.string();
}

/// A zip archive of the given parts, written with libzip (as a crafted file would be).
std::string zip_of(const std::string& name,
                   const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string path = temp_path(name);
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr);
  for (const auto& [part, text] : parts) {
    zip_source_t* s = zip_source_buffer(z, text.data(), text.size(), 0);
    EXPECT_GE(zip_file_add(z, part.c_str(), s, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(z), 0);
  return path;
}

const std::string kWorkbook =
    "<?xml version=\"1.0\"?><workbook xmlns:r=\"r\"><sheets><sheet name=\"Blad1\" sheetId=\"1\" "
    "r:id=\"rId1\"/></sheets></workbook>";
const std::string kRels =
    "<?xml version=\"1.0\"?><Relationships><Relationship Id=\"rId1\" "
    "Target=\"worksheets/sheet1.xml\"/></Relationships>";

std::string said(const std::string& path) {
  auto e = test::thrown<DataError>([&] { read_xlsx(path); });
  return e ? test::said(*e) : "";
}

}  // namespace

// What our own writer writes reads back: texts (also one that looks like a formula), numbers,
// a day as its day number, a formula by its saved result, on the right sheets.
TEST(XlsxCells, ReadsWhatTheWriterWrote) {
  std::string path = temp_path("round.xlsx");
  {
    xlsx::Workbook wb(path, xlsx::Overwrite::Replace, xlsx::Rows::AnyOrder);
    xlsx::Sheet& a = wb.add_sheet("Regels");
    a.text(0, 0, "Kandidaat");
    a.text(11, 1, "=1+1");
    a.number(2, 2, 32.5);
    a.date(3, 3, Date{2027, 3, 1});
    a.formula(4, 4, "SUM(C3:C3)", 32.5);
    xlsx::Sheet& b = wb.add_sheet("Two words");
    b.text(0, 0, "tweede blad");
    wb.close();
  }
  XlsxBook book = read_xlsx(path);
  ASSERT_EQ(book.sheets.size(), 2u);
  const XlsxSheet* s = book.sheet("Regels");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->at(0, 0)->text, "Kandidaat");
  EXPECT_EQ(s->at(11, 1)->text, "=1+1");
  EXPECT_EQ(s->at(11, 1)->kind, XlsxCell::Kind::Text);
  EXPECT_EQ(s->at(2, 2)->text, "32.5");
  EXPECT_EQ(s->at(2, 2)->kind, XlsxCell::Kind::Number);
  // 1 March 2027 is day 46447 of the 1900 system.
  EXPECT_EQ(s->at(3, 3)->text, "46447");
  EXPECT_EQ(day_from_serial(s->at(3, 3)->text, book.date1904), (Date{2027, 3, 1}));
  EXPECT_EQ(s->at(4, 4)->text, "32.5");
  EXPECT_EQ(s->at(1, 1), nullptr);
  EXPECT_EQ(s->rows(), 12);
  EXPECT_EQ(book.sheet("Two words")->at(0, 0)->text, "tweede blad");
  EXPECT_EQ(book.sheet("Missing"), nullptr);
}

// Where a cell is, as a spreadsheet names it; a sheet name with spaces or quotes is quoted.
TEST(XlsxCells, LocationsNameTheCell) {
  EXPECT_EQ(cell_location("F.xlsx", "Regels", 11, 1).str(), "F.xlsx:Regels!B12");
  EXPECT_EQ(cell_location("F.xlsx", "Two words", 0, 0).str(), "F.xlsx:'Two words'!A1");
  EXPECT_EQ(cell_location("F.xlsx", "It's", 0, 27).str(), "F.xlsx:'It''s'!AB1");
}

// Day numbers: 1 is 1-1-1900; 60 is the 29th of February 1900 that never was; from 61 on a
// day is its number of days after 30-12-1899. The 1904 system counts from 1-1-1904.
TEST(XlsxCells, DayNumbers) {
  EXPECT_EQ(day_from_serial("1", false), (Date{1900, 1, 1}));
  EXPECT_EQ(day_from_serial("59", false), (Date{1900, 2, 28}));
  EXPECT_FALSE(day_from_serial("60", false));
  EXPECT_EQ(day_from_serial("61", false), (Date{1900, 3, 1}));
  EXPECT_EQ(day_from_serial("46023", false), (Date{2026, 1, 1}));
  EXPECT_EQ(day_from_serial("0", true), (Date{1904, 1, 1}));
  EXPECT_FALSE(day_from_serial("46023.5", false));  // a time of day is not a day
  EXPECT_FALSE(day_from_serial("-3", false));
  EXPECT_FALSE(day_from_serial("abc", false));
}

// Numbers as a spreadsheet saves them become the plain text the typed-input readers take.
TEST(XlsxCells, PlainNumbers) {
  EXPECT_EQ(plain_number("32.5", 6), "32.5");
  EXPECT_EQ(plain_number("1250000", 6), "1250000");
  EXPECT_EQ(plain_number("1E-3", 6), "0.001");
  EXPECT_EQ(plain_number("3.3333333333333299", 6), "3.333333");  // float noise dropped
  EXPECT_EQ(plain_number("-0.0000001", 6), "0");
  EXPECT_FALSE(plain_number("abc", 6));
  EXPECT_FALSE(plain_number("1e999", 6));
}

// Hostile or broken files end in one clear problem at the file, never a crash.
TEST(XlsxCells, RefusesWhatIsNotAWorkbook) {
  std::string text = temp_path("text.xlsx");
  std::ofstream(text) << "candidate,block\n";
  EXPECT_NE(said(text).find("is not an Excel workbook (.xlsx)"), std::string::npos) << said(text);

  std::string empty = zip_of("empty.xlsx", {{"hello.txt", "hi"}});
  EXPECT_EQ(said(empty), empty +
                             ": error: the workbook lacks its part xl/workbook.xml; save it "
                             "again as an Excel workbook (.xlsx)");

  std::string bad = zip_of("bad.xlsx", {{"xl/workbook.xml", "<workbook><sheets>"}});
  EXPECT_NE(said(bad).find("part xl/workbook.xml of the workbook is not well-formed XML"),
            std::string::npos)
      << said(bad);
}

// Entity expansion ("billion laughs") needs a DOCTYPE: any DOCTYPE is refused before a single
// entity is read.
TEST(XlsxCells, RefusesDoctypes) {
  std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
      "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><sst><si><t>&lol2;</t></si></sst>";
  std::string path = zip_of("laughs.xlsx", {{"xl/workbook.xml", kWorkbook},
                                            {"xl/_rels/workbook.xml.rels", kRels},
                                            {"xl/sharedStrings.xml", laughs},
                                            {"xl/worksheets/sheet1.xml", "<worksheet/>"}});
  EXPECT_EQ(said(path), path +
                            ": error: part xl/sharedStrings.xml of the workbook holds a "
                            "DOCTYPE declaration; a workbook never does, so the file is "
                            "refused");
}

// A part that unpacks to more than the limit (a zip bomb: 65 MB of zeros pack into a few
// hundred kilobytes) is refused while it is unpacked.
TEST(XlsxCells, RefusesAZipBomb) {
  std::string zeros(kMaxXlsxPartBytes + 1, '0');
  std::string path = zip_of("bomb.xlsx", {{"xl/workbook.xml", kWorkbook},
                                          {"xl/_rels/workbook.xml.rels", kRels},
                                          {"xl/worksheets/sheet1.xml", zeros}});
  EXPECT_LT(fs::file_size(path), kMaxXlsxBytes);
  EXPECT_EQ(said(path), path +
                            ": error: part xl/worksheets/sheet1.xml of the workbook unpacks "
                            "to more than 64 MB; a filled-in workbook is never that large");
}

// A cell reference outside the sheet's grid is named, not trusted.
TEST(XlsxCells, RefusesImpossibleCells) {
  std::string sheet =
      "<worksheet><sheetData><row r=\"1\"><c r=\"ZZZZ1\" t=\"inlineStr\"><is><t>x</t></is></c>"
      "</row></sheetData></worksheet>";
  std::string path = zip_of("cells.xlsx", {{"xl/workbook.xml", kWorkbook},
                                           {"xl/_rels/workbook.xml.rels", kRels},
                                           {"xl/worksheets/sheet1.xml", sheet}});
  EXPECT_EQ(said(path), path +
                            ": error: part xl/worksheets/sheet1.xml of the workbook names a "
                            "cell that does not exist: 'ZZZZ1'");
}

// Inline strings, shared strings with rich text runs (a phonetic guide left out), booleans and
// error values, and cells without a reference (placed after the one before).
TEST(XlsxCells, ReadsEveryKindOfCell) {
  std::string shared =
      "<sst><si><t>plain</t></si><si><r><t>ri</t></r><r><t>ch</t></r><rPh><t>x</t></rPh></si>"
      "</sst>";
  std::string sheet =
      "<worksheet><sheetData><row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v>"
      "</c><c r=\"D2\" t=\"b\"><v>1</v></c><c r=\"E2\" t=\"e\"><v>#N/A</v></c><c r=\"F2\" "
      "t=\"str\"><f>A2</f><v>plain</v></c><c r=\"G2\" t=\"s\"><v>9</v></c></row></sheetData>"
      "</worksheet>";
  std::string path = zip_of("kinds.xlsx", {{"xl/workbook.xml", kWorkbook},
                                           {"xl/_rels/workbook.xml.rels", kRels},
                                           {"xl/sharedStrings.xml", shared},
                                           {"xl/worksheets/sheet1.xml", sheet}});
  XlsxBook book = read_xlsx(path);
  const XlsxSheet& s = book.sheets.at(0);
  EXPECT_EQ(s.name, "Blad1");
  EXPECT_EQ(s.at(1, 0)->text, "plain");
  EXPECT_EQ(s.at(1, 1)->text, "rich");
  EXPECT_EQ(s.at(1, 3)->text, "TRUE");
  EXPECT_EQ(s.at(1, 4)->kind, XlsxCell::Kind::Error);
  EXPECT_EQ(s.at(1, 4)->text, "#N/A");
  EXPECT_EQ(s.at(1, 5)->text, "plain");
  EXPECT_EQ(s.at(1, 6), nullptr);  // a shared string that does not exist: empty
}

}  // namespace sroi::io
