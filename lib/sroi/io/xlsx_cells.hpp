// SPDX-License-Identifier: EUPL-1.2
// The cell values of an Excel workbook (.xlsx) a person hands in: a filled-in template or
// calculator saved by Excel or LibreOffice. Only values are read (a formula by the result the
// program saved with it); formatting is not. The file is hostile until proven otherwise: its
// size, the size each part unpacks to, the number of parts and of cells are limited, and XML
// with a DOCTYPE (the door to entity expansion) is refused.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/model/date.hpp"

namespace sroi::io {

inline constexpr std::size_t kMaxXlsxBytes = 32u << 20;      ///< the .xlsx file itself
inline constexpr std::size_t kMaxXlsxPartBytes = 64u << 20;  ///< one part, unpacked
inline constexpr std::size_t kMaxXlsxParts = 10'000;
inline constexpr std::size_t kMaxXlsxCells = 2'000'000;

struct XlsxCell {
  enum class Kind { Text, Number, Boolean, Error };
  Kind kind = Kind::Text;
  /// Text as typed; a number as the file writes it ("32.5", "46023"); "TRUE"/"FALSE"; an error
  /// as shown ("#N/A").
  std::string text;
};

struct XlsxSheet {
  std::string name;
  std::map<std::pair<int, int>, XlsxCell> cells;  ///< by 0-based (row, column)
  /// The cell at a 0-based row and column, or nullptr when it is empty.
  const XlsxCell* at(int row, int col) const;
  /// One past the last row that has a cell.
  int rows() const;
};

struct XlsxBook {
  std::string path;
  bool date1904 = false;  ///< day numbers count from 1904 (old Mac workbooks)
  std::vector<XlsxSheet> sheets;
  /// The sheet of that name, or nullptr.
  const XlsxSheet* sheet(std::string_view name) const;
};

/// Reads the workbook at `path`. Throws DataError at the path: not a workbook, a part missing
/// or refused, a limit passed.
XlsxBook read_xlsx(const std::string& path);

/// The same, from the bytes of a file (`path` only names it in problems).
XlsxBook read_xlsx_bytes(const std::string& bytes, const std::string& path);

/// Where a cell is, for a problem: file, sheet, 1-based row and column ("F.xlsx:Regels!B12").
SourceLocation cell_location(const std::string& path, const std::string& sheet, int row, int col);

/// The day a spreadsheet day number stands for (46023 is 1-1-2026), or nothing when it is not
/// a whole day number in the years 1900-9999.
std::optional<Date> day_from_serial(std::string_view number, bool date1904);

/// A number as a spreadsheet saved it ("32.5", "1E-3", "3.3333333333333299") written plainly
/// with at most `decimals` decimals and no trailing zeros ("32.5", "0.001", "3.3333"), so that
/// the readers of typed text read it; nothing when it is not a finite number.
std::optional<std::string> plain_number(std::string_view number, int decimals);

}  // namespace sroi::io
