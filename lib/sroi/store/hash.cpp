// SPDX-License-Identifier: EUPL-1.2
// File identity, the audit chain and row hashes with libsodium (no hand-written crypto).
#include "sroi/store/hash.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "sroi/error.hpp"
#include "sroi/msg/io.hpp"
#include "sroi/msg/store.hpp"

namespace sroi::store {
namespace {

void ready() {
  static const bool ok = sodium_init() >= 0;  // thread-safe once; idempotent
  if (!ok) throw StoreError(msg(Msg::CryptoUnavailable));
}

std::string hex(const unsigned char* bytes, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string& key_slot() {
  static std::string key;
  return key;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  ready();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, bytes(data), data.size());
  return hex(digest, sizeof digest);
}

std::string keyed_hash_hex(std::string_view key, std::string_view data) {
  ready();
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, bytes(data), data.size(), bytes(key), key.size());
  return hex(digest, sizeof digest);
}

std::string row_hash(std::string_view data) {
  ready();
  unsigned char digest[crypto_generichash_BYTES_MIN];
  crypto_generichash(digest, sizeof digest, bytes(data), data.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

std::string rows_hash_hex(std::string_view data) {
  ready();
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, bytes(data), data.size(), nullptr, 0);
  return hex(digest, sizeof digest);
}

void use_audit_key(std::string key) { key_slot() = std::move(key); }
const std::string& audit_key() { return key_slot(); }

std::string read_audit_key_file(const std::string& path) {
  auto fail = [&](Message why) {
    return StoreError(msg(Msg::AuditKeyFile, as_is(path), phrase(std::move(why))));
  };
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw fail(msg(Msg::CannotOpenFile));
  std::ifstream in(path, std::ios::binary);
  std::string content;
  char buf[4096];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    content.append(buf, static_cast<std::size_t>(in.gcount()));
    if (content.size() > (1u << 20)) throw fail(msg(Msg::FileTooLarge, int64_t{1}));
  }
  if (in.bad()) throw fail(msg(Msg::CannotReadFile));
  if (content.size() < 32)
    throw fail(msg(Msg::AuditKeyTooShort, static_cast<int64_t>(content.size())));
  ready();
  unsigned char key[crypto_generichash_KEYBYTES];
  crypto_generichash(key, sizeof key, bytes(content), content.size(), nullptr, 0);
  sodium_memzero(content.data(), content.size());
  return std::string(reinterpret_cast<const char*>(key), sizeof key);
}

}  // namespace sroi::store
