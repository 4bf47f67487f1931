// SPDX-License-Identifier: EUPL-1.2
// Harmonisation results as the command line (and later the portal) shows them.
#pragma once

#include <ostream>
#include <vector>

#include "sroi/harmonise/harmonise.hpp"
#include "sroi/report/render.hpp"

namespace sroi {

/// One offer valued under several regions: per region the obligation, total and whether it is
/// met; per line the block it maps to there (with Detail::Steps, how it was found). Text or
/// JSON.
void render_elsewhere(std::ostream& out, const Offer& offer, const Region& home,
                      const std::vector<harmonise::Elsewhere>& all, Format format, Detail detail);

/// The regions side by side, one row per catalogue entry, bonus and rule; ≠ where they differ
/// or one has no counterpart. Text or JSON.
void render_comparison(std::ostream& out, const harmonise::Matrix& m, Format format);

/// A change's kind in words: "toegevoegd", "verwijderd", "gewijzigd", "hernoemd".
MsgId change_kind_name(harmonise::ChangeKind k);
/// What a change leaves and brings, as one message: "from → to" for a change or a renaming,
/// the new value for an addition, the old one for a removal.
Message change_values(const harmonise::Change& c);

}  // namespace sroi
