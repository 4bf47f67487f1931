// SPDX-License-Identifier: EUPL-1.2
// Input text hygiene (issue: hardening): one spelling per id, and nothing that reads as a BSN,
// in any disguise a spreadsheet or a person gives it.
#include "sroi/io/text_input.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "sroi/config/input_loader.hpp"
#include "test_support.hpp"

namespace sroi::config {
using namespace io;  // the text checks now live in lib/sroi/io

TEST(TextInput, BsnInEveryDisguiseIsRecognised) {
  // 111222333 passes the eleven-test: 1×9+1×8+1×7+2×6+2×5+2×4+3×3+3×2−3 = 66 = 6 × 11.
  // 012345672 passes too (0+8+14+18+20+20+18+14−2 = 110); Excel shows it as 12345672.
  for (const char* t : {"111222333", "12345672", "111 222 333", "111.222.333", "111-222-333",
                        " 111222333", "111222333 ", "NL111222333", "'111222333", "+111222333",
                        "bsn 111222333", "BSN: 111.222.333",
                        "\xEF\xBC\x91\xEF\xBC\x91\xEF\xBC\x91"
                        "\xEF\xBC\x92\xEF\xBC\x92\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x93\xEF\xBC\x93",
                        "\xC2\xA0"
                        "111222333"})
    EXPECT_TRUE(reads_as_bsn(t)) << t;
  // Not a BSN: fails the eleven-test, too short or long, or a real pseudonym.
  for (const char* t :
       {"111222334", "1234567", "1112223334", "K-111222333", "000000000", "K-1", "2027-014"})
    EXPECT_FALSE(reads_as_bsn(t)) << t;
}

TEST(TextInput, IdsHaveOneSpelling) {
  EXPECT_EQ(normalise_id("K-1 "), "K-1");
  EXPECT_EQ(normalise_id("\xC2\xA0K-1\xE3\x80\x80"), "K-1");               // no-break, ideographic
  EXPECT_EQ(normalise_id("\xEF\xBC\xAB\xEF\xBC\x8D\xEF\xBC\x91"), "K-1");  // full-width K-1
  EXPECT_EQ(normalise_id("K 1"), "K 1");
}

TEST(TextInput, IdsLoseWhatChangesTheirLookUnseen) {
  // A right-to-left override (U+202E) would show "K-1000" as something else in a register or
  // a workbook; a zero-width space, word joiner or soft hyphen makes two ids that look the
  // same differ. Each is a format character (Unicode category Cf) and is taken out.
  EXPECT_EQ(normalise_id("K-\u202E0001"), "K-0001");
  EXPECT_EQ(normalise_id("K-\u200B1"), "K-1");
  EXPECT_EQ(normalise_id("K-\u20601"), "K-1");
  EXPECT_EQ(normalise_id("K-\u00AD1"), "K-1");
  // NFKC: superscript and circled digits, the ligature "ﬁ", read as their plain forms.
  EXPECT_EQ(normalise_id("K-\u00B9\u2461"), "K-12");
  EXPECT_EQ(normalise_id("\uFB01x"), "fix");
  // Letters of other scripts stay themselves.
  EXPECT_EQ(normalise_id("Ä-\u03A9"), "Ä-\u03A9");
}

TEST(TextInput, Utf8AndControlCharacters) {
  EXPECT_EQ(test::en(text_problem("Bouwbedrijf Ä BV")), "");
  EXPECT_EQ(test::en(text_problem("\xff\xfe")), "is not valid UTF-8 (byte 1)");
  EXPECT_EQ(test::en(text_problem("ab\xC0\xAF")), "is not valid UTF-8 (byte 3)");  // overlong '/'
  EXPECT_EQ(test::en(text_problem("a\tb")), "contains a control character (U+0009 at character 2)");
  EXPECT_EQ(test::en(text_problem("x\xC2\x9B")),
            "contains a control character (U+009B at character 2)");
}

namespace {
std::string write(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}
}  // namespace

TEST(TextInput, ACandidateThatASpreadsheetWouldRunIsRefusedAtItsPlace) {
  // OWASP CSV injection: a cell starting with = + - or @ is a formula to Excel; a pseudonym
  // never starts so. R-1 (a dash inside) stays a pseudonym.
  std::string csv = "candidate,block,start,end,hours_per_week\n";
  std::vector<std::string> bad = {"=HYPERLINK(\"\"http://x\"\")", "+K1", "-K1", "@SUM(A1)"};
  for (const auto& b : bad) csv += "\"" + b + "\",nug,2027-01-01,2027-06-30,36\n";
  csv += "R-1,nug,2027-01-01,2027-06-30,36\n";
  std::vector<Diagnostic> problems;
  auto lines = realisation_lines_from_csv(csv, "formula.csv", problems);
  ASSERT_EQ(problems.size(), bad.size());
  for (std::size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(problems[i].where.line, static_cast<int>(i + 2));
    EXPECT_NE(test::en(problems[i]).find("Excel reads that as a formula"), std::string::npos)
        << test::en(problems[i]);
  }
}

TEST(TextInput, EveryDisguiseIsRefusedInACsvRealisationAtItsPlace) {
  std::string csv = "candidate,block,start,end,hours_per_week\n";
  std::vector<std::string> bad = {"12345672",   "111 222 333", "111.222.333", "111-222-333",
                                  " 111222333", "NL111222333", "'111222333",  "+111222333"};
  for (const auto& b : bad) csv += "\"" + b + "\",nug,2027-01-01,2027-06-30,36\n";
  std::vector<Diagnostic> problems;
  realisation_lines_from_csv(csv, "bsn.csv", problems);
  ASSERT_EQ(problems.size(), bad.size());
  for (std::size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(problems[i].where.line, static_cast<int>(i + 2));
    EXPECT_NE(test::en(problems[i]).find("looks like a BSN"), std::string::npos);
    // The value itself is never repeated in the message.
    EXPECT_EQ(test::en(problems[i]).find("111"), std::string::npos);
  }
}

TEST(TextInput, TomlRealisationAndOfferRefuseBsnAnywhere) {
  std::string real = write("bsn-real.toml",
                           "region = \"utrecht\"\nsupplier = \"111.222.333\"\n"
                           "[contract]\nid = \"C-1\"\nvalue = \"480000\"\nstart = 2027-01-01\n"
                           "end = 2027-12-31\n[[line]]\ncandidate = \"NL111222333\"\n"
                           "block = \"ww\"\nstart = 2027-01-01\nend = 2027-06-30\n"
                           "hours_per_week = 18\n");
  auto e = test::thrown<DataError>([&] { load_realisation_toml(real); });
  ASSERT_TRUE(e) << "expected DataError";
  ASSERT_EQ(e->diagnostics().size(), 2u);
  EXPECT_NE(test::en(e->diagnostics()[0]).find("supplier looks like a BSN"), std::string::npos);
  EXPECT_NE(test::en(e->diagnostics()[1]).find("candidate looks like a BSN"), std::string::npos);
  std::string offer = write("bsn-offer.toml",
                            "region = \"utrecht\"\nsupplier = \"S\"\n[contract]\n"
                            "id = \"111-222-333\"\nvalue = \"480000\"\nstart = 2027-01-01\n"
                            "end = 2027-12-31\n");
  EXPECT_THROW(load_offer(offer), DataError);
}

TEST(TextInput, TrailingSpaceIsTheSamePersonForTheFullTimeCap) {
  // "K-1" and "K-1 " are one person: their 36 h + 36 h share one week.
  auto lines = realisation_lines_from_csv(
      "candidate,block,start,end,hours_per_week\nK-1,ww,2027-01-01,2027-12-31,36\n"
      "\"K-1 \",ww,2027-01-01,2027-12-31,30\n",
      "k.csv");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].candidate, lines[1].candidate);
}

TEST(TextInput, TomlStringsWithControlCharactersAreRefused) {
  std::string offer = write("ctl-offer.toml",
                            "region = \"utrecht\"\nsupplier = \"S\\u001b[31m\"\n[contract]\n"
                            "id = \"C-1\"\nvalue = \"480000\"\nstart = 2027-01-01\n"
                            "end = 2027-12-31\n");
  auto e = test::thrown<DataError>([&] { load_offer(offer); });
  ASSERT_TRUE(e) << "expected DataError";
  EXPECT_EQ(test::en_at(e->diagnostics().at(0)),
            offer +
                ":2:12: error: 'supplier' contains a control character (U+001B at "
                "character 2)");
}

}  // namespace sroi::config
