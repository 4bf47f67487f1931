// SPDX-License-Identifier: EUPL-1.2
#include "sroi/io/digest.hpp"

#include <sodium.h>

#include <stdexcept>

namespace sroi::io {

std::string fingerprint_hex(std::string_view text) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  unsigned char out[16];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(text.data()),
                     text.size(), nullptr, 0);
  char hex[2 * sizeof out + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex, 2 * sizeof out);
}

}  // namespace sroi::io
