// SPDX-License-Identifier: EUPL-1.2
// Input text hygiene (issue: hardening): one spelling per id, and nothing that reads as a BSN,
// in any disguise a spreadsheet or a person gives it.
#include "sroi/io/text_input.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "sroi/config/input_loader.hpp"
#include "sroi/config/toml_text.hpp"
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
    EXPECT_TRUE(holds_bsn(t)) << t;
  // Not a BSN: fails the eleven-test, too short or long, a date, an amount, a real pseudonym.
  for (const char* t : {"111222334", "1234567", "1112223334", "000000000", "K-1", "2027-014",
                        "K-2027-0001", "van 15-03-2027 tot 31-12-2027", "\xE2\x82\xAC 1.250.000,00",
                        "Bouwbedrijf Jansen (KvK 12345678)", "1.5E+08", "111222334.0"})
    EXPECT_FALSE(holds_bsn(t)) << t;
}

namespace {
std::string utf8(char32_t c) { return utf8_of(c); }
/// 111222333 written with `digit(d)` for each digit d, and `between` after the third and sixth.
template <typename F>
std::string written(F digit, const std::string& between = "") {
  std::string out;
  const std::string bsn = "111222333";
  for (std::size_t i = 0; i < bsn.size(); ++i) {
    out += digit(bsn[i] - '0');
    if (i == 2 || i == 5) out += between;
  }
  return out;
}
}  // namespace

TEST(TextInput, BsnInSpreadsheetFormsInvisibleCharactersAndOtherScripts) {
  // The disguises of issue 24, each around 111222333 (eleven-test: 66 = 6 × 11).
  auto ascii = [](int d) { return std::string(1, static_cast<char>('0' + d)); };
  std::vector<std::string> disguised = {// as spreadsheets export a number
                                        "111222333.0", "1.11222333E+08", "1,11222333E+08",
                                        "1.11222333e8", "111,222,333", "111.222.333,00",
                                        // leading zeros, inside a pseudonym or a name
                                        "0111222333", "000111222333", "K-111222333", "111222333A",
                                        "Jansen 111222333 BV",
                                        // with en dash and em dash separators
                                        written(ascii, "\u2013"), written(ascii, " \u2014 ")};
  // Invisible characters inside: zero-width space, soft hyphen, word joiner, ZWNJ, ZWJ, BOM.
  for (char32_t cf : {0x200B, 0x00AD, 0x2060, 0x200C, 0x200D, 0xFEFF, 0x202E})
    disguised.push_back(written(ascii, utf8(cf)));
  // Other digit scripts: Arabic-Indic, Persian, Devanagari, Bengali, Thai, Tamil, N'Ko,
  // mathematical bold, double-struck, sans-serif and monospace, full-width.
  for (char32_t zero : {0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x0BE6, 0x07C0, 0x1D7CE, 0x1D7D8,
                        0x1D7E2, 0x1D7F6, 0xFF10})
    disguised.push_back(written([&](int d) { return utf8(zero + static_cast<char32_t>(d)); }));
  // Superscript and circled digits (NFKC reads them as digits).
  const char32_t superscript[] = {0x2070, 0x00B9, 0x00B2, 0x00B3, 0x2074,
                                  0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
  disguised.push_back(written([&](int d) { return utf8(superscript[d]); }));
  disguised.push_back(written([](int d) { return utf8(d == 0 ? 0x24EA : 0x2460 + d - 1); }));
  for (const auto& t : disguised) EXPECT_TRUE(holds_bsn(t)) << t;
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
  EXPECT_NE(test::en(e->diagnostics()[0]).find("supplier holds something that looks like a BSN"),
            std::string::npos);
  EXPECT_NE(test::en(e->diagnostics()[1]).find("candidate looks like a BSN"), std::string::npos);
  std::string offer = write("bsn-offer.toml",
                            "region = \"utrecht\"\nsupplier = \"S\"\n[contract]\n"
                            "id = \"111-222-333\"\nvalue = \"480000\"\nstart = 2027-01-01\n"
                            "end = 2027-12-31\n");
  EXPECT_THROW(load_offer(offer), DataError);
}

TEST(TextInput, TomlFreeTextAndNamesAreSearchedButNumbersAreNumbers) {
  // Issue 24: a BSN inside a name or a note ("Jansen (K-111222333)") is refused at its place,
  // naming the key and never the number; a contract worth € 111.222.333 written as text is an
  // amount, not a BSN.
  std::string real = write("bsn-note.toml",
                           "region = \"utrecht\"\nsupplier = \"Jansen (K-111\u200b222333) BV\"\n"
                           "[contract]\nid = \"C-1\"\nvalue = \"111222333\"\nstart = 2027-01-01\n"
                           "end = 2027-12-31\n[penalty]\nnone = true\n"
                           "note = \"zie dossier 1\u2013112\u201322333\"\n");
  auto e = test::thrown<DataError>([&] { load_realisation_toml(real); });
  ASSERT_TRUE(e) << "expected DataError";
  std::vector<std::string> said;
  for (const auto& d : e->diagnostics())
    if (test::en(d).find("looks like a BSN") != std::string::npos) said.push_back(test::en_at(d));
  ASSERT_EQ(said.size(), 2u) << (said.empty() ? "" : said[0]);
  EXPECT_NE(said[0].find("bsn-note.toml:2:"), std::string::npos) << said[0];
  EXPECT_NE(said[0].find("supplier holds"), std::string::npos) << said[0];
  EXPECT_NE(said[1].find("note holds"), std::string::npos) << said[1];
  for (const auto& s : said) EXPECT_EQ(s.find("222"), std::string::npos) << s;
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

TEST(TomlText, StringsAreEscapedAsTomlRequires) {
  // toml++'s writer: quote and backslash escaped, control characters as \uXXXX or their short
  // escape, a line break as \n (one line), UTF-8 left as it is.
  EXPECT_EQ(config::toml_string("Bouw B.V."), "\"Bouw B.V.\"");
  EXPECT_EQ(config::toml_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(config::toml_string("x\x01y\x7f"), "\"x\\u0001y\\u007F\"");
  EXPECT_EQ(config::toml_string("één\ttwee\ndrie"), "\"één\\ttwee\\ndrie\"");
}

}  // namespace sroi::config
