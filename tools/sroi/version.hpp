// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <ostream>
#include <string>

#include "sroi/report/render.hpp"

namespace sroi::cli {

/// "0.1.0": the release (CMake's project version).
const char* version();
/// The sources the binary was built from: `git describe` ("v0.1.0-12-gabc…", "-dirty"), or
/// "unknown" when built outside a git checkout.
const char* revision();
/// `sroi --version`: "sroi 0.1.0 (abc…)"; as JSON also the register schema version and every
/// region model found in `regions_dir` (id, version, valid from, file).
void print_version(std::ostream& out, Format format, const std::string& regions_dir,
                   const std::string& catalogue_dir);

}  // namespace sroi::cli
