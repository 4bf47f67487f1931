// SPDX-License-Identifier: EUPL-1.2
// Contract management as the command line and the portal show it: what is due (`sroi due`).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "sroi/manage/due.hpp"
#include "sroi/report/render.hpp"

namespace sroi {

/// A reporting period as people name it: "2e kwartaal 2027", "Q2 2027".
Message period_name(const manage::ReportPeriod& p);
/// "quarter", …, "overdue": a report's state for scripts.
const char* report_state_id(manage::ReportState s);

/// A portal account's role in words: "leverancier", "opdrachtgever", "coördinator".
MsgId role_word(store::Role r);

/// "per kwartaal, 30 dagen": a contract's rhythm and days of grace.
Message terms_words(const manage::ReportingTerms& t);
/// "ingeleverd op 5-4-2027", "te laat: niet ingeleverd", …: a report's state in words.
Message report_state_words(const manage::PeriodReport& r);

/// What is due per contract on `as_of`: a table (next report, overdue reports, risk, with the
/// risks and late hand-ins under each contract) or JSON with every period.
void render_due(std::ostream& out, const std::vector<manage::ContractDue>& rows, const Date& as_of,
                Format format);

}  // namespace sroi
