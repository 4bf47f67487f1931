// SPDX-License-Identifier: EUPL-1.2
// What kpi reads of a candidate's lines, kept narrow (schema 14): per candidate one row, its
// lines packed one after another with only the facts kpi counts (contract, block, days, hours
// per week, bonuses, the figure on the figures' day). Kept in step with the lines' figures by
// every write that values the candidate, so that kpi for a period ending on the figures' day
// reads a few hundred thousand short rows instead of every line (docs/store.md).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sroi/store/figures.hpp"

namespace sroi::store {

/// One line as kpi reads it. The views point into the packed row it was read from.
struct KpiLine {
  int64_t id = 0;  ///< registration order
  std::string_view contract, block;
  long start = 0, end = 0;                ///< days since the epoch, inclusive
  std::optional<Ratio> hours_per_week;    ///< as given
  std::vector<std::string_view> bonuses;  ///< the bonuses' values
  std::optional<LineFigure> figure;       ///< on the figures' day; none: not valued
};

/// A candidate's lines (in registration order) with their figures, packed.
std::string pack_kpi_lines(std::span<const LineRef> lines,
                           std::span<const std::optional<LineFigure>> figures);
/// The lines of a packed row into `out` (cleared first; its vectors reused). Throws StoreError
/// when the row is not one pack_kpi_lines wrote.
void unpack_kpi_lines(std::string_view packed, std::vector<KpiLine>& out);

}  // namespace sroi::store
