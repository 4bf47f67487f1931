// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <string>
#include <string_view>

namespace sroi::store {

/// SHA-256 (libsodium) of `data`, as 64 lower-case hex digits. Identifies imported files and
/// chains the audit log.
std::string sha256_hex(std::string_view data);

}  // namespace sroi::store
