// SPDX-License-Identifier: EUPL-1.2
// The region calculator (`sroi publish`). Its formulas restate the engine's rules for offer
// lines (line_value.hpp) in spreadsheet terms; tests fill it in, recalculate it in LibreOffice
// and compare every line with the engine, so the two cannot drift apart unnoticed.
#include "sroi/model/limits.hpp"
#include "sroi/xlsx/report.hpp"
#include "sroi/xlsx/workbook.hpp"

namespace sroi::xlsx {
namespace {

/// A whole number with Dutch thousands dots: 1.000.000.000.
std::string format_count(int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

constexpr int kInputRows = 50;
constexpr int kHeaderRow = 9;
// Calculator columns: inputs A..G, formulas H..N.
enum Col {
  kBlock,
  kPersons,
  kHours,
  kQuantity,
  kBonus1,
  kBonus2,
  kAmount,
  kName,
  kUnit,
  kRate,
  kFactor,
  kCounted,
  kPeriods,
  kValue,
  kColumns
};

/// The provisional values a calculation with this region can use, each with its source:
/// what the warning above the table lists (it said only that there were some).
std::vector<Message> provisional_values(const Region& r) {
  std::vector<Message> out;
  auto note = [&](const Provenance& p, Message what) {
    if (p.provisional())
      out.push_back(msg(Msg::ProvisionalValue, phrase(std::move(what)), as_is(p.source)));
  };
  note(r.fulltime_hours.provenance,
       msg(Msg::ProvisionalFulltimeHours, Decimal{r.fulltime_hours.value}, as_is(r.label())));
  if (r.min_hours)
    note(r.min_hours->provenance, msg(Msg::ProvisionalMinimumHours, as_is(r.label())));
  for (const auto& b : r.blocks) note(b.provenance, msg(Msg::ProvisionalBlock, as_is(b.id)));
  for (const auto& b : r.bonuses) note(b.provenance, msg(Msg::ProvisionalBonus, as_is(b.id)));
  return out;
}

}  // namespace

void write_calculator(const Region& region, const std::string& path, const WriteOptions& options) {
  const Labels& L = labels(options.lang);
  Workbook wb(path, options.overwrite, Rows::AnyOrder);
  Sheet& calc = wb.add_sheet(L.calculator);
  Sheet& blocks = wb.add_sheet(L.blocks);
  Sheet& bonuses = wb.add_sheet(L.bonuses);
  Sheet& settings = wb.add_sheet(L.settings);

  // --- Bouwblokken: the lookup table -----------------------------------------------------
  const char* block_headers[] = {L.block,         L.name,   L.unit,   L.value,  L.counting_months,
                                 L.invoice_share, L.status, L.source, L.maps_to};
  const double block_widths[] = {22, 50, 14, 14, 12, 12, 12, 24, 22};
  for (int c = 0; c < 9; ++c) {
    blocks.column_width(c, c, block_widths[c]);
    blocks.text(0, c, block_headers[c], Style::Header);
  }
  int brow = 1;
  for (const auto& b : region.blocks) {
    blocks.text(brow, 0, b.id);
    blocks.text(brow, 1, b.name);
    blocks.text(brow, 2, unit_id(b.unit));
    blocks.number(brow, 3, euros(b.value), Style::Euro);
    if (b.counting_months) blocks.number(brow, 4, *b.counting_months, Style::Integer);
    blocks.number(brow, 5, b.unit == Unit::Invoice ? real(b.percentage) : 0, Style::Decimal);
    blocks.text(brow, 6, b.provenance.provisional() ? L.provisional : L.published);
    blocks.text(brow, 7, b.provenance.source);
    blocks.text(brow, 8, b.maps_to);
    ++brow;
  }
  blocks.freeze(1, 0);
  blocks.protect();
  int last_block = brow - 1;
  std::string bref = sheet_ref(L.blocks);
  std::string table = bref + cell(1, 0, true) + ":" + cell(last_block, 8, true);
  std::string block_ids = "=" + bref + cell(1, 0, true) + ":" + cell(last_block, 0, true);

  // --- Bonussen ---------------------------------------------------------------------------
  bonuses.column_width(0, 0, 16);
  bonuses.column_width(1, 1, 40);
  bonuses.column_width(2, 2, 14);
  bonuses.text(0, 0, L.bonus_list, Style::Header);
  bonuses.text(0, 1, L.name, Style::Header);
  bonuses.text(0, 2, L.value, Style::Header);
  int nrow = 1;
  for (const auto& b : region.bonuses) {
    bonuses.text(nrow, 0, b.id);
    bonuses.text(nrow, 1, b.name);
    bonuses.number(nrow, 2, euros(b.value), Style::Euro);
    ++nrow;
  }
  bonuses.protect();
  std::string oref = sheet_ref(L.bonuses);
  int last_bonus = std::max(nrow - 1, 1);
  std::string bonus_ids = oref + cell(1, 0, true) + ":" + cell(last_bonus, 0, true);
  std::string bonus_values = oref + cell(1, 2, true) + ":" + cell(last_bonus, 2, true);

  // --- Instellingen -----------------------------------------------------------------------
  settings.column_width(0, 0, 30);
  settings.column_width(1, 1, 40);
  settings.text(0, 0, L.region, Style::Header);
  settings.text(0, 1, region.id + " " + region.version, Style::Header);
  settings.text(1, 0, L.fulltime_hours);
  settings.number(1, 1, real(region.fulltime_hours.value), Style::Decimal);
  settings.text(2, 0, L.minimum_hours);
  settings.number(2, 1, region.min_hours ? real(region.min_hours->value) : 0, Style::Decimal);
  int srow = 4;
  settings.text(srow++, 0, L.sources, Style::Bold);
  for (const auto& d : region.sources) {
    settings.text(srow, 0, d.id);
    settings.text(srow, 1, d.title + " — " + d.url);
    ++srow;
  }
  settings.protect();
  std::string sref = sheet_ref(L.settings);
  std::string fulltime = sref + cell(1, 1, true);
  std::string minimum = sref + cell(2, 1, true);

  // --- Rekenhulp --------------------------------------------------------------------------
  // Column B also holds the totals (B4:B7): wide enough for "€ 10.000.000,00" (no ###).
  const double widths[kColumns] = {22, 17, 9, 11, 13, 13, 14, 40, 14, 13, 10, 10, 10, 14};
  for (int c = 0; c < kColumns; ++c) calc.column_width(c, c, widths[c]);
  calc.text(0, 0, region.name + " — " + region.id + " " + region.version, Style::Title);
  calc.text(1, 0, L.calculator_intro);
  calc.text(3, 0, L.enter_obligation, Style::Bold);
  calc.blank(3, 1, Style::InputEuro);
  std::string obligation = cell(3, 1, true);
  int first = kHeaderRow + 1, last = kHeaderRow + kInputRows;
  std::string values = cell(first, kValue, true) + ":" + cell(last, kValue, true);
  calc.text(4, 0, L.total, Style::Bold);
  calc.formula(4, 1, "SUM(" + values + ")", 0, Style::EuroBold);
  calc.text(5, 0, L.surplus, Style::Bold);
  calc.formula(5, 1, "MAX(" + cell(4, 1, true) + "-" + obligation + ",0)", 0, Style::Euro);
  calc.text(6, 0, L.shortfall, Style::Bold);
  calc.formula(6, 1, "MAX(" + obligation + "-" + cell(4, 1, true) + ",0)", 0, Style::Euro);
  if (auto provisional = provisional_values(region); !provisional.empty()) {
    calc.text(7, 0, L.provisional_warning, Style::Warning);
    PhraseList list{PhraseList::Join::Semicolon, std::move(provisional)};
    calc.text(8, 0, text::say(Arg(std::move(list)), options.lang));
  }

  const char* headers[kColumns] = {
      L.block, L.persons, L.hours_per_week, L.quantity,     L.bonus1,  L.bonus2,  L.amount,
      L.name,  L.unit,    L.rate,           L.hours_factor, L.counted, L.periods, L.value};
  for (int c = 0; c < kColumns; ++c) calc.text(kHeaderRow, c, headers[c], Style::Header);
  calc.freeze(kHeaderRow + 1, 1);

  for (int row = first; row <= last; ++row) {
    auto at = [&](int col) { return cell(row, col); };
    std::string a = "$" + at(kBlock);
    auto lookup = [&](int col) {
      return "VLOOKUP(" + a + "," + table + "," + std::to_string(col) + ",FALSE)";
    };
    auto unit_is = [&](const char* u) { return at(kUnit) + "=\"" + u + "\""; };
    calc.blank(row, kBlock, Style::InputText);
    calc.blank(row, kPersons, Style::InputDecimal);
    calc.blank(row, kHours, Style::InputDecimal);
    calc.blank(row, kQuantity, Style::InputDecimal);
    calc.blank(row, kBonus1, Style::InputText);
    calc.blank(row, kBonus2, Style::InputText);
    calc.blank(row, kAmount, Style::InputEuro);
    calc.formula_text(row, kName, "IF(" + a + "=\"\",\"\"," + lookup(2) + ")", "");
    calc.formula_text(row, kUnit, "IF(" + a + "=\"\",\"\"," + lookup(3) + ")", "");
    auto bonus = [&](int col) {
      if (region.bonuses.empty()) return std::string("0");
      return "IF(" + at(col) + "=\"\",0,SUMIF(" + bonus_ids + "," + at(col) + "," + bonus_values +
             "))";
    };
    calc.formula(row, kRate,
                 "IF(" + a + "=\"\",0,IF(OR(" + unit_is("invoice") + "," + unit_is("actual-cost") +
                     ")," + at(kAmount) + "," + lookup(4) + "+IF(" + unit_is("fulltime-year") +
                     "," + bonus(kBonus1) + "+" + bonus(kBonus2) + ",0)))",
                 0, Style::Euro);
    calc.formula(row, kFactor,
                 "IF(" + unit_is("fulltime-year") + ",IF(" + at(kHours) + "<" + minimum +
                     ",0,MIN(" + at(kHours) + "/" + fulltime + ",1)),1)",
                 1, Style::Decimal);
    std::string cap = "N(" + lookup(5) + ")";
    calc.formula(row, kCounted,
                 "IF(" + a + "=\"\",0,IF(OR(" + unit_is("fulltime-year") + "," + unit_is("month") +
                     "),IF(" + cap + "=0," + at(kQuantity) + ",MIN(" + at(kQuantity) + "," + cap +
                     ")),IF(" + unit_is("learning-year") + ",IF(" + cap + "=0," + at(kQuantity) +
                     ",MIN(" + at(kQuantity) + "," + cap + "/12)),IF(" + unit_is("invoice") + "," +
                     lookup(6) + ",IF(" + unit_is("actual-cost") + ",1," + at(kQuantity) + ")))))",
                 0, Style::Decimal);
    calc.formula(row, kPeriods,
                 "IF(" + unit_is("fulltime-year") + "," + at(kCounted) + "/12,IF(" +
                     unit_is("invoice") + "," + at(kCounted) + "/100," + at(kCounted) + "))",
                 0, Style::Decimal);
    std::string persons = "IF(OR(" + unit_is("fulltime-year") + "," + unit_is("month") + "," +
                          unit_is("learning-year") + "),IF(" + at(kPersons) + "=\"\",1," +
                          at(kPersons) + "),1)";
    calc.formula(row, kValue,
                 "IF(" + a + "=\"\",0,ROUND(" + at(kRate) + "*" + persons + "*" + at(kFactor) +
                     "*" + at(kPeriods) + ",2))",
                 0, Style::Euro);
  }
  calc.validate_list(first, kBlock, last, block_ids, L.pick_block);
  // The same limits as the input files (model/limits.hpp).
  auto range = [](int64_t from, int64_t to) {
    return format_count(from) + " - " + format_count(to);
  };
  calc.validate_range(first, kPersons, last, 1, static_cast<double>(limits::kMaxPersons), true,
                      range(1, limits::kMaxPersons));
  calc.validate_range(first, kHours, last, 0.01, static_cast<double>(limits::kMaxHoursPerWeek),
                      false, range(0, limits::kMaxHoursPerWeek));
  calc.validate_range(first, kQuantity, last, 0, static_cast<double>(limits::kMaxHours), false,
                      L.quantity_help);
  if (!region.bonuses.empty()) {
    calc.validate_list(first, kBonus1, last, "=" + bonus_ids, L.bonus_list);
    calc.validate_list(first, kBonus2, last, "=" + bonus_ids, L.bonus_list);
  }
  calc.validate_range(first, kAmount, last, 0, static_cast<double>(limits::kMaxAmountEuros), false,
                      range(0, limits::kMaxAmountEuros));
  calc.protect();
  wb.close();
}

}  // namespace sroi::xlsx
