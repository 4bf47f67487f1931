// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/store: the JSON the register writes (an audit entry's facts, a list of
// ids bound to one statement parameter), made by nlohmann-json in facts.cpp so that the
// store's other files do not compile it.
#pragma once

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sroi::store {

/// One value of an audit entry's facts: a text, a whole number or yes/no.
class Fact {
 public:
  enum class Kind { Text, Number, YesNo };
  Fact(std::string_view text) : kind_(Kind::Text), text_(text) {}
  Fact(const char* text) : kind_(Kind::Text), text_(text) {}
  Fact(const std::string& text) : kind_(Kind::Text), text_(text) {}
  Fact(bool yes) : kind_(Kind::YesNo), number_(yes ? 1 : 0) {}
  template <std::integral T>
  requires(!std::same_as<T, bool>) Fact(T n)
      : kind_(Kind::Number), number_(static_cast<std::int64_t>(n)) {}

  Kind kind() const { return kind_; }
  const std::string& text() const { return text_; }
  std::int64_t number() const { return number_; }

 private:
  Kind kind_;
  std::string text_;
  std::int64_t number_ = 0;
};

/// An audit entry's detail: facts as a JSON object ({"rows": 4, "supplier": "…"}), never a
/// sentence, so that any edge can word it in its language and tools can read it.
std::string facts(std::initializer_list<std::pair<const char*, Fact>> fields);

/// Ids as one JSON array, for the `text_list` parameter of a statement (IN one bound list).
std::string json_list(const std::vector<std::string>& ids);

}  // namespace sroi::store
