// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/input_checks.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <utility>

#include "sroi/config/toml_checks.ipp"
#include "sroi/io/text_input.hpp"
#include "sroi/model/similar.hpp"
#include "sroi/msg/config.hpp"
#include "sroi/msg/config_common.hpp"

namespace sroi::config {

std::string id_as_written(const std::string& text) { return lower_ascii(normalise_id(text)); }

std::string candidate_id(const std::string& text, const SourceLocation& at,
                         std::vector<Diagnostic>& problems) {
  std::string id = normalise_id(text);
  if (holds_bsn(id))
    problems.push_back({at, msg(Msg::CandidateLooksLikeBsn)});
  else if (id.empty())
    problems.push_back({at, msg(Msg::CandidateEmpty)});
  else if (std::string_view("=+-@").find(id.front()) != std::string_view::npos)
    // A pseudonym never starts so; a spreadsheet that opens an export would run it (OWASP:
    // CSV injection).
    problems.push_back({at, msg(Msg::CandidateFormula)});
  return id;
}

void check_no_bsn(const std::optional<std::string>& text, Message what, const SourceLocation& at,
                  std::vector<Diagnostic>& problems) {
  if (text && holds_bsn(*text))
    problems.push_back({at, msg(Msg::LooksLikeBsn, phrase(std::move(what)))});
}

bool number_as_written(const std::string& key, const std::string& text) {
  static const std::set<std::string> amounts = {"amount", "value", "threshold"};
  static const std::set<std::string> numbers = {"persons", "hours_per_week", "months",    "years",
                                                "hours",   "count",          "percentage"};
  if (amounts.count(key)) return read_amount(text).has_value();
  return numbers.count(key) && read_number(text).has_value();
}

namespace {
void refuse_bsn_in(const toml::node& node, const std::string& key, const std::string& file,
                   std::vector<Diagnostic>& problems) {
  if (const toml::table* t = node.as_table()) {
    for (auto&& [k, v] : *t) refuse_bsn_in(v, std::string(k.str()), file, problems);
  } else if (const toml::array* a = node.as_array()) {
    for (const auto& v : *a) refuse_bsn_in(v, key, file, problems);
  } else if (auto s = node.value_exact<std::string>()) {
    if (key == "candidate" || !holds_bsn(*s) || number_as_written(key, *s)) return;
    problems.push_back({location(node.source(), file), msg(Msg::CellHoldsBsn, as_is(key))});
  }
}
}  // namespace

void refuse_bsn_in_strings(const toml::table& doc, const std::string& file,
                           std::vector<Diagnostic>& problems) {
  std::vector<Diagnostic> found;  // in the file's order, not the table's (keys sorted)
  refuse_bsn_in(doc, "", file, found);
  std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
  problems.insert(problems.end(), found.begin(), found.end());
}

void check_period(const Date& start, const Date& end, const SourceLocation& at,
                  std::vector<Diagnostic>& problems) {
  if (end < start) problems.push_back({at, msg(Msg::EndBeforeStart, end, start)});
}

}  // namespace sroi::config
