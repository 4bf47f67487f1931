// SPDX-License-Identifier: EUPL-1.2
#include "sroi/io/csv.hpp"

#include <algorithm>

#include "sroi/io/text_input.hpp"
#include "sroi/msg/io.hpp"

namespace sroi::io {

char detect_separator(std::string_view text) {
  // The header row, outside quotes: Dutch Excel writes ';' (its decimal comma takes ','), the
  // rest of the world ','. The one that occurs more often there separates the columns.
  std::size_t semicolons = 0, commas = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    semicolons += c == ';';
    commas += c == ',';
  }
  return semicolons > commas ? ';' : ',';
}

void parse_csv_each(const std::string& text, const std::string& file,
                    std::vector<Diagnostic>& problems, const std::function<bool(CsvRow&&)>& fn,
                    char sep) {
  std::size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  int line = 1;
  std::size_t line_start = 0;
  auto column = [&](std::size_t pos) { return static_cast<int>(pos - line_start) + 1; };
  // A place in the file, said as its row ("rij 7") to a person.
  auto at = [&](int at_line, int at_column) {
    SourceLocation where{file, at_line, at_column};
    where.table_row = true;
    return where;
  };

  while (i < text.size()) {
    CsvRow row;
    row.line = line;
    std::size_t problems_before = problems.size();
    bool row_done = false;
    while (!row_done) {
      CsvField field;
      field.column = column(i);
      if (i < text.size() && text[i] == '"') {
        int open_line = line, open_col = column(i);
        ++i;
        bool closed = false;
        while (i < text.size()) {
          char c = text[i];
          if (c == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field.text += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') {
            ++line;
            line_start = i + 1;
          }
          field.text += c;
          ++i;
        }
        if (!closed) {
          problems.push_back({at(open_line, open_col), msg(Msg::UnterminatedQuote)});
          return;
        }
        if (i < text.size() && text[i] != sep && text[i] != '\n' && text[i] != '\r') {
          problems.push_back({at(line, column(i)), msg(Msg::TextAfterQuote)});
          while (i < text.size() && text[i] != sep && text[i] != '\n') ++i;
        }
      } else {
        while (i < text.size() && text[i] != sep && text[i] != '\n' && text[i] != '\r')
          field.text += text[i++];
      }
      // Every value must be text a workbook and a terminal can show: UTF-8, no control
      // characters (a line break inside quotes included).
      // Kept as Unicode intends it (NFKC, no format characters), so that what is stored and
      // checked is what a person sees.
      if (auto why = text_problem(field.text))
        problems.push_back({at(row.line, field.column), msg(Msg::ValueTextProblem, phrase(*why))});
      else
        field.text = unicode_normalised(std::move(field.text));
      row.fields.push_back(std::move(field));
      if (i < text.size() && text[i] == sep) {
        ++i;
        continue;
      }
      if (i < text.size() && text[i] == '\r') ++i;
      if (i < text.size() && text[i] == '\n') {
        ++i;
        ++line;
        line_start = i;
      }
      row_done = true;
    }
    bool blank = std::all_of(row.fields.begin(), row.fields.end(),
                             [](const CsvField& f) { return f.text.empty(); });
    row.bad = problems.size() != problems_before;
    if (!blank && !fn(std::move(row))) return;
  }
}

std::vector<CsvRow> parse_csv(const std::string& text, const std::string& file,
                              std::vector<Diagnostic>& problems) {
  std::vector<CsvRow> rows;
  parse_csv_each(
      text, file, problems,
      [&](CsvRow&& row) {
        rows.push_back(std::move(row));
        return true;
      },
      detect_separator(text));
  return rows;
}

std::string csv_field(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace sroi::io
