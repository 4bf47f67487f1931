// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/json_writer.hpp"

#include <gtest/gtest.h>

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
