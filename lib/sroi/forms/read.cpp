// SPDX-License-Identifier: EUPL-1.2
// Filled workbooks read back: a template (read by its labels and column headers, in either
// language) or a calculator. Cells become the text the readers of typed input take (a number
// as "32.5", a day number as "2027-03-01"), so that a value is checked exactly as in a TOML
// or CSV file, and every problem names its cell.
#include <algorithm>

#include "sroi/config/line_rows.hpp"
#include "sroi/forms/forms.hpp"
#include "sroi/forms/layout.hpp"
#include "sroi/forms/sheets.hpp"
#include "sroi/io/dutch_numbers.hpp"
#include "sroi/io/text_input.hpp"
#include "sroi/io/xlsx_cells.hpp"
#include "sroi/model/similar.hpp"
#include "sroi/msg/config_common.hpp"
#include "sroi/msg/forms.hpp"
#include "sroi/msg/labels.hpp"
#include "sroi/msg/sheet_labels.hpp"
#include "sroi/msg/words.hpp"

namespace sroi::forms {
namespace {

using io::XlsxBook;
using io::XlsxCell;
using io::XlsxSheet;

/// A label matches in either language, whatever its case.
bool is_label(const XlsxCell* c, MsgId label) {
  if (!c || c->kind != XlsxCell::Kind::Text) return false;
  std::string t = lower_ascii(io::normalise_id(c->text));
  return t == lower_ascii(word(label, Lang::Nl)) || t == lower_ascii(word(label, Lang::En));
}

const XlsxSheet* sheet_named(const XlsxBook& book, MsgId label) {
  for (Lang l : {Lang::Nl, Lang::En})
    if (const XlsxSheet* s = book.sheet(word(label, l))) return s;
  return nullptr;
}

/// The first row at or below `from` whose column A holds `label`.
std::optional<int> labelled_row(const XlsxSheet& s, MsgId label, int from = 0) {
  for (int r = from; r < s.rows(); ++r)
    if (is_label(s.at(r, 0), label)) return r;
  return std::nullopt;
}

enum class As { Text, Number, Day };

/// One workbook being read: its cells as typed text, its problems.
class Reader {
 public:
  Reader(XlsxBook book, std::vector<Diagnostic>& problems)
      : book_(std::move(book)), problems_(problems) {}

  SourceLocation at(const XlsxSheet& s, int row, int col) const {
    return io::cell_location(book_.path, s.name, row, col);
  }

  /// The cell as the text a person would have typed, or nothing when empty or refused (with
  /// its problem).
  std::optional<std::string> text(const XlsxSheet& s, int row, int col, As as) {
    const XlsxCell* c = s.at(row, col);
    if (!c) return std::nullopt;
    switch (c->kind) {
      case XlsxCell::Kind::Error:
        problems_.push_back(
            {at(s, row, col), msg(Msg::XlsxCellError, as_is(cell_name(row, col)), as_is(c->text))});
        return std::nullopt;
      case XlsxCell::Kind::Number:
        if (as == As::Day) {
          if (auto d = io::day_from_serial(c->text, book_.date1904)) return d->iso();
        }
        if (auto n = io::plain_number(c->text, 6)) return *n;
        return c->text;
      case XlsxCell::Kind::Boolean:
        return c->text;
      case XlsxCell::Kind::Text:
        break;
    }
    if (auto problem = io::text_problem(c->text)) {
      problems_.push_back({at(s, row, col), *problem});
      return std::nullopt;
    }
    std::string t = io::unicode_normalised(c->text);  // what is stored is what is seen
    auto first = t.find_first_not_of(" \t"), last = t.find_last_not_of(" \t");
    if (first == std::string::npos) return std::nullopt;
    return t.substr(first, last - first + 1);
  }

  const XlsxBook& book() const { return book_; }
  std::vector<Diagnostic>& problems() { return problems_; }

