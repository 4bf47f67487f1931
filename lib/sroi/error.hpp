// SPDX-License-Identifier: EUPL-1.2
// Error policy: every failure is an exception derived from sroi::Error. An error carries a
// Message (an id with typed arguments, worded by lib/sroi/text at the edge), quotes the bad
// value and has a file:line:col where the input has one. Data and config problems are collected
// so that a user sees all of them in one run (see Diagnostic).
#pragma once

#include <compare>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sroi/model/message.hpp"

namespace sroi {

/// A file's or sheet's name that every location in that file shares: copies refer to one
/// string, so 100,000 lines of one file hold its name once (a line's location is copied, never
/// re-spelled). Reads as a `const std::string&`; assigning a string names another file.
class SharedName {
 public:
  SharedName() = default;
  SharedName(std::string name)  // NOLINT(google-explicit-constructor): a name is a string
      : name_(name.empty() ? nullptr : std::make_shared<const std::string>(std::move(name))) {}
  SharedName(const char* name) : SharedName(std::string(name)) {}  // NOLINT
  const std::string& str() const { return name_ ? *name_ : empty_name(); }
  operator const std::string&() const { return str(); }  // NOLINT
  bool empty() const { return !name_; }
  friend bool operator==(const SharedName& a, const SharedName& b) {
    return a.name_ == b.name_ || a.str() == b.str();
  }
  friend std::strong_ordering operator<=>(const SharedName& a, const SharedName& b) {
    int c = a.str().compare(b.str());
    return c < 0   ? std::strong_ordering::less
           : c > 0 ? std::strong_ordering::greater
                   : std::strong_ordering::equal;
  }

 private:
  static const std::string& empty_name() {
    static const std::string none;
    return none;
  }
  std::shared_ptr<const std::string> name_;
};

/// Where something was written in an input file; line and column are 1-based, 0 when unknown.
struct SourceLocation {
  SharedName file;
  int line = 0;
  int column = 0;
  /// A cell of a workbook: the sheet's name, with line and column its 1-based row and column.
  SharedName sheet{};
  /// The column of a table (a CSV file, a workbook's lines sheet) by its name (Msg::ColumnEnd:
  /// "Einddatum"); none when {}.
  MsgId column_name{};
  /// A row of a table (a CSV file): its place is said as "rij 7, kolom Einddatum", not 7:22.
  bool table_row = false;

  /// "file:line:col", "file:line" or "file", whichever parts are known; a cell of a workbook
  /// as "file:Sheet!B12" ("file:'Two words'!B12").
  std::string str() const;

  /// In reading order: by file, then line, then column.
  auto operator<=>(const SourceLocation&) const = default;
};

/// A place as a spreadsheet user reads it: "fout.csv, rij 7, kolom Einddatum", "offerte.xlsx,
/// blad Regels, cel C7 (Einddatum)"; other places (a TOML file, a flag) as str() writes them.
Message place(const SourceLocation& where);

/// "A", "B", …, "Z", "AA" for the 0-based column.
std::string column_letters(int col);
/// "B12" for the 0-based row 11 and column 1, as a spreadsheet names a cell.
std::string cell_name(int row, int col);

/// What the user can do about an error. The library names it; the edge (the command line, a
/// web page) words it, since only the edge knows whether that is a verb or a button.
enum class Remedy {
  None,
  CreateRegister,       ///< there is no register yet
  InitRegister,         ///< the file is not a register
  MigrateRegister,      ///< the register has an older schema
  AddContract,          ///< the contract is not in the register
  AddOrNameContract,    ///< idem, for a file named after its contract
  ListImports,          ///< no such import
  ReplaceSameFile,      ///< the file was imported before
  ReplaceRepeatedRows,  ///< the file repeats stored rows
  Overwrite             ///< the output file exists
};

/// Base of every error sroi throws. `what()` is only a short form for debugging (the id and
/// the literal arguments); users see `message()` worded by text::say.
class Error : public std::runtime_error {
 public:
  explicit Error(Message message, Remedy remedy = Remedy::None);
  const Message& message() const { return message_; }
  Remedy remedy() const { return remedy_; }

 private:
  Message message_;
  Remedy remedy_;
};

/// One problem found in an input file.
struct Diagnostic {
  SourceLocation where;
  Message message;
};

/// Bad data or config (exit code 1): one or more located diagnostics.
class DataError : public Error {
 public:
  /// `remedy` concerns the whole file (the edge shows it after the last diagnostic).
  explicit DataError(std::vector<Diagnostic> diagnostics, Remedy remedy = Remedy::None);
  DataError(SourceLocation where, Message message, Remedy remedy = Remedy::None);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Wrong command line (exit code 2). The command line words it itself: it is the edge.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& text) : Error(msg(Msg::Value, as_is(text))) {}
  explicit UsageError(Message m) : Error(std::move(m)) {}
};

/// A register that cannot be opened, read or written (exit code 1).
class StoreError : public Error {
 public:
  using Error::Error;
};

/// An import the register refuses as a whole (rows already stored, without --replace): each
/// repeated row located.
class ImportRefused : public DataError {
 public:
  using DataError::DataError;
};

/// A workbook or export file that cannot be written (exit code 1).
class ExportError : public Error {
 public:
  using Error::Error;
};

}  // namespace sroi
