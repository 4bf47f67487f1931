// SPDX-License-Identifier: EUPL-1.2
// The user's own file handed back with its problems marked: a CSV file or a workbook written
// as a workbook whose cells are as they were, except that each cell a problem is about is red
// with a comment saying what is wrong and what to do. A spreadsheet user fixes a file where
// they see it, not from a list of "file:line:col".
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/xlsx/report.hpp"

namespace sroi::handback {

/// Where the problems went: onto a cell of the file, or only into the list (a flag, a problem
/// of the file as a whole).
struct Marked {
  std::size_t at_cells = 0;
  std::size_t listed_only = 0;
  std::size_t cells = 0;  ///< red cells (two problems of one cell share it)
};

/// Writes the file at `path` (.csv, or .xlsx) as the workbook `out`: a first sheet that lists
/// every problem with its place, then the file's own sheets (a CSV file as one sheet, its rows
/// at the row numbers the problems name). A cell that reads as a BSN is left out, marked, and
/// never written. `problems` are those the intake found (located in `path`). Throws
/// ExportError when the workbook cannot be written, DataError when the file cannot be read.
Marked write_marked(const std::string& path, const std::vector<Diagnostic>& problems,
                    const std::string& out, const xlsx::WriteOptions& options);

/// The same for a file handed in as `bytes` (a portal's upload): `name` is the name its
/// problems are located in, and says by its extension whether it is a CSV file or a workbook.
Marked write_marked_bytes(const std::string& name, const std::string& bytes,
                          const std::vector<Diagnostic>& problems, const std::string& out,
                          const xlsx::WriteOptions& options);

}  // namespace sroi::handback
