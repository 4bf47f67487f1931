// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portal/routes.hpp"

namespace sroi::portal {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// A percent-encoded segment decoded; nothing when a %XX is broken or it decodes to a NUL.
std::optional<std::string> decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
    if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t at = 1;  // after the leading '/'
  while (at <= path.size()) {
    std::size_t end = path.find('/', at);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

}  // namespace

const char* access_id(Access a) {
  switch (a) {
    case Access::Public:
      return "public";
    case Access::Session:
      return "session";
    case Access::Form:
      return "form";
    case Access::Api:
      return "api";
  }
  return "public";
}

const char* owner_id(Owner o) { return o == Owner::Contract ? "contract" : "none"; }

std::optional<std::map<std::string, std::string>> match_path(std::string_view pattern,
                                                             std::string_view raw_path) {
  if (raw_path.empty() || raw_path.front() != '/' || pattern.empty()) return std::nullopt;
  auto want = segments(pattern), got = segments(raw_path);
  if (want.size() != got.size()) return std::nullopt;
  std::map<std::string, std::string> params;
  for (std::size_t i = 0; i < want.size(); ++i) {
    auto value = decoded(got[i]);
    if (!value) return std::nullopt;
    std::string_view w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (value->empty()) return std::nullopt;
      params[std::string(w.substr(1, w.size() - 2))] = *value;
    } else if (*value != w) {
      return std::nullopt;
    }
  }
  return params;
}

}  // namespace sroi::portal
