// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/config: the check of input_checks.hpp that reads a whole TOML document,
// apart so that the CSV and workbook readers do not compile toml++.
#pragma once

#include <string>
#include <vector>

#include "sroi/config/input_checks.hpp"
#include "sroi/config/toml_fields.ipp"

namespace sroi::config {

/// Every string of a document a person hands in (an offer, a contract, a realisation), at
/// any depth: one that holds a BSN (io::holds_bsn) is refused at its place, naming its key and
/// not its value. A number written as text in a key that holds numbers ("value = \"111222333\"")
/// is a number, not a BSN; candidates are left to candidate_id (their line then does not read).
void refuse_bsn_in_strings(const toml::table& doc, const std::string& file,
                           std::vector<Diagnostic>& problems);

}  // namespace sroi::config
