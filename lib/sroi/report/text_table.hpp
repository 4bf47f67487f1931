// SPDX-License-Identifier: EUPL-1.2
// Plain text tables for the command line: columns padded to their widest cell.
#pragma once

#include <algorithm>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "sroi/report/render.hpp"

namespace sroi {

/// The cells of a row written as one text with tabs between them (a message holding a
/// table's column names).
inline std::vector<std::string> split_tabs(const std::string& all) {
  std::vector<std::string> cells;
  std::size_t from = 0;
  for (std::size_t tab; (tab = all.find('\t', from)) != std::string::npos; from = tab + 1)
    cells.push_back(all.substr(from, tab - from));
  cells.push_back(all.substr(from));
  return cells;
}

/// A plain text table: columns padded to their widest cell, some right-aligned. Rows are
/// either kept and printed together, or (for long tables) measured first and printed one at
/// a time, so that only the column widths are held.
class TextTable {
 public:
  explicit TextTable(std::set<std::size_t> right) : right_(std::move(right)) {}
  void row(std::vector<std::string> cells) {
    measure(cells);
    rows_.push_back({std::move(cells), false});
  }
  /// A row printed as is, outside the columns (trace lines).
  void note(std::string text) { rows_.push_back({{std::move(text)}, true}); }
  /// Widens the columns for a row that will be printed later with print_row.
  void measure(const std::vector<std::string>& cells) {
    if (width_.size() < cells.size()) width_.resize(cells.size(), 0);
    for (std::size_t i = 0; i < cells.size(); ++i)
      width_[i] = std::max(width_[i], display_width(cells[i]));
  }
  void print_row(std::ostream& out, const std::vector<std::string>& cells) const {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      std::string pad(width_[i] - std::min(width_[i], display_width(cells[i])), ' ');
      if (i > 0) line += "  ";
      line += right_.count(i) ? pad + cells[i] : cells[i] + (i + 1 < cells.size() ? pad : "");
    }
    // Nothing after the last word: an empty last cell leaves no padding behind.
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << '\n';
  }
  /// Prints the rows kept so far and forgets them.
  void print(std::ostream& out) {
    for (const auto& r : rows_) {
      if (r.note)
        out << r.cells[0] << '\n';
      else
        print_row(out, r.cells);
    }
    rows_.clear();
  }

 private:
  struct Row {
    std::vector<std::string> cells;
    bool note;
  };
  std::set<std::size_t> right_;
  std::vector<std::size_t> width_;
  std::vector<Row> rows_;
};

}  // namespace sroi
