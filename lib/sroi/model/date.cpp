// SPDX-License-Identifier: EUPL-1.2
#include "sroi/model/date.hpp"

#include <chrono>
#include <ctime>

#include "sroi/msg/parsing.hpp"

namespace sroi {

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

bool valid_date(int y, int m, int d) {
  return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// Day counting by eras of 400 years (146097 days), with March as the first month of the
// computational year so that the leap day falls at its end.
long Date::days_since_epoch() const {
  long y = year - (month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

std::string Date::iso() const {
  // By hand: this runs for every stored line, and snprintf is slow.
  std::string s = "0000-00-00";
  int y = year;
  for (int i = 3; i >= 0; --i, y /= 10)
    s[static_cast<std::size_t>(i)] = static_cast<char>('0' + y % 10);
  s[5] = static_cast<char>('0' + month / 10);
  s[6] = static_cast<char>('0' + month % 10);
  s[8] = static_cast<char>('0' + day / 10);
  s[9] = static_cast<char>('0' + day % 10);
  return s;
}

std::optional<Date> parse_date(std::string_view t, MsgId* why) {
  auto digits = [&](std::size_t from, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !digits(0, 4, y) || !digits(5, 2, m) ||
      !digits(8, 2, d)) {
    if (why) *why = Msg::ExpectedIsoDate;
    return std::nullopt;
  }
  if (!valid_date(y, m, d)) {
    if (why) *why = Msg::NoSuchDate;
    return std::nullopt;
  }
  return Date{y, m, d};
}

Date Date::add_months(int n) const {
  int index = year * 12 + (month - 1) + n;
  int y = index / 12, m = index % 12 + 1;
  int d = day < days_in_month(y, m) ? day : days_in_month(y, m);
  return Date{y, m, d};
}

namespace {
std::string& fixed_moment() {
  static std::string moment;  // set once at start, before any thread
  return moment;
}
}  // namespace

std::optional<Date> day_of(std::string_view utc_timestamp) {
  if (utc_timestamp.size() < 10) return std::nullopt;
  return parse_date(utc_timestamp.substr(0, 10));
}

void fix_utc_timestamp(std::string moment) { fixed_moment() = std::move(moment); }

std::string utc_timestamp() {
  if (!fixed_moment().empty()) return fixed_moment();
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Date today() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  localtime_r(&t, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace sroi
