// SPDX-License-Identifier: EUPL-1.2
// Hashes of the register, all from libsodium (no hand-written crypto): file identity, the audit
// chain (plain, or keyed so that only the key holder can extend it) and stored rows.
#pragma once

#include <string>
#include <string_view>

namespace sroi::store {

/// SHA-256 of `data`, as 64 lower-case hex digits. Identifies imported files and chains the
/// audit log when no key is in use.
std::string sha256_hex(std::string_view data);

/// BLAKE2b with a key (crypto_generichash, 32 bytes), as 64 hex digits: the keyed audit chain.
std::string keyed_hash_hex(std::string_view key, std::string_view data);

/// BLAKE2b of `data` in 16 bytes (binary): one stored row's identity.
std::string row_hash(std::string_view data);
/// BLAKE2b of `data` in 32 bytes, as hex: a set of rows (their row hashes in order).
std::string rows_hash_hex(std::string_view data);

/// The audit key of this process (set once at start by the command line or the portal): the
/// 32-byte BLAKE2b of the key file's content; "" when none was given.
void use_audit_key(std::string key);
const std::string& audit_key();
/// The key in the file at `path` (at least 32 bytes of anything, e.g. from /dev/urandom).
/// Throws StoreError naming the file: cannot read, too short.
std::string read_audit_key_file(const std::string& path);

}  // namespace sroi::store
