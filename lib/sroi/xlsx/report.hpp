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

/// The region's calculator for suppliers: pick blocks from a drop-down, type quantities, see
/// each line's value and the total against an obligation, by live formulas that follow the
/// region's rules. Formula and table cells are protected; input cells are not.
void write_calculator(const Region& region, const std::string& path, const WriteOptions& options);

}  // namespace sroi::xlsx
