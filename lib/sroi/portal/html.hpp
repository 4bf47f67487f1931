// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/portal: what every page handler needs to write HTML and read requests
// safely — escaping, URL parts, cookies, form fields.
#pragma once

#include <httplib.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::portal {

/// What a page is made of. Text becomes Html only by escaping (Html::text: & < > " '), and
/// markup only from a string literal written in this program; markup made any other way
/// must pass Html::trusted, the one place to look for it. So a value from a request, the
/// register or a file can reach a page only escaped.
class Html {
 public:
  Html() = default;
  /// Markup written in the program: a string literal (a std::string or a char pointer does
  /// not convert).
  template <std::size_t N>
  Html(const char (&markup)[N]) : s_(markup, N - 1) {}  // NOLINT(google-explicit-constructor)
  /// Text, escaped for content and attribute values.
  static Html text(std::string_view s);
  /// A whole number.
  static Html number(long long n) { return trusted(std::to_string(n)); }
  /// Markup made elsewhere and trusted as it is: only text() and number() here call it.
  static Html trusted(std::string markup) {
    Html h;
    h.s_ = std::move(markup);
    return h;
  }
  Html& operator+=(const Html& more) {
    s_ += more.s_;
    return *this;
  }
  friend Html operator+(Html a, const Html& b) {
    a += b;
    return a;
  }
  const std::string& str() const { return s_; }
  bool empty() const { return s_.empty(); }

 private:
  std::string s_;
};

// The pieces pages share.
/// <a href="…">label</a>; `href` is escaped.
Html link(std::string_view href, const Html& label);
/// <p>…</p>, with a class when `cls` is given.
Html para(const Html& content, const Html& cls = {});
/// <tr> around cells made by cell() and figure_cell().
Html row(std::initializer_list<Html> cells);
/// <td>…</td>.
Html cell(const Html& content);
/// <td class="n">…</td>: a figure, right-aligned.
Html figure_cell(const Html& content);
/// <tr> with each cell in <th>.
Html heading_row(std::initializer_list<Html> cells);
Html heading_row(const std::vector<Html>& cells);
/// A table a phone shows as stacked rows (class "stack"): each cell carries its column's
/// heading, so that a narrow screen shows "Tekort: € 13.625,00" one under the other instead
/// of a table to scroll sideways. Headings are text (said() or Html::text); empty for none.
struct StackColumn {
  Html heading;
  bool figure = false;  ///< right-aligned on a wide screen
};
Html stack_table(const std::vector<StackColumn>& columns,
                 const std::vector<std::vector<Html>>& rows);
/// <ul> with each item in <li>, the list of class `cls` when given.
Html bullets(const std::vector<Html>& items, const Html& cls = {});
/// The same for sentences already worded: each escaped.
Html text_bullets(const std::vector<std::string>& sentences);
/// <option value="…">label</option>.
Html option(std::string_view value, const Html& label);
/// A hidden form field.
Html hidden(std::string_view name, std::string_view value);
/// A path segment: letters, digits and -._~ as they are, every other byte as %XX.
std::string url_part(std::string_view s);
/// A cookie's value from the request's Cookie header ("" when absent).
std::string cookie(const httplib::Request& req, const std::string& name);
/// The caller's address as the gate saw it (gate.hpp), else the socket's.
std::string peer(const httplib::Request& req);
/// A form field of a urlencoded or a multipart request ("" when absent).
std::string field(const httplib::Request& req, const std::string& name);
/// An uploaded file's name as we may use it: its last part, with every byte other than
/// letters, digits and .-_ replaced by '_' (nothing a path or a terminal could act on).
std::string clean_file_name(std::string_view original);
/// Sends `bytes` as a download named `name` (a clean name).
void send_file(httplib::Response& res, const std::string& bytes, const std::string& name,
               const std::string& type);

/// Each problem worded in `lang`, with its place ("realisatie-q3.csv, rij 2, kolom Uren per
/// week: …"; "realisatie-q3.csv:2:29: …" for scripts) unless `with_place` is false.
std::vector<std::string> worded(const std::vector<Diagnostic>& problems, Lang lang,
                                bool with_place = true,
                                text::Places places = text::Places::ForPeople);

/// A temporary folder of its own, removed with everything in it when this goes: where a
/// workbook is written before it is sent (libxlsxwriter writes files).
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  /// A file's contents.
  static std::string read(const std::string& path);

 private:
  std::string path_;
};

}  // namespace sroi::portal
