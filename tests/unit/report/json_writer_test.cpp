// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/json_writer.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace sroi {

TEST(JsonWriter, NestedObjectsAndArrays) {
  std::ostringstream out;
  {
    JsonWriter j(out);
    j.begin_object();
    j.key("a").value(int64_t{1});
    j.key("b").begin_array().value("x").value(true).null().end_array();
    j.key("c").begin_object().end_object();
    j.key("n").number("18.5");
    j.end_object();
  }
  EXPECT_EQ(out.str(),
            "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    true,\n    null\n  ],\n  \"c\": {},\n"
            "  \"n\": 18.5\n}\n");
}

TEST(JsonWriter, EscapesStrings) {
  std::ostringstream out;
  {
    JsonWriter j(out);
    j.value(std::string_view("q\"b\\n\nt\t\x01 €"));
  }
  EXPECT_EQ(out.str(), "\"q\\\"b\\\\n\\nt\\t\\u0001 €\"\n");
}

}  // namespace sroi

namespace sroi {

TEST(JsonWriter, AlwaysParsesWhateverItIsGiven) {
  // Bytes that are not UTF-8 (FF FE), a NUL, a C1 control and a number that is not one
  // ("3.3333…", what a non-terminating decimal once printed): the output must still parse, and
  // the valid text must come back unchanged.
  std::ostringstream out;
  {
    JsonWriter j(out);
    j.begin_object();
    j.key("bad").value(std::string_view("K-\xff\xfe", 4));
    j.key("nul").value(std::string_view("a\0b", 3));
    j.key("c1").value("x\xC2\x9By");
    j.key("euro").value("€ 1.250,00");
    j.key("pct").number("3.3333…");
    j.key("hours").number("20.1234");
    j.end_object();
  }
  nlohmann::json v = nlohmann::json::parse(out.str());  // throws on invalid JSON
  EXPECT_EQ(v["nul"], std::string("a\0b", 3));
  EXPECT_EQ(v["euro"], "€ 1.250,00");
  EXPECT_EQ(v["pct"], "3.3333…");
  EXPECT_DOUBLE_EQ(v["hours"].get<double>(), 20.1234);
  EXPECT_EQ(v["bad"], "K-\xEF\xBF\xBD\xEF\xBF\xBD");  // each bad byte a replacement character
}

}  // namespace sroi
