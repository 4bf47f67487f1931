// SPDX-License-Identifier: EUPL-1.2
// TOML written by sroi (a drafted region model, an offer downloaded from the portal): its
// strings made by toml++'s own writer, so every quote, backslash and control character is
// escaped as TOML requires and the file reads back as it was meant.
#pragma once

#include <string>
#include <string_view>

namespace sroi::config {

/// `text` as one TOML basic string on one line: "a \"b\"\n" (UTF-8 kept as it is).
std::string toml_string(std::string_view text);

}  // namespace sroi::config
