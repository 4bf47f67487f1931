// SPDX-License-Identifier: EUPL-1.2
#include "sroi/accounts/secrets.hpp"

#include <sodium.h>

#include "sroi/error.hpp"
#include "sroi/store/sha256.hpp"

namespace sroi::accounts {
namespace {

void ready() {
  if (sodium_init() < 0) throw Error(msg(Msg::SecretsUnavailable));
}

}  // namespace

std::string hash_password(std::string_view password) {
  ready();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw Error(msg(Msg::SecretsUnavailable));
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  ready();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_hex(std::size_t bytes) {
  ready();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  sodium_memzero(raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

std::string generate_password() {
  ready();
  // 32 letters and digits without 0/o, 1/l/i: 5 bits each, 20 characters.
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  constexpr uint32_t kSize = sizeof kAlphabet - 1;
  std::string out;
  for (int i = 0; i < 20; ++i) {
    if (i > 0 && i % 5 == 0) out += '-';
    out += kAlphabet[randombytes_uniform(kSize)];
  }
  return out;
}

std::string generate_token() { return "sroi_" + random_hex(32); }

std::string token_sha256(std::string_view token) { return store::sha256_hex(token); }

}  // namespace sroi::accounts
