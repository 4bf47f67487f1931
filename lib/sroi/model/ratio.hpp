// SPDX-License-Identifier: EUPL-1.2
// Rounding policy: a line's exact value is a Ratio of cents; it is rounded once, half away
// from zero (what Excel's ROUND does), by sroi::scale. Totals are sums of rounded lines, so an
// Excel SUM over the lines equals the printed total.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sroi/model/message_id.hpp"
#include "sroi/model/money.hpp"

namespace sroi {

/// Exact fraction num/den, always reduced, den > 0. Operations throw sroi::Error on overflow.
class Ratio {
 public:
  constexpr Ratio() = default;
  Ratio(int64_t num, int64_t den = 1);

  int64_t num() const { return num_; }
  int64_t den() const { return den_; }
  bool is_integer() const { return den_ == 1; }

  Ratio operator+(const Ratio& o) const;
  Ratio operator-(const Ratio& o) const;
  Ratio operator*(const Ratio& o) const;
  Ratio operator/(const Ratio& o) const;
  Ratio& operator+=(const Ratio& o) { return *this = *this + o; }
  bool operator==(const Ratio& o) const { return num_ == o.num_ && den_ == o.den_; }
  std::strong_ordering operator<=>(const Ratio& o) const;

  /// "2/3", "24", "-1/2".
  std::string str() const;
  /// Decimal with up to `max_decimals` digits, trailing zeros trimmed, "…" when inexact:
  /// "0.6666…", "24", "1.5".
  std::string decimal(int max_decimals = 4) const;

 private:
  friend struct RatioAccess;  // exact arithmetic builds results it has already reduced
  int64_t num_ = 0;
  int64_t den_ = 1;
};

/// Parses "36", "18.5", "2.25", "-1" (decimal, no exponent, at most 4 decimals: the one
/// precision of every quantity). Nothing on failure, `why` set.
std::optional<Ratio> parse_decimal(std::string_view text, MsgId* why = nullptr);

/// round(cents × factor), half away from zero; 128-bit intermediate; throws on overflow.
Money scale(Money m, const Ratio& factor);
/// The same for a whole count in any unit (hours in 1/100, pixels): the one place where a
/// product is taken in 128 bits outside Ratio itself.
int64_t scale(int64_t count, const Ratio& factor);
/// count × num ÷ den (den ≠ 0) the same way, without reducing the fraction first (for loops
/// over a million lines).
int64_t scale(int64_t count, int64_t num, int64_t den);

/// Rounds an exact amount of cents half away from zero.
Money round_cents(const Ratio& exact_cents);
/// `r` rounded half away from zero to `places` decimals (0..6), exact: for showing points.
Ratio round_to(const Ratio& r, int places);
/// a ÷ b, exact when it fits in 64 bits; else rounded half away from zero to 12 decimals (for
/// showing a weighted mean; never for money).
Ratio divide_or_round(const Ratio& a, const Ratio& b);

inline Ratio min(const Ratio& a, const Ratio& b) { return b < a ? b : a; }
inline Ratio max(const Ratio& a, const Ratio& b) { return a < b ? b : a; }

}  // namespace sroi
