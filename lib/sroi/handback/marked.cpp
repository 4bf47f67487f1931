// SPDX-License-Identifier: EUPL-1.2
#include "sroi/handback/marked.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "sroi/config/input_loader.hpp"
#include "sroi/config/line_rows.hpp"
#include "sroi/forms/forms.hpp"
#include "sroi/io/csv.hpp"
#include "sroi/io/text_input.hpp"
#include "sroi/io/xlsx_cells.hpp"
#include "sroi/model/similar.hpp"
#include "sroi/msg/handback.hpp"
#include "sroi/text/catalogue.hpp"
#include "sroi/xlsx/workbook.hpp"

namespace sroi::handback {
namespace {

using xlsx::Style;

/// Red cells with a comment at most: a file with more problems than this is marked at its first
/// ones, and lists every one (a comment costs the spreadsheet program far more than a cell).
constexpr std::size_t kMaxMarkedCells = 10'000;

/// One cell of the copy as the file had it: text, or a number as the file wrote it.
struct CopyCell {
  std::string text;
  bool number = false;
};

/// One sheet of the copy. A CSV row keeps the row number of its line ("rij 7" is row 7), and
/// the character column where each of its fields starts (problems of a CSV name those).
struct CopySheet {
  std::string name;     ///< as the file names it (a CSV file: its name)
  std::string written;  ///< as the copy names it (at most 31 characters, no [ ] : * ? / \)
  std::map<std::pair<int, int>, CopyCell> cells;                  ///< by 0-based row and column
  std::map<int, std::vector<int>> field_starts;                   ///< CSV: by 1-based line
  std::map<std::pair<int, int>, std::vector<std::string>> notes;  ///< a red cell's comments
  /// The headers naming a column of lines: by its name, by row, the column (index_headers).
  std::map<MsgId, std::map<int, int>> headers;
  int width = 0;  ///< columns used
};

/// A sheet name a workbook accepts, unlike every other in `taken`.
std::string sheet_name(std::string name, const std::vector<std::string>& taken) {
  for (char& c : name)
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  if (name.size() > 28) {
    name.resize(28);
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80)
      name.pop_back();  // never half a character
    if (!name.empty() && static_cast<unsigned char>(name.back()) >= 0xC0) name.pop_back();
  }
  if (name.empty()) name = "1";
  std::string out = name;
  for (int n = 2; std::find(taken.begin(), taken.end(), out) != taken.end(); ++n)
    out = name + " " + std::to_string(n);
  return out;
}

std::vector<CopySheet> read_csv_copy(const std::string& path, const std::string& text) {
  std::vector<Diagnostic> ignored;  // the intake reported them
  CopySheet sheet;
  sheet.name = path;
  for (const io::CsvRow& row : io::parse_csv(text, path, ignored)) {
    auto& starts = sheet.field_starts[row.line];
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      sheet.cells[{row.line - 1, static_cast<int>(i)}] = CopyCell{row.fields[i].text, false};
      starts.push_back(row.fields[i].column);
    }
  }
  std::vector<CopySheet> out;
  out.push_back(std::move(sheet));
  return out;
}

std::vector<CopySheet> read_xlsx_copy(const std::string& path, const std::string& bytes,
                                      bool& date1904) {
  std::vector<CopySheet> out;
  io::XlsxBook book = io::read_xlsx_bytes(bytes, path);
  date1904 = book.date1904;
  for (const io::XlsxSheet& s : book.sheets) {
    CopySheet sheet;
    sheet.name = s.name;
    for (const auto& [at, cell] : s.cells)
      sheet.cells[at] = CopyCell{cell.text, cell.kind == io::XlsxCell::Kind::Number};
    out.push_back(std::move(sheet));
  }
  return out;
}

/// Finds the sheet's headers that name a column of lines, once (a large file has many
/// problems, each looked up).
void index_headers(CopySheet& sheet) {
  for (const auto& [at, cell] : sheet.cells)
    if (!cell.number)
      if (const config::LineColumn* c = config::line_column_of_header(cell.text))
        sheet.headers[c->name].emplace(at.first, at.second);
}

