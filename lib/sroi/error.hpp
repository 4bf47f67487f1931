// SPDX-License-Identifier: EUPL-1.2
// Error policy: every failure is an exception derived from sroi::Error. Messages are lower
// case, quote the bad value and carry a file:line:col where the input has one. Data and config
// problems are collected so that a user sees all of them in one run (see Diagnostics).
#pragma once

#include <compare>
#include <stdexcept>
#include <string>
#include <vector>

namespace sroi {

/// Where something was written in an input file; line and column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  /// "file:line:col", "file:line" or "file", whichever parts are known.
  std::string str() const;

  /// In reading order: by file, then line, then column.
  auto operator<=>(const SourceLocation&) const = default;
};

/// What the user can do about an error. The library names it; the edge (the command line, a
/// web page) words it, since only the edge knows whether that is a verb or a button.
enum class Remedy {
  None,
  CreateRegister,      ///< there is no register yet
  InitRegister,        ///< the file is not a register
  MigrateRegister,     ///< the register has an older schema
  AddContract,         ///< the contract is not in the register
  AddOrNameContract,   ///< idem, for a file named after its contract
  ListImports,         ///< no such import
  ReplaceSameFile,     ///< the file was imported before
  ReplaceRepeatedRows  ///< the file repeats stored rows
};

/// Base of every error sroi throws.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, Remedy remedy = Remedy::None)
      : std::runtime_error(what), remedy_(remedy) {}
  Remedy remedy() const { return remedy_; }

 private:
  Remedy remedy_;
};

/// One problem found in an input file.
struct Diagnostic {
  SourceLocation where;
  std::string message;

  /// GCC format: "file:line:col: error: message".
  std::string str() const;
};

/// Bad data or config (exit code 1): one or more located diagnostics.
class DataError : public Error {
 public:
  /// `remedy` concerns the whole file (the edge shows it after the last diagnostic).
  explicit DataError(std::vector<Diagnostic> diagnostics, Remedy remedy = Remedy::None);
  DataError(SourceLocation where, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Wrong command line (exit code 2).
class UsageError : public Error {
 public:
  using Error::Error;
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
