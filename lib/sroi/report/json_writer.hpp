// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

namespace sroi {

/// Streams pretty-printed JSON (2-space indent), so that a million-line export needs no tree in
/// memory: the writer lays out the structure, nlohmann-json encodes every string and number
/// (escaping, UTF-8). Keys and values are written in call order; misuse (a value where a key
/// belongs) is a programming error and asserts.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}
  ~JsonWriter();

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(int64_t n);
  JsonWriter& value(int n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(bool b);
  JsonWriter& null();
  /// A number given as decimal text ("36", "18.5"); text that is not a number is written as a
  /// string, so the output always parses.
  JsonWriter& number(std::string_view decimal_text);

 private:
  struct Level {
    bool object;
    int count;
  };
  void before_value();
  void newline();
  void write_string(std::string_view s);
  std::ostream& out_;
  std::vector<Level> stack_;
  bool after_key_ = false;
};

}  // namespace sroi
