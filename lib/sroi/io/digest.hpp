// SPDX-License-Identifier: EUPL-1.2
// The identity of a text: a 16-byte BLAKE2b (libsodium) in hex. Not a secret and not a
// signature: it tells whether two texts are the same (a region model valued with before).
#pragma once

#include <string>
#include <string_view>

namespace sroi::io {

/// 32 hex digits that change whenever `text` changes.
std::string fingerprint_hex(std::string_view text);

}  // namespace sroi::io