/// The column whose header, above `row`, names the line column `name` (the nearest such
/// header), or nothing.
std::optional<int> header_column(const CopySheet& sheet, int row, MsgId name) {
  auto h = sheet.headers.find(name);
  if (h == sheet.headers.end()) return std::nullopt;
  auto it = h->second.lower_bound(row);
  if (it == h->second.begin()) return std::nullopt;
  return std::prev(it)->second;
}

/// The cell a problem is about: its sheet (an index into `sheets`), row and column, or nothing
/// when it is not about one cell of the file (a flag, the file as a whole).
struct Spot {
  std::size_t sheet;
  int row;
  int col;
};
std::optional<Spot> spot_of(const SourceLocation& where, const std::string& path,
                            const std::vector<CopySheet>& sheets, bool csv) {
  if (where.file.str() != path || where.line <= 0) return std::nullopt;
  int row = where.line - 1;
  if (csv) {
    const CopySheet& s = sheets.front();
    if (where.column_name != MsgId{})
      if (auto c = header_column(s, row, where.column_name)) return Spot{0, row, *c};
    int col = 0;
    if (auto it = s.field_starts.find(where.line); it != s.field_starts.end())
      for (std::size_t i = 0; i < it->second.size(); ++i)
        if (it->second[i] <= where.column) col = static_cast<int>(i);
    return Spot{0, row, col};
  }
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    if (sheets[i].name != where.sheet.str()) continue;
    if (where.column > 0) return Spot{i, row, where.column - 1};
    if (where.column_name != MsgId{})
      if (auto c = header_column(sheets[i], row, where.column_name)) return Spot{i, row, *c};
    return Spot{i, row, 0};
  }
  return std::nullopt;
}

/// Whether a text speaks of a day: "Begindatum", "LKS tot", "PSO geldig tot", "End date".
bool about_a_day(const std::string& text) {
  std::string t = lower_ascii(text);
  if (const config::LineColumn* c = config::line_column_of_header(t))
    return std::string_view(c->key) == "start" || std::string_view(c->key) == "end" ||
           std::string_view(c->key) == "date" || std::string_view(c->key) == "subsidy_until";
  for (const char* w : {"datum", "date", " tot", "until"})
    if (t.find(w) != std::string::npos) return true;
  return false;
}

/// Which number cells of a sheet hold days: those whose row's label (its first column) speaks
/// of a day, and those below a header that does (the nearest header above that names a column
/// of lines, or any text that speaks of a day).
class Days {
 public:
  explicit Days(const CopySheet& s) {
    for (const auto& [at, cell] : s.cells) {
      if (cell.number) continue;
      bool day = about_a_day(cell.text);
      if (at.second == 0 && day) labelled_.insert(at.first);
      if (day || config::line_column_of_header(cell.text)) headers_[at.second][at.first] = day;
    }
  }
  bool at(int row, int col) const {
    if (col > 0 && labelled_.count(row)) return true;
    auto c = headers_.find(col);
    if (c == headers_.end()) return false;
    auto it = c->second.lower_bound(row);
    if (it == c->second.begin()) return false;
    return std::prev(it)->second;
  }

 private:
  std::set<int> labelled_;
  std::map<int, std::map<int, bool>> headers_;  ///< by column, by row: a header, about a day
};

void write_copy(xlsx::Workbook& book, const CopySheet& s, bool date1904, Lang lang) {
  xlsx::Sheet& sheet = book.add_sheet(s.written);
  const Days days(s);
  // Wide enough for what the file holds, within reason.
  std::map<int, std::size_t> widths;
  for (const auto& [at, cell] : s.cells)
    widths[at.second] = std::max(widths[at.second], cell.text.size());
  for (const auto& [col, w] : widths)
    sheet.column_width(col, col, std::clamp(static_cast<double>(w) + 2, 10.0, 50.0));
  for (const auto& [at, cell] : s.cells) {
    auto [row, col] = at;
    bool red = s.notes.count(at) > 0;
    if (io::holds_bsn(cell.text)) {  // never written back, whatever else the cell is
      sheet.text(row, col, text::word(Msg::HandbackBsnLeftOut, lang), Style::Problem);
      continue;
    }
    double v = 0;
    auto [end, ec] = std::from_chars(cell.text.data(), cell.text.data() + cell.text.size(), v);
    if (cell.number && ec == std::errc() && end == cell.text.data() + cell.text.size()) {
      auto day = days.at(row, col) ? io::day_from_serial(cell.text, date1904) : std::nullopt;
      if (day)
        sheet.date(row, col, *day, red ? Style::Problem : Style::Date);
      else
        sheet.number(row, col, v, red ? Style::Problem : Style::Decimal);
    } else {
      sheet.text(row, col, cell.text, red ? Style::Problem : Style::Plain);
    }
  }
  for (const auto& [at, notes] : s.notes) {
    if (!s.cells.count(at)) sheet.blank(at.first, at.second, Style::Problem);  // an empty cell
    std::string all;
    for (const auto& n : notes) all += (all.empty() ? "" : "\n") + n;
    sheet.comment(at.first, at.second, all);
  }
}

}  // namespace

