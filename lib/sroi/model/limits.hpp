// SPDX-License-Identifier: EUPL-1.2
// What a line or contract may state: beyond these a value is a typo or absurd. The input
// loader refuses more, and the calculator workbook's data validation allows the same, so a
// file and the spreadsheet accept the same numbers (and no input can overflow the exact
// arithmetic: see tests/unit/calc/ranges_test.cpp).
#pragma once

#include <cstdint>

namespace sroi::limits {

inline constexpr int64_t kMaxHoursPerWeek = 60;   ///< above 0
inline constexpr int64_t kMaxMonths = 600;        ///< above 0
inline constexpr int64_t kMaxYears = 50;          ///< above 0
inline constexpr int64_t kMaxHours = 10'000'000;  ///< above 0
inline constexpr int64_t kMaxPersons = 10'000;    ///< from 1
inline constexpr int64_t kMaxPercentage = 100;
inline constexpr int64_t kMaxAmountEuros = 1'000'000'000;      ///< an invoice or cost
inline constexpr int64_t kMaxContractEuros = 100'000'000'000;  ///< a contract's value
inline constexpr int64_t kMaxGraceDays = 365;  ///< days to report after a period, from 0

}  // namespace sroi::limits
