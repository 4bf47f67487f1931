// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <string>

#include "sroi/kpi/kpi.hpp"
#include "sroi/xlsx/report.hpp"

namespace sroi::kpi {

/// The figures as a workbook: Kengetallen (one row per group and the total, shares as live
/// formulas, "< 5" for suppressed groups, a chart), Doelgroepen (placements per target group,
/// with a chart) and, for a merged overview, Registers (each register's total side by side).
/// Throws ExportError; never leaves a partial file.
void write_kpi(const Report& r, const std::string& path, const xlsx::WriteOptions& o);

}  // namespace sroi::kpi
