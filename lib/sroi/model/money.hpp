// SPDX-License-Identifier: EUPL-1.2
// Money is exact: integer euro cents in an int64_t. There is deliberately no constructor from
// double. Arithmetic is overflow-checked. Multiplying by a fraction goes through sroi::scale
// (ratio.hpp), the single place that rounds.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sroi/model/message_id.hpp"

namespace sroi {

class Money {
 public:
  constexpr Money() = default;
  /// Exact amount of cents.
  static constexpr Money cents(int64_t c) { return Money(c); }
  /// Whole euros; throws sroi::Error on overflow.
  static Money euros(int64_t e);

  constexpr int64_t cents() const { return cents_; }
  constexpr bool is_zero() const { return cents_ == 0; }
  constexpr bool is_negative() const { return cents_ < 0; }

  /// Overflow-checked; throws sroi::Error.
  Money operator+(Money o) const;
  Money operator-(Money o) const;
  Money& operator+=(Money o) { return *this = *this + o; }
  /// A count of this amount (persons); overflow-checked, throws sroi::Error.
  Money operator*(int64_t n) const;
  Money operator-() const { return Money(0) - *this; }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(int64_t c) : cents_(c) {}
  int64_t cents_ = 0;
};

/// Parses "1250000", "1250000.5", "1250000.50", "-3.10". At most two decimals, no grouping,
/// no exponent. Returns nothing and sets `why` on failure.
std::optional<Money> parse_money(std::string_view text, MsgId* why = nullptr);

/// Dutch display: "€ 13.333,33", "€ -5,00".
std::string format_eur(Money m);
/// A whole number with its digits in groups of three: 10000 with '.' is "10.000".
std::string digits_grouped(uint64_t whole, char separator);
/// Plain decimal with a point: "13333.33", "-5.00" (machine output).
std::string format_plain(Money m);

}  // namespace sroi
