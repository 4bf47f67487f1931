// SPDX-License-Identifier: EUPL-1.2
// Steering figures as JSON, the versioned schema of docs/kpi-schema.md: written by `sroi kpi`,
// read back by `sroi kpi merge`.
#pragma once

#include <ostream>
#include <string>

#include "sroi/kpi/kpi.hpp"

namespace sroi::kpi {

/// Writes the report (pretty-printed, keys in a fixed order).
void write_json(std::ostream& out, const Report& r);

/// Reads a report written by write_json. Throws DataError at `file` when it is not one, names
/// a newer schema version, or a figure is missing or of the wrong kind.
Report read_json(const std::string& file);

}  // namespace sroi::kpi
