// SPDX-License-Identifier: EUPL-1.2
// Cells handed to a thread of their own that writes them with libxlsxwriter: while the
// library formats and stores the rows already given, the caller works out the next ones, so
// a large workbook takes about the library's own time on two cores. Only Workbook uses it.
#pragma once

#include <xlsxwriter.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sroi/error.hpp"

namespace sroi::xlsx {

/// One write for the library: a cell's value or a row's height.
struct CellWrite {
  enum class Kind : std::uint8_t {
    Text,
    Number,
    FormulaNumber,
    FormulaText,
    Date,
    Blank,
    RowHeight
  };
  Kind kind = Kind::Blank;
  lxw_worksheet* ws = nullptr;
  lxw_row_t row = 0;
  lxw_col_t col = 0;
  lxw_format* format = nullptr;
  double number = 0;  ///< a number, a formula's cached number, or a row's height
  lxw_datetime date{};
  std::string text;    ///< a text, or a formula
  std::string cached;  ///< a text formula's cached text
};

/// The writes in order, applied by one thread. The first failure stops the writing; it is
/// thrown (ExportError, naming the cell) by the next push() or sync().
class CellPipe {
 public:
  CellPipe();
  /// Drops what was not written yet and stops the thread.
  ~CellPipe();
  CellPipe(const CellPipe&) = delete;
  CellPipe& operator=(const CellPipe&) = delete;

  void push(CellWrite&& w);
  /// Returns when every write pushed so far is done: before any other call into the library.
  void sync();

 private:
  using Batch = std::vector<CellWrite>;
  void hand_over();
  void run();
  void throw_failure();

  std::mutex m_;
  std::condition_variable cv_;
  Batch filling_;
  std::deque<Batch> queue_;   ///< full batches waiting for the thread
  std::vector<Batch> spare_;  ///< emptied batches, to be filled again without allocating
  bool busy_ = false, stop_ = false;
  bool failed_ = false;  ///< guarded by m_; once set, nothing more is written
  CellWrite failure_;
  lxw_error error_ = LXW_NO_ERROR;
  std::thread thread_;  ///< last: started once everything above is ready
};

}  // namespace sroi::xlsx
