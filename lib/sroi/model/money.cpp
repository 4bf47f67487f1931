// SPDX-License-Identifier: EUPL-1.2
#include "sroi/model/money.hpp"

#include <limits>

#include "sroi/error.hpp"
#include "sroi/msg/model.hpp"
#include "sroi/msg/parsing.hpp"

namespace sroi {

Money Money::euros(int64_t e) {
  int64_t c = 0;
  if (__builtin_mul_overflow(e, int64_t{100}, &c)) throw Error(msg(Msg::AmountOutOfRange));
  return Money(c);
}

Money Money::operator+(Money o) const {
  int64_t r = 0;
  if (__builtin_add_overflow(cents_, o.cents_, &r)) throw Error(msg(Msg::AmountOutOfRange));
  return Money(r);
}

Money Money::operator*(int64_t n) const {
  int64_t r = 0;
  if (__builtin_mul_overflow(cents_, n, &r)) throw Error(msg(Msg::AmountOutOfRange));
  return Money(r);
}

Money Money::operator-(Money o) const {
  int64_t r = 0;
  if (__builtin_sub_overflow(cents_, o.cents_, &r)) throw Error(msg(Msg::AmountOutOfRange));
  return Money(r);
}

std::optional<Money> parse_money(std::string_view text, MsgId* why) {
  auto fail = [&](MsgId reason) -> std::optional<Money> {
    if (why) *why = reason;
    return std::nullopt;
  };
  if (text.empty()) return fail(Msg::EmptyAmount);
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  int64_t euros = 0;
  std::size_t int_digits = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    char ch = text[i];
    if (ch < '0' || ch > '9') {
      if (ch == ',') return fail(Msg::UsePointNoSeparator);
      return fail(Msg::NotANumber);
    }
    if (__builtin_mul_overflow(euros, int64_t{10}, &euros) ||
        __builtin_add_overflow(euros, int64_t{ch - '0'}, &euros))
      return fail(Msg::AmountOutOfRange);
    ++int_digits;
  }
  if (int_digits == 0) return fail(Msg::NotANumber);
  int64_t cents = 0;
  if (i < text.size()) {  // text[i] == '.'
    std::size_t decimals = 0;
    for (++i; i < text.size(); ++i) {
      char ch = text[i];
      if (ch < '0' || ch > '9') return fail(Msg::NotANumber);
      if (++decimals > 2) return fail(Msg::MoreThanTwoDecimals);
      cents = cents * 10 + (ch - '0');
    }
    if (decimals == 0) return fail(Msg::NotANumber);
    if (decimals == 1) cents *= 10;
  }
  int64_t total = 0;
  if (__builtin_mul_overflow(euros, int64_t{100}, &total) ||
      __builtin_add_overflow(total, cents, &total))
    return fail(Msg::AmountOutOfRange);
  return Money::cents(negative ? -total : total);
}

std::string digits_grouped(uint64_t whole, char sep) {
  std::string d = std::to_string(whole);
  std::string out;
  int n = static_cast<int>(d.size());
  for (int k = 0; k < n; ++k) {
    if (k > 0 && (n - k) % 3 == 0 && sep) out += sep;
    out += d[static_cast<std::size_t>(k)];
  }
  return out;
}

namespace {

std::string format(Money m, char group, char decimal) {
  int64_t c = m.cents();
  uint64_t abs = c < 0 ? uint64_t(0) - static_cast<uint64_t>(c) : static_cast<uint64_t>(c);
  uint64_t frac = abs % 100;
  std::string out = c < 0 ? "-" : "";
  out += digits_grouped(abs / 100, group);
  out += decimal;
  out += static_cast<char>('0' + frac / 10);
  out += static_cast<char>('0' + frac % 10);
  return out;
}
}  // namespace

std::string format_eur(Money m) { return "€ " + format(m, '.', ','); }
std::string format_plain(Money m) { return format(m, 0, '.'); }

}  // namespace sroi
