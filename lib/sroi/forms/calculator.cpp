// SPDX-License-Identifier: EUPL-1.2
// The offer workbook: the one workbook a supplier fills in for an offer (`sroi template offer`,
// `sroi publish`, the portal's offer composer), live while it is filled in. Its formulas
// restate the engine's rules for an offer's obligation (obligation.hpp) and lines
// (line_value.hpp) in spreadsheet terms; tests fill it in, recalculate it in LibreOffice and
// compare every line, the obligation and the total with the engine, and read the filled
// workbook back as an offer, so the two cannot drift apart unnoticed.
#include "sroi/calc/assessment.hpp"
#include "sroi/calc/period.hpp"
#include "sroi/forms/forms.hpp"
#include "sroi/forms/layout.hpp"
#include "sroi/forms/sheets.hpp"
#include "sroi/model/limits.hpp"
#include "sroi/msg/forms.hpp"
#include "sroi/msg/provisional.hpp"
#include "sroi/msg/sheet_labels.hpp"
#include "sroi/xlsx/workbook.hpp"

namespace sroi::forms {
namespace {

using namespace layout::calc;
using xlsx::cell;
using xlsx::Sheet;
using xlsx::Style;

/// The provisional values a calculation with this region can use, each with its source:
/// what the warning above the table lists.
std::vector<Message> provisional_values(const Region& r) {
  std::vector<Message> out;
  auto note = [&](const Provenance& p, Message what) {
    if (p.provisional()) out.push_back(provisional_value(std::move(what), p));
  };
  note(r.fulltime_hours.provenance,
       msg(Msg::ProvisionalFulltimeHours, Decimal{r.fulltime_hours.value}, as_is(r.label())));
  if (r.min_hours)
    note(r.min_hours->provenance, msg(Msg::ProvisionalMinimumHours, as_is(r.label())));
  if (r.obligation.percentage)
    note(r.obligation.percentage_provenance,
         msg(Msg::ProvisionalDefaultPercentage, Percent{*r.obligation.percentage}));
  note(r.obligation.provenance, msg(Msg::ProvisionalObligationRules, as_is(r.label())));
  if (r.pso.kind != PsoRuleKind::None) note(r.pso.provenance, msg(Msg::ProvisionalPsoShares));
  for (const auto& b : r.blocks) note(b.provenance, msg(Msg::ProvisionalBlock, as_is(b.name)));
  for (const auto& b : r.bonuses) note(b.provenance, msg(Msg::ProvisionalBonus, as_is(b.name)));
  return out;
}

/// A formula's text constant: "…" with quotes doubled.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

/// Months from the start to the end cell as the engine counts them (period.cpp).
std::string months_formula(const std::string& s, const std::string& e, TimeBasis basis) {
  if (basis == TimeBasis::Days) return "(" + e + "-" + s + "+1)*12/365";
  auto dim = [](const std::string& d) { return "DAY(EOMONTH(" + d + ",0))"; };
  return "IF(AND(YEAR(" + s + ")=YEAR(" + e + "),MONTH(" + s + ")=MONTH(" + e + ")),(DAY(" + e +
         ")-DAY(" + s + ")+1)/" + dim(s) + ",(YEAR(" + e + ")-YEAR(" + s + "))*12+MONTH(" + e +
         ")-MONTH(" + s + ")-1+IF(DAY(" + s + ")=1,1,(" + dim(s) + "-DAY(" + s + ")+1)/" + dim(s) +
         ")+IF(DAY(" + e + ")=" + dim(e) + ",1,DAY(" + e + ")/" + dim(e) + "))";
}

/// In words, what line row `row` still lacks ("" when nothing): a known block, the hours of a
/// full-time-year line (and at least the region's minimum), a quantity or an amount.
std::string lacking_formula(int row, const Region& region, const RegionSettings& rs,
                            const std::string& known, const std::string& cost_capped, Lang lang) {
  auto say = [&](const Message& m) { return text::say(m, lang); };
  auto at = [&](int col) { return cell(row, col); };
  auto unit_is = [&](Unit u) { return at(kUnit) + "=" + quoted(text::unit_name(u, lang)); };
  std::string a = "$" + at(kBlock);
  std::string check = "IF(" + a + "=\"\",\"\",IF(NOT(" + known + ")," +
                      quoted(word(Msg::WarnUnknownBlock, lang)) + ",IF(AND(" +
                      unit_is(Unit::FulltimeYear) + "," + at(kHours) + "=\"\")," +
                      quoted(word(Msg::WarnHoursMissing, lang)) + ",";
  int open = 3;
  if (region.min_hours && region.min_hours->value > Ratio(0)) {
    check += "IF(AND(" + unit_is(Unit::FulltimeYear) + "," + at(kHours) + "<" + rs.minimum + ")," +
             quoted(say(msg(Msg::WarnBelowMinimum, Decimal{region.min_hours->value}))) + ",";
    ++open;
  }
  check += "IF(AND(OR(" + unit_is(Unit::FulltimeYear) + "," + unit_is(Unit::Month) + "," +
           unit_is(Unit::LearningYear) + "," + unit_is(Unit::Hour) + "," + cost_capped + ")," +
           at(kQuantity) + "=\"\")," +
           quoted(say(msg(Msg::WarnQuantityMissing, as_is(xlsx::column_letter(kQuantity))))) +
           ",IF(AND(OR(" + unit_is(Unit::Invoice) + "," + unit_is(Unit::ActualCost) + ")," +
           at(kAmount) + "=\"\")," +
           quoted(say(msg(Msg::WarnAmountMissing, as_is(xlsx::column_letter(kAmount))))) + ",\"\"" +
           std::string(static_cast<std::size_t>(open + 2), ')');
  return check;
}

/// The input cells of one line row: empty, or what an offer line states (the quantity column
/// holds the months, years, hours or count its block's unit uses).
void write_line_inputs(Sheet& calc, int row, const Region& region, const OfferLine* given) {
  auto text_in = [&](int col, const std::string* v) {
    v && !v->empty() ? calc.text(row, col, *v, Style::InputText)
                     : calc.blank(row, col, Style::InputText);
  };
  auto number_in = [&](int col, std::optional<double> v, Style s) {
    v ? calc.number(row, col, *v, s) : calc.blank(row, col, s);
  };
  const Quantities* q = given ? &given->quantities : nullptr;
  auto ratio = [](const std::optional<Given<Ratio>>& r) -> std::optional<double> {
    if (!r) return std::nullopt;
    return xlsx::real(r->value);
  };
  std::optional<double> quantity;
  if (q) {
    const BuildingBlock* b = region.find_block(given->block);
    switch (layout::quantity_of(b ? b->unit : Unit::FulltimeYear, b && b->max_per_day)) {
      case layout::Quantity::Months:
        quantity = ratio(q->months);
        break;
      case layout::Quantity::Years:
        quantity = ratio(q->years);
        break;
      case layout::Quantity::Hours:
        quantity = ratio(q->hours);
        break;
      case layout::Quantity::Count:
        if (q->count) quantity = static_cast<double>(q->count->value);
        break;
      case layout::Quantity::None:
        break;
    }
  }
  text_in(kBlock, given ? &given->block : nullptr);
  number_in(kPersons,
            q && q->persons ? std::optional<double>(static_cast<double>(q->persons->value))
                            : std::nullopt,
            Style::InputDecimal);
  number_in(kHours, q ? ratio(q->hours_per_week) : std::nullopt, Style::InputDecimal);
  number_in(kQuantity, quantity, Style::InputDecimal);
  for (int i = 0; i < 2; ++i) {
    const std::string* bonus = q && q->bonuses.size() > static_cast<std::size_t>(i)
                                   ? &q->bonuses[static_cast<std::size_t>(i)].value
                                   : nullptr;
    text_in(i == 0 ? kBonus1 : kBonus2, bonus);
  }
  number_in(kAmount,
            q && q->amount ? std::optional<double>(xlsx::euros(q->amount->value)) : std::nullopt,
            Style::InputEuro);
}

/// The formulas of one line row of the workbook: the block's name and unit looked up, the
/// rate, hours factor, counted quantity, periods and value (line_value.cpp's rules), and in
/// words what the line still lacks.
void write_line_row(Sheet& calc, int row, const Region& region, const BlockTable& bt,
                    const BonusTable& ot, const RegionSettings& rs, const std::string& months,
                    Lang lang, const OfferLine* given, const LineResult* computed) {
  auto unit_word = [&](Unit u) { return quoted(text::unit_name(u, lang)); };
  std::string contract_months = "IF(" + months + "=\"\",1E9," + months + ")";
  auto at = [&](int col) { return cell(row, col); };
  std::string a = "$" + at(kBlock);
  auto lookup = [&](int col) {
    return "VLOOKUP(" + a + "," + bt.table + "," + std::to_string(col) + ",FALSE)";
  };
  auto unit_is = [&](Unit u) { return at(kUnit) + "=" + unit_word(u); };
  std::string known = "ISNUMBER(MATCH(" + a + "," + bt.ids + ",0))";
  std::string none = "OR(" + a + "=\"\",NOT(" + known + "))";
  write_line_inputs(calc, row, region, given);
  // A line given comes with what the engine made of it, as the formulas' cached results: a
  // program that does not recalculate on opening shows the same.
  const LineResult* l = computed;
  calc.formula_text(row, kName, "IF(" + none + ",\"\"," + lookup(2) + ")", l ? l->block_name : "");
  calc.formula_text(row, kUnit, "IF(" + none + ",\"\"," + lookup(3) + ")",
                    l ? text::unit_name(l->unit, lang) : "");
  auto bonus = [&](int col) {
    if (region.bonuses.empty()) return std::string("0");
    return "IF(" + at(col) + "=\"\",0,SUMIF(" + ot.ids + "," + at(col) + "," + ot.values + "))";
  };
  // A row without a block shows nothing (its formulas give ""; SUM passes over text).
  auto numeric = [&](int col, const std::string& formula, Style s) {
    std::string f = "IF(" + a + "=\"\",\"\"," + formula + ")";
    if (!l) return calc.formula_text(row, col, f, "", s);
    double cached = col == kRate      ? xlsx::euros(l->factors.rate)
                    : col == kFactor  ? xlsx::real(l->factors.hours_factor)
                    : col == kCounted ? xlsx::real(l->counting.counted)
                    : col == kPeriods ? xlsx::real(l->factors.periods)
                                      : xlsx::euros(l->value);
    calc.formula(row, col, f, cached, s);
  };
  // An actual cost with a maximum per day (the block table's value) counts up to that
  // maximum times the days given as the quantity.
  std::string per_day = "N(" + lookup(4) + ")";
  std::string cost_capped = "AND(" + unit_is(Unit::ActualCost) + "," + per_day + ">0)";
  numeric(kRate,
          "IF(" + none + ",0,IF(" + unit_is(Unit::Invoice) + "," + at(kAmount) + ",IF(" +
              unit_is(Unit::ActualCost) + ",IF(" + per_day + "=0," + at(kAmount) + ",MIN(" +
              at(kAmount) + "," + per_day + "*N(" + at(kQuantity) + ")))," + lookup(4) + "+IF(" +
              unit_is(Unit::FulltimeYear) + "," + bonus(kBonus1) + "+" + bonus(kBonus2) + ",0))))",
          Style::Euro);
  numeric(kFactor,
          "IF(" + unit_is(Unit::FulltimeYear) + ",IF(" + at(kHours) + "<" + rs.minimum + ",0,MIN(" +
              at(kHours) + "/" + rs.fulltime + ",1)),1)",
          Style::Decimal);
  // Offered time counts up to the block's counting period and the contract's duration; no
  // quantity counts nothing (MIN would pass over the empty cell and count the cap).
  std::string cap = "N(" + lookup(5) + ")";
  std::string months_counted = "IF(" + at(kQuantity) + "=\"\",0,IF(" + cap + "=0,MIN(" +
                               at(kQuantity) + "," + contract_months + "),MIN(" + at(kQuantity) +
                               "," + cap + "," + contract_months + ")))";
  std::string years_counted = "IF(" + at(kQuantity) + "=\"\",0,IF(" + cap + "=0,MIN(" +
                              at(kQuantity) + "," + contract_months + "/12),MIN(" + at(kQuantity) +
                              "," + cap + "/12," + contract_months + "/12)))";
  numeric(kCounted,
          "IF(" + none + ",0,IF(OR(" + unit_is(Unit::FulltimeYear) + "," + unit_is(Unit::Month) +
              ")," + months_counted + ",IF(" + unit_is(Unit::LearningYear) + "," + years_counted +
              ",IF(" + unit_is(Unit::Invoice) + "," + lookup(6) + ",IF(" +
              unit_is(Unit::ActualCost) + ",1," + at(kQuantity) + ")))))",
          Style::Decimal);
  numeric(kPeriods,
          "IF(" + unit_is(Unit::FulltimeYear) + "," + at(kCounted) + "/12,IF(" +
              unit_is(Unit::Invoice) + "," + at(kCounted) + "/100," + at(kCounted) + "))",
          Style::Decimal);
  std::string persons = "IF(OR(" + unit_is(Unit::FulltimeYear) + "," + unit_is(Unit::Month) + "," +
                        unit_is(Unit::LearningYear) + "),IF(" + at(kPersons) + "=\"\",1," +
                        at(kPersons) + "),1)";
  numeric(kValue,
          "IF(" + none + ",0,ROUND(" + at(kRate) + "*" + persons + "*" + at(kFactor) + "*" +
              at(kPeriods) + ",2))",
          Style::Euro);
  // What the line still lacks, in words, instead of a silent zero or #N/A.
  calc.formula_text(row, kCheck, lacking_formula(row, region, rs, known, cost_capped, lang), "",
                    Style::Wrap);
}

/// The line rows' checks as a spreadsheet shows them: the check column red when it says
/// something, a block and bonuses chosen from their lists, numbers within the input files'
/// limits (model/limits.hpp).
void validate_line_inputs(Sheet& calc, int first, int last, const Region& region,
                          const BlockTable& bt, const BonusTable& ot, const xlsx::Labels& L,
                          Lang lang) {
  std::string first_check = cell(first, kCheck);
  calc.highlight(first, kCheck, last, kCheck, "LEN(" + first_check + ")>0", Style::Warning);
  calc.validate_list(first, kBlock, last, "=" + bt.ids, L.pick_block, word(Msg::HelpBlock, lang));
  // The same limits as the input files (model/limits.hpp).
  calc.validate_range(first, kPersons, last, 1, static_cast<double>(limits::kMaxPersons), true,
                      number_range(1, limits::kMaxPersons), word(Msg::HelpPersons, lang));
  calc.validate_range(first, kHours, last, 0.01, static_cast<double>(limits::kMaxHoursPerWeek),
                      false, number_range(0, limits::kMaxHoursPerWeek),
                      word(Msg::HelpHoursPerWeek, lang));
  calc.validate_range(first, kQuantity, last, 0, static_cast<double>(limits::kMaxHours), false,
                      L.quantity_help, L.quantity_help);
  if (!region.bonuses.empty()) {
    calc.validate_list(first, kBonus1, last, "=" + ot.ids, L.bonus_list,
                       word(Msg::HelpBonus, lang));
    calc.validate_list(first, kBonus2, last, "=" + ot.ids, L.bonus_list,
                       word(Msg::HelpBonus, lang));
  }
  calc.validate_range(first, kAmount, last, 0, static_cast<double>(limits::kMaxAmountEuros), false,
                      number_range(0, limits::kMaxAmountEuros), word(Msg::HelpAmount, lang));
}

/// The rows above the lines: the contract's months, its obligation (obligation.cpp's rule:
/// percentage × value from the threshold and minimum duration, capped, minus a covering PSO
/// discount) with why there is none yet, the total offered, surplus, shortfall and the
/// provisional warning. Returns the months cell (the lines count up to it). `a`, for a filled
/// workbook, gives the formulas' cached results.
std::string write_obligation_rows(Sheet& calc, const Region& region, const RegionSettings& rs,
                                  const Cells& f, int first, int last, const xlsx::Labels& L,
                                  Lang lang, const Assessment* a) {
  auto say = [&](const Message& m) { return text::say(m, lang); };
  std::string value = f.at(layout::Field::Value), pct_cell = f.at(layout::Field::Percentage);
  std::string start = f.at(layout::Field::Start), end = f.at(layout::Field::End);
  std::string level = f.at(layout::Field::PsoLevel), until = f.at(layout::Field::PsoUntil);
  std::string months = cell(kMonthsRow, 1, true);
  calc.text(kMonthsRow, 0, word(Msg::LabelContractMonths, lang), Style::Bold);
  calc.formula(
      kMonthsRow, 1,
      "IF(OR(" + start + "=\"\"," + end + "=\"\"," + end + "<" + start + "),\"\"," +
          months_formula(start, end, region.time_basis) + ")",
      a && a->contract.start <= a->contract.end
          ? xlsx::real(months_between(a->contract.start, a->contract.end, region.time_basis))
          : 0,
      Style::Decimal);

  // The obligation (obligation.cpp): percentage × value when the value reaches the threshold
  // (and the contract is long enough), capped, minus the PSO discount when a certificate
  // covers the contract.
  const ObligationRule& rule = region.obligation;
  std::string pct = rule.percentage
                        ? "IF(" + pct_cell + "=\"\"," + rs.default_percentage + "," + pct_cell + ")"
                        : pct_cell;
  std::string has_pct = rule.percentage ? "TRUE" : pct_cell + "<>\"\"";
  std::string reaches = "IF(" + rs.threshold + "=0,TRUE,IF(" + rs.inclusive + "=1," + value +
                        ">=" + rs.threshold + "," + value + ">" + rs.threshold + "))";
  std::string applies = "AND(" + value + "<>\"\"," + has_pct + "," + reaches;
  if (rule.min_duration_months)
    applies += ",N(" + months + ")>=" + std::to_string(*rule.min_duration_months);
  applies += ")";
  std::string gross = "ROUND(" + value + "*" + pct + "/100,2)";
  std::string capped = "IF(" + rs.cap + "=\"\"," + gross + ",MIN(" + gross + "," + rs.cap + "))";
  std::string covered = "AND(" + level + "<>\"\"," + until + "<>\"\"," + until + ">=IF(" +
                        rs.pso_expiring + "=1," + start + "," + end + "))";
  std::string share = "IFERROR(VLOOKUP(" + level + "," + rs.pso_table + ",2,FALSE),0)";
  std::string pso_part = "ROUND(" + capped + "*" + share + "/100,2)";
  std::string obligation = cell(kObligationRow, 1, true);
  calc.text(kObligationRow, 0, L.obligation, Style::Bold);
  calc.formula(kObligationRow, 1,
               "IF(" + applies + "," + capped + "-IF(AND(" + rs.pso_rule + "=1," + covered + ")," +
                   pso_part + ",0),0)",
               a ? xlsx::euros(a->obligation.amount) : 0, Style::EuroBold);
  // Why there is none yet, in words.
  std::string below =
      say(msg(rule.threshold_inclusive ? Msg::NoteBelowThresholdFrom : Msg::NoteNotAboveThreshold,
              rule.threshold));
  calc.formula_text(kObligationRow, 2,
                    "IF(" + value + "=\"\"," + quoted(word(Msg::NoteEnterValue, lang)) +
                        ",IF(NOT(" + has_pct + ")," + quoted(word(Msg::NoteEnterPercentage, lang)) +
                        ",IF(NOT(" + reaches + ")," + quoted(below) + ",\"\")))",
                    !a ? word(Msg::NoteEnterValue, lang)
                    : !rule.percentage && !a->contract.percentage
                        ? word(Msg::NoteEnterPercentage, lang)
                    // As the formula: the value cell against the region's threshold.
                    : reaches_threshold(rule, a->contract.value, rule.threshold) ? std::string()
                                                                                 : below,
                    Style::Help);

  std::string values = cell(first, kValue, true) + ":" + cell(last, kValue, true);
  std::string fulfilment =
      "IF(AND(" + applies + "," + rs.pso_rule + "=2," + covered + ")," + pso_part + ",0)";
  std::string total = cell(kTotalRow, 1, true);
  calc.text(kTotalRow, 0, word(Msg::LabelTotalOffered, lang), Style::Bold);
  calc.formula(kTotalRow, 1, "SUM(" + values + ")+" + fulfilment, a ? xlsx::euros(a->total) : 0,
               Style::EuroBold);
  calc.text(kSurplusRow, 0, L.surplus, Style::Bold);
  calc.formula(kSurplusRow, 1, "MAX(" + total + "-" + obligation + ",0)",
               a ? xlsx::euros(a->surplus) : 0, Style::Euro);
  calc.text(kShortfallRow, 0, L.shortfall, Style::Bold);
  calc.formula(kShortfallRow, 1, "MAX(" + obligation + "-" + total + ",0)",
               a ? xlsx::euros(a->shortfall) : 0, Style::Euro);
  if (auto provisional = provisional_values(region); !provisional.empty()) {
    calc.text(kProvisionalRow, 0, L.provisional_warning, Style::Warning);
    PhraseList list{PhraseList::Join::Semicolon, std::move(provisional)};
    calc.text(kProvisionalRow + 1, 0, text::say(Arg(std::move(list)), lang));
  }
  return months;
}

}  // namespace

void write_offer_workbook(const Region& region, const std::string& path,
                          const xlsx::WriteOptions& options, const Offer* filled) {
  const Lang lang = options.lang;
  // A filled workbook: the engine's figures are the formulas' cached results (every line must
  // be valid; assess_offer throws otherwise).
  std::optional<Assessment> a;
  std::optional<Prefill> prefill;
  if (filled) {
    a = assess_offer(region, *filled);
    prefill = Prefill{filled->supplier, filled->buyer, filled->contract, filled->pso};
  }
  const std::vector<OfferLine>* lines = filled ? &filled->lines : nullptr;
  const xlsx::Labels& L = xlsx::labels(lang);
  xlsx::Workbook wb(path, options.overwrite, xlsx::Rows::AnyOrder);
  wb.page_text({std::string(L.offer_title) + " — " + region.name, "", region.label(), ""});
  Sheet& calc = wb.add_sheet(word(Msg::LabelOfferSheet, lang));
  Sheet& blocks = wb.add_sheet(L.blocks);
  Sheet& bonuses = wb.add_sheet(L.bonuses);
  Sheet& settings = wb.add_sheet(L.settings);

  // --- Bouwblokken and Bonussen: the lookup tables ----------------------------------------
  BlockTable bt = write_block_table(blocks, region, lang, false);
  BonusTable ot = write_bonus_table(bonuses, region, lang, false);

  // --- Instellingen: the region's parameters the formulas use -----------------------------
  RegionSettings rs = write_region_settings(settings, region, lang);

  // --- Rekenhulp --------------------------------------------------------------------------
  // Column B holds the contract's fields and the totals: wide enough for "€ 10.000.000,00".
  const double widths[kColumns] = {24, 17, 9, 11, 13, 13, 14, 40, 16, 13, 10, 10, 10, 14, 40};
  for (int c = 0; c < kColumns; ++c) calc.column_width(c, c, widths[c]);
  calc.text(0, 0, std::string(L.offer_title) + " — " + region.name + " (" + region.version + ")",
            Style::Title);
  calc.paragraph(1, 0, kAmount, L.calculator_intro, Style::Plain);
  // The help beside the fields starts in column E, so that a supplier's name in B can run on
  // over C and D.
  Cells f = write_contract_fields(calc, layout::calc::kFirstField, region, lang, rs.pso_levels,
                                  kBonus1, prefill ? &*prefill : nullptr);

  // Room for the lines given and as many again as a blank workbook has.
  const std::size_t given = lines ? lines->size() : 0;
  const int rows = kInputRows + static_cast<int>(given);
  int first = kHeaderRow + 1, last = kHeaderRow + rows;
  std::string months =
      write_obligation_rows(calc, region, rs, f, first, last, L, lang, a ? &*a : nullptr);

  const char* headers[kColumns] = {
      L.block,        L.persons, L.hours_per_week, L.quantity, L.bonus1,
      L.bonus2,       L.amount,  L.name,           L.unit,     L.rate,
      L.hours_factor, L.counted, L.periods,        L.value,    word(Msg::LabelCheck, lang)};
  for (int c = 0; c < kColumns; ++c) calc.text(kHeaderRow, c, headers[c], Style::Header);
  calc.freeze(kHeaderRow + 1, 1);
  calc.print_headings(kHeaderRow, kHeaderRow);

  for (int row = first; row <= last; ++row) {
    auto i = static_cast<std::size_t>(row - first);
    bool has = i < given && a && i < a->lines.size();
    write_line_row(calc, row, region, bt, ot, rs, months, lang, i < given ? &(*lines)[i] : nullptr,
                   has ? &a->lines[i] : nullptr);
  }
  validate_line_inputs(calc, first, last, region, bt, ot, L, lang);
  calc.protect();
  wb.close();
}

}  // namespace sroi::forms
