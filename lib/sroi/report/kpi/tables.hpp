// SPDX-License-Identifier: EUPL-1.2
// Steering figures as the command line shows them: a text table, or the JSON schema.
#pragma once

#include <ostream>

#include "sroi/kpi/kpi.hpp"
#include "sroi/report/render.hpp"

namespace sroi {

/// One row per group and the total ("< 5" where suppressed), each register's total for a
/// merged overview, and the placements per target group; JSON as docs/kpi-schema.md.
void render_kpi(std::ostream& out, const kpi::Report& r, Format format);

}  // namespace sroi
