// SPDX-License-Identifier: EUPL-1.2
#include "sroi/io/dutch_numbers.hpp"

#include <algorithm>
#include <string>

#include "sroi/msg/io.hpp"
#include "sroi/msg/parsing.hpp"

namespace sroi::io {
namespace {

void say_why(Message* why, Message m) {
  if (why) *why = std::move(m);
}

/// Drops surrounding spaces: ASCII, tab, no-break (U+00A0) and narrow no-break (U+202F), as
/// Excel and a euro format put them.
std::string_view trim(std::string_view s) {
  static constexpr std::string_view kSpaces[] = {" ", "\t", "\xC2\xA0", "\xE2\x80\xAF"};
  for (bool again = true; again && !s.empty();) {
    again = false;
    for (auto sp : kSpaces) {
      if (s.substr(0, sp.size()) == sp) s.remove_prefix(sp.size()), again = true;
      if (s.size() >= sp.size() && s.substr(s.size() - sp.size()) == sp)
        s.remove_suffix(sp.size()), again = true;
    }
  }
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Digits in groups of three after a first group of one to three: "1.250.000" split on '.'.
bool grouped(std::string_view s, char sep, std::string& digits) {
  std::size_t first = s.find(sep);
  if (first == 0 || first > 3) return false;
  digits.assign(s.substr(0, first));
  for (std::size_t i = first; i < s.size(); i += 4) {
    if (s[i] != sep || i + 4 > s.size() || !all_digits(s.substr(i + 1, 3))) return false;
    digits += s.substr(i + 1, 3);
  }
  return all_digits(digits);
}

enum class Kind { Amount, Number };

/// The plain form ("-1250.5") of what a person typed, or nothing and why. `other` receives the
/// second reading of an amount that reads two ways.
std::optional<std::string> plain(std::string_view text, Kind kind, Message* why,
                                 std::string* other) {
  std::string_view t = trim(text);
  bool negative = false;
  auto sign = [&] {
    if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
      negative = negative || t[0] == '-';
      t = trim(t.substr(1));
    }
  };
  sign();
  if (kind == Kind::Amount) {
    for (std::string_view cur : {std::string_view("\xE2\x82\xAC"), std::string_view("EUR")})
      if (t.substr(0, cur.size()) == cur) t = trim(t.substr(cur.size()));
    sign();
  }
  // Whole euros as Dutch invoices write them: "1.250.000,-" (every separator then groups
  // thousands).
  bool whole_euros = false;
  if (kind == Kind::Amount && t.size() > 2 && t.back() == '-' &&
      (t[t.size() - 2] == ',' || t[t.size() - 2] == '.')) {
    t = t.substr(0, t.size() - 2);
    whole_euros = true;
  }
  MsgId not_digits = kind == Kind::Amount ? Msg::NotAnAmount : Msg::NotANumber;
  if (t.empty()) {
    say_why(why, msg(kind == Kind::Amount ? Msg::EmptyAmount : Msg::EmptyNumber));
    return std::nullopt;
  }
  for (char c : t)
    if (!((c >= '0' && c <= '9') || c == '.' || c == ',')) {
      say_why(why, msg(not_digits));
      return std::nullopt;
    }
  std::size_t last_point = t.rfind('.'), last_comma = t.rfind(',');
  auto count = [&](char c) { return std::count(t.begin(), t.end(), c); };
  char dec = 0, thousands = 0;
  if (whole_euros) {
    if (last_point != std::string_view::npos && last_comma != std::string_view::npos) {
      say_why(why, msg(Msg::BadThousandsGroups));
      return std::nullopt;
    }
    if (last_point != std::string_view::npos) thousands = '.';
    if (last_comma != std::string_view::npos) thousands = ',';
  } else if (last_point != std::string_view::npos && last_comma != std::string_view::npos) {
    dec = last_point > last_comma ? '.' : ',';
    thousands = dec == '.' ? ',' : '.';
    if (count(dec) != 1) dec = 0, thousands = 0;  // "1,2.3.4": neither reading
  } else if (last_point != std::string_view::npos || last_comma != std::string_view::npos) {
    char sep = last_point != std::string_view::npos ? '.' : ',';
    std::size_t at = t.rfind(sep);
    if (count(sep) > 1) {
      thousands = sep;
    } else if (kind == Kind::Number || t.size() - at - 1 != 3) {
      dec = sep;
    } else {
      // An amount with one separator and three digits after it: "850.000" (thousands) or
      // "1.250" (€ 1.250 or € 1,25?). Three zeros or a last digit that cents cannot hold read
      // as thousands; otherwise both readings are amounts, and guessing would be wrong.
      std::string_view after = t.substr(at + 1);
      bool thousands_only = after == "000" || after.back() != '0';
      thousands = sep;
      if (!thousands_only && other) {
        *other = (negative ? "-" : "") + std::string(t.substr(0, at)) + "." +
                 std::string(after.substr(0, 2));
      }
      if (!thousands_only) {
        std::string whole = std::string(t.substr(0, at)) + std::string(after);
        return (negative ? "-" : "") + whole;  // the caller reports both readings
      }
    }
  }
  std::string_view int_part = dec ? t.substr(0, t.find(dec)) : t;
  std::string_view frac = dec ? t.substr(t.find(dec) + 1) : std::string_view();
  std::string digits;
  if (thousands && int_part.find(thousands) != std::string_view::npos) {
    if (!grouped(int_part, thousands, digits)) {
      say_why(why, msg(Msg::BadThousandsGroups));
      return std::nullopt;
    }
  } else {
    digits.assign(int_part);
  }
  if (!all_digits(digits) || (dec && !all_digits(frac))) {
    say_why(why, msg(not_digits));
    return std::nullopt;
  }
  std::string out = (negative ? "-" : "") + digits;
  if (dec) out += "." + std::string(frac);
  return out;
}

}  // namespace

std::optional<Money> read_amount(std::string_view text, Message* why) {
  std::string other;
  auto p = plain(text, Kind::Amount, why, &other);
  if (!p) return std::nullopt;
  MsgId reason = Msg::NotAnAmount;
  auto m = parse_money(*p, &reason);
  if (!m) {
    say_why(why, msg(reason));
    return std::nullopt;
  }
  if (!other.empty()) {
    if (auto second = parse_money(other)) {
      say_why(why, msg(Msg::AmountTwoReadings, *m, *second));
      return std::nullopt;
    }
  }
  return m;
}

std::optional<Ratio> read_number(std::string_view text, Message* why) {
  auto p = plain(text, Kind::Number, why, nullptr);
  if (!p) return std::nullopt;
  MsgId reason = Msg::NotANumber;
  auto r = parse_decimal(*p, &reason);
  if (!r) say_why(why, msg(reason));
  return r;
}

std::optional<Ratio> read_percentage(std::string_view text, Message* why) {
  std::string_view t = trim(text);
  if (!t.empty() && t.back() == '%') t = trim(t.substr(0, t.size() - 1));
  return read_number(t, why);
}

std::optional<Date> read_date(std::string_view text, Message* why) {
  std::string_view t = trim(text);
  if (t.size() == 10 && t[4] == '-') {
    MsgId reason = Msg::ExpectedDate;
    auto d = parse_date(t, &reason);
    if (!d) say_why(why, msg(reason == Msg::NoSuchDate ? Msg::NoSuchDate : Msg::ExpectedDate));
    return d;
  }
  // day-month-year with one kind of separator: "1-3-2027", "01/03/2027", "1.3.2027".
  std::size_t a = t.find_first_of("-/."), b = a == std::string_view::npos ? a : t.find(t[a], a + 1);
  if (a == std::string_view::npos || b == std::string_view::npos ||
      t.find_first_of("-/.", b + 1) != std::string_view::npos) {
    say_why(why, msg(Msg::ExpectedDate));
    return std::nullopt;
  }
  std::string_view d = t.substr(0, a), m = t.substr(a + 1, b - a - 1), y = t.substr(b + 1);
  if (!all_digits(d) || !all_digits(m) || !all_digits(y) || d.size() > 2 || m.size() > 2) {
    say_why(why, msg(Msg::ExpectedDate));
    return std::nullopt;
  }
  if (y.size() != 4) {
    say_why(why, msg(y.size() == 2 ? Msg::TwoDigitYear : Msg::ExpectedDate));
    return std::nullopt;
  }
  int day = std::stoi(std::string(d)), month = std::stoi(std::string(m)),
      year = std::stoi(std::string(y));
  if (!valid_date(year, month, day)) {
    say_why(why, msg(Msg::NoSuchDate));
    return std::nullopt;
  }
  return Date{year, month, day};
}

}  // namespace sroi::io
