// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/toml_text.hpp"

#include <toml++/toml.h>

#include <sstream>

namespace sroi::config {

std::string toml_string(std::string_view text) {
  std::ostringstream out;
  toml::value<std::string> v{std::string(text)};
  // Without multi-line strings (a newline is \n), with UTF-8 as it is.
  out << toml::toml_formatter{v, toml::format_flags::allow_unicode_strings};
  return out.str();
}

}  // namespace sroi::config
