// SPDX-License-Identifier: EUPL-1.2
#include "sroi/error.hpp"

#include "sroi/msg/model.hpp"

namespace sroi {

std::string column_letters(int col) {
  std::string letters;
  for (int c = col + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters;
}

std::string cell_name(int row, int col) { return column_letters(col) + std::to_string(row + 1); }

std::string SourceLocation::str() const {
  const std::string& name_of_file = file.str();
  const std::string& sheet_name = sheet.str();
  if (!sheet_name.empty()) {
    bool plain =
        sheet_name.find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
    std::string name = sheet_name;
    if (!plain) {
      name = "'";
      for (char c : sheet_name) name += c == '\'' ? std::string("''") : std::string(1, c);
      name += "'";
    }
    if (line > 0 && column > 0)
      return name_of_file + ":" + name + "!" + cell_name(line - 1, column - 1);
    return name_of_file + ":" + name;
  }
  std::string out = name_of_file;
  if (line > 0) out += ":" + std::to_string(line);
  if (line > 0 && column > 0) out += ":" + std::to_string(column);
  return out;
}

Message place(const SourceLocation& where) {
  Verbatim file = as_is(where.file.str());
  bool column = where.column_name != MsgId{};
  if (!where.sheet.empty()) {
    Verbatim sheet = as_is(where.sheet.str());
    if (where.line <= 0) return msg(Msg::PlaceSheet, file, sheet);
    if (where.column <= 0) {  // a row, its column named where known (a value it lacks)
      Verbatim row = as_is(std::to_string(where.line));
      if (column)
        return msg(Msg::PlaceSheetRowColumn, file, sheet, row, phrase(msg(where.column_name)));
      return msg(Msg::PlaceSheetRow, file, sheet, row);
    }
    Verbatim cell = as_is(cell_name(where.line - 1, where.column - 1));
    if (column) return msg(Msg::PlaceCellColumn, file, sheet, cell, phrase(msg(where.column_name)));
    return msg(Msg::PlaceCell, file, sheet, cell);
  }
  if (where.table_row && where.line > 0) {
    // The row number as the spreadsheet shows it: no thousands separator.
    Verbatim row = as_is(std::to_string(where.line));
    if (column) return msg(Msg::PlaceRowColumn, file, row, phrase(msg(where.column_name)));
    return msg(Msg::PlaceRow, file, row);
  }
  return msg(Msg::Value, as_is(where.str()));
}

namespace {
/// "sroi message 5.12 (ww-lt1, 2027-01-01)": the id and the literal arguments, for debugging only.
std::string debug_form(const Message& m) {
  std::string out = "sroi message " + std::to_string(m.id.area) + "." + std::to_string(m.id.index);
  std::string args;
  for (const Arg& a : m.args) {
    if (const auto* v = std::get_if<Verbatim>(&a))
      args += (args.empty() ? "" : ", ") + v->text;
    else if (const auto* n = std::get_if<int64_t>(&a))
      args += (args.empty() ? "" : ", ") + std::to_string(*n);
    else if (const auto* c = std::get_if<Count>(&a))
      args += (args.empty() ? "" : ", ") + std::to_string(c->n);
  }
  return args.empty() ? out : out + " (" + args + ")";
}
}  // namespace

Error::Error(Message message, Remedy remedy)
    : std::runtime_error(debug_form(message)), message_(std::move(message)), remedy_(remedy) {}

DataError::DataError(std::vector<Diagnostic> diagnostics, Remedy remedy)
    : Error(msg(Msg::ProblemsFound, Count{static_cast<int64_t>(diagnostics.size())}), remedy),
      diagnostics_(std::move(diagnostics)) {}

DataError::DataError(SourceLocation where, Message message, Remedy remedy)
    : DataError(std::vector<Diagnostic>{Diagnostic{std::move(where), std::move(message)}}, remedy) {
}

}  // namespace sroi
