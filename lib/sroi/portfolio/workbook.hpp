// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <string>
#include <vector>

#include "sroi/portfolio/portfolio.hpp"
#include "sroi/xlsx/report.hpp"

namespace sroi::portfolio {

/// The portfolio workbook: one row per contract (obligation, offered, realised, surplus,
/// shortfall, forecast, penalty), totals per supplier and per buyer as SUMIF formulas, and a
/// chart of realised against obligation per supplier. Throws xlsx::ExportError.
void write_portfolio(const std::vector<ContractStatus>& rows, const Date& as_of,
                     const std::string& path, const xlsx::WriteOptions& options);

}  // namespace sroi::portfolio
