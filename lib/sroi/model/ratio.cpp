// SPDX-License-Identifier: EUPL-1.2
#include "sroi/model/ratio.hpp"

#include <limits>

#include "sroi/error.hpp"
#include "sroi/msg/model.hpp"
#include "sroi/msg/parsing.hpp"

namespace sroi {

/// Builds a Ratio from a numerator and denominator already in lowest terms (den > 0), without
/// reducing them a second time.
struct RatioAccess {
  static Ratio reduced(int64_t num, int64_t den) {
    Ratio r;
    r.num_ = num;
    r.den_ = den;
    return r;
  }
};

namespace {

__extension__ typedef __int128 i128;

i128 gcd128(i128 a, i128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

int64_t narrow(i128 v) {
  if (v > std::numeric_limits<int64_t>::max() || v < std::numeric_limits<int64_t>::min())
    throw Error(msg(Msg::ExactOutOfRange));
  return static_cast<int64_t>(v);
}

/// Greatest common divisor; 64-bit when the values allow (much faster than 128-bit division).
i128 gcd_any(i128 a, i128 b) {
  constexpr i128 k64 = std::numeric_limits<int64_t>::max();
  if (a <= k64 && a >= -k64 && b <= k64 && b >= -k64) {
    uint64_t x = static_cast<uint64_t>(a < 0 ? -a : a), y = static_cast<uint64_t>(b < 0 ? -b : b);
    while (y != 0) {
      uint64_t t = x % y;
      x = y;
      y = t;
    }
    return static_cast<i128>(x);
  }
  return gcd128(a, b);
}

Ratio make(i128 num, i128 den) {
  if (den == 0) throw Error(msg(Msg::ExactDivisionByZero));
  if (den < 0) {
    num = -num;
    den = -den;
  }
  i128 g = gcd_any(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  return RatioAccess::reduced(narrow(num), narrow(den));
}

}  // namespace

Ratio::Ratio(int64_t num, int64_t den) {
  if (den == 1) {  // whole numbers are already reduced
    num_ = num;
    return;
  }
  if (den == 0) throw Error(msg(Msg::ExactDivisionByZero));
  i128 n = num, d = den;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  i128 g = gcd_any(n, d);
  if (g > 1) {
    n /= g;
    d /= g;
  }
  num_ = narrow(n);
  den_ = narrow(d);
}

Ratio Ratio::operator+(const Ratio& o) const {
  if (den_ == 1 && o.den_ == 1) return Ratio(narrow(i128(num_) + o.num_));
  if (den_ == o.den_) return make(i128(num_) + o.num_, den_);
  return make(i128(num_) * o.den_ + i128(o.num_) * den_, i128(den_) * o.den_);
}
Ratio Ratio::operator-(const Ratio& o) const {
  if (den_ == 1 && o.den_ == 1) return Ratio(narrow(i128(num_) - o.num_));
  return make(i128(num_) * o.den_ - i128(o.num_) * den_, i128(den_) * o.den_);
}
Ratio Ratio::operator*(const Ratio& o) const {
  if (den_ == 1 && o.den_ == 1) return Ratio(narrow(i128(num_) * o.num_));
  return make(i128(num_) * o.num_, i128(den_) * o.den_);
}
Ratio Ratio::operator/(const Ratio& o) const {
  return make(i128(num_) * o.den_, i128(den_) * o.num_);
}
std::strong_ordering Ratio::operator<=>(const Ratio& o) const {
  i128 l = i128(num_) * o.den_, r = i128(o.num_) * den_;
  return l < r ? std::strong_ordering::less
               : (l > r ? std::strong_ordering::greater : std::strong_ordering::equal);
}

std::string Ratio::str() const {
  return den_ == 1 ? std::to_string(num_) : std::to_string(num_) + "/" + std::to_string(den_);
}

std::string Ratio::decimal(int max_decimals) const {
  i128 n = num_;
  bool neg = n < 0;
  if (neg) n = -n;
  i128 whole = n / den_, rem = n % den_;
  std::string out = (neg ? "-" : "") + std::to_string(static_cast<int64_t>(whole));
  if (rem == 0) return out;
  out += '.';
  for (int k = 0; k < max_decimals && rem != 0; ++k) {
    rem *= 10;
    out += static_cast<char>('0' + static_cast<int>(rem / den_));
    rem %= den_;
  }
  if (rem != 0) out += "…";
  return out;
}

namespace {
// One precision for every quantity read from a file or the command line: 4 decimals (hours
// per week, months, years, hours, percentages). Enough for any real input, and it keeps every
// exact sum of them within 64 bits.
constexpr int64_t kMaxDecimalsDen = 10'000;
}  // namespace

std::optional<Ratio> parse_decimal(std::string_view text, MsgId* why) {
  auto fail = [&](MsgId reason) -> std::optional<Ratio> {
    if (why) *why = reason;
    return std::nullopt;
  };
  if (text.empty()) return fail(Msg::EmptyNumber);
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  i128 num = 0, den = 1;
  bool digits = false, point = false;
  for (; i < text.size(); ++i) {
    char ch = text[i];
    if (ch == '.' && !point) {
      point = true;
      continue;
    }
    if (ch < '0' || ch > '9') return fail(Msg::NotANumber);
    digits = true;
    num = num * 10 + (ch - '0');
    if (point) den *= 10;
    if (den > kMaxDecimalsDen) return fail(Msg::MoreThanFourDecimals);
    if (num > 1'000'000'000'000'000LL) return fail(Msg::NumberOutOfRange);
  }
  if (!digits) return fail(Msg::NotANumber);
  return make(negative ? -num : num, den);
}

Money round_cents(const Ratio& exact) {
  i128 n = exact.num(), d = exact.den();
  i128 q = n / d, r = n % d;  // truncated toward zero
  if (2 * (r < 0 ? -r : r) >= d) q += (n < 0 ? -1 : 1);
  return Money::cents(narrow(q));
}

Ratio round_to(const Ratio& r, int places) {
  int64_t scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  return Ratio(round_cents(r * Ratio(scale)).cents(), scale);
}

Ratio divide_or_round(const Ratio& a, const Ratio& b) {
  i128 n = i128(a.num()) * b.den(), d = i128(a.den()) * b.num();
  if (d == 0) throw Error(msg(Msg::ExactDivisionByZero));
  if (d < 0) n = -n, d = -d;
  i128 g = gcd_any(n, d);
  if (g > 1) n /= g, d /= g;
  constexpr i128 k64 = std::numeric_limits<int64_t>::max();
  if (n <= k64 && n >= -k64 && d <= k64)
    return Ratio(static_cast<int64_t>(n), static_cast<int64_t>(d));
  constexpr i128 k12 = 1'000'000'000'000;
  i128 scaled = n * k12, q = scaled / d, r = scaled % d;
  if (2 * (r < 0 ? -r : r) >= d) q += (scaled < 0 ? -1 : 1);
  return Ratio(narrow(q), static_cast<int64_t>(k12));
}

int64_t scale(int64_t count, int64_t num, int64_t den) {
  if (den == 0) throw Error(msg(Msg::ExactDivisionByZero));
  i128 n = i128(count) * num;
  i128 d = den;
  if (d < 0) n = -n, d = -d;
  i128 q = n / d, r = n % d;
  if (2 * (r < 0 ? -r : r) >= d) q += (n < 0 ? -1 : 1);
  return narrow(q);
}

int64_t scale(int64_t count, const Ratio& factor) {
  return scale(count, factor.num(), factor.den());
}

Money scale(Money m, const Ratio& factor) { return Money::cents(scale(m.cents(), factor)); }

}  // namespace sroi
