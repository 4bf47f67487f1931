// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portal/html.hpp"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sroi/error.hpp"
#include "sroi/msg/portal.hpp"
#include "sroi/portal/gate.hpp"
#include "sroi/report/render.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::portal {

Html Html::text(std::string_view s) { return trusted(html_escaped(s)); }

Html link(std::string_view href, const Html& label) {
  return "<a href=\"" + Html::text(href) + "\">" + label + "</a>";
}

Html para(const Html& content, const Html& cls) {
  return (cls.empty() ? Html("<p>") : "<p class=\"" + cls + "\">") + content + "</p>";
}

Html row(std::initializer_list<Html> cells) {
  Html out = "<tr>";
  for (const auto& c : cells) out += c;
  return out + "</tr>";
}

Html cell(const Html& content) { return "<td>" + content + "</td>"; }

Html figure_cell(const Html& content) { return "<td class=\"n\">" + content + "</td>"; }

Html heading_row(std::initializer_list<Html> cells) {
  return heading_row(std::vector<Html>(cells));
}

Html heading_row(const std::vector<Html>& cells) {
  Html out = "<tr>";
  for (const auto& c : cells) out += "<th>" + c + "</th>";
  return out + "</tr>";
}

Html stack_table(const std::vector<StackColumn>& columns,
                 const std::vector<std::vector<Html>>& rows) {
  Html out = "<table class=\"stack\"><tr>";
  for (const auto& c : columns) out += "<th>" + c.heading + "</th>";
  out += "</tr>";
  for (const auto& r : rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < r.size() && i < columns.size(); ++i) {
      const StackColumn& c = columns[i];
      out += (c.figure ? Html("<td class=\"n\"") : Html("<td")) +
             (c.heading.empty() ? Html() : " data-label=\"" + c.heading + "\"") + ">" + r[i] +
             "</td>";
    }
    out += "</tr>";
  }
  return out + "</table>";
}

Html bullets(const std::vector<Html>& items, const Html& cls) {
  Html out = cls.empty() ? Html("<ul>") : "<ul class=\"" + cls + "\">";
  for (const auto& i : items) out += "<li>" + i + "</li>";
  return out + "</ul>";
}

Html text_bullets(const std::vector<std::string>& sentences) {
  std::vector<Html> items;
  for (const auto& s : sentences) items.push_back(Html::text(s));
  return bullets(items);
}

Html option(std::string_view value, const Html& label) {
  return "<option value=\"" + Html::text(value) + "\">" + label + "</option>";
}

Html hidden(std::string_view name, std::string_view value) {
  return "<input type=\"hidden\" name=\"" + Html::text(name) + "\" value=\"" + Html::text(value) +
         "\">";
}

std::string url_part(std::string_view s) { return url_segment(s); }

std::string cookie(const httplib::Request& req, const std::string& name) {
  std::string all = req.get_header_value("Cookie");
  std::size_t at = 0;
  while (at < all.size()) {
    std::size_t end = all.find(';', at);
    if (end == std::string::npos) end = all.size();
    std::string part = all.substr(at, end - at);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    at = end + 1;
  }
  return "";
}

std::string peer(const httplib::Request& req) {
  std::string said = req.get_header_value(kPeerHeader);
  return said.empty() ? req.remote_addr : said;
}

std::string field(const httplib::Request& req, const std::string& name) {
  if (req.has_param(name)) return req.get_param_value(name);
  auto it = req.files.find(name);
  return it == req.files.end() || !it->second.filename.empty() ? std::string() : it->second.content;
}

std::string clean_file_name(std::string_view original) {
  std::size_t slash = original.find_last_of("/\\");
  std::string_view last = slash == std::string_view::npos ? original : original.substr(slash + 1);
  std::string name;
  for (char c : last)
    name +=
        (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
  if (name.empty() || name.front() == '.') name.insert(name.begin(), '_');
  return name;
}

void send_file(httplib::Response& res, const std::string& bytes, const std::string& name,
               const std::string& type) {
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res.set_content(bytes, type);
}

TempDir::TempDir() {
  std::string base = std::filesystem::temp_directory_path().string() + "/sroi-portal-XXXXXX";
  if (!mkdtemp(base.data())) throw Error(msg(Msg::PortalBadForm));
  path_ = base;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> worded(const std::vector<Diagnostic>& problems, Lang lang, bool with_place,
                                text::Places places) {
  std::vector<std::string> out;
  for (const auto& d : problems)
    out.push_back(with_place ? text::say(d, lang, places) : text::say(d.message, lang));
  return out;
}

}  // namespace sroi::portal
