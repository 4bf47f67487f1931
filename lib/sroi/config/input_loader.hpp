// SPDX-License-Identifier: EUPL-1.2
// Offers and realisations from files. Every problem of a file is reported at once, each at
// its file:line:col, as a DataError.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sroi/model/contract.hpp"

namespace sroi::config {

/// What a file with problems still gave: whether its region and contract read (so that its
/// lines can be valued and every problem of the file reported in one run), which lines read
/// cleanly (the others have their problem already), and the CSV separator found.
struct PartRead {
  bool contract_read = false;
  std::vector<bool> line_read;  ///< per line of the result
  char csv_separator = 0;       ///< ',' or ';' for a CSV file
  /// The blocks of rows or [[line]] tables with a problem of their own, to be checked against
  /// the region as well.
  std::vector<WrittenBlock> bad_row_blocks;
};

/// An offer TOML: region, supplier, [contract], [[line]], optional [pso].
Offer load_offer(const std::string& path);
/// The same, collecting problems instead of throwing: what could be read, and `part` says how
/// much that is.
Offer read_offer(const std::string& path, std::vector<Diagnostic>& problems, PartRead& part);
/// The same for an offer handed in as text; `name` is where its problems are located.
Offer read_offer_text(const std::string& text, const std::string& name,
                      std::vector<Diagnostic>& problems, PartRead& part);

/// A realisation TOML: like an offer, with [[line]] entries that carry candidate and dates.
Realisation load_realisation_toml(const std::string& path);
Realisation read_realisation_toml(const std::string& path, std::vector<Diagnostic>& problems,
                                  PartRead& part);

/// What a realisation CSV does not hold itself: the region and contract (from flags).
struct ContractFlags {
  std::optional<std::string> region;  ///< "utrecht" or "utrecht@2019"
  std::optional<std::string> contract_id;
  std::optional<std::string> supplier;
  std::optional<std::string> value;
  std::optional<std::string> percentage;
  std::optional<std::string> threshold;
  std::optional<std::string> start;
  std::optional<std::string> end;
  std::optional<std::string> pso_level;
  std::optional<std::string> pso_valid_until;
  std::optional<std::string> pso_issued;
};

/// Builds a contract from command-line flags; throws DataError naming the flag.
Contract contract_from_flags(const ContractFlags& flags);
/// The PSO certificate given by flags, if any (none: empty); throws DataError naming the flag.
PsoCertificates pso_from_flags(const ContractFlags& flags);

/// A realisation CSV with header candidate,block,start,end,hours_per_week and optional
/// amount,hours,count,bonuses,date,subsidy_until columns (bonuses separated by ';'). A row of
/// an invoice, cost, hours or activity may give its date instead of start and end.
Realisation load_realisation_csv(const std::string& path, const ContractFlags& flags);
Realisation read_realisation_csv(const std::string& path, const ContractFlags& flags,
                                 std::vector<Diagnostic>& problems, PartRead& part);

/// The lines of a realisation CSV (`text` read from `path`); throws DataError listing every bad
/// row.
std::vector<RealisationLine> realisation_lines_from_csv(const std::string& text,
                                                        const std::string& path);

/// The same, collecting problems instead of throwing: returns the rows that are fine, and
/// appends a located problem for every other row (header problems still throw); the blocks of
/// those rows go to `bad_row_blocks` when given.
std::vector<RealisationLine> realisation_lines_from_csv(
    const std::string& text, const std::string& path, std::vector<Diagnostic>& problems,
    std::vector<WrittenBlock>* bad_row_blocks = nullptr);

/// The whole content of a file; throws DataError when it cannot be read.
std::string read_text_file(const std::string& path);

/// Dispatches on the extension: .csv or .toml.
Realisation load_realisation(const std::string& path, const ContractFlags& flags);
Realisation read_realisation(const std::string& path, const ContractFlags& flags,
                             std::vector<Diagnostic>& problems, PartRead& part);

}  // namespace sroi::config
