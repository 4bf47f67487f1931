// SPDX-License-Identifier: EUPL-1.2
// Ids a person meant: case folded the way ids are written, and the closest of a set of ids to
// a typo ("participatiewet-gtX" → "participatiewet-gt2").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sroi {

/// ASCII lower case: ids are lower-case kebab-case, so "Oost-Nederland" names "oost-nederland".
std::string lower_ascii(std::string_view s);

/// Levenshtein distance (insertions, deletions and substitutions of single bytes).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The ids of `candidates` within `max_distance` of `id`, closest first (at most `limit`).
std::vector<std::string> closest(std::string_view id, const std::vector<std::string>& candidates,
                                 std::size_t max_distance = 3, std::size_t limit = 3);

}  // namespace sroi
