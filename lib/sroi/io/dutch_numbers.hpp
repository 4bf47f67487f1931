// SPDX-License-Identifier: EUPL-1.2
// Numbers, amounts, percentages and dates as people type them in Dutch Excel and in files:
// "32,5", "850.000", "€ 1.250.000,00", "5%", "1-3-2027", next to the plain forms ("32.5",
// "1250000.00", "2027-03-01"). Each reader gives the value, or nothing and why (a message, so
// that the edge words it). An amount that reads two ways ("1.250": € 1.250 or € 1,25) is refused
// with both readings rather than guessed.
#pragma once

#include <optional>
#include <string_view>

#include "sroi/model/date.hpp"
#include "sroi/model/message.hpp"
#include "sroi/model/money.hpp"
#include "sroi/model/ratio.hpp"

namespace sroi::io {

/// A money amount: an optional sign and "€"/"EUR", digits with a decimal comma or point (at
/// most two decimals) and thousands points or commas in groups of three.
std::optional<Money> read_amount(std::string_view text, Message* why = nullptr);

/// A quantity (hours, months, years): a decimal comma or point, at most four decimals; a
/// thousands separator only where both a point and a comma are written ("1.250,5").
std::optional<Ratio> read_number(std::string_view text, Message* why = nullptr);

/// A percentage: a number with or without "%" ("5", "5%", "5,5 %").
std::optional<Ratio> read_percentage(std::string_view text, Message* why = nullptr);

/// A day: "2027-03-01", or day-month-year as Dutch Excel writes it ("1-3-2027", "01-03-2027",
/// also with "/" or "."). A two-digit year is refused.
std::optional<Date> read_date(std::string_view text, Message* why = nullptr);

}  // namespace sroi::io
