// SPDX-License-Identifier: EUPL-1.2
// Passwords and tokens of the portal's accounts, with libsodium: Argon2id for passwords, the
// system's secure random source for tokens, SHA-256 for what is stored of a token.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sroi/model/message_id.hpp"

namespace sroi::accounts {

/// A password must be at least this long.
constexpr std::size_t kMinPasswordLength = 12;

/// The Argon2id hash of `password` in libsodium's self-describing string form
/// ("$argon2id$v=19$m=…"), with a fresh salt. Throws sroi::Error when out of memory.
std::string hash_password(std::string_view password);

/// What is wrong with `password` for the account `name`, or nothing: fewer than
/// kMinPasswordLength characters (counted as characters, not bytes: UsagePasswordTooShort),
/// the account's name in it (PasswordHasName), or easy to guess — a few characters repeated,
/// only digits, or a common word with digits around it (PasswordTooSimple).
std::optional<MsgId> password_problem(std::string_view password, std::string_view name);
/// The characters (Unicode code points) of UTF-8 text.
std::size_t characters(std::string_view utf8);

/// A keyed hash (BLAKE2b, libsodium's crypto_generichash) of `message` under `key` (16 to 64
/// bytes), hex: proof that this server made `message`.
std::string keyed_hex(std::string_view key, std::string_view message);

/// Whether `password` matches `hash` (constant time in the password).
bool verify_password(const std::string& hash, std::string_view password);

/// Whether two secrets (tokens, keyed hashes) are equal, compared by libsodium in a time that
/// does not depend on where they differ (their length is not secret); empty never matches.
bool same_secret(std::string_view a, std::string_view b);

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
