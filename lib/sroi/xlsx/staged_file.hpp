// SPDX-License-Identifier: EUPL-1.2
// Writing an output file safely: the content goes to a file in a fresh private folder beside
// the target (created exclusively, so no existing name or planted link is ever followed or
// reused), and only a complete file is renamed into place. A failure leaves nothing behind.
#pragma once

#include <string>

#include "sroi/xlsx/workbook.hpp"

namespace sroi::xlsx {

class StagedFile {
 public:
  /// Checks the target (a file name, in an existing folder, not a folder itself; an existing
  /// file only with Overwrite::Replace) and prepares the private folder. Throws ExportError.
  StagedFile(std::string target, Overwrite overwrite);
  ~StagedFile();
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  /// Where to write the content (inside the private folder).
  const std::string& staging_path() const { return staging_; }
  const std::string& target() const { return target_; }
  /// Moves the written file into place (replacing a link at the target, never its target;
  /// with Overwrite::Refuse never anything that appeared there meanwhile). Throws ExportError.
  void commit();

 private:
  std::string target_, dir_, staging_;
  Overwrite overwrite_;
  bool done_ = false;
};

/// Writes `text` to `path` through a StagedFile. Throws ExportError.
void write_text_file(const std::string& path, const std::string& text, Overwrite overwrite);

}  // namespace sroi::xlsx
