// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/input_checks.hpp"

#include <string_view>

#include "sroi/io/text_input.hpp"
#include "sroi/model/similar.hpp"

namespace sroi::config {

std::string id_as_written(const std::string& text) { return lower_ascii(normalise_id(text)); }

std::string candidate_id(const std::string& text, const SourceLocation& at,
                         std::vector<Diagnostic>& problems) {
  std::string id = normalise_id(text);
  if (reads_as_bsn(id))
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
  if (text && reads_as_bsn(*text))
    problems.push_back({at, msg(Msg::LooksLikeBsn, phrase(std::move(what)))});
}

void check_period(const Date& start, const Date& end, const SourceLocation& at,
                  std::vector<Diagnostic>& problems) {
  if (end < start) problems.push_back({at, msg(Msg::EndBeforeStart, end, start)});
}

}  // namespace sroi::config
