// SPDX-License-Identifier: EUPL-1.2
// The register's tables as the command line (and later the portal) shows them: the status of
// its contracts as text or JSON, and any table as CSV or JSON for other tools.
#pragma once

#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "sroi/portfolio/portfolio.hpp"
#include "sroi/report/render.hpp"

namespace sroi {

/// The status of each contract: text (tab-separated, with risks, warnings and, with
/// Detail::Steps, every shared week and problem) or JSON.
void render_status(std::ostream& out, const std::vector<portfolio::ContractStatus>& rows,
                   const Date& as_of, Format format, Detail detail);

/// Gives the first rows of a span (and as many after them as it likes) their notes; returns
/// how many it did, at least one (portfolio::add_notes).
using NoteParts = std::function<std::size_t(std::span<portfolio::ContractStatus>)>;

/// The same, the rows' notes made a part at a time as they are printed: `notes` is asked for
/// them just before a row without them is printed, and a row's notes are let go once it is,
/// so that a whole register's notes are never held at once. Aligned by the rows as they come;
/// the totals are those of the rows printed.
void render_status(std::ostream& out, std::vector<portfolio::ContractStatus>& rows,
                   const Date& as_of, Format format, Detail detail, const NoteParts& notes);

/// One table of the register (status, contracts, lines, audit) as CSV (cells a spreadsheet
/// would run as formulas neutralised, OWASP) or JSON. Throws Error for an unknown table.
void export_table(std::ostream& out, const store::Register& reg, const config::RegionSet& regions,
                  const std::string& table, const store::ContractFilter& filter, const Date& as_of,
                  Format format);

/// The buyer's review of an import in words: "ingediend", "geaccepteerd door koper",
/// "afgewezen door koper: <reden>".
Message review_words(const store::ImportRecord& r);
/// A line's own review in the same words ("afgewezen door koper: …").
Message review_words(const store::LineReview& r);

/// The imports of the register (`sroi imports`, /api/v1/imports): a table, or JSON with id,
/// contract, file, sha256, rows, imported_at, user, in_force, replaced_at, replaced_by,
/// removed_at.
void render_imports(std::ostream& out, const std::vector<store::ImportRecord>& imports,
                    Format format);

}  // namespace sroi
