// SPDX-License-Identifier: EUPL-1.2
// An offer or realisation file, read and valued in one go, so that a person sees every problem
// of the file in one run: the fields that do not read, and the lines whose block or quantities
// the region refuses, together, sorted by place.
#pragma once

#include <string>

#include "sroi/calc/assessment.hpp"
#include "sroi/config/input_loader.hpp"
#include "sroi/config/region_set.hpp"

namespace sroi::portfolio {

/// The offer in `path`, assessed under the region version it names. Throws one DataError with
/// every problem of the file.
struct OfferIntake {
  Offer offer;
  const Region* region = nullptr;
  Assessment assessment;
};
OfferIntake take_offer(const config::RegionSet& regions, const std::string& path);
/// An offer already read (a form's fields), with the problems of what did not read and
/// `part` saying which parts did: checked and assessed as a file is. Throws one DataError
/// with every problem.
OfferIntake take_offer(const config::RegionSet& regions, Offer offer,
                       std::vector<Diagnostic> problems, const config::PartRead& part);
/// The same for an offer handed in as TOML text; `name` is where its problems are located.
OfferIntake take_offer_text(const config::RegionSet& regions, const std::string& text,
                            const std::string& name);
/// The same for an uploaded file: a filled offer workbook when `name` ends in .xlsx, else TOML.
OfferIntake take_offer_upload(const config::RegionSet& regions, const std::string& name,
                              const std::string& bytes);

/// The realisation in `path` (TOML, or CSV with the contract from `flags`), assessed with its
/// totals only (KeepLines::No); a `visitor` sees every line as it is valued. Throws one
/// DataError with every problem of the file.
struct RealisationIntake {
  Realisation realisation;
  const Region* region = nullptr;
  Assessment assessment;
  char csv_separator = 0;  ///< ',' or ';' for a CSV file (the command line says which)
};
RealisationIntake take_realisation(const config::RegionSet& regions, const std::string& path,
                                   const config::ContractFlags& flags,
                                   std::optional<Date> as_of = std::nullopt,
                                   LineVisitor* visitor = nullptr);

/// True when `region` has the block. A block written by its name, as the region publishes it
/// ("Werkervaringsplek"), or as a workbook's drop-down shows it ("id — name"), in any case, is
/// taken and `id` becomes its id. Else adds its problem at `at`, with the closest ids, or the
/// block for the same target group where the id is another region's.
bool known_block(const config::RegionSet& regions, const Region& region, std::string& id,
                 const SourceLocation& at, std::vector<Diagnostic>& problems);

/// Checks the blocks of rows left out for another problem (known_block), so that every problem
/// of such a row is named in the same run.
void check_bad_row_blocks(const config::RegionSet& regions, const Region& region,
                          const std::vector<WrittenBlock>& blocks,
                          std::vector<Diagnostic>& problems);

/// Checks realisation lines that read cleanly against the region and contract, as valuing them
/// would: a line whose block the region lacks is dropped with its problem (known_block), the
/// others are valued quietly, a few thousand at a time, for their problems only.
void check_realisation_lines(const config::RegionSet& regions, const Region& region,
                             const Contract& contract, std::vector<RealisationLine>& lines,
                             std::vector<Diagnostic>& problems);

}  // namespace sroi::portfolio