 private:
  XlsxBook book_;
  std::vector<Diagnostic>& problems_;
};

/// The region a workbook names: "oost-nederland V05" beside its label.
std::optional<RegionChoice> region_of(Reader& r, const XlsxSheet& s) {
  auto row = labelled_row(s, Msg::LabelRegion);
  if (!row) return std::nullopt;
  auto t = r.text(s, *row, 1, As::Text);
  if (!t) return std::nullopt;
  RegionChoice c;
  auto space = t->rfind(' ');
  c.id = lower_ascii(space == std::string::npos ? *t : t->substr(0, space));
  if (space != std::string::npos) c.version = t->substr(space + 1);
  c.where = r.at(s, *row, 1);
  return c;
}

/// The contract's fields, found by their labels in column A.
struct ContractRead {
  std::optional<Contract> contract;
  std::string supplier, buyer;
  PsoCertificates pso;
};
/// The contract fields of a sheet, by their labels in column A: each read as its kind (a day,
/// a number, text), and each problem located at its cell under its label.
class ContractFields {
 public:
  using Field = layout::Field;

  ContractFields(Reader& r, const XlsxSheet& s) : r_(r) {
    for (const auto& f : layout::fields()) {
      auto row = labelled_row(s, f.label);
      if (!row) continue;
      As as = f.field == Field::Start || f.field == Field::End || f.field == Field::PsoUntil
                  ? As::Day
              : f.field == Field::Value || f.field == Field::Percentage ? As::Number
                                                                        : As::Text;
      got_[f.field] = {r.text(s, *row, 1, as), r.at(s, *row, 1)};
    }
  }

  /// A field's text, when the sheet has it filled in.
  std::optional<std::string> field(Field f) const {
    auto it = got_.find(f);
    return it == got_.end() ? std::nullopt : it->second.first;
  }

  /// A field's cell (the workbook when the sheet lacks the field).
  SourceLocation where(Field f) const {
    auto it = got_.find(f);
    return it == got_.end() ? SourceLocation{r_.book().path} : it->second.second;
  }

  /// A field that must be filled in: missing is a problem.
  std::optional<std::string> need(Field f) {
    auto v = field(f);
    if (!v) r_.problems().push_back({where(f), msg(Msg::FormFieldMissing, label(f))});
    return v;
  }

  /// A field filled in wrongly, and why.
  void bad(Field f, Message why) {
    r_.problems().push_back({where(f), msg(Msg::FormBadField, label(f), phrase(std::move(why)))});
  }

  /// A field's text that looks like a BSN is refused.
  void no_bsn(Field f, const std::optional<std::string>& v) {
    if (v && io::holds_bsn(*v))
      r_.problems().push_back({where(f), msg(Msg::LooksLikeBsn, label(f))});
  }

  /// A day, read as a Dutch reader writes it.
  std::optional<Date> day(Field f, bool required) {
    auto v = required ? need(f) : field(f);
    if (!v) return std::nullopt;
    Message why;
    auto d = io::read_date(*v, &why);
    if (!d) bad(f, msg(Msg::TextBadDate, as_is(*v), phrase(why)));
    return d;
  }

  /// The contract value: an amount of at least one cent.
  std::optional<Money> value() {
    auto v = need(Field::Value);
    if (!v) return std::nullopt;
    Message why;
    auto m = io::read_amount(*v, &why);
    if (!m)
      bad(Field::Value, msg(Msg::TextNotAmount, as_is(*v), phrase(why)));
    else if (m->cents() < 1)
      bad(Field::Value, msg(Msg::Negative));
    else
      return m;
    return std::nullopt;
  }

  /// The PSO certificate: a known level with its end date, or none.
  std::optional<PsoCertificate> pso() {
    auto level = field(Field::PsoLevel);
    auto until = day(Field::PsoUntil, level.has_value());
    if (!level) return std::nullopt;
    auto l = pso_level_from_id(lower_ascii(*level));
    if (!l) bad(Field::PsoLevel, msg(Msg::UnknownPsoLevel, as_is(*level), as_is(pso_level_ids())));
    if (!l || !until) return std::nullopt;
    PsoCertificate p;
    p.where = where(Field::PsoLevel);
    p.level = *l;
    p.valid_until = *until;
    return p;
  }

 private:
  /// The field's label as the sheet shows it.
  static Arg label(Field f) {
    for (const auto& x : layout::fields())
      if (x.field == f) return phrase(msg(x.label));
    return phrase(msg(Msg::WordNone));
  }

