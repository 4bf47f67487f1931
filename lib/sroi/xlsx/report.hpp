// SPDX-License-Identifier: EUPL-1.2
#pragma once

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

}  // namespace sroi::xlsx
