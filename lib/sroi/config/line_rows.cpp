// SPDX-License-Identifier: EUPL-1.2
#include "sroi/config/line_rows.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "sroi/config/input_checks.hpp"
#include "sroi/io/text_input.hpp"
#include "sroi/model/similar.hpp"
#include "sroi/msg/config.hpp"
#include "sroi/msg/config_common.hpp"
#include "sroi/msg/model.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::config {
namespace {

/// "Uren per week", "uren_per_week" and "hours per week" are one name: lower case, spaces and
/// hyphens as underscores.
std::string folded(const std::string& name) {
  std::string out = lower_ascii(name);
  auto first = out.find_first_not_of(' '), last = out.find_last_not_of(' ');
  out = first == std::string::npos ? "" : out.substr(first, last - first + 1);
  std::replace(out.begin(), out.end(), ' ', '_');
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

const std::vector<std::string> kRealisationRequired = {"candidate", "block", "start", "end",
                                                       "hours_per_week"};
const std::vector<std::string> kRealisationOptional = {
    "amount", "hours", "count", "bonuses", "date", "subsidy_until", "bonus_1", "bonus_2"};
const std::vector<std::string> kOfferRequired = {"block"};
const std::vector<std::string> kOfferOptional = {"persons", "hours_per_week", "months", "years",
                                                 "hours",   "count",          "amount", "bonuses",
                                                 "bonus_1", "bonus_2"};

/// Columns by their names in the reader's language: "Kandidaat, Bouwblok, Begindatum".
PhraseList line_column_names(const std::vector<std::string>& keys) {
  PhraseList out;
  for (const auto& k : keys) out.items.push_back(msg(line_column(k).name));
  return out;
}

}  // namespace

const std::vector<LineColumn>& line_columns() {
  static const std::vector<LineColumn> columns = {
      {"candidate", Msg::ColumnCandidate},
      {"block", Msg::ColumnBlock},
      {"start", Msg::ColumnStart},
      {"end", Msg::ColumnEnd},
      {"date", Msg::ColumnDate},
      {"persons", Msg::ColumnPersons},
      {"hours_per_week", Msg::ColumnHoursPerWeek},
      {"months", Msg::ColumnMonths},
      {"years", Msg::ColumnYears},
      {"hours", Msg::ColumnHours},
      {"count", Msg::ColumnCount},
      {"amount", Msg::ColumnAmount},
      {"bonuses", Msg::ColumnBonuses},
      {"bonus_1", Msg::ColumnBonus1},
      {"bonus_2", Msg::ColumnBonus2},
      {"subsidy_until", Msg::ColumnSubsidyUntil},
  };
  return columns;
}

const LineColumn& line_column(const std::string& key) {
  for (const auto& c : line_columns())
    if (key == c.key) return c;
  throw std::logic_error("no line column " + key);
}

const LineColumn* line_column_of_header(const std::string& header) {
  std::string key = folded(header);
  for (const auto& c : line_columns())
    if (key == c.key || key == folded(text::word(c.name, Lang::Nl)) ||
        key == folded(text::word(c.name, Lang::En)))
      return &c;
  return nullptr;
}

LineRows::LineRows(Kind kind, SourceLocation origin, std::vector<Diagnostic>& problems)
    : kind_(kind), origin_(std::move(origin)), problems_(problems) {}

std::string LineRows::key_at(std::size_t i) const {
  for (const auto& [key, column] : col_)
    if (column == i) return key;
  return "";
}

SourceLocation LineRows::at(int line, int column) const {
  SourceLocation out{origin_.file, line, column};
  out.sheet = origin_.sheet;
  out.table_row = origin_.sheet.empty();  // a CSV row; a workbook's cell names itself
  return out;
}

bool LineRows::header(const io::CsvRow& row) {
  const auto& required = kind_ == Kind::Offer ? kOfferRequired : kRealisationRequired;
  const auto& optional = kind_ == Kind::Offer ? kOfferOptional : kRealisationOptional;
  auto allowed = [&](const std::string& key) {
    return std::find(required.begin(), required.end(), key) != required.end() ||
           std::find(optional.begin(), optional.end(), key) != optional.end();
  };
  std::size_t before = problems_.size();
  width_ = row.fields.size();
  column_names_.assign(width_, MsgId{});
  for (std::size_t i = 0; i < row.fields.size(); ++i) {
    const io::CsvField& h = row.fields[i];
    // The key itself, or a column's Dutch or English name.
    const LineColumn* known = line_column_of_header(h.text);
    std::string key = known ? known->key : folded(h.text);
    if (!allowed(key)) {
      std::vector<std::string> all = required;
      all.insert(all.end(), optional.begin(), optional.end());
      std::erase_if(all, [](const std::string& k) { return k.rfind("bonus_", 0) == 0; });
      problems_.push_back(
          {at(row.line, h.column), msg(Msg::UnknownColumn, as_is(h.text), line_column_names(all))});
    } else if (col_.count(key)) {
      problems_.push_back({at(row.line, h.column), msg(Msg::DuplicateColumn, as_is(h.text))});
    } else {
      col_[key] = i;
      names_[key] = h.text;
      column_names_[i] = line_column(key).name;
    }
  }
  for (const auto& r : required)
    if (!col_.count(r))
      problems_.push_back(
          {at(row.line, 1),
           msg(Msg::MissingColumn, phrase(msg(line_column(r).name)), line_column_names(required))});
  return problems_.size() == before;
}

/// One row's cells: each by its column's key, empty or refused ones as absent, each problem
/// located at its cell and naming the column as its header does.
struct LineRows::Cells {
  LineRows& in;
  const io::CsvRow& row;
  std::set<std::string> refused;  ///< columns whose cell held a BSN (said already)

