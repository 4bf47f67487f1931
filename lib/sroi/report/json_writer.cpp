// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/json_writer.hpp"

#include <cassert>
#include <nlohmann/json.hpp>

namespace sroi {

JsonWriter::~JsonWriter() {
  if (stack_.empty()) out_ << '\n';
}

void JsonWriter::newline() {
  out_ << '\n';
  for (std::size_t i = 0; i < stack_.size(); ++i) out_ << "  ";
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  assert(!stack_.back().object);
  if (stack_.back().count++ > 0) out_ << ',';
  newline();
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ << '{';
  stack_.push_back({true, 0});
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  bool any = stack_.back().count > 0;
  stack_.pop_back();
  if (any) newline();
  out_ << '}';
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ << '[';
  stack_.push_back({false, 0});
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  bool any = stack_.back().count > 0;
  stack_.pop_back();
  if (any) newline();
  out_ << ']';
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  assert(!stack_.empty() && stack_.back().object);
  if (stack_.back().count++ > 0) out_ << ',';
  newline();
  write_string(k);
  out_ << ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  write_string(s);
  return *this;
}

JsonWriter& JsonWriter::value(int64_t n) {
  before_value();
  out_ << n;
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  out_ << (b ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ << "null";
  return *this;
}

JsonWriter& JsonWriter::number(std::string_view decimal_text) {
  before_value();
  // Encoded by nlohmann-json: a valid number is written as the number it is; anything else
  // (never expected) as a string, so that the output always parses.
  nlohmann::json v = nlohmann::json::parse(decimal_text, nullptr, /*allow_exceptions=*/false);
  if (v.is_number())
    out_ << v.dump();
  else
    write_string(decimal_text);
  return *this;
}

void JsonWriter::write_string(std::string_view s) {
  // nlohmann-json escapes quotes, backslashes and control characters, and replaces bytes that
  // are not UTF-8 (which input checks already refuse) so the output is always valid JSON.
  out_ << nlohmann::json(std::string(s))
              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace sroi
