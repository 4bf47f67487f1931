// SPDX-License-Identifier: EUPL-1.2
#include "sroi/error.hpp"

namespace sroi {

std::string SourceLocation::str() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  if (line > 0 && column > 0) out += ":" + std::to_string(column);
  return out;
}

std::string Diagnostic::str() const {
  return where.file.empty() ? "error: " + message : where.str() + ": error: " + message;
}

namespace {
std::string join_diagnostics(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += (out.empty() ? "" : "\n") + d.str();
  return out;
}
}  // namespace

DataError::DataError(std::vector<Diagnostic> diagnostics, Remedy remedy)
    : Error(join_diagnostics(diagnostics), remedy), diagnostics_(std::move(diagnostics)) {}

DataError::DataError(SourceLocation where, std::string message)
    : DataError(std::vector<Diagnostic>{Diagnostic{std::move(where), std::move(message)}}) {}

}  // namespace sroi
