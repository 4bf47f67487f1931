// SPDX-License-Identifier: EUPL-1.2
// The portal's small pieces that keep it safe: Html (text only escaped, markup only from the
// program's literals), cookies read from the header, the --listen address, and the names of
// uploaded files.
#include "sroi/portal/html.hpp"

#include <gtest/gtest.h>

#include <string>
#include <type_traits>

#include "sroi/portal/server.hpp"

namespace sroi::portal {

// Markup comes from string literals only: a std::string, a string_view or a char pointer
// (say from a request) does not become Html without Html::text.
static_assert(std::is_convertible_v<const char (&)[4], Html>);
static_assert(!std::is_convertible_v<std::string, Html>);
static_assert(!std::is_convertible_v<std::string_view, Html>);
static_assert(!std::is_convertible_v<const char*, Html>);

TEST(Html, TextIsEscapedForContentAndAttributes) {
  EXPECT_EQ(Html::text("<script>alert('x')</script> & \"y\"").str(),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
  EXPECT_EQ(Html::text("Gemeente Zwolle — € 1.250,00").str(), "Gemeente Zwolle — € 1.250,00");
  EXPECT_EQ(("<p>" + Html::text("a<b") + "</p>").str(), "<p>a&lt;b</p>");
}

TEST(Html, SharedPiecesEscapeWhatTheyAreGiven) {
  EXPECT_EQ(link("/contracts/A\"B", Html::text("<i>")).str(),
            "<a href=\"/contracts/A&quot;B\">&lt;i&gt;</a>");
  EXPECT_EQ(option("x\"><script>", Html::text("x")).str(),
            "<option value=\"x&quot;&gt;&lt;script&gt;\">x</option>");
  EXPECT_EQ(hidden("csrf", "a\"b").str(),
            "<input type=\"hidden\" name=\"csrf\" value=\"a&quot;b\">");
  EXPECT_EQ(para(Html::text("t"), "risk").str(), "<p class=\"risk\">t</p>");
  EXPECT_EQ(bullets({Html::text("1"), Html::text("<2>")}).str(),
            "<ul><li>1</li><li>&lt;2&gt;</li></ul>");
  EXPECT_EQ(row({cell("a"), figure_cell(Html::number(-12))}).str(),
            "<tr><td>a</td><td class=\"n\">-12</td></tr>");
}

TEST(Cookies, OnlyTheNamedCookieAndNoPrefixMatch) {
  httplib::Request req;
  req.headers.emplace("Cookie", "xsroi_session=evil; sroi_session=abc;  sroi_lang=en");
  EXPECT_EQ(cookie(req, "sroi_session"), "abc");
  EXPECT_EQ(cookie(req, "sroi_lang"), "en");
  EXPECT_EQ(cookie(req, "sroi_form"), "");
}

TEST(Listen, AddressAndPortOrNothing) {
  EXPECT_EQ(parse_listen("127.0.0.1:8080"), std::make_pair(std::string("127.0.0.1"), 8080));
  EXPECT_EQ(parse_listen("[::1]:443"), std::make_pair(std::string("::1"), 443));
  EXPECT_FALSE(parse_listen("127.0.0.1"));
  EXPECT_FALSE(parse_listen("127.0.0.1:0"));
  EXPECT_FALSE(parse_listen("127.0.0.1:65536"));
  EXPECT_FALSE(parse_listen("127.0.0.1:80x"));
  EXPECT_FALSE(parse_listen(":8080"));
}

TEST(FileNames, OnlyTheLastPartWithSafeCharacters) {
  EXPECT_EQ(clean_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(clean_file_name("C:\\Users\\x\\realisatie q3.csv"), "realisatie_q3.csv");
  EXPECT_EQ(clean_file_name(".bashrc"), "_.bashrc");
  EXPECT_EQ(clean_file_name("a\x1b[31m\n.csv"), "a__31m_.csv");
  EXPECT_EQ(clean_file_name(""), "_");
  EXPECT_EQ(clean_file_name("<script>.csv"), "_script_.csv");
}

TEST(GateAddresses, WrittenOneWay) {
  EXPECT_EQ(address_text("::0001"), "::1");
  EXPECT_EQ(address_text("10.0.0.5"), "10.0.0.5");
  EXPECT_FALSE(address_text("10.0.0.256"));
  EXPECT_FALSE(address_text("proxy.example.nl"));
}

}  // namespace sroi::portal