  /// No BSN on any cell: one that holds one is refused at its place, without its value, and
  /// read no further. A number column's cell that reads as a number in full is a number.
  Cells(LineRows& rows, const io::CsvRow& r) : in(rows), row(r) {
    for (const auto& [key, i] : in.col_) {
      const std::string& text = row.fields[i].text;
      if (!io::holds_bsn(text) || number_as_written(key, text)) continue;
      refused.insert(key);
      in.problems_.push_back(
          {where(&row.fields[i]), key == "candidate" ? msg(Msg::CandidateLooksLikeBsn)
                                                     : msg(Msg::CellHoldsBsn, named(key.c_str()))});
    }
  }
  const io::CsvField* cell(const std::string& name) const {
    auto it = in.col_.find(name);
    if (it == in.col_.end() || row.fields[it->second].text.empty() || refused.count(name))
      return nullptr;
    return &row.fields[it->second];
  }
  /// A cell's place, with its column's name ("rij 7, kolom Einddatum"); the row's without one.
  SourceLocation where(const io::CsvField* f) const {
    SourceLocation out = in.at(row.line, f ? f->column : 1);
    if (f) out.column_name = in.column_names_[static_cast<std::size_t>(f - row.fields.data())];
    return out;
  }
  /// A column by its name in the reader's language ("Uren per week"), whatever its header says.
  static Phrase named(const char* key) { return phrase(msg(line_column(key).name)); }
  void problem(const io::CsvField* f, Message m) {
    in.problems_.push_back({where(f), std::move(m)});
  }

