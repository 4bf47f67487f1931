// SPDX-License-Identifier: EUPL-1.2
// The settlement as people get it: a table on the command line (or JSON), a workbook with the
// figures and the letter, and the letter to the supplier as a PDF (LibreOffice prints the
// letter's sheet, as the tests print every workbook: no second layout to keep in step).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "sroi/manage/settlement.hpp"
#include "sroi/report/render.hpp"

namespace sroi {

/// The settlement's figures and decision as a table, or JSON.
void render_settlement(std::ostream& out, const manage::SettlementAssessment& a, Format format);

/// The settlement's figures as rows of label and value, in `lang` (empty values: not yet).
std::vector<std::pair<std::string, std::string>> settlement_rows(
    const manage::SettlementAssessment& a, Lang lang);

/// The day the letter bears: the day of the decision, else `today`.
Date letter_date(const manage::SettlementAssessment& a, const Date& today);

/// The letter to the supplier, paragraph by paragraph, in `lang`.
std::vector<std::string> settlement_letter(const manage::SettlementAssessment& a, Lang lang,
                                           const Date& today);

/// A workbook with the sheets Afrekening (the figures) and Brief (the letter); with
/// `letter_only` the letter alone. Throws ExportError.
void write_settlement_workbook(const std::string& path, const manage::SettlementAssessment& a,
                               Lang lang, const Date& today, bool replace,
                               bool letter_only = false);

/// The letter as a PDF at `pdf`: its sheet printed by LibreOffice (soffice) in a folder of its
/// own. Throws ExportError when LibreOffice is missing or makes no PDF.
void write_settlement_letter_pdf(const std::string& pdf, const manage::SettlementAssessment& a,
                                 Lang lang, const Date& today);

}  // namespace sroi
