// SPDX-License-Identifier: EUPL-1.2
// The bids of a tender as the command line shows them: text or JSON.
#pragma once

#include <ostream>

#include "sroi/report/render.hpp"
#include "sroi/tender/bids.hpp"

namespace sroi {

/// The shared terms and obligation, one row per bid (rank, offered, difference and % of the
/// obligation, meets, points), the notes on ties and the field, and per bid its provisional
/// values and plausibility signals; Detail::Steps adds each bid's points formula and lines.
void render_tender(std::ostream& out, const tender::Tender& t, Format format, Detail detail);

}  // namespace sroi