Marked write_marked(const std::string& path, const std::vector<Diagnostic>& problems,
                    const std::string& out, const xlsx::WriteOptions& options) {
  std::string bytes = forms::is_workbook(path) ? io::read_file_limited(path, io::kMaxXlsxBytes)
                                               : config::read_text_file(path);
  return write_marked_bytes(path, bytes, problems, out, options);
}

Marked write_marked_bytes(const std::string& path, const std::string& bytes,
                          const std::vector<Diagnostic>& problems, const std::string& out,
                          const xlsx::WriteOptions& options) {
  const Lang lang = options.lang;
  const bool csv = !forms::is_workbook(path);
  bool date1904 = false;
  std::vector<CopySheet> sheets =
      csv ? read_csv_copy(path, bytes) : read_xlsx_copy(path, bytes, date1904);
  for (auto& s : sheets) index_headers(s);
  const std::string file_name = std::filesystem::path(path).filename().string();
  std::vector<std::string> taken{text::word(Msg::HandbackSheet, lang)};
  for (auto& s : sheets) {
    s.written = sheet_name(csv ? std::filesystem::path(path).stem().string() : s.name, taken);
    taken.push_back(s.written);
  }

  // Each problem at its cell, and in the list with its place as a person reads it (the file by
  // its name: the copy may be read far from the folder it came from).
  Marked m;
  struct Listed {
    std::string where, what;
  };
  std::vector<Listed> listed;
  for (const Diagnostic& d : problems) {
    std::string what = text::say(d.message, lang);
    SourceLocation shown = d.where;
    if (shown.file.str() == path) shown.file = file_name;
    std::string where = shown.file.empty() ? text::word(Msg::HandbackNotInFile, lang)
                                           : text::say(place(shown), lang);
    auto spot = m.at_cells < kMaxMarkedCells ? spot_of(d.where, path, sheets, csv) : std::nullopt;
    if (spot) {
      sheets[spot->sheet].notes[{spot->row, spot->col}].push_back(what);
      ++m.at_cells;
    } else {
      ++m.listed_only;
    }
    listed.push_back({where, what});
  }
  for (const auto& s : sheets) m.cells += s.notes.size();

  xlsx::Workbook book(out, options.overwrite, xlsx::Rows::AnyOrder);
  xlsx::Sheet& list = book.add_sheet(taken.front());
  list.column_width(0, 0, 48, Style::Wrap);
  list.column_width(1, 1, 90, Style::Wrap);
  std::string count = problems.empty() ? text::word(Msg::HandbackNone, lang)
                                       : text::amount(Ratio(static_cast<int64_t>(problems.size())),
                                                      Counted::Problems, lang);
  list.text(0, 0, text::say(msg(Msg::HandbackTitle, as_is(file_name), as_is(count)), lang),
            Style::Title);
  if (!problems.empty()) {
    list.text(1, 0, text::word(Msg::HandbackHowTo, lang), Style::Wrap);
    list.text(3, 0, text::word(Msg::HandbackWhere, lang), Style::Header);
    list.text(3, 1, text::word(Msg::HandbackProblem, lang), Style::Header);
    int row = 4;
    for (const auto& l : listed) {
      list.text(row, 0, l.where, Style::Wrap);
      list.text(row, 1, l.what, Style::Wrap);
      ++row;
    }
    list.freeze(4, 0);
  }
  for (const auto& s : sheets) write_copy(book, s, date1904, lang);
  book.close();
  return m;
}

}  // namespace sroi::handback
