// SPDX-License-Identifier: EUPL-1.2
// Lines as rows of a table: a realisation CSV, or the lines sheet of a fill-in workbook (offer
// or realisation). One reader for both, so that a cell means the same and is checked the same
// wherever it is typed. The header names the columns by key ("hours_per_week") or by the
// column's Dutch or English name ("Uren per week", "Hours per week").
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sroi/io/csv.hpp"
#include "sroi/model/contract.hpp"

namespace sroi::config {

/// A column a table of lines may have: its key and its name (Msg::ColumnEnd: "Einddatum",
/// "End"; the fill-in workbooks write the name as the header, a header may give either).
struct LineColumn {
  const char* key;
  MsgId name;
};
/// Every column either kind of table may have.
const std::vector<LineColumn>& line_columns();
/// The column of that key (which must exist).
const LineColumn& line_column(const std::string& key);
/// The column a header names, by key ("hours_per_week") or by name in either language ("Uren
/// per week", "hours per week"), in any case; nullptr for another header.
const LineColumn* line_column_of_header(const std::string& header);

class LineRows {
 public:
  enum class Kind { Offer, Realisation };
  /// `origin` names the file (and for a workbook its sheet); problems are added to `problems`.
  LineRows(Kind kind, SourceLocation origin, std::vector<Diagnostic>& problems);

  /// Reads the header row; false when it cannot be used (every problem of it added).
  bool header(const io::CsvRow& row);
  /// Reads a row below the header: a line when it reads cleanly, else its problems.
  void row(const io::CsvRow& row);
  /// The key of the header's column `i` ("hours_per_week"), or "" when the header did not
  /// name a known column there.
  std::string key_at(std::size_t i) const;

  std::vector<RealisationLine> realisation_lines;
  std::vector<OfferLine> offer_lines;
  /// The block of each row left out for another problem (a bad date, say): for the caller to
  /// check against the region too.
  std::vector<WrittenBlock> bad_row_blocks;

 private:
  struct Cells;  ///< one row's cells as the checks read them (line_rows.cpp)
  SourceLocation at(int line, int column) const;
  /// A realisation line's dates: its period (start, end) or its date alone, and the end of a
  /// wage-cost subsidy. False when one does not read.
  bool read_dates(Cells& c, Date& start, Date& end, std::optional<Given<Date>>& subsidy_until);
  /// The numbers of a line: hours, count, amount, bonuses, and for an offer persons, months
  /// and years.
  Quantities read_quantities(Cells& c);
  Kind kind_;
  SourceLocation origin_;
  std::vector<Diagnostic>& problems_;
  std::size_t width_ = 0;
  std::map<std::string, std::size_t> col_;
  std::map<std::string, std::string> names_;  ///< key to the header as written
  std::vector<MsgId> column_names_;           ///< by the header's column: its name, or {}
};

}  // namespace sroi::config
