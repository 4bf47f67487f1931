// SPDX-License-Identifier: EUPL-1.2
// A workbook written safely: to `<out>.tmp`, renamed over `<out>` only by a successful close();
// an unclosed or failed workbook leaves no file behind. Text is always written as a string
// (never a formula, whatever it starts with); formulas come only from our own code.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/model/date.hpp"
#include "sroi/model/money.hpp"
#include "sroi/model/ratio.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;
struct lxw_data_validation;

namespace sroi::xlsx {

class StagedFile;
class CellPipe;

/// Export failed (exit code 1): cannot write, file exists, library error.
using sroi::ExportError;

enum class Style {
  Plain,
  Bold,
  Header,
  Euro,
  EuroBold,
  Date,
  Decimal,  ///< up to 4 decimals
  Integer,
  Wrap,
  Warning,
  InputText,     ///< unlocked (editable on a protected sheet)
  InputDecimal,  ///< unlocked
  InputEuro,     ///< unlocked
  Title,
  Month,        ///< a date shown as yyyy-mm
  Gap,          ///< grey: nothing there
  InputDate,    ///< unlocked, a day as Dutch Excel shows it (1-3-2027)
  Help,         ///< small grey italic text that explains the cell above or beside it
  Problem,      ///< red: a cell with a problem (its comment says what to do)
  WarningWrap,  ///< Warning, wrapped within its (merged) cells
  Percent,      ///< a share as a percentage with one decimal: 0.821 shows as 82,1 %
};

class Sheet {
 public:
  void text(int row, int col, const std::string& value, Style s = Style::Plain);
  void number(int row, int col, double value, Style s = Style::Plain);
  /// A formula (without the leading '=' or with it) and the value it computes, cached so that
  /// readers which do not recalculate still show our exact figure.
  void formula(int row, int col, const std::string& formula, double cached, Style s = Style::Plain);
  void formula_text(int row, int col, const std::string& formula, const std::string& cached,
                    Style s = Style::Plain);
  void date(int row, int col, const Date& d, Style s = Style::Date);
  void blank(int row, int col, Style s);
  /// Text over the columns first..last of a row (merged), wrapped within them, the row made
  /// tall enough: a long sentence stays on the page instead of running on beside the table.
  void paragraph(int row, int first_col, int last_col, const std::string& text, Style s);
  /// A note on a cell, shown when the cell is pointed at (Excel's "opmerking").
  void comment(int row, int col, const std::string& text);
  void column_width(int first_col, int last_col, double width, Style s = Style::Plain);
  /// The width a column was given (column_width), or 0 for the default.
  double width_of(int col) const;
  void freeze(int rows, int cols);
  /// The rows printed at the top of every page, when they are not all the frozen rows (a sheet
  /// whose frozen part is tall repeats only its table's heading).
  void print_headings(int first_row, int last_row);
  /// Prints on A4 portrait instead of landscape (a letter).
  void portrait();
  void autofilter(int first_row, int first_col, int last_row, int last_col);
  /// Drop-down list whose items are the cells named by `range_formula` ("=Blocks!$A$2:$A$9").
  /// `help`, when given, shows beside a cell of the range as soon as it is selected.
  void validate_list(int first_row, int col, int last_row, const std::string& range_formula,
                     const std::string& message, const std::string& help = {});
  /// Numbers between `min` and `max` (decimals allowed unless `whole`).
  void validate_range(int first_row, int col, int last_row, double min, double max, bool whole,
                      const std::string& message, const std::string& help = {});
  /// Days between `min` and `max`.
  void validate_date(int first_row, int col, int last_row, const Date& min, const Date& max,
                     const std::string& message, const std::string& help = {});
  /// Text of at most `max` characters, with `help` shown as soon as a cell is selected.
  void validate_length(int first_row, int col, int last_row, int max, const std::string& message,
                       const std::string& help);
  /// Conditional format: cells of the range where `formula` (written for the range's top-left
  /// cell) is true get style `s`.
  void highlight(int first_row, int first_col, int last_row, int last_col,
                 const std::string& formula, Style s);
  /// Protects the sheet: only cells with an Input* style stay editable.
  void protect();
  /// A chart of series (category range, value range, name) placed at row/col.
  struct Series {
    std::string categories;
    std::string values;
    std::string name;
    /// Drawn as a labelled marker without a line (a single point such as "today").
    bool marker = false;
  };
  /// Bar: horizontal bars, for categories with long names (written beside their bars).
  enum class Chart { Line, Column, Bar };
  void chart(Chart kind, int row, int col, const std::string& title,
             const std::vector<Series>& series, const std::string& y_axis);
  const std::string& name() const { return name_; }

