// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <string>

#include "sroi/tender/bids.hpp"
#include "sroi/xlsx/report.hpp"

namespace sroi::tender {

/// The tender as a workbook to hand over: Vergelijking (the shared terms and the bids side by
/// side, difference and meeting the obligation as formulas), Beoordeling (the rule, P and the
/// maximum in input cells, points and rank as live formulas), Regels (every line of every bid)
/// and Signalen (the plausibility signals). Throws ExportError; never leaves a partial file.
void write_tender(const Tender& t, const std::string& path, const xlsx::WriteOptions& o);

}  // namespace sroi::tender
