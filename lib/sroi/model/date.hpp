// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "sroi/model/message_id.hpp"

namespace sroi {

/// A calendar date (proleptic Gregorian), no time zone.
struct Date {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..days_in_month

  auto operator<=>(const Date&) const = default;

  /// Days since 1970-01-01 (negative before).
  long days_since_epoch() const;
  static Date from_days(long days);
  Date add_days(long n) const { return from_days(days_since_epoch() + n); }
  /// The same day `n` months later (earlier when negative), clamped to the month's last day.
  Date add_months(int n) const;
  /// "2027-01-31".
  std::string iso() const;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
/// Parses "YYYY-MM-DD" and checks that the day exists. Nothing on failure, `why` set.
std::optional<Date> parse_date(std::string_view text, MsgId* why = nullptr);
/// True when y-m-d is a real date.
bool valid_date(int y, int m, int d);
/// The moment now in UTC, to the second: "2026-11-28T15:04:37Z" (audit entries, logs).
std::string utc_timestamp();
/// The calendar day of a stored UTC timestamp ("2027-04-03T09:12:00Z" → 3-4-2027); nothing
/// when it does not start with a date.
std::optional<Date> day_of(std::string_view utc_timestamp);
/// Makes utc_timestamp() return `moment` ("2027-04-03T09:00:00Z") from now on, for a
/// reproducible run (tests, demonstrations: SROI_CLOCK); an empty text restores the clock.
void fix_utc_timestamp(std::string moment);
/// Today: the calendar day of this machine's clock in its local time zone (Europe/Amsterdam
/// for a Dutch server), the one "today" of the command line and the portal alike; figures
/// counted "up to today" change at local midnight, not at 01:00 or 02:00 UTC.
Date today();

}  // namespace sroi
