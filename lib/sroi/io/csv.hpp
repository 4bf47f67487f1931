// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sroi/error.hpp"

namespace sroi::io {

struct CsvField {
  std::string text;
  int column = 0;  ///< 1-based character column where the field starts
};

struct CsvRow {
  int line = 0;  ///< 1-based line where the row starts
  std::vector<CsvField> fields;
  bool bad = false;  ///< a problem in this row was already reported while reading it
};

/// The column separator of a CSV text, judged from its header row: ';' (as Dutch Excel saves)
/// when it has more semicolons than commas outside quotes, else ','.
char detect_separator(std::string_view text);

/// One CSV field quoted as RFC 4180 writes it: in double quotes, a quote inside doubled. The
/// one quoting of every CSV sroi writes (exports, the portal's one-line hand-in).
std::string csv_field(std::string_view text);

/// Reads CSV as parse_csv does, handing each row to `fn` as soon as it is read (so a large
/// file is never held as rows); `fn` returns false to stop.
void parse_csv_each(const std::string& text, const std::string& file,
                    std::vector<Diagnostic>& problems, const std::function<bool(CsvRow&&)>& fn,
                    char separator = ',');

/// Reads RFC 4180 CSV (fields separated by ',' or, where the header says so, ';'; double-quoted
/// fields with "" escapes, CRLF or LF, a UTF-8 byte-order mark is skipped). Problems
/// (unterminated quote, text after a closing quote) are appended with their position. Blank
/// lines are skipped.
std::vector<CsvRow> parse_csv(const std::string& text, const std::string& file,
                              std::vector<Diagnostic>& problems);

}  // namespace sroi::io