  /// The column's cell, empty or not (a missing value is located at it).
  const io::CsvField* field(const std::string& name) const {
    auto it = in.col_.find(name);
    return it == in.col_.end() ? nullptr : &row.fields[it->second];
  }
  std::optional<Date> date(const char* name) {
    const io::CsvField* f = cell(name);
    if (refused.count(name)) return std::nullopt;  // said above
    Message why = msg(Msg::Missing);
    auto d = f ? read_date(f->text, &why) : std::nullopt;
    if (!d)
      problem(f ? f : field(name),
              msg(Msg::CellBadDate, named(name), as_is(f ? f->text : ""), phrase(why)));
    return d;
  }
  std::optional<Given<Ratio>> ratio(const char* name, const Range& range) {
    const io::CsvField* f = cell(name);
    if (!f) return std::nullopt;
    Message why;
    auto v = read_number(f->text, &why);
    if (!v) {
      problem(f, msg(Msg::CellNotNumber, named(name), as_is(f->text), phrase(why)));
      return std::nullopt;
    }
    if (auto r = range_problem(*v, range)) {
      problem(f, msg(Msg::CellIs, named(name), as_is(f->text), phrase(*r)));
      return std::nullopt;
    }
    return Given<Ratio>{*v, row.line, f->column};
  }
  std::optional<Given<int64_t>> whole(const char* name, int64_t max) {
    const io::CsvField* f = cell(name);
    if (!f) return std::nullopt;
    auto v = read_number(f->text);
    if (!v || !v->is_integer() || v->num() < 1 || v->num() > max) {
      problem(f, msg(Msg::WholeFromOne, named(name), as_is(f->text)));
      return std::nullopt;
    }
    return Given<int64_t>{v->num(), row.line, f->column};
  }
};

bool LineRows::read_dates(Cells& c, Date& start, Date& end,
                          std::optional<Given<Date>>& subsidy_until) {
  bool dates_ok = true;
  // A period (start, end), or for an amount that is not time its date alone.
  if (c.cell("date")) {
    if (c.cell("start") || c.cell("end")) c.problem(c.cell("date"), msg(Msg::DateOrPeriodCsv));
    auto d = c.date("date");
    dates_ok = d.has_value();
    if (d) start = end = *d;
  } else {
    for (const char* name : {"start", "end"}) {
      auto d = c.date(name);
      if (!d)
        dates_ok = false;
      else
        (name == std::string("start") ? start : end) = *d;
    }
  }
  if (dates_ok) check_period(start, end, c.where(c.cell("end")), problems_);
  if (c.cell("subsidy_until")) {
    if (auto d = c.date("subsidy_until"))
      subsidy_until = Given<Date>{*d, c.row.line, c.cell("subsidy_until")->column};
  }
  return dates_ok;
}

Quantities LineRows::read_quantities(Cells& c) {
  const bool offer = kind_ == Kind::Offer;
  Quantities q;
  q.hours_per_week = c.ratio("hours_per_week", kHoursPerWeek);
  q.hours = c.ratio("hours", kHours);
  q.count = c.whole("count", 1'000'000);
  if (offer) {
    q.persons = c.whole("persons", limits::kMaxPersons);
    q.months = c.ratio("months", kMonths);
    q.years = c.ratio("years", kYears);
  }
  if (const io::CsvField* f = c.cell("amount")) {
    Message why;
    auto m = read_amount(f->text, &why);
    if (!m)
      c.problem(f, msg(Msg::AmountCellNotAmount, as_is(f->text), phrase(why)));
    else if (*m < kMinAmount || *m > kMaxAmount)
      c.problem(f, msg(Msg::AmountCellOutOfRange, *m, kMinAmount, kMaxAmount));
    else
      q.amount = Given<Money>{*m, c.row.line, f->column};
  }
  for (const char* name : {"bonuses", "bonus_1", "bonus_2"}) {
    const io::CsvField* f = c.cell(name);
    if (!f) continue;
    // Bonuses are separated by ';' or ',' (in a ';' file the cell is quoted).
    std::string list = f->text;
    std::replace(list.begin(), list.end(), ',', ';');
    std::stringstream ss(list);
    std::string b;
    while (std::getline(ss, b, ';')) {
      auto first = b.find_first_not_of(' '), last = b.find_last_not_of(' ');
      if (first != std::string::npos)
        q.bonuses.push_back(
            {id_as_written(b.substr(first, last - first + 1)), c.row.line, f->column});
    }
  }
  return q;
}

void LineRows::row(const io::CsvRow& row) {
  std::size_t before = problems_.size();
  if (row.fields.size() != width_) {
    problems_.push_back(
        {at(row.line, 1), msg(Msg::RowFieldCount, static_cast<int64_t>(row.fields.size()),
                              static_cast<int64_t>(width_))});
    return;
  }
  Cells c(*this, row);
  const bool offer = kind_ == Kind::Offer;
  SourceLocation line_where = at(row.line, 1);
  std::string candidate, block;
  SourceLocation block_where;
  const io::CsvField* cand = offer ? nullptr : c.cell("candidate");
  const io::CsvField* blk = c.cell("block");
  // An empty candidate is for the block to judge: an invoice is not a person (calc).
  if (!blk && !c.refused.count("block")) problems_.push_back({line_where, msg(Msg::RowNoBlock)});
  if (cand) candidate = candidate_id(cand->text, c.where(cand), problems_);
  if (blk) {
    block = id_as_written(blk->text);
    block_where = c.where(blk);
  }
  Date start, end;
  std::optional<Given<Date>> subsidy_until;
  if (!offer) read_dates(c, start, end, subsidy_until);
  Quantities q = read_quantities(c);
  if (problems_.size() != before) {
    if (!block.empty()) bad_row_blocks.push_back({block, block_where});
    return;
  }
  if (offer) {
    OfferLine line;
    line.where = line_where;
    line.block = block;
    line.block_at = Spot::of(block_where);
    line.quantities = std::move(q);
    offer_lines.push_back(std::move(line));
  } else {
    RealisationLine line;
    line.where = line_where;
    line.candidate = candidate;
    line.block = block;
    line.block_at = Spot::of(block_where);
    line.start = start;
    line.end = end;
    line.subsidy_until = subsidy_until;
    line.quantities = std::move(q);
    realisation_lines.push_back(std::move(line));
  }
}

}  // namespace sroi::config