  Reader& r_;
  std::map<Field, std::pair<std::optional<std::string>, SourceLocation>> got_;
};

ContractRead read_contract(Reader& r, const XlsxSheet& s) {
  using Field = layout::Field;
  ContractFields f(r, s);
  ContractRead out;
  auto supplier = f.need(Field::Supplier);
  f.no_bsn(Field::Supplier, supplier);
  f.no_bsn(Field::Buyer, f.field(Field::Buyer));
  out.supplier = supplier.value_or("");
  out.buyer = f.field(Field::Buyer).value_or("");
  Contract c;
  c.where = f.where(Field::ContractId);
  c.at = {f.where(Field::Value), f.where(Field::Percentage), f.where(Field::Start),
          f.where(Field::End)};
  auto id = f.need(Field::ContractId);
  f.no_bsn(Field::ContractId, id);
  auto value = f.value();
  if (auto p = f.field(Field::Percentage)) {
    Message why;
    c.percentage = io::read_percentage(*p, &why);
    if (!c.percentage) f.bad(Field::Percentage, msg(Msg::TextNotNumber, as_is(*p), phrase(why)));
  }
  auto start = f.day(Field::Start, true), end = f.day(Field::End, true);
  if (start && end && *end < *start)
    r.problems().push_back({f.where(Field::End), msg(Msg::EndBeforeStart, *end, *start)});
  if (auto p = f.pso()) out.pso.push_back(*p);
  if (id && value && start && end && !(*end < *start)) {
    c.id = io::normalise_id(*id);
    c.value = *value;
    c.start = *start;
    c.end = *end;
    out.contract = c;
  }
  return out;
}

/// What an offer or realisation takes from the workbook's contract fields and region.
template <typename OfferOrRealisation>
void take_contract(OfferOrRealisation& out, const ContractRead& c,
                   const std::optional<RegionChoice>& choice) {
  out.supplier = c.supplier;
  out.buyer = c.buyer;
  out.pso = c.pso;
  if (c.contract) out.contract = *c.contract;
  if (choice) out.region = *choice;
}

/// The lines of a template's lines sheet, through the one reader of tables of lines.
void read_lines(Reader& r, const XlsxSheet& s, config::LineRows& rows) {
  io::CsvRow header;
  header.line = 1;
  int width = 0;
  for (const auto& [pos, c] : s.cells)
    if (pos.first == 0) width = std::max(width, pos.second + 1);
  for (int c = 0; c < width; ++c)
    header.fields.push_back({r.text(s, 0, c, As::Text).value_or(""), c + 1});
  if (!rows.header(header)) return;
  // Which column is which, as the reader of the header understood it.
  std::vector<std::string> keys;
  for (int c = 0; c < width; ++c) keys.push_back(rows.key_at(static_cast<std::size_t>(c)));
  // The template's second row explains the columns: it is not a line.
  auto is_help_row = [&](int row) {
    for (int c = 0; c < width; ++c)
      if (keys[static_cast<std::size_t>(c)] == "block") {
        auto t = r.text(s, row, c, As::Text).value_or("");
        return t == word(Msg::HelpBlock, Lang::Nl) || t == word(Msg::HelpBlock, Lang::En);
      }
    return false;
  };
  for (int row = 1; row < s.rows(); ++row) {
    if (row == layout::tmpl::kHelpRow && is_help_row(row)) continue;
    io::CsvRow line;
    line.line = row + 1;
    bool any = false;
    for (int c = 0; c < width; ++c) {
      const std::string& key = keys[static_cast<std::size_t>(c)];
      As as = key == "start" || key == "end" || key == "date" || key == "subsidy_until" ? As::Day
                                                                                        : As::Text;
      auto t = r.text(s, row, c, as).value_or("");
      if (key == "block" || key == "bonus_1" || key == "bonus_2") t = id_of_choice(t);
      any |= !t.empty();
      line.fields.push_back({t, c + 1});
    }
    if (any) rows.row(line);
  }
}

/// The lines of a calculator: the quantity column means months, years, hours or a count as
/// the block's unit says, and a quantity the unit does not use is left out (the calculator
/// leaves it out too).
void read_calculator_lines(Reader& r, const XlsxSheet& s, const Region& region,
                           config::LineRows& rows) {
  using namespace layout::calc;
  auto header_row = labelled_row(s, Msg::LabelBlock, kFirstField);
  if (!header_row) return;
  io::CsvRow header;
  header.line = *header_row + 1;
  const std::vector<std::string> keys = {"block",   "persons", "hours_per_week", "months",
                                         "years",   "hours",   "count",          "amount",
                                         "bonus_1", "bonus_2"};
  for (std::size_t i = 0; i < keys.size(); ++i)
    header.fields.push_back({keys[i], static_cast<int>(i) + 1});
  if (!rows.header(header)) return;
  for (int row = *header_row + 1; row < s.rows(); ++row) {
    auto block_text = r.text(s, row, kBlock, As::Text);
    if (!block_text) continue;
    std::string id = lower_ascii(id_of_choice(*block_text));
    const BuildingBlock* b = region.find_block(id);
    Unit unit = b ? b->unit : Unit::FulltimeYear;
    auto get = [&](int col) { return r.text(s, row, col, As::Text).value_or(""); };
    bool timed = unit == Unit::FulltimeYear || unit == Unit::Month || unit == Unit::LearningYear;
    // Cells carry their own column, so that a problem names the cell typed in.
    std::vector<io::CsvField> f(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) f[i].column = static_cast<int>(i) + 1;
    f[0] = {id, kBlock + 1};
    if (timed) f[1] = {get(kPersons).empty() ? "1" : get(kPersons), kPersons + 1};
    if (unit == Unit::FulltimeYear) f[2] = {get(kHours), kHours + 1};
    // The quantity column's key by the block's unit (layout::quantity_of, as the writer).
    switch (layout::quantity_of(unit, b && b->max_per_day)) {
      case layout::Quantity::Months:
        f[3] = {get(kQuantity), kQuantity + 1};
        break;
      case layout::Quantity::Years:
        f[4] = {get(kQuantity), kQuantity + 1};
        break;
      case layout::Quantity::Hours:
        f[5] = {get(kQuantity), kQuantity + 1};
        break;
      case layout::Quantity::Count:
        f[6] = {get(kQuantity), kQuantity + 1};
        break;
      case layout::Quantity::None:
        break;
    }
    if (unit == Unit::Invoice || unit == Unit::ActualCost) f[7] = {get(kAmount), kAmount + 1};
    if (unit == Unit::FulltimeYear) {
      f[8] = {id_of_choice(get(kBonus1)), kBonus1 + 1};
      f[9] = {id_of_choice(get(kBonus2)), kBonus2 + 1};
    }
    io::CsvRow line;
    line.line = row + 1;
    line.fields = std::move(f);
    rows.row(line);
  }
}

enum class Found { Calculator, Template, None };

struct Opened {
  std::optional<Reader> reader;
  Found kind = Found::None;
  const XlsxSheet* main = nullptr;      ///< the calculator, or the template's contract sheet
  const XlsxSheet* lines = nullptr;     ///< the template's lines
  const XlsxSheet* settings = nullptr;  ///< the calculator's region settings
};

/// The workbook at `path`, or from its bytes when the caller has read them already.
Opened open(const std::string& path, std::vector<Diagnostic>& problems,
            const std::string* bytes = nullptr) {
  Opened o;
  try {
    o.reader.emplace(bytes ? io::read_xlsx_bytes(*bytes, path) : io::read_xlsx(path), problems);
  } catch (const DataError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    return o;
  }
  const XlsxBook& book = o.reader->book();
  // The offer workbook; its sheet was called Rekenhulp before it replaced the offer template.
  if ((o.main = sheet_named(book, Msg::LabelOfferSheet)) ||
      (o.main = sheet_named(book, Msg::LabelCalculator))) {
    o.kind = Found::Calculator;
    o.settings = sheet_named(book, Msg::LabelSettings);
  } else if ((o.main = sheet_named(book, Msg::LabelContract)) &&
             (o.lines = sheet_named(book, Msg::LabelLines))) {
    o.kind = Found::Template;
  } else {
    problems.push_back({SourceLocation{path},
                        msg(Msg::FormNotAForm, quoted_or({word(Msg::LabelOfferSheet, Lang::Nl),
                                                          word(Msg::LabelContract, Lang::Nl)}))});
  }
  return o;
}

/// Whether a template's lines sheet holds realisation lines (it has a candidate column).
bool has_candidates(const XlsxSheet& s) {
  for (const auto& [pos, c] : s.cells)
    if (pos.first == 0 && is_label(&c, Msg::LabelCandidate)) return true;
  return false;
}

}  // namespace

bool is_workbook(const std::string& path) {
  auto dot = path.rfind('.');
  return dot != std::string::npos && lower_ascii(path.substr(dot)) == ".xlsx";
}

Offer read_offer_workbook(const config::RegionSet& regions, const std::string& path,
                          std::vector<Diagnostic>& problems, config::PartRead& part,
                          const std::string* bytes) {
  Offer offer;
  offer.file = path;
  Opened o = open(path, problems, bytes);
  if (o.kind == Found::None) return offer;
  Reader& r = *o.reader;
  if (o.kind == Found::Template && has_candidates(*o.lines)) {
    problems.push_back({SourceLocation{path}, msg(Msg::FormIsRealisation)});
    return offer;
  }
  auto choice = region_of(r, o.kind == Found::Calculator && o.settings ? *o.settings : *o.main);
  if (!choice) problems.push_back({SourceLocation{path}, msg(Msg::FormNoRegion)});
  ContractRead c = read_contract(r, *o.main);
  take_contract(offer, c, choice);
  SourceLocation origin{path};
  origin.sheet = o.kind == Found::Calculator ? o.main->name : o.lines->name;
  config::LineRows rows(config::LineRows::Kind::Offer, origin, problems);
  if (o.kind == Found::Template) {
    read_lines(r, *o.lines, rows);
  } else if (choice) {
    // The quantity column's meaning depends on the block's unit: the region is needed first.
    try {
      const Region& region =
          regions.resolve(*choice, c.contract ? std::optional(c.contract->start) : std::nullopt);
      read_calculator_lines(r, *o.main, region, rows);
    } catch (const DataError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  offer.lines = std::move(rows.offer_lines);
  part.bad_row_blocks = std::move(rows.bad_row_blocks);
  if (offer.lines.empty() && problems.empty()) problems.push_back({origin, msg(Msg::FormNoLines)});
  part.contract_read = c.contract.has_value() && choice.has_value();
  part.line_read.assign(offer.lines.size(), true);
  return offer;
}

Realisation read_realisation_workbook(const config::RegionSet&, const std::string& path,
                                      std::vector<Diagnostic>& problems, config::PartRead& part) {
  Realisation real;
  real.file = path;
  Opened o = open(path, problems);
  if (o.kind == Found::None) return real;
  Reader& r = *o.reader;
  if (o.kind == Found::Calculator || !has_candidates(*o.lines)) {
    problems.push_back({SourceLocation{path}, msg(Msg::FormIsOffer)});
    return real;
  }
  auto choice = region_of(r, *o.main);
  if (!choice) problems.push_back({SourceLocation{path}, msg(Msg::FormNoRegion)});
  ContractRead c = read_contract(r, *o.main);
  take_contract(real, c, choice);
  SourceLocation origin{path};
  origin.sheet = o.lines->name;
  config::LineRows rows(config::LineRows::Kind::Realisation, origin, problems);
  read_lines(r, *o.lines, rows);
  real.lines = std::move(rows.realisation_lines);
  part.bad_row_blocks = std::move(rows.bad_row_blocks);
  part.contract_read = c.contract.has_value() && choice.has_value();
  part.line_read.assign(real.lines.size(), true);
  return real;
}

std::vector<RealisationLine> realisation_lines_from_workbook(
    const std::string& path, std::vector<Diagnostic>& problems, const std::string* bytes,
    std::vector<WrittenBlock>* bad_row_blocks) {
  Opened o = open(path, problems, bytes);
  if (o.kind == Found::None) return {};
  if (o.kind == Found::Calculator || !has_candidates(*o.lines)) {
    problems.push_back({SourceLocation{path}, msg(Msg::FormIsOffer)});
    return {};
  }
  SourceLocation origin{path};
  origin.sheet = o.lines->name;
  config::LineRows rows(config::LineRows::Kind::Realisation, origin, problems);
  read_lines(*o.reader, *o.lines, rows);
  if (bad_row_blocks) *bad_row_blocks = std::move(rows.bad_row_blocks);
  return std::move(rows.realisation_lines);
}

std::string id_of_choice(const std::string& text) {
  auto dash = text.find(" — ");
  return dash == std::string::npos ? text : text.substr(0, dash);
}

}  // namespace sroi::forms
