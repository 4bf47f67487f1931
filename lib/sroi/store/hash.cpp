// SPDX-License-Identifier: EUPL-1.2
// File identity and the audit chain hash with libsodium's SHA-256 (no hand-written crypto).
#include <sodium.h>

#include <stdexcept>

#include "sroi/error.hpp"
#include "sroi/store/sha256.hpp"

namespace sroi::store {

std::string sha256_hex(std::string_view data) {
  static const bool ready = sodium_init() >= 0;  // thread-safe once; idempotent
  if (!ready) throw StoreError(msg(Msg::CryptoUnavailable));
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace sroi::store
