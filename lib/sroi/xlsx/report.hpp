// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <memory>
#include <string>

#include "sroi/calc/assessment.hpp"
#include "sroi/xlsx/labels.hpp"
#include "sroi/xlsx/workbook.hpp"

namespace sroi::xlsx {

struct WriteOptions {
  Lang lang = Lang::Nl;
  Overwrite overwrite = Overwrite::Refuse;  ///< --force: Replace
};

/// The offer or realisation report: Samenvatting, Regels (line values as formulas over their
/// inputs, cached with our exact values), Toelichting (every trace step), Bouwblokken and, for
/// a realisation, Voortgang (cumulative realised value per month against the obligation).
/// Streams rows (constant memory). Throws ExportError; never leaves a partial file.
void write_report(const Assessment& a, const std::string& path, const WriteOptions& options);

/// The same report written while a realisation is valued, so that it is valued only once: give
/// it to assess_realisation as the visitor, then finish() it with the assessment made. The
/// file is created (or refused) at once; unfinished, it leaves nothing behind.
class ReportWriter : public LineVisitor {
 public:
  ReportWriter(const std::string& path, const WriteOptions& options);
  ~ReportWriter() override;
  void begin(const Assessment& head, std::size_t lines) override;
  void line(std::size_t index, const LineResult& l) override;
  /// The summary, the totals, the blocks and the progress; then writes the file.
  void finish(const Assessment& a);

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace sroi::xlsx
