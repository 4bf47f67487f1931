// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/config: the checks every reader of offers and realisations shares (TOML
// tables, CSV rows, workbook rows), so a value means the same wherever it is typed. Without
// toml++: the row readers include it; the TOML-only check is in toml_checks.ipp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sroi/config/range.hpp"
#include "sroi/error.hpp"
#include "sroi/io/dutch_numbers.hpp"
#include "sroi/model/date.hpp"
#include "sroi/model/limits.hpp"
#include "sroi/model/money.hpp"

namespace sroi::config {

// The readers of what people type (text checks, CSV, Dutch numbers) are lib/sroi/io's.
using namespace io;

// What a line may state (model/limits.hpp, shared with the calculator workbook).
inline const Range kHoursPerWeek{Ratio(0), Ratio(limits::kMaxHoursPerWeek), false};
inline const Range kMonths{Ratio(0), Ratio(limits::kMaxMonths), false};
inline const Range kYears{Ratio(0), Ratio(limits::kMaxYears), false};
inline const Range kHours{Ratio(0), Ratio(limits::kMaxHours), false};
inline const Range kPercentage{Ratio(0), Ratio(limits::kMaxPercentage), false};
inline const Money kMinAmount = Money::cents(1);
inline const Money kMaxAmount = Money::euros(limits::kMaxAmountEuros);
inline const Money kMaxContract = Money::euros(limits::kMaxContractEuros);

/// A block or bonus id as a region writes it: trimmed and in lower case ("Participatiewet-gt2 "
/// as Excel may capitalise it is "participatiewet-gt2").
std::string id_as_written(const std::string& text);

/// A candidate id as the model keeps it: normalised (one spelling per person), never empty,
/// never something that reads as a BSN.
std::string candidate_id(const std::string& text, const SourceLocation& at,
                         std::vector<Diagnostic>& problems);

/// Names and ids that are not candidates (contract, supplier, buyer) must not carry a BSN
/// either. `what` names the field.
void check_no_bsn(const std::optional<std::string>& text, Message what, const SourceLocation& at,
                  std::vector<Diagnostic>& problems);
/// The same, the field named by its key or flag ("supplier", "--contract").
inline void check_no_bsn(const std::optional<std::string>& text, const char* key,
                         const SourceLocation& at, std::vector<Diagnostic>& problems) {
  check_no_bsn(text, msg(Msg::Value, as_is(key)), at, problems);
}

/// True when `text`, in the field or column `key`, reads in full as the number that field holds
/// (an amount for amount, value and threshold; a number for hours, months, persons …): there,
/// eight to ten digits are a number, not a BSN.
bool number_as_written(const std::string& key, const std::string& text);

void check_period(const Date& start, const Date& end, const SourceLocation& at,
                  std::vector<Diagnostic>& problems);

}  // namespace sroi::config
