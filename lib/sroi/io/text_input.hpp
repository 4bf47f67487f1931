// SPDX-License-Identifier: EUPL-1.2
// Text that users hand us, before it reaches the model: every string must be UTF-8 without
// control characters (they break workbooks and terminals), identifiers are normalised so that
// one person is one id, and nothing that reads as a citizen service number (BSN) gets in.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "sroi/model/message.hpp"

namespace sroi::io {

/// Largest files read whole: a region, offer or contract file (TOML) and a realisation CSV.
inline constexpr std::size_t kMaxTomlBytes = 16u << 20;
inline constexpr std::size_t kMaxCsvBytes = 256u << 20;

/// The content of `path`, read in pieces and refused once it passes `limit` bytes (so that a
/// huge file or a device such as /dev/zero ends with a clear error, not with all the memory).
/// Throws DataError: cannot open, not a regular file, too large.
std::string read_file_limited(const std::string& path, std::size_t limit);

/// Nothing when `text` is valid UTF-8 without control characters (C0, DEL, C1); else the
/// problem, e.g. "is not valid UTF-8 (byte 3)" or "contains a control character (U+0007 at
/// character 4)".
std::optional<Message> text_problem(std::string_view text);

/// One spelling per identifier: the text as Unicode intends (unicode_normalised: full-width
/// forms become ASCII, format characters such as a bidi override go), Unicode spaces
/// (no-break, ideographic, thin …) become spaces, and surrounding white space goes ("K-1 " is
/// "K-1").
/// Expects text that passed text_problem.
std::string normalise_id(std::string_view text);
/// Text as Unicode intends it to be compared (ICU): NFKC (full-width letters, superscript and
/// circled digits, ligatures to their plain forms), then without format characters (category
/// Cf: bidi overrides, zero-width spaces, soft hyphens). ASCII text is returned as it is
/// (moved, not copied: every cell of a file passes here).
std::string unicode_normalised(std::string text);

/// One code point as UTF-8 (expects a valid one: not a surrogate, at most U+10FFFF).
std::string utf8_of(char32_t c);

/// True when `text` holds something that reads as a citizen service number (BSN), wherever it
/// stands ("K-111222333", "111222333A", a name, a note): after unicode_normalised, with digits
/// of any script read as digits and any dash as '-', a run of 8 to 10 digits (with leading
/// zeros, more) that passes the eleven-test. A run is one group of digits, or groups joined by
/// the same separator ("111 222 333", "111.222.333", "111,222,333", "111–222–333"; not a date
/// such as 15-03-2027); a number a spreadsheet wrote as "1.11222333E+08" or "111222333.0" is
/// read as its digits.
bool holds_bsn(std::string_view text);

}  // namespace sroi::io
