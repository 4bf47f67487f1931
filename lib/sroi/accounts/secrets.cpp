// SPDX-License-Identifier: EUPL-1.2
#include "sroi/accounts/secrets.hpp"

#include <sodium.h>

#include "sroi/error.hpp"
#include "sroi/model/similar.hpp"
#include "sroi/msg/accounts.hpp"
#include "sroi/store/hash.hpp"

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
  // 31 letters and digits without 0/o, 1/l/i: log2 31 = 4.95 bits each, 20 characters: 99 bits.
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  constexpr uint32_t kSize = sizeof kAlphabet - 1;
  std::string out;
  for (int i = 0; i < 20; ++i) {
    if (i > 0 && i % 5 == 0) out += '-';
    out += kAlphabet[randombytes_uniform(kSize)];
  }
  return out;
}

std::size_t characters(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::optional<MsgId> password_problem(std::string_view password, std::string_view name) {
  if (characters(password) < kMinPasswordLength) return Msg::UsagePasswordTooShort;
  std::string p = lower_ascii(password), n = lower_ascii(name);
  if (n.size() >= 3 && p.find(n) != std::string::npos) return Msg::PasswordHasName;
  // Easy to guess: at most 3 different characters ("aaaaaaaaaaaa", "abcabcabcabc"), only
  // digits, or a common word once the digits and punctuation around it are taken off.
  std::string distinct;
  for (char c : p)
    if (distinct.find(c) == std::string::npos) distinct += c;
  if (distinct.size() <= 3) return Msg::PasswordTooSimple;
  std::string letters;
  for (char c : p)
    if (!(c >= '0' && c <= '9') &&
        std::string_view("!@#$%^&*()-_=+.,;:?/ ").find(c) == std::string_view::npos)
      letters += c;
  static constexpr std::string_view kCommon[] = {
      "",       "password", "passw",   "wachtwoord", "welkom", "qwerty",  "qwertyuiop",
      "azerty", "admin",    "letmein", "iloveyou",   "sroi",   "portaal", "geheim",
      "zomer",  "winter",   "lente",   "herfst",     "abc",    "abcdef",  "test"};
  for (auto w : kCommon)
    if (letters == w) return Msg::PasswordTooSimple;
  return std::nullopt;
}

std::string keyed_hex(std::string_view key, std::string_view message) {
  ready();
  unsigned char out[crypto_generichash_BYTES];
  if (key.size() < crypto_generichash_KEYBYTES_MIN || key.size() > crypto_generichash_KEYBYTES_MAX)
    throw Error(msg(Msg::SecretsUnavailable));
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), reinterpret_cast<const unsigned char*>(key.data()),
                     key.size());
  char hex[sizeof out * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string generate_token() { return "sroi_" + random_hex(32); }

std::string token_sha256(std::string_view token) { return store::sha256_hex(token); }

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  ready();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sroi::accounts
