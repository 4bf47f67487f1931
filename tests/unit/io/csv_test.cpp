// SPDX-License-Identifier: EUPL-1.2
#include "sroi/io/csv.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sroi {

TEST(Csv, QuotedFieldsWithCommasQuotesAndNewlines) {
  std::vector<Diagnostic> problems;
  auto rows = io::parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",2,3\n", "f.csv", problems);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields[1].text, "b,c");
  EXPECT_EQ(rows[0].fields[2].text, "say \"hi\"");
  EXPECT_EQ(rows[1].fields[0].text, "x\ny");
  EXPECT_EQ(rows[1].line, 2);
  // A line break inside a value is a control character: read, but refused at its place.
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(test::en_editor(problems[0]),
            "f.csv:2:1: error: value contains a control character (U+000A at character 2)");
}

TEST(Csv, NonUtf8AndControlCharactersAreRefusedWhereTheyAre) {
  // Bytes FF FE (not UTF-8), a NUL and an ANSI escape: each at its row and column.
  std::vector<Diagnostic> problems;
  io::parse_csv(std::string("a,b\nK-\xff\xfe,1\nK-2,x\0y\n\x1b[31mred,3\n", 30), "f.csv", problems);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(test::en_editor(problems[0]), "f.csv:2:1: error: value is not valid UTF-8 (byte 3)");
  EXPECT_EQ(test::en_editor(problems[1]),
            "f.csv:3:5: error: value contains a control character (U+0000 at character 2)");
  EXPECT_EQ(test::en_editor(problems[2]),
            "f.csv:4:1: error: value contains a control character (U+001B at character 1)");
}

TEST(Csv, AProblemIsPlacedAtItsRowForPeopleAndItsCharacterForEditors) {
  // A spreadsheet user finds row 3; an editor jumps to line 3, character 5.
  std::vector<Diagnostic> problems;
  io::parse_csv(std::string("a;b\nK-1;1\nK-2;x\0y\n", 17), "fout.csv", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(test::en_at(problems[0]),
            "fout.csv, row 3: error: value contains a control character (U+0000 at character 2)");
  EXPECT_EQ(text::say(problems[0], Lang::Nl),
            "fout.csv, rij 3: fout: de waarde bevat een stuurteken (U+0000 op teken 2)");
  EXPECT_EQ(test::en_editor(problems[0]),
            "fout.csv:3:5: error: value contains a control character (U+0000 at character 2)");
}

TEST(Csv, ColumnsAreOneBasedCharacterPositions) {
  std::vector<Diagnostic> problems;
  auto rows = io::parse_csv("ab,cd,,e\n", "f.csv", problems);
  ASSERT_EQ(rows[0].fields.size(), 4u);
  EXPECT_EQ(rows[0].fields[1].column, 4);
  EXPECT_EQ(rows[0].fields[2].column, 7);
  EXPECT_EQ(rows[0].fields[3].column, 8);
}

TEST(Csv, SkipsByteOrderMarkAndBlankLines) {
  std::vector<Diagnostic> problems;
  auto rows = io::parse_csv("\xEF\xBB\xBFh1,h2\n\n1,2\n", "f.csv", problems);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields[0].text, "h1");
  EXPECT_EQ(rows[1].line, 3);
}

TEST(Csv, UnterminatedQuoteIsReportedWhereItOpens) {
  std::vector<Diagnostic> problems;
  io::parse_csv("a,b\n1,\"open\n", "f.csv", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(test::en_editor(problems[0]), "f.csv:2:3: error: unterminated quote");
}

TEST(Csv, TextAfterClosingQuoteIsAnError) {
  std::vector<Diagnostic> problems;
  io::parse_csv("\"a\"b,c\n", "f.csv", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(test::en_editor(problems[0]),
            "f.csv:1:4: error: unexpected text after a closing quote");
}

TEST(Csv, TheHeaderTellsTheSeparator) {
  // Dutch Excel saves with ';' because its decimal comma takes ','; a ';' inside quotes or a
  // comma in a later row does not count.
  EXPECT_EQ(io::detect_separator("candidate;block;start\nK-1;a,b;1-1-2027\n"), ';');
  EXPECT_EQ(io::detect_separator("candidate,block,start\n"), ',');
  EXPECT_EQ(io::detect_separator("\"a;b;c\",d\n"), ',');
  std::vector<Diagnostic> problems;
  auto rows = io::parse_csv("h1;h2\r\n\"32,5\";x\r\n;\r\n", "f.csv", problems);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(rows.size(), 2u);  // the row of empty cells (";") is left out, as a blank line
  EXPECT_EQ(rows[1].fields[0].text, "32,5");
  EXPECT_EQ(rows[1].fields[1].column, 8);
}

TEST(CsvWrite, FieldIsQuotedWithQuotesDoubled) {
  // RFC 4180: the field in quotes, a quote inside written twice; separators and line breaks
  // stay inside the quotes, so the field reads back whole.
  EXPECT_EQ(io::csv_field("Bouw B.V."), "\"Bouw B.V.\"");
  EXPECT_EQ(io::csv_field("zei \"ja\"; 32,5"), "\"zei \"\"ja\"\"; 32,5\"");
  EXPECT_EQ(io::csv_field("regel 1\nregel 2"), "\"regel 1\nregel 2\"");
  EXPECT_EQ(io::csv_field(""), "\"\"");
  std::vector<Diagnostic> problems;
  auto rows =
      io::parse_csv("a;b\n" + io::csv_field("zei \"ja\"; 32,5") + ";x\n", "t.csv", problems);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields[0].text, "zei \"ja\"; 32,5");
}

}  // namespace sroi
