// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/model/region.hpp"

namespace sroi::config {

/// Loads every *.toml in the catalogue directory (buildingblocks/); appends problems.
Catalogue load_catalogue(const std::string& dir, std::vector<Diagnostic>& problems);

/// Loads one region model version. Every problem is appended to `problems`; the result is
/// nothing when the file could not be used. With a catalogue, each block's `maps_to` and each
/// bonus id must be in it.
std::optional<Region> load_region(const std::string& path, const Catalogue* catalogue,
                                  std::vector<Diagnostic>& problems);
/// The same for a model handed in as text (an upload); `name` is how its sender called it,
/// and where its problems are located.
std::optional<Region> read_region(const std::string& text, const std::string& name,
                                  const Catalogue* catalogue, std::vector<Diagnostic>& problems);

}  // namespace sroi::config
