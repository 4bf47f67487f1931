// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <string>
#include <vector>

#include "sroi/harmonise/harmonise.hpp"
#include "sroi/xlsx/report.hpp"

namespace sroi::harmonise {

/// The comparison matrix as a workbook; conditional formatting marks cells that differ from
/// another region's and gaps.
void write_comparison(const Matrix& m, const std::string& path, const xlsx::WriteOptions& o);

/// How one sample offer's value would move under the draft.
struct OfferEffect {
  std::string file;
  std::string home;  ///< its own region
  Money home_total;
  Money draft_total;
  int unmapped = 0;
};

/// The draft: per catalogue entry the regional values, the proposal and the spread; and the
/// effect on sample offers (difference and percentage as formulas).
void write_draft(const Draft& d, const std::vector<OfferEffect>& effects, const std::string& path,
                 const xlsx::WriteOptions& o);

}  // namespace sroi::harmonise
