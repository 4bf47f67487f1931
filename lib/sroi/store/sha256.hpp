// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <string>
#include <string_view>

namespace sroi::store {

/// SHA-256 (FIPS 180-4) of `data`, as 64 lower-case hex digits. Identifies imported files.
std::string sha256_hex(std::string_view data);

}  // namespace sroi::store
