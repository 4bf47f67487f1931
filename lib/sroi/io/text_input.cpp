// SPDX-License-Identifier: EUPL-1.2
#include "sroi/io/text_input.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <vector>

#include "sroi/error.hpp"

namespace sroi::io {
namespace {

/// Decodes UTF-8 into code points; false at the first invalid byte (its index in `bad`).
bool decode(std::string_view s, std::vector<char32_t>& out, std::size_t& bad) {
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int extra = b < 0x80           ? 0
                : (b >> 5) == 0x6  ? 1
                : (b >> 4) == 0xE  ? 2
                : (b >> 3) == 0x1E ? 3
                                   : -1;
    if (extra < 0 || (extra > 0 && i + static_cast<std::size_t>(extra) >= s.size())) {
      bad = i;
      return false;
    }
    char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((c >> 6) != 0x2) {
        bad = i;
        return false;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static const char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      bad = i;
      return false;
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

bool is_unicode_space(char32_t c) {
  return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

void encode(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string read_file_limited(const std::string& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(SourceLocation{path}, msg(Msg::CannotOpenFile));
  std::string out;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(in.gcount()));
    if (out.size() > limit)
      throw DataError(SourceLocation{path},
                      msg(Msg::FileTooLarge, static_cast<int64_t>(limit >> 20)));
  }
  if (in.bad()) throw DataError(SourceLocation{path}, msg(Msg::CannotReadFile));
  return out;
}

namespace {
bool plain_ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) return false;
  return true;
}
}  // namespace

std::optional<Message> text_problem(std::string_view text) {
  if (plain_ascii(text)) return std::nullopt;  // the usual case, without decoding
  std::vector<char32_t> cps;
  std::size_t bad = 0;
  if (!decode(text, cps, bad)) return msg(Msg::NotUtf8, static_cast<int64_t>(bad + 1));
  for (std::size_t i = 0; i < cps.size(); ++i)
    if (is_control(cps[i])) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(cps[i]));
      return msg(Msg::ControlCharacter, as_is(hex), static_cast<int64_t>(i + 1));
    }
  return std::nullopt;
}

std::string unicode_normalised(std::string_view text) {
  if (plain_ascii(text)) return std::string(text);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString folded = U_SUCCESS(err) ? nfkc->normalize(in, err) : in;
  if (U_FAILURE(err)) return std::string(text);
  // Format characters (category Cf) change how text looks or runs without being seen: a
  // right-to-left override, a zero-width space, a soft hyphen. They are taken out.
  icu::UnicodeString kept;
  for (int32_t i = 0; i < folded.length();) {
    UChar32 c = folded.char32At(i);
    if (u_charType(c) != U_FORMAT_CHAR) kept.append(c);
    i += U16_LENGTH(c);
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

std::string normalise_id(std::string_view raw) {
  std::string normalised = unicode_normalised(raw);
  std::string_view text = normalised;
  if (plain_ascii(text)) {
    std::size_t first = text.find_first_not_of(' ');
    if (first == std::string_view::npos) return "";
    return std::string(text.substr(first, text.find_last_not_of(' ') - first + 1));
  }
  std::vector<char32_t> cps;
  std::size_t bad = 0;
  if (!decode(text, cps, bad)) return std::string(text);
  std::string out;
  for (char32_t c : cps) {
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;  // full-width ASCII forms
    if (is_unicode_space(c) || c == '\t') c = ' ';
    encode(c, out);
  }
  std::size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

bool reads_as_bsn(std::string_view text) {
  // A BSN has 8 or 9 digits; text with fewer digit bytes (ASCII or full-width, whose last
  // byte is 0x90-0x99) cannot be one.
  int digits_seen = 0;
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    if ((b >= '0' && b <= '9') || (b >= 0x90 && b <= 0x99)) ++digits_seen;
  }
  if (digits_seen < 8) return false;
  std::string s = normalise_id(text);
  std::string up;
  for (char c : s) up += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  // Prefixes a person might put before the number, in any order: ' + NL BSN.
  for (bool again = true; again;) {
    again = false;
    for (std::string_view p : {"'", "+", "NL", "BSN", ":", " ", "#"})
      if (up.rfind(p, 0) == 0) {
        up.erase(0, p.size());
        again = true;
      }
  }
  std::string digits;
  for (char c : up) {
    if (c >= '0' && c <= '9')
      digits += c;
    else if (c != ' ' && c != '.' && c != '-' && c != '_' && c != '/' && c != ':')
      return false;
  }
  if (digits.size() == 8) digits = "0" + digits;  // Excel dropped the leading zero
  if (digits.size() != 9 || digits == "000000000") return false;
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) {
    int d = digits[i] - '0';
    sum += i < 8 ? d * static_cast<int>(9 - i) : -d;
  }
  return sum % 11 == 0;
}

}  // namespace sroi::io
