// SPDX-License-Identifier: EUPL-1.2
// Exact sums beyond 64-bit fractions (REFERENCE.md §6: shares stay exact fractions, rounded
// once per line). Boost.Multiprecision's rational stays behind this .cpp wall; it is the
// header-only part of the Boost already required, and only the rare line whose shared weeks
// outgrow 64 bits comes here.
#include <boost/multiprecision/cpp_int.hpp>

#include "sroi/calc/line_steps.hpp"
#include "sroi/msg/parsing.hpp"

namespace sroi::detail {
namespace {

using Big = boost::multiprecision::cpp_rational;
using BigInt = boost::multiprecision::cpp_int;

Big big(const Ratio& r) { return Big(BigInt(r.num()), BigInt(r.den())); }

Big sum_of(const std::vector<std::pair<Ratio, Ratio>>& parts) {
  Big sum = 0;
  for (const auto& [m, f] : parts) sum += big(m) * big(f);
  return sum;
}

/// x rounded half away from zero to a whole number.
BigInt round_half_away(const Big& x) {
  BigInt n = boost::multiprecision::numerator(x), d = boost::multiprecision::denominator(x);
  BigInt twice = 2 * abs(n) + d, q = twice / (2 * d);
  return n < 0 ? BigInt(-q) : q;
}

}  // namespace

ExactSum exact_sum(const std::vector<std::pair<Ratio, Ratio>>& parts) {
  ExactSum s;
  s.parts = parts;
  BigInt shown = round_half_away(sum_of(parts) * Big(BigInt(1'000'000'000'000)));
  s.shown = Ratio(shown.convert_to<int64_t>(), 1'000'000'000'000);
  return s;
}

Money ExactSum::scale(Money base, const Ratio& by) const {
  BigInt cents = round_half_away(sum_of(parts) * big(by) * Big(BigInt(base.cents())));
  if (cents > BigInt(INT64_MAX) || cents < BigInt(INT64_MIN))
    throw Error(msg(Msg::ExactOutOfRange));
  return Money::cents(cents.convert_to<int64_t>());
}

}  // namespace sroi::detail
