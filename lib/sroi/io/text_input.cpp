// SPDX-License-Identifier: EUPL-1.2
#include "sroi/io/text_input.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/msg/io.hpp"

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

}  // namespace

std::string utf8_of(char32_t c) {
  std::string out;
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
  return out;
}

std::string read_file_limited(const std::string& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(SourceLocation{path}, msg(Msg::CannotOpenFile));
  std::string out;
  // Room for the whole file when its size is known (a regular file): a string that doubles
  // holds the old and the new copy at its last step. A pipe grows as it comes.
  std::error_code ec;
  if (auto size = std::filesystem::file_size(path, ec); !ec && size <= limit)
    out.reserve(static_cast<std::size_t>(size));
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

std::string unicode_normalised(std::string text) {
  if (plain_ascii(text)) return text;
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString folded = U_SUCCESS(err) ? nfkc->normalize(in, err) : in;
  if (U_FAILURE(err)) return text;
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
  std::string normalised = unicode_normalised(std::string(raw));
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
    out += utf8_of(c);
  }
  std::size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

namespace {

/// The eleven-test on the digits of one run: nine digits, eight whose leading zero a
/// spreadsheet dropped, or nine after leading zeros someone added ("0111222333").
bool passes_eleven_test(std::string_view digits) {
  while (digits.size() > 9 && digits.front() == '0') digits.remove_prefix(1);
  if (digits.size() < 8 || digits.size() > 9) return false;
  std::string d = digits.size() == 8 ? "0" + std::string(digits) : std::string(digits);
  if (d == "000000000") return false;
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) sum += (i < 8 ? static_cast<int>(9 - i) : -1) * (d[i] - '0');
  return sum % 11 == 0;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_joiner(char c) { return std::string_view(" .,-_/:'").find(c) != std::string_view::npos; }

/// The text as ASCII for the search: a decimal digit of any script (Arabic-Indic, Devanagari,
/// Thai …, ICU's category Nd) is its ASCII digit, a dash of any kind (en dash, em dash, minus)
/// is '-', white space is ' ', and any other character outside ASCII is a stop (0x01).
std::string digits_read(std::string_view normalised) {
  std::string out;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(normalised.data(), static_cast<int32_t>(normalised.size())));
  for (int32_t i = 0; i < u.length(); i += U16_LENGTH(u.char32At(i))) {
    UChar32 c = u.char32At(i);
    if (c < 0x80)
      out += static_cast<char>(c);
    else if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER)
      out += static_cast<char>('0' + u_charDigitValue(c));
    else if (u_charType(c) == U_DASH_PUNCTUATION || c == 0x2212)
      out += '-';
    else if (u_isUWhiteSpace(c))
      out += ' ';
    else
      out += '\x01';
  }
  return out;
}

/// A number as a spreadsheet writes it in scientific notation, starting at `i`: "1.11222333E+08"
/// or "1,11222333E8" is 111222333. Its digits, or "" when there is none there.
std::string scientific_at(std::string_view s, std::size_t i) {
  std::size_t j = i;
  std::string digits;
  while (j < s.size() && is_digit(s[j])) digits += s[j++];
  std::size_t whole = digits.size();
  if (whole == 0 || whole > 3 || j >= s.size() || (s[j] != '.' && s[j] != ',')) return "";
  ++j;
  while (j < s.size() && is_digit(s[j])) digits += s[j++];
  if (j >= s.size() || (s[j] != 'E' && s[j] != 'e')) return "";
  ++j;
  if (j < s.size() && s[j] == '+') ++j;
  int exponent = 0;
  std::size_t exp_start = j;
  while (j < s.size() && is_digit(s[j]) && j - exp_start < 3)
    exponent = exponent * 10 + (s[j++] - '0');
  if (j == exp_start) return "";
  std::size_t point = whole + static_cast<std::size_t>(exponent);  // digits before the point
  if (point < digits.size()) {
    if (digits.find_first_not_of('0', point) != std::string::npos) return "";  // not whole
    digits.resize(point);
  }
  digits.append(point - digits.size(), '0');
  return digits;
}

/// True when `joined` (digit groups and their joiners) is a date such as 15-03-2027 or
/// 2027/03/15: a day, a month and a year are not a number.
bool date_shaped(const std::vector<std::string>& groups, std::size_t from, std::size_t to) {
  if (to - from != 2) return false;
  auto len = [&](std::size_t k) { return groups[k].size(); };
  return (len(from) <= 2 && len(from + 1) <= 2 && len(to) == 4) ||
         (len(from) == 4 && len(from + 1) <= 2 && len(to) <= 2);
}

/// Every run of digit groups in `s` joined by one kind of joiner ("111 222 333",
/// "111.222.333", "111-222-333") and every group alone: true when one passes the eleven-test.
bool chain_holds_bsn(const std::string& s) {
  std::vector<std::string> groups;
  std::vector<std::string> joiners;  // joiners[k]: what stands before groups[k]
  auto flush = [&]() {
    for (std::size_t a = 0; a < groups.size(); ++a) {
      std::string digits;
      for (std::size_t b = a; b < groups.size(); ++b) {
        if (b > a && joiners[b] != joiners[a + 1]) break;
        digits += groups[b];
        if (digits.size() > 12) break;
        if (digits.size() >= 8 && !date_shaped(groups, a, b) && passes_eleven_test(digits))
          return true;
      }
    }
    groups.clear();
    joiners.clear();
    return false;
  };
  std::string joiner;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && is_digit(s[i])) {
      std::size_t j = i;
      while (j < s.size() && is_digit(s[j])) ++j;
      if (groups.empty() || joiner.empty() || joiner.size() > 3) {
        if (flush()) return true;
        joiner.clear();
      }
      groups.emplace_back(s.substr(i, j - i));
      joiners.push_back(joiner);
      joiner.clear();
      i = j - 1;
    } else if (i < s.size() && is_joiner(s[i])) {
      joiner += s[i];
    } else {
      if (flush()) return true;
      joiner.clear();
    }
  }
  return false;
}

}  // namespace

bool holds_bsn(std::string_view text) {
  // A BSN has eight or nine digits; ASCII text with fewer cannot hold one (the usual case, in
  // the time of a count). Text outside ASCII may hide digits in other forms: it is read whole.
  int ascii_digits = 0;
  bool ascii = true;
  for (char c : text) {
    if (is_digit(c)) ++ascii_digits;
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  }
  if (ascii && ascii_digits < 8) return false;
  std::string s = ascii ? std::string(text) : digits_read(unicode_normalised(std::string(text)));
  for (std::size_t i = 0; i < s.size(); ++i)
    if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1])))
      if (std::string d = scientific_at(s, i); !d.empty() && passes_eleven_test(d)) return true;
  return chain_holds_bsn(s);
}

}  // namespace sroi::io