 private:
  friend class Workbook;
  Sheet(class Workbook* book, lxw_worksheet* ws, std::string name)
      : book_(book), ws_(ws), name_(std::move(name)) {}
  void validate(int first_row, int col, int last_row, lxw_data_validation& v, std::string message,
                std::string help);
  void log(char kind, int row, int col, Style s, const std::string& a,
           const std::string& b = {}) const;
  /// Notes a cell's column and style, for fit_print.
  void used(int col, Style s) {
    last_col_ = std::max(last_col_, col);
    small_text_ = small_text_ || s == Style::Help;
  }
  /// The print scale: one page wide when the smallest text then stays at 8 pt or more, else
  /// at 8 pt across pages (called at close).
  void fit_print();
  int last_col_ = -1;
  bool small_text_ = false;                   ///< a Help cell (9 pt) is on the sheet
  std::pair<int, double> chart_right_{0, 0};  ///< a chart's column and width in points
  /// A text wider than its column, for fit_print: the longest such (in characters), and its
  /// column.
  void runs_on(int col, const std::string& text, Style s);
  std::pair<double, int> longest_{0, 0};
  /// A header cell wraps between words, never inside one ("Contractduu/r"): its column is
  /// widened to the header's longest word.
  void fit_header_word(int col, const std::string& header);
  /// A wrapped cell's row is made tall enough for its lines (spreadsheet programs keep the
  /// height a file gives, so text would otherwise overlap the next row).
  void fit_row_height(int row, int col, const std::string& text);
  /// The same for text wrapped within `width` characters.
  void fit_row_height_to(int row, double width, const std::string& text);
  std::vector<int> row_lines_;  ///< lines per row as set by fit_row_height
  class Workbook* book_;
  bool portrait_ = false;
  lxw_worksheet* ws_;
  std::string name_;
  std::vector<double> widths_;  ///< per column as set, 0 where the default applies
  std::vector<Style> column_styles_;
};

/// Whether an existing file at the target may be replaced (--force).
enum class Overwrite { Refuse, Replace };

/// How a workbook holds its cells: all in memory (any order), or streamed to disk row by row
/// (each sheet written top to bottom; memory stays flat however long the sheet).
enum class Rows { AnyOrder, InOrder };

/// Sees every sheet and cell a workbook writes (the benchmark's replay log uses it); none by
/// default.
class CellObserver {
 public:
  virtual ~CellObserver() = default;
  virtual void sheet(const std::string& name) = 0;
  /// kind: 's' text, 'n' number, 'f' formula with a number, 'F' formula with text, 'd' date,
  /// 'b' blank; `value` as text (numbers exactly), `formula` for formulas.
  virtual void cell(char kind, const std::string& sheet, int row, int col, Style style,
                    const std::string& value, const std::string& formula) = 0;
};

/// Every workbook written from now on reports to `observer` (nullptr: none).
void observe_cells(CellObserver* observer);

class Workbook {
 public:
  /// Refuses an existing `path` unless Overwrite::Replace.
  Workbook(std::string path, Overwrite overwrite, Rows rows);
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  Sheet& add_sheet(const std::string& name);
  /// What every printed page of every sheet shows at its top (left, middle, right: the title
  /// block: what, for whom, which region) and bottom (left: the day and any warning; right:
  /// the page number). Applies to the sheets added before and after.
  struct PageText {
    std::string top_left, top_centre, top_right, bottom_left;
  };
  void page_text(PageText text);
  /// Writes the file and renames it into place; throws ExportError.
  void close();

  lxw_format* format(Style s);
  const std::string& path() const { return path_; }

 private:
  /// Every cell written so far is in the library: before any other call into it.
  void sync();
  std::string path_;
  std::unique_ptr<StagedFile> staged_;
  std::string tmp_;
  lxw_workbook* wb_ = nullptr;
  std::unique_ptr<CellPipe> pipe_;  ///< cells on their way to the library
  std::vector<lxw_format*> formats_;
  CellObserver* observer_ = nullptr;
  friend class Sheet;
  std::vector<std::unique_ptr<Sheet>> sheets_;
  PageText page_;
  void apply_page_text(lxw_worksheet* ws);
};

/// Euros as a spreadsheet number: the one place money becomes a double (display only).
inline double euros(Money m) { return static_cast<double>(m.cents()) / 100.0; }
/// An exact fraction as a spreadsheet number (display and cached results only).
inline double real(const Ratio& r) {
  return static_cast<double>(r.num()) / static_cast<double>(r.den());
}

/// "A", "B", ..., "AA" for a 0-based column.
std::string column_letter(int col);
/// "B7" for 0-based row 6, column 1; absolute "$B$7" when `absolute`.
std::string cell(int row, int col, bool absolute = false);
/// "'Building blocks'!" — a sheet name quoted for use in a formula.
std::string sheet_ref(const std::string& sheet);

}  // namespace sroi::xlsx
