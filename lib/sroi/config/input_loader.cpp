// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/input_loader.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "sroi/config/line_rows.hpp"
#include "sroi/config/region_set.hpp"
#include "sroi/config/toml_checks.ipp"
#include "sroi/io/csv.hpp"
#include "sroi/io/text_input.hpp"
#include "sroi/model/enum_ids.hpp"
#include "sroi/model/limits.hpp"
#include "sroi/model/similar.hpp"
#include "sroi/msg/config.hpp"
#include "sroi/msg/config_common.hpp"

namespace sroi::config {
namespace {

std::optional<Contract> contract_table(Fields& top, const std::string& path,
                                       std::vector<Diagnostic>& problems) {
  const toml::table* t = top.table("contract", true);
  if (!t) return std::nullopt;
  Fields f(*t, path, problems, "[contract]");
  Contract c;
  c.where = f.here();
  auto id = f.string("id", true);
  if (id) id = normalise_id(*id);
  // What the contract is about ("Schoonmaak stadskantoor"), shown beside its id (a BSN in
  // any string of the file is refused: refuse_bsn_in_strings).
  auto description = f.string("description", false);
  auto value = f.money("value", true, kMinAmount, kMaxContract);
  c.percentage = f.decimal("percentage", false, kPercentage, true);
  c.threshold = f.money("threshold", false, Money(), kMaxContract);
  auto start = f.date("start", true);
  auto end = f.date("end", true);
  // Contract management: how often the supplier reports, and the days of grace after each
  // period; unset, the region's rule applies.
  if (auto every = f.choice("report_every", false, all_ids<ReportEvery>()))
    c.report_every = from_id<ReportEvery>(*every);
  if (auto grace = f.integer("grace_days", false, 0, limits::kMaxGraceDays))
    c.grace_days = static_cast<int>(*grace);
  if (auto count = f.choice("count", false, {"submitted", "accepted"}))
    c.count_accepted_only = *count == "accepted";
  c.at = {f.at("value"), f.at("percentage"), f.at("start"), f.at("end")};
  f.finish();
  if (start && end) check_period(*start, *end, f.at("end"), problems);
  if (!id || !value || !start || !end) return std::nullopt;
  c.id = *id;
  c.description = description.value_or("");
  c.value = *value;
  c.start = *start;
  c.end = *end;
  return c;
}

/// The 2-year maximum of a certificate (REFERENCE.md §5), checked where it is written.
void check_certificate(const PsoCertificate& p, const SourceLocation& at,
                       std::vector<Diagnostic>& problems) {
  if (!p.issued) return;
  Date last = PsoCertificate::last_valid_day(*p.issued);
  if (p.valid_until < *p.issued)
    problems.push_back({at, msg(Msg::PsoUntilBeforeIssued, p.valid_until, *p.issued)});
  else if (p.valid_until > last)
    problems.push_back({at, msg(Msg::PsoLongerThanTwoYears, *p.issued, p.valid_until, last)});
}

std::optional<PsoCertificate> certificate(Fields& f, std::vector<Diagnostic>& problems) {
  PsoCertificate p;
  p.where = f.here();
  auto level = f.string("level", true);
  p.issued = f.date("issued", false);
  auto until = f.date("valid_until", true);
  f.finish();
  if (level && !pso_level_from_id(*level))
    f.error(f.at("level"), msg(Msg::UnknownPsoLevel, as_is(*level), as_is(pso_level_ids())));
  if (!level || !until || !pso_level_from_id(*level)) return std::nullopt;
  p.level = *pso_level_from_id(*level);
  p.valid_until = *until;
  check_certificate(p, f.at("valid_until"), problems);
  return p;
}

/// `[pso]` (one certificate) or `[[pso]]` (certificates that follow each other).
PsoCertificates pso_certificates(Fields& top, const std::string& path,
                                 std::vector<Diagnostic>& problems) {
  PsoCertificates out;
  if (top.holds_array("pso")) {
    for (const toml::table* t : top.tables("pso", false)) {
      Fields f(*t, path, problems, "[[pso]]");
      if (auto p = certificate(f, problems)) out.push_back(*p);
    }
    return out;
  }
  const toml::table* t = top.table("pso", false);
  if (!t) return out;
  Fields f(*t, path, problems, "[pso]");
  if (auto p = certificate(f, problems)) out.push_back(*p);
  return out;
}

/// A contract's own penalty clause: `shortfall_factor = 1.5` (a multiple of the shortfall) or
/// `obligation_percentage = 50` (a percentage of the obligation), or `none = true`.
std::optional<PenaltyRule> penalty_clause(Fields& top, const std::string& path,
                                          std::vector<Diagnostic>& problems) {
  const toml::table* t = top.table("penalty", false);
  if (!t) return std::nullopt;
  Fields f(*t, path, problems, "[penalty]");
  auto factor = f.decimal("shortfall_factor", false, Range{Ratio(0), Ratio(10), false});
  auto pct = f.decimal("obligation_percentage", false, Range{Ratio(0), Ratio(100), false});
  auto none = f.boolean("none");
  f.string("note", false);
  f.finish();
  int given = (factor ? 1 : 0) + (pct ? 1 : 0) + (none && *none ? 1 : 0);
  if (given != 1) {
    f.error(f.here(), msg(Msg::PenaltyClauseNeedsOne));
    return std::nullopt;
  }
  PenaltyRule r;
  r.provenance.source = "contract";
  if (factor) {
    r.kind = PenaltyKind::ShortfallFactor;
    r.factor = *factor;
  } else if (pct) {
    r.kind = PenaltyKind::ObligationFactor;
    r.factor = *pct / Ratio(100);
  }
  return r;
}

RegionChoice region_choice(Fields& top) {
  RegionChoice c;
  c.id = lower_ascii(top.string("region", true).value_or(""));  // "Oost-Nederland" too
  c.version = top.string("region_version", false);
  c.where = top.at("region");
  return c;
}

template <typename T>
std::optional<Given<T>> given(std::optional<T> v, const SourceLocation& at) {
  if (!v) return std::nullopt;
  return Given<T>{*v, at.line, at.column};
}

Quantities quantities(Fields& f, std::vector<Diagnostic>& problems, const std::string& path) {
  Quantities q;
  q.persons = given(f.integer("persons", false, 1, limits::kMaxPersons), f.at("persons"));
  q.hours_per_week =
      given(f.decimal("hours_per_week", false, kHoursPerWeek), f.at("hours_per_week"));
  q.months = given(f.decimal("months", false, kMonths), f.at("months"));
  q.amount = given(f.money("amount", false, kMinAmount, kMaxAmount), f.at("amount"));
  q.hours = given(f.decimal("hours", false, kHours), f.at("hours"));
  q.years = given(f.decimal("years", false, kYears), f.at("years"));
  q.count = given(f.integer("count", false, 1, 1'000'000), f.at("count"));
  if (const toml::array* arr = f.array("bonuses", false)) {
    for (const auto& node : *arr) {
      SourceLocation at = location(node.source(), path);
      if (auto s = node.value<std::string>())
        q.bonuses.push_back({id_as_written(*s), at.line, at.column});
      else
        problems.push_back({at, msg(Msg::BonusesAreStrings)});
    }
  }
  return q;
}

/// Iterates the [[line]] tables of a document, noting for each whether it read cleanly.
template <typename Fn>
void each_line(Fields& top, const std::string& path, std::vector<Diagnostic>& problems,
               std::vector<bool>& line_read, Fn fn) {
  for (const toml::table* t : top.tables("line", false)) {
    std::size_t before = problems.size();
    Fields f(*t, path, problems, "[[line]]");
    fn(f);
    f.finish();
    line_read.push_back(problems.size() == before);
  }
}

/// The blocks of the [[line]] tables that did not read cleanly, for the intake to check as it
/// checks the blocks of a table's bad rows (LineRows::bad_row_blocks).
template <typename Line>
void note_bad_line_blocks(const std::vector<Line>& lines, PartRead& part) {
  for (std::size_t i = 0; i < lines.size() && i < part.line_read.size(); ++i)
    if (!part.line_read[i] && !lines[i].block.empty())
      part.bad_row_blocks.push_back({lines[i].block, lines[i].block_where()});
}

void throw_if(std::vector<Diagnostic>& problems) {
  if (!problems.empty()) throw DataError(std::move(problems));
}

/// The throwing form of a read_* function: every problem of the file in one DataError.
template <typename Read>
auto or_throw(Read read) {
  std::vector<Diagnostic> problems;
  PartRead part;
  auto out = read(problems, part);
  throw_if(problems);
  return out;
}

}  // namespace

std::string read_text_file(const std::string& path) {
  return read_file_limited(path, kMaxCsvBytes);
}

namespace {

SourceLocation flag(const std::string& name) { return SourceLocation{"--" + name}; }

}  // namespace

Offer load_offer(const std::string& path) {
  return or_throw([&](auto& problems, auto& part) { return read_offer(path, problems, part); });
}

namespace {

/// An offer from its parsed document; `path` names it in every problem.
Offer offer_from(const std::optional<toml::table>& doc, const std::string& path,
                 std::vector<Diagnostic>& problems, PartRead& part) {
  Offer offer;
  if (!doc) return offer;
  offer.file = path;
  Fields top(*doc, path, problems, msg(Msg::CtxOfferFile));
  refuse_bsn_in_strings(*doc, path, problems);
  offer.region = region_choice(top);
  auto supplier = top.string("supplier", true), buyer = top.string("buyer", false);
  offer.supplier = supplier.value_or("");
  offer.buyer = buyer.value_or("");
  offer.employees = top.integer("employees", false, 1, 10'000'000);
  auto contract = contract_table(top, path, problems);
  offer.pso = pso_certificates(top, path, problems);
  auto penalty = penalty_clause(top, path, problems);
  each_line(top, path, problems, part.line_read, [&](Fields& f) {
    OfferLine line;
    line.where = f.here();
    line.block_at = Spot::of(f.at("block"));
    line.block = id_as_written(f.string("block", true).value_or(""));
    line.quantities = quantities(f, problems, path);
    offer.lines.push_back(std::move(line));
  });
  note_bad_line_blocks(offer.lines, part);
  top.finish();
  part.contract_read = contract && !offer.region.id.empty();
  if (contract) offer.contract = *contract;
  offer.contract.penalty = penalty;
  return offer;
}

}  // namespace

Offer read_offer(const std::string& path, std::vector<Diagnostic>& problems, PartRead& part) {
  return offer_from(parse_toml_file(path, problems), path, problems, part);
}

Offer read_offer_text(const std::string& text, const std::string& name,
                      std::vector<Diagnostic>& problems, PartRead& part) {
  return offer_from(parse_toml_text(text, name, problems), name, problems, part);
}

Realisation load_realisation_toml(const std::string& path) {
  return or_throw(
      [&](auto& problems, auto& part) { return read_realisation_toml(path, problems, part); });
}

Realisation read_realisation_toml(const std::string& path, std::vector<Diagnostic>& problems,
                                  PartRead& part) {
  auto doc = parse_toml_file(path, problems);
  Realisation real;
  if (!doc) return real;
  real.file = path;
  Fields top(*doc, path, problems, msg(Msg::CtxRealisationFile));
  refuse_bsn_in_strings(*doc, path, problems);
  real.region = region_choice(top);
  auto supplier = top.string("supplier", true), buyer = top.string("buyer", false);
  real.supplier = supplier.value_or("");
  real.buyer = buyer.value_or("");
  auto contract = contract_table(top, path, problems);
  real.pso = pso_certificates(top, path, problems);
  auto penalty = penalty_clause(top, path, problems);
  each_line(top, path, problems, part.line_read, [&](Fields& f) {
    RealisationLine line;
    line.where = f.here();
    line.block_at = Spot::of(f.at("block"));
    if (auto c = f.string("candidate", false))  // not for an invoice: the block decides
      line.candidate = candidate_id(*c, f.at("candidate"), problems);
    line.block = id_as_written(f.string("block", true).value_or(""));
    // A period (start, end), or for an amount that is not time its date alone.
    auto date = f.date("date", false);
    auto start = f.date("start", !date);
    auto end = f.date("end", !date);
    if (date && (start || end)) f.error(f.at("date"), msg(Msg::DateOrPeriodToml));
    if (date) start = end = date;
    if (start && end) check_period(*start, *end, f.at("end"), problems);
    line.start = start.value_or(Date{});
    line.end = end.value_or(Date{});
    if (auto until = f.date("subsidy_until", false))
      line.subsidy_until = given(std::optional<Date>(*until), f.at("subsidy_until"));
    line.quantities = quantities(f, problems, path);
    real.lines.push_back(std::move(line));
  });
  note_bad_line_blocks(real.lines, part);
  top.finish();
  part.contract_read = contract && !real.region.id.empty();
  if (contract) real.contract = *contract;
  real.contract.penalty = penalty;
  return real;
}

Contract contract_from_flags(const ContractFlags& flags) {
  std::vector<Diagnostic> problems;
  Contract c;
  c.where = flag("percentage");  // what a contract from flags most often lacks
  c.id = normalise_id(flags.contract_id.value_or(""));
  check_no_bsn(flags.contract_id, "--contract", flag("contract"), problems);
  check_no_bsn(flags.supplier, "--supplier", flag("supplier"), problems);
  auto need = [&](const std::optional<std::string>& v, const char* name) {
    if (!v)
      problems.push_back({flag(name), msg(Msg::FlagRequired, as_is("--" + std::string(name)))});
    return v.has_value();
  };
  if (need(flags.value, "value")) {
    Message why;
    auto m = read_amount(*flags.value, &why);
    if (!m)
      problems.push_back(
          {flag("value"), msg(Msg::TextNotAmount, as_is(*flags.value), phrase(why))});
    else if (*m < kMinAmount || *m > kMaxContract)
      problems.push_back(
          {flag("value"), msg(Msg::ValueOutOfRangeFromTo, *m, kMinAmount, kMaxContract)});
    else
      c.value = *m;
  }
  if (flags.percentage) {
    Message why;
    auto p = read_percentage(*flags.percentage, &why);
    if (!p)
      problems.push_back(
          {flag("percentage"), msg(Msg::TextNotNumber, as_is(*flags.percentage), phrase(why))});
    else if (auto r = range_problem(*p, kPercentage))
      problems.push_back({flag("percentage"), msg(Msg::NumberIs, Decimal{*p}, phrase(*r))});
    else
      c.percentage = *p;
  }
  if (flags.threshold) {
    Message why;
    auto m = read_amount(*flags.threshold, &why);
    if (!m || m->is_negative())
      problems.push_back({flag("threshold"), msg(Msg::TextNotAmount, as_is(*flags.threshold),
                                                 phrase(m ? msg(Msg::Negative) : why))});
    else
      c.threshold = *m;
  }
  auto date_flag = [&](const std::optional<std::string>& v, const char* name, Date& out) {
    if (!need(v, name)) return false;
    Message why;
    auto d = read_date(*v, &why);
    if (!d) problems.push_back({flag(name), msg(Msg::TextBadDate, as_is(*v), phrase(why))});
    if (d) out = *d;
    return d.has_value();
  };
  bool s = date_flag(flags.start, "start", c.start);
  bool e = date_flag(flags.end, "end", c.end);
  if (s && e) check_period(c.start, c.end, flag("end"), problems);
  throw_if(problems);
  return c;
}

PsoCertificates pso_from_flags(const ContractFlags& flags) {
  if (!flags.pso_level && !flags.pso_valid_until && !flags.pso_issued) return {};
  std::vector<Diagnostic> problems;
  PsoCertificate p;
  p.where = flag("pso-level");
  if (!flags.pso_level || !pso_level_from_id(*flags.pso_level))
    problems.push_back({flag("pso-level"),
                        msg(Msg::GiveFlagAsOneOf, as_is("--pso-level"), as_is(pso_level_ids()))});
  else
    p.level = *pso_level_from_id(*flags.pso_level);
  auto d = flags.pso_valid_until ? read_date(*flags.pso_valid_until) : std::nullopt;
  if (!d)
    problems.push_back(
        {flag("pso-valid-until"), msg(Msg::GiveFlagAsDate, as_is("--pso-valid-until"))});
  else
    p.valid_until = *d;
  if (flags.pso_issued) {
    auto issued = read_date(*flags.pso_issued);
    if (!issued)
      problems.push_back({flag("pso-issued"), msg(Msg::GiveFlagAsDate, as_is("--pso-issued"))});
    else
      p.issued = *issued;
  }
  if (problems.empty()) check_certificate(p, flag("pso-valid-until"), problems);
  throw_if(problems);
  return {p};
}

std::vector<RealisationLine> realisation_lines_from_csv(const std::string& text,
                                                        const std::string& path) {
  std::vector<Diagnostic> problems;
  auto lines = realisation_lines_from_csv(text, path, problems);
  throw_if(problems);
  return lines;
}

std::vector<RealisationLine> realisation_lines_from_csv(const std::string& text,
                                                        const std::string& path,
                                                        std::vector<Diagnostic>& problems,
                                                        std::vector<WrittenBlock>* bad_row_blocks) {
  // Rows are read and turned into lines one at a time: the file is never held as rows too.
  LineRows rows(LineRows::Kind::Realisation, SourceLocation{path}, problems);
  // Room for every row at once (at most one line per line of text): a vector that doubles
  // would hold the old and the new copy of all lines at its last step.
  rows.realisation_lines.reserve(
      static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  bool have_header = false, header_ok = false;
  parse_csv_each(
      text, path, problems,
      [&](CsvRow&& row) {
        if (!have_header) {
          have_header = true;
          header_ok = rows.header(row);
          return header_ok;  // without a usable header no row can be read
        }
        if (!row.bad) rows.row(row);  // a row whose text was refused is reported once
        return true;
      },
      detect_separator(text));  // as the header says: ',' or (Dutch Excel) ';'
  if (!have_header && problems.empty())
    throw DataError(SourceLocation{path, 1, 1}, msg(Msg::EmptyCsv));
  if (!header_ok) throw_if(problems);  // header problems still throw
  if (bad_row_blocks) *bad_row_blocks = std::move(rows.bad_row_blocks);
  return std::move(rows.realisation_lines);
}

Realisation load_realisation_csv(const std::string& path, const ContractFlags& flags) {
  return or_throw([&](auto& problems, auto& part) {
    return read_realisation_csv(path, flags, problems, part);
  });
}

Realisation read_realisation_csv(const std::string& path, const ContractFlags& flags,
                                 std::vector<Diagnostic>& problems, PartRead& part) {
  if (!flags.region)
    problems.push_back({flag("region"), msg(Msg::CsvNeedsRegion, as_is("--region"))});
  Realisation real;
  real.file = path;
  // The lines can be checked against the region once the contract's period is known, even
  // when another flag (its value, say) has a problem of its own.
  auto start = flags.start ? read_date(*flags.start) : std::nullopt;
  auto end = flags.end ? read_date(*flags.end) : std::nullopt;
  try {
    real.contract = contract_from_flags(flags);
    real.pso = pso_from_flags(flags);
  } catch (const DataError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    if (start && end) real.contract.start = *start, real.contract.end = *end;
  }
  if (flags.region) {
    real.region = parse_region_choice(*flags.region);
    real.region.where = flag("region");
  }
  real.supplier = flags.supplier.value_or("");
  // Without --contract the file name names the contract: contract-2027-014.csv.
  std::string stem = path.substr(path.find_last_of('/') + 1);
  real.contract.id = normalise_id(flags.contract_id.value_or(stem.substr(0, stem.rfind('.'))));
  bool bsn = holds_bsn(real.contract.id);
  if (bsn)
    problems.push_back({SourceLocation{path}, msg(Msg::FileNameLooksLikeBsn, as_is("--contract"))});
  part.contract_read = flags.region && start && end && !(*end < *start) && !bsn;
  try {
    std::string text = read_text_file(path);
    part.csv_separator = detect_separator(text);
    real.lines = realisation_lines_from_csv(text, path, problems, &part.bad_row_blocks);
  } catch (const DataError& e) {  // no usable header: no row can be read
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
  }
  part.line_read.assign(real.lines.size(), true);  // rows with a problem are left out
  return real;
}

Realisation load_realisation(const std::string& path, const ContractFlags& flags) {
  return or_throw(
      [&](auto& problems, auto& part) { return read_realisation(path, flags, problems, part); });
}

Realisation read_realisation(const std::string& path, const ContractFlags& flags,
                             std::vector<Diagnostic>& problems, PartRead& part) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot);
  if (ext == ".csv") return read_realisation_csv(path, flags, problems, part);
  if (ext == ".toml") return read_realisation_toml(path, problems, part);
  problems.push_back({SourceLocation{path},
                      msg(Msg::UnknownRealisationFormat, as_is(ext), listed({".csv", ".toml"}))});
  return Realisation{};
}

}  // namespace sroi::config
