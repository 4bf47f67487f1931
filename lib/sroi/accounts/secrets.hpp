// SPDX-License-Identifier: EUPL-1.2
// Passwords and tokens of the portal's accounts, with libsodium: Argon2id for passwords, the
// system's secure random source for tokens, SHA-256 for what is stored of a token.
#pragma once

#include <string>
#include <string_view>

namespace sroi::accounts {

/// A password must be at least this long.
constexpr std::size_t kMinPasswordLength = 12;

/// The Argon2id hash of `password` in libsodium's self-describing string form
/// ("$argon2id$v=19$m=…"), with a fresh salt. Throws sroi::Error when out of memory.
std::string hash_password(std::string_view password);

/// Whether `password` matches `hash` (constant time in the password).
bool verify_password(const std::string& hash, std::string_view password);

/// `bytes` random bytes from the system's secure source, as lower-case hex.
std::string random_hex(std::size_t bytes);

/// A password to hand out once: 4 groups of 5 characters from an alphabet without look-alikes
/// (about 100 bits), e.g. "k7mpq-x3fzr-…".
std::string generate_password();

/// An API token: "sroi_" and 32 random bytes in hex. Only its SHA-256 is stored.
std::string generate_token();

/// What is stored of a token: its SHA-256, hex.
std::string token_sha256(std::string_view token);

}  // namespace sroi::accounts
