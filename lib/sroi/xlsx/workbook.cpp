// SPDX-License-Identifier: EUPL-1.2
#include "sroi/xlsx/workbook.hpp"

#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "sroi/msg/xlsx.hpp"
#include "sroi/xlsx/cell_pipe.hpp"
#include "sroi/xlsx/staged_file.hpp"

namespace sroi::xlsx {
namespace fs = std::filesystem;

namespace {

CellObserver* g_observer = nullptr;  // observe_cells

// Dutch euro with thousands grouping; the application shows separators in the user's locale.
// Numbers end in a space's width ("_ "), so that a right-aligned figure never runs into the
// left-aligned text of the next column ("24gepubliceerd").
const char* const kEuro = "[$€-413] #,##0.00_ ;[$€-413] -#,##0.00_ ";

/// `what()` names the part ("cell B4", "chart"); libxlsxwriter's own words say why. The name
/// is made only on failure: a workbook writes millions of cells.
template <typename What>
void check(lxw_error err, What&& what) {
  if (err != LXW_NO_ERROR)
    throw ExportError(msg(Msg::CannotWritePart, phrase(what()), as_is(lxw_strerror(err))));
}

std::string exact(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

lxw_row_t row_t(int r) { return static_cast<lxw_row_t>(r); }
lxw_col_t col_t(int c) { return static_cast<lxw_col_t>(c); }

/// A write of one cell for the pipe, without its value.
CellWrite cell_write(CellWrite::Kind kind, lxw_worksheet* ws, int row, int col, lxw_format* f) {
  CellWrite w;
  w.kind = kind;
  w.ws = ws;
  w.row = row_t(row);
  w.col = col_t(col);
  w.format = f;
  return w;
}

}  // namespace

std::string column_letter(int col) { return sroi::column_letters(col); }

std::string cell(int row, int col, bool absolute) {
  std::string d = absolute ? "$" : "";
  return d + column_letter(col) + d + std::to_string(row + 1);
}

std::string sheet_ref(const std::string& sheet) {
  std::string q;
  for (char c : sheet) q += c == '\'' ? std::string("''") : std::string(1, c);
  return "'" + q + "'!";
}

Workbook::Workbook(std::string path, Overwrite overwrite, Rows rows)
    : path_(std::move(path)), staged_(std::make_unique<StagedFile>(path_, overwrite)) {
  tmp_ = staged_->staging_path();
  lxw_workbook_options opts{};
  opts.constant_memory = rows == Rows::InOrder ? LXW_TRUE : LXW_FALSE;
  opts.use_zip64 = LXW_TRUE;
  wb_ = workbook_new_opt(tmp_.c_str(), &opts);
  if (!wb_) throw ExportError(msg(Msg::CannotCreateWorkbook, as_is(tmp_)));
  observer_ = g_observer;
  pipe_ = std::make_unique<CellPipe>();

  auto make = [&](auto&& setup) {
    lxw_format* f = workbook_add_format(wb_);
    // Every cell from the top, so that a row made taller for wrapped text reads level.
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    setup(f);
    formats_.push_back(f);
  };
  make([](lxw_format*) {});                         // Plain
  make([](lxw_format* f) { format_set_bold(f); });  // Bold
  make([](lxw_format* f) {                          // Header
    format_set_bold(f);
    format_set_bg_color(f, 0xDDEBF7);
    format_set_bottom(f, LXW_BORDER_THIN);
    format_set_text_wrap(f);
  });
  make([](lxw_format* f) { format_set_num_format(f, kEuro); });  // Euro
  make([](lxw_format* f) {                                       // EuroBold
    format_set_num_format(f, kEuro);
    format_set_bold(f);
  });
  make([](lxw_format* f) { format_set_num_format(f, "d-m-yyyy"); });  // Date, as Dutch Excel
  make([](lxw_format* f) { format_set_num_format(f, "0.####_ "); });  // Decimal
  make([](lxw_format* f) { format_set_num_format(f, "0_ "); });       // Integer
  make([](lxw_format* f) {  // Wrap: from the top of a row made tall enough (fit_row_height)
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  });
  make([](lxw_format* f) {  // Warning
    format_set_bold(f);
    format_set_font_color(f, 0x9C0006);
    format_set_bg_color(f, 0xFFC7CE);
  });
  make([](lxw_format* f) {  // InputText
    format_set_unlocked(f);
    format_set_bg_color(f, 0xFFF2CC);
  });
  make([](lxw_format* f) {  // InputDecimal
    format_set_unlocked(f);
    format_set_bg_color(f, 0xFFF2CC);
    format_set_num_format(f, "0.####");
  });
  make([](lxw_format* f) {  // InputEuro
    format_set_unlocked(f);
    format_set_bg_color(f, 0xFFF2CC);
    format_set_num_format(f, kEuro);
  });
  make([](lxw_format* f) {  // Title
    format_set_bold(f);
    format_set_font_size(f, 14);
  });
  make([](lxw_format* f) { format_set_num_format(f, "yyyy-mm"); });  // Month
  make([](lxw_format* f) {                                           // Gap
    format_set_bg_color(f, 0xE7E6E6);
    format_set_font_color(f, 0x7F7F7F);
  });
  make([](lxw_format* f) {  // InputDate
    format_set_unlocked(f);
    format_set_bg_color(f, 0xFFF2CC);
    format_set_num_format(f, "d-m-yyyy");
  });
  make([](lxw_format* f) {  // Help
    format_set_italic(f);
    format_set_font_color(f, 0x595959);
    format_set_font_size(f, 9);
  });
  make([](lxw_format* f) {  // Problem
    format_set_bg_color(f, 0xFF8080);
    format_set_font_color(f, 0x000000);
    format_set_border(f, LXW_BORDER_MEDIUM);
    format_set_border_color(f, 0xC00000);
  });
  make([](lxw_format* f) {  // WarningWrap
    format_set_bold(f);
    format_set_font_color(f, 0x9C0006);
    format_set_bg_color(f, 0xFFC7CE);
    format_set_text_wrap(f);
  });
  make([](lxw_format* f) { format_set_num_format(f, "0.0%"); });  // Percent
}

Workbook::~Workbook() {
  if (!wb_) return;
  // Not closed: the work failed. Let the library release its memory, then drop the file.
  pipe_.reset();
  workbook_close(wb_);
  std::error_code ec;
  fs::remove(tmp_, ec);
}

lxw_format* Workbook::format(Style s) {
  // Plain cells carry no format at all: every formatted cell costs the library a format
  // lookup, which dominates large sheets.
  return s == Style::Plain ? nullptr : formats_[static_cast<std::size_t>(s)];
}

void Workbook::sync() { pipe_->sync(); }

Sheet& Workbook::add_sheet(const std::string& name) {
  sync();
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
  if (!ws) throw ExportError(msg(Msg::CannotAddSheet, as_is(name)));
  // Every sheet prints ready to hand over: landscape A4, as wide as one page, as many pages
  // long as it needs (the frozen header rows repeat on each: Sheet::freeze).
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
  apply_page_text(ws);
  sheets_.push_back(std::unique_ptr<Sheet>(new Sheet(this, ws, name)));
  if (observer_) observer_->sheet(name);
  return *sheets_.back();
}

namespace {
/// Text for a page header or footer: '&' starts a code there, so a literal one is doubled; the
/// format allows 255 characters in all, so each part is cut to a share of that.
std::string header_part(const std::string& s, std::size_t most) {
  std::string out;
  for (char c : s) {
    if (out.size() + 2 > most && (static_cast<unsigned char>(c) & 0xC0) != 0x80) break;
    out += c == '&' ? std::string("&&") : std::string(1, c);
  }
  return out;
}
}  // namespace

void Workbook::page_text(PageText text) {
  sync();
  page_ = std::move(text);
  for (auto& s : sheets_) apply_page_text(s->ws_);
}

void Workbook::apply_page_text(lxw_worksheet* ws) {
  if (page_.top_left.empty() && page_.top_centre.empty() && page_.top_right.empty()) return;
  std::string top = "&L&B" + header_part(page_.top_left, 90) + "&C" +
                    header_part(page_.top_centre, 70) + "&R" + header_part(page_.top_right, 70);
  std::string bottom = "&L" + header_part(page_.bottom_left, 200) + "&R&P / &N";
  worksheet_set_header(ws, top.c_str());
  worksheet_set_footer(ws, bottom.c_str());
}

void Workbook::close() {
  sync();
  for (auto& sheet : sheets_) sheet->fit_print();
  pipe_.reset();
  lxw_error err = workbook_close(wb_);
  wb_ = nullptr;
  if (err != LXW_NO_ERROR)
    throw ExportError(msg(Msg::CannotWriteFile, as_is(path_), as_is(lxw_strerror(err))));
  staged_->commit();
}

void observe_cells(CellObserver* observer) { g_observer = observer; }

void Sheet::runs_on(int col, const std::string& text, Style s) {
  // Characters (not bytes), a title's and bold text's wider.
  double chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  if (s == Style::Title) chars *= 14.0 / 11;
  if (s == Style::Bold || s == Style::Warning) chars *= 1.1;
  auto i = static_cast<std::size_t>(col);
  if (chars <= (i < widths_.size() ? widths_[i] : 0)) return;  // within its own column
  longest_ = std::max(longest_, std::make_pair(chars, col));
}

void Sheet::portrait() {
  portrait_ = true;
  book_->sync();
  worksheet_set_portrait(ws_);
}

void Sheet::fit_print() {
  // What the columns take on paper: a width of w characters is 7w + 5 pixels, 0.75 pt each.
  auto column_points = [&](int c) {
    auto i = static_cast<std::size_t>(c);
    double w = i < widths_.size() && widths_[i] > 0 ? widths_[i] : 8.43;
    return std::floor(w * 7 + 5) * 0.75;
  };
  double points = 0;
  for (int c = 0; c <= last_col_; ++c) points += column_points(c);
  if (longest_.first > 0) {  // a text that runs on over the empty cells to its right
    double left = 0;
    for (int c = 0; c < longest_.second; ++c) left += column_points(c);
    points = std::max(points, left + std::floor(longest_.first * 7 + 5) * 0.75);
  }
  if (chart_right_.second > 0) {  // a chart reaches from its column as far as it is wide
    double left = 0;
    for (int c = 0; c < chart_right_.first; ++c) left += column_points(c);
    points = std::max(points, left + chart_right_.second);
  }
  // A4 landscape within its half-inch side margins; LibreOffice, lacking Excel's font, lays a
  // column out about a fifth wider than Excel's measure.
  const double page = ((portrait_ ? 595 : 842) - 72) / 1.25;
  const double smallest = small_text_ ? 9 : 11;
  // Aimed at 8.5 pt: LibreOffice rounds a scaled font down, and 8 pt is the least on paper.
  const double aim = 8.5;
  if (points <= 0 || page / points * smallest >= aim) return;  // one page wide, still legible
  // Too wide for one page: printed at the scale that keeps the smallest text legible, across
  // as many pages as it takes, the first column repeated on each as the heading rows are
  // (Sheet::freeze).
  worksheet_set_print_scale(ws_, static_cast<uint16_t>(std::ceil(100 * aim / smallest)));
  worksheet_repeat_columns(ws_, 0, 0);
}

void Sheet::log(char kind, int row, int col, Style s, const std::string& a,
                const std::string& b) const {
  if (book_->observer_) book_->observer_->cell(kind, name_, row, col, s, a, b);
}

void Sheet::text(int row, int col, const std::string& value, Style s) {
  used(col, s);
  const bool wraps = s == Style::Wrap || s == Style::WarningWrap;
  if (!wraps && s != Style::Header && s != Style::Help) runs_on(col, value, s);
  log('s', row, col, s, value);
  if (s == Style::Header) fit_header_word(col, value);
  if (wraps || s == Style::Header) fit_row_height(row, col, value);
  CellWrite w = cell_write(CellWrite::Kind::Text, ws_, row, col, book_->format(s));
  w.text = value;
  book_->pipe_->push(std::move(w));
}

namespace {
/// The format a number shows in: a whole number without a decimal point ("12", never "12."
/// as the decimal format would show it), any other with at most four decimals, both padded so
/// that they never touch the text of the next column. Other styles (money, dates) as given.
Style number_style(Style s, double value) {
  if (s != Style::Plain && s != Style::Decimal) return s;
  return std::nearbyint(value) == value && std::fabs(value) < 1e15 ? Style::Integer
                                                                   : Style::Decimal;
}
}  // namespace

void Sheet::number(int row, int col, double value, Style s) {
  used(col, s);
  if (book_->observer_) log('n', row, col, s, exact(value));
  CellWrite w =
      cell_write(CellWrite::Kind::Number, ws_, row, col, book_->format(number_style(s, value)));
  w.number = value;
  book_->pipe_->push(std::move(w));
}

void Sheet::formula(int row, int col, const std::string& f, double cached, Style s) {
  used(col, s);
  if (book_->observer_) log('f', row, col, s, exact(cached), f);
  CellWrite w = cell_write(CellWrite::Kind::FormulaNumber, ws_, row, col,
                           book_->format(number_style(s, cached)));
  w.text = f;
  w.number = cached;
  book_->pipe_->push(std::move(w));
}

void Sheet::formula_text(int row, int col, const std::string& f, const std::string& cached,
                         Style s) {
  used(col, s);
  log('F', row, col, s, cached, f);
  CellWrite w = cell_write(CellWrite::Kind::FormulaText, ws_, row, col, book_->format(s));
  w.text = f;
  w.cached = cached;
  book_->pipe_->push(std::move(w));
}

void Sheet::date(int row, int col, const Date& d, Style s) {
  used(col, s);
  if (book_->observer_) log('d', row, col, s, d.iso());
  CellWrite w = cell_write(CellWrite::Kind::Date, ws_, row, col, book_->format(s));
  w.date = lxw_datetime{d.year, d.month, d.day, 0, 0, 0.0};
  book_->pipe_->push(std::move(w));
}

void Sheet::blank(int row, int col, Style s) {
  used(col, s);
  log('b', row, col, s, "");
  book_->pipe_->push(cell_write(CellWrite::Kind::Blank, ws_, row, col, book_->format(s)));
}

void Sheet::column_width(int first, int last, double width, Style s) {
  book_->sync();
  worksheet_set_column(ws_, col_t(first), col_t(last), width,
                       s == Style::Plain ? nullptr : book_->format(s));
  if (static_cast<std::size_t>(last) >= widths_.size()) {
    widths_.resize(static_cast<std::size_t>(last) + 1, 0);
    column_styles_.resize(static_cast<std::size_t>(last) + 1, Style::Plain);
  }
  for (int c = first; c <= last; ++c) {
    widths_[static_cast<std::size_t>(c)] = width;
    column_styles_[static_cast<std::size_t>(c)] = s;
  }
}

double Sheet::width_of(int col) const {
  return static_cast<std::size_t>(col) < widths_.size() ? widths_[static_cast<std::size_t>(col)]
                                                        : 0;
}

void Sheet::fit_row_height(int row, int col, const std::string& text) {
  fit_row_height_to(row, width_of(col) == 0 ? 8.43 : width_of(col), text);
}

void Sheet::paragraph(int row, int first_col, int last_col, const std::string& text, Style s) {
  used(last_col, s);
  log('s', row, first_col, s, text);
  Style wrap = s == Style::Warning ? Style::WarningWrap : Style::Wrap;
  book_->sync();
  check(worksheet_merge_range(ws_, row_t(row), col_t(first_col), row_t(row), col_t(last_col),
                              text.c_str(), book_->format(wrap)),
        [&] { return msg(Msg::PartCell, as_is(cell(row, first_col))); });
  double width = 0;
  for (int c = first_col; c <= last_col; ++c) width += width_of(c) == 0 ? 8.43 : width_of(c);
  fit_row_height_to(row, width, text);
}

void Sheet::fit_row_height_to(int row, double width, const std::string& text) {
  // Characters per line: somewhat under one per width unit, as lines break between words;
  // a line break starts a line of its own.
  auto per_line = static_cast<std::size_t>(std::max(1.0, width * 0.95));
  int lines = 0;
  std::size_t run = 0;
  for (unsigned char c : text + "\n") {
    if (c == '\n') {
      lines += static_cast<int>(run == 0 ? 1 : (run + per_line - 1) / per_line);
      run = 0;
    } else if ((c & 0xC0) != 0x80) {
      ++run;
    }
  }
  if (lines <= 1) return;
  auto r = static_cast<std::size_t>(row);
  if (r >= row_lines_.size()) row_lines_.resize(r + 1, 1);
  if (lines <= row_lines_[r]) return;
  row_lines_[r] = lines;
  // The row's own format puts its unformatted cells at the top too.
  CellWrite w = cell_write(CellWrite::Kind::RowHeight, ws_, row, 0, book_->format(Style::Wrap));
  w.number = 13.0 * lines + 2;
  book_->pipe_->push(std::move(w));
}

void Sheet::fit_header_word(int col, const std::string& header) {
  std::size_t longest = 0, run = 0;
  for (unsigned char c : header + " ") {
    if (c == ' ' || c == '\n') {
      longest = std::max(longest, run);
      run = 0;
    } else if ((c & 0xC0) != 0x80) {
      ++run;  // one per character, not per byte
    }
  }
  // Bold text is about a tenth wider than the width unit (a plain digit), plus the padding.
  double needed = static_cast<double>(longest) * 1.1 + 1.5;
  double current = width_of(col);
  if ((current == 0 ? 8.43 : current) >= needed) return;
  Style keep = static_cast<std::size_t>(col) < column_styles_.size()
                   ? column_styles_[static_cast<std::size_t>(col)]
                   : Style::Plain;
  column_width(col, col, needed, keep);
}

void Sheet::comment(int row, int col, const std::string& text) {
  book_->sync();
  lxw_comment_options o{};
  o.width = 360;  // room for a sentence or two without scrolling
  o.height = 120;
  static char author[] = "sroi";  // the library takes a char*, and only reads it
  o.author = author;
  check(worksheet_write_comment_opt(ws_, row_t(row), col_t(col), text.c_str(), &o),
        [&] { return msg(Msg::PartComment, as_is(cell(row, col))); });
}

void Sheet::freeze(int rows, int cols) {
  book_->sync();
  worksheet_freeze_panes(ws_, row_t(rows), col_t(cols));
  if (rows > 0) worksheet_repeat_rows(ws_, 0, row_t(rows - 1));  // on every printed page
}

void Sheet::print_headings(int first_row, int last_row) {
  book_->sync();
  worksheet_repeat_rows(ws_, row_t(first_row), row_t(last_row));
}

void Sheet::autofilter(int r1, int c1, int r2, int c2) {
  book_->sync();
  check(worksheet_autofilter(ws_, row_t(r1), col_t(c1), row_t(r2), col_t(c2)),
        [&] { return msg(Msg::PartAutofilter, as_is(cell(r1, c1) + ":" + cell(r2, c2))); });
}

namespace {
/// Validation texts are limited to 255 characters by the file format.
char* limited(std::string& s) {
  if (s.size() > 255) s.resize(255);
  return s.empty() ? nullptr : s.data();
}
}  // namespace

void Sheet::validate(int first_row, int col, int last_row, lxw_data_validation& v,
                     std::string message, std::string help) {
  book_->sync();
  v.error_message = limited(message);
  v.input_message = limited(help);
  check(worksheet_data_validation_range(ws_, row_t(first_row), col_t(col), row_t(last_row),
                                        col_t(col), &v),
        [&] { return msg(Msg::PartValidation, as_is(column_letter(col))); });
}

void Sheet::validate_list(int first_row, int col, int last_row, const std::string& range,
                          const std::string& message, const std::string& help) {
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
  std::string formula = range;
  v.value_formula = formula.data();
  validate(first_row, col, last_row, v, message, help);
}

void Sheet::validate_range(int first_row, int col, int last_row, double min, double max, bool whole,
                           const std::string& message, const std::string& help) {
  lxw_data_validation v{};
  v.validate = whole ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
  v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  v.minimum_number = min;
  v.maximum_number = max;
  validate(first_row, col, last_row, v, message, help);
}

void Sheet::validate_date(int first_row, int col, int last_row, const Date& min, const Date& max,
                          const std::string& message, const std::string& help) {
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_DATE;
  v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  v.minimum_datetime = lxw_datetime{min.year, min.month, min.day, 0, 0, 0.0};
  v.maximum_datetime = lxw_datetime{max.year, max.month, max.day, 0, 0, 0.0};
  validate(first_row, col, last_row, v, message, help);
}

// (A validation of any value with only a help text leaks its strings in libxlsxwriter 1.1.4,
// as LeakSanitizer showed; a length limit is worth having anyway.)
void Sheet::validate_length(int first_row, int col, int last_row, int max,
                            const std::string& message, const std::string& help) {
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_LENGTH;
  v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  v.minimum_number = 0;
  v.maximum_number = max;
  validate(first_row, col, last_row, v, message, help);
}

void Sheet::highlight(int r1, int c1, int r2, int c2, const std::string& formula, Style s) {
  book_->sync();
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
  cf.value_string = const_cast<char*>(formula.c_str());
  cf.format = book_->format(s);
  check(worksheet_conditional_format_range(ws_, row_t(r1), col_t(c1), row_t(r2), col_t(c2), &cf),
        [&] { return msg(Msg::PartConditionalFormat); });
}

void Sheet::protect() {
  book_->sync();
  worksheet_protect(ws_, nullptr, nullptr);
}

void Sheet::chart(Chart kind, int row, int col, const std::string& title,
                  const std::vector<Series>& series, const std::string& y_axis) {
  book_->sync();
  lxw_chart* chart = workbook_add_chart(book_->wb_, kind == Chart::Line  ? LXW_CHART_LINE
                                                    : kind == Chart::Bar ? LXW_CHART_BAR
                                                                         : LXW_CHART_COLUMN);
  if (!chart) throw ExportError(msg(Msg::CannotAddChart));
  chart_title_set_name(chart, title.c_str());
  for (const auto& s : series) {
    lxw_chart_series* cs = chart_add_series(chart, s.categories.c_str(), s.values.c_str());
    chart_series_set_name(cs, s.name.c_str());
    if (s.marker) {
      lxw_chart_line none{};
      none.none = LXW_TRUE;
      chart_series_set_line(cs, &none);
      chart_series_set_marker_type(cs, LXW_CHART_MARKER_TRIANGLE);
      chart_series_set_marker_size(cs, 12);
      chart_series_set_labels(cs);
      chart_series_set_labels_options(cs, LXW_TRUE, LXW_FALSE, LXW_FALSE);
      chart_series_set_labels_position(cs, LXW_CHART_LABEL_POSITION_ABOVE);
    }
  }
  chart_axis_set_name(chart->y_axis, y_axis.c_str());
  // Money axes in euros; counts (candidates, placements) as whole numbers.
  chart_axis_set_num_format(chart->y_axis, y_axis == "€" ? kEuro : "0");
  if (kind == Chart::Line) chart_axis_set_num_format(chart->x_axis, "yyyy-mm");
  // The chart's words as large as the sheet's text: printed at a sheet's scale they stay at
  // 8 pt or more (a spreadsheet's default axis text is smaller).
  lxw_chart_font font{};
  font.size = 11;
  chart_axis_set_num_font(chart->x_axis, &font);
  chart_axis_set_num_font(chart->y_axis, &font);
  chart_axis_set_name_font(chart->y_axis, &font);
  chart_legend_set_font(chart, &font);
  lxw_chart_options opts{};
  opts.x_scale = 2.0;
  opts.y_scale = 1.5;
  chart_right_ = std::max(chart_right_, std::make_pair(col, 480.0 * opts.x_scale * 0.75));
  check(worksheet_insert_chart_opt(ws_, row_t(row), col_t(col), chart, &opts),
        [] { return msg(Msg::PartChart); });
}

}  // namespace sroi::xlsx
