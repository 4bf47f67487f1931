// SPDX-License-Identifier: EUPL-1.2
#include "sroi/forms/sheets.hpp"

#include "sroi/model/limits.hpp"
#include "sroi/msg/forms.hpp"
#include "sroi/xlsx/labels.hpp"

namespace sroi::forms {

using xlsx::cell;
using xlsx::euros;
using xlsx::real;
using xlsx::sheet_ref;
using xlsx::Style;

std::string number_range(int64_t from, int64_t to) {
  auto dotted = [](int64_t n) { return digits_grouped(static_cast<uint64_t>(n), '.'); };
  return dotted(from) + " - " + dotted(to);
}

std::string choice(const std::string& id, const std::string& name) { return id + " — " + name; }

BlockTable write_block_table(xlsx::Sheet& s, const Region& region, Lang lang, bool choices) {
  const xlsx::Labels& L = xlsx::labels(lang);
  const char* headers[] = {
      L.block,         L.name,   L.unit,   L.value,   L.counting_months,
      L.invoice_share, L.status, L.source, L.maps_to, word(Msg::LabelChoice, lang)};
  const double widths[] = {22, 44, 16, 14, 12, 12, 14, 16, 22, 60};
  int columns = choices ? 10 : 9;
  for (int c = 0; c < columns; ++c) {
    s.column_width(c, c, widths[c], c == 1 || c == 9 ? Style::Wrap : Style::Plain);
    s.text(0, c, headers[c], Style::Header);
  }
  int row = 1;
  for (const auto& b : region.blocks) {
    s.text(row, 0, b.id);
    s.text(row, 1, b.name, Style::Wrap);
    s.text(row, 2, text::unit_name(b.unit, lang));
    // An actual cost has no value of its own, only its maximum per day, if any.
    if (b.unit != Unit::ActualCost)
      s.number(row, 3, euros(b.value), Style::Euro);
    else if (b.max_per_day)
      s.number(row, 3, euros(*b.max_per_day), Style::Euro);
    if (b.counting_months) s.number(row, 4, *b.counting_months, Style::Integer);
    s.number(row, 5, b.unit == Unit::Invoice ? real(b.percentage) : 0, Style::Decimal);
    s.text(row, 6, b.provenance.provisional() ? L.provisional : L.published);
    s.text(row, 7, b.provenance.source, Style::Wrap);
    s.text(row, 8, b.maps_to);
    if (choices) s.text(row, 9, choice(b.id, b.name), Style::Wrap);
    ++row;
  }
  s.freeze(1, 0);
  s.autofilter(0, 0, std::max(row - 1, 1), columns - 1);
  s.protect();
  int last = std::max(row - 1, 1);
  std::string ref = sheet_ref(s.name());
  return {ref + cell(1, 0, true) + ":" + cell(last, 8, true),
          ref + cell(1, 0, true) + ":" + cell(last, 0, true),
          ref + cell(1, 9, true) + ":" + cell(last, 9, true)};
}

BonusTable write_bonus_table(xlsx::Sheet& s, const Region& region, Lang lang, bool choices) {
  const xlsx::Labels& L = xlsx::labels(lang);
  s.column_width(0, 0, 16);
  s.column_width(1, 1, 40);
  s.column_width(2, 2, 14);
  s.text(0, 0, L.bonus_list, Style::Header);
  s.text(0, 1, L.name, Style::Header);
  s.text(0, 2, L.value, Style::Header);
  if (choices) {
    s.column_width(3, 3, 50);
    s.text(0, 3, word(Msg::LabelChoice, lang), Style::Header);
  }
  int row = 1;
  for (const auto& b : region.bonuses) {
    s.text(row, 0, b.id);
    s.text(row, 1, b.name);
    s.number(row, 2, euros(b.value), Style::Euro);
    if (choices) s.text(row, 3, choice(b.id, b.name));
    ++row;
  }
  s.freeze(1, 0);
  s.protect();
  int last = std::max(row - 1, 1);
  std::string ref = sheet_ref(s.name());
  return {ref + cell(1, 0, true) + ":" + cell(last, 0, true),
          ref + cell(1, 2, true) + ":" + cell(last, 2, true),
          ref + cell(1, 3, true) + ":" + cell(last, 3, true)};
}

RegionSettings write_region_settings(xlsx::Sheet& s, const Region& region, Lang lang) {
  const xlsx::Labels& L = xlsx::labels(lang);
  const ObligationRule& rule = region.obligation;
  s.column_width(0, 0, 44);
  s.column_width(1, 1, 40);
  s.text(0, 0, L.region, Style::Header);
  s.text(0, 1, region.id + " " + region.version, Style::Header);
  int row = 1;
  auto number = [&](const char* label, double v, Style st) {
    s.text(row, 0, label);
    s.number(row, 1, v, st);
    return cell(row++, 1, true);
  };
  RegionSettings out;
  out.fulltime = number(L.fulltime_hours, real(region.fulltime_hours.value), Style::Decimal);
  out.minimum =
      number(L.minimum_hours, region.min_hours ? real(region.min_hours->value) : 0, Style::Decimal);
  s.text(row, 0, word(Msg::LabelDefaultPercentage, lang));
  if (rule.percentage) s.number(row, 1, real(*rule.percentage), Style::Decimal);
  out.default_percentage = cell(row++, 1, true);
  out.threshold = number(L.threshold, euros(rule.threshold), Style::Euro);
  out.inclusive = number(word(Msg::LabelThresholdInclusive, lang), rule.threshold_inclusive ? 1 : 0,
                         Style::Integer);
  s.text(row, 0, L.cap);
  if (rule.cap) s.number(row, 1, euros(*rule.cap), Style::Euro);
  out.cap = cell(row++, 1, true);
  int kind = region.pso.kind == PsoRuleKind::Discount     ? 1
             : region.pso.kind == PsoRuleKind::Fulfilment ? 2
                                                          : 0;
  out.pso_rule = number(word(Msg::LabelPsoRule, lang), kind, Style::Integer);
  out.pso_expiring =
      number(word(Msg::LabelPsoExpiring, lang), region.pso.allow_expiring ? 1 : 0, Style::Integer);
  ++row;
  s.text(row, 0, word(Msg::LabelPsoLevel, lang), Style::Header);
  s.text(row, 1, word(Msg::LabelPsoShare, lang), Style::Header);
  int first_level = ++row;
  for (PsoLevel l : {PsoLevel::Aspirant, PsoLevel::Basistrede, PsoLevel::Trede1, PsoLevel::Trede2,
                     PsoLevel::Trede3, PsoLevel::Pso30Plus}) {
    s.text(row, 0, pso_level_id(l));
    auto it = region.pso.percent.find(l);
    s.number(row++, 1, it == region.pso.percent.end() ? 0 : real(it->second), Style::Decimal);
  }
  std::string ref = sheet_ref(s.name());
  auto prefixed = [&](std::string& r) { r = ref + r; };
  for (std::string* r : {&out.fulltime, &out.minimum, &out.default_percentage, &out.threshold,
                         &out.inclusive, &out.cap, &out.pso_rule, &out.pso_expiring})
    prefixed(*r);
  out.pso_table = ref + cell(first_level, 0, true) + ":" + cell(row - 1, 1, true);
  out.pso_levels = "=" + ref + cell(first_level, 0, true) + ":" + cell(row - 1, 0, true);
  ++row;
  s.text(row++, 0, L.sources, Style::Bold);
  for (const auto& d : region.sources) {
    s.text(row, 0, d.id);
    s.text(row, 1, text::say(d.named_title(), lang) + " — " + d.url);
    ++row;
  }
  s.protect();
  return out;
}

Cells write_contract_fields(xlsx::Sheet& s, int first_row, const Region& region, Lang lang,
                            const std::string& pso_levels, int help_col, const Prefill* prefill) {
  using layout::Field;
  Cells out;
  const Date earliest{2000, 1, 1}, latest{2100, 12, 31};
  const PsoCertificate* pso = prefill && prefill->pso.size() == 1 ? &prefill->pso[0] : nullptr;
  // An input cell: the prefilled value where there is one, else empty for the user.
  auto text_in = [&](int row, const std::string* v) {
    v && !v->empty() ? s.text(row, 1, *v, Style::InputText) : s.blank(row, 1, Style::InputText);
  };
  auto date_in = [&](int row, const Date* d) {
    d ? s.date(row, 1, *d, Style::InputDate) : s.blank(row, 1, Style::InputDate);
  };
  int row = first_row;
  for (const auto& f : layout::fields()) {
    s.text(row, 0, word(f.label, lang), Style::Bold);
    std::string help;
    switch (f.field) {
      case Field::Supplier:
      case Field::Buyer:
      case Field::ContractId:
        text_in(row, !prefill                     ? nullptr
                     : f.field == Field::Supplier ? &prefill->supplier
                     : f.field == Field::Buyer    ? &prefill->buyer
                                                  : &prefill->contract.id);
        help = word(f.field == Field::Supplier ? Msg::HelpSupplier
                    : f.field == Field::Buyer  ? Msg::HelpBuyer
                                               : Msg::HelpContractId,
                    lang);
        s.validate_length(row, 1, row, 200, number_range(0, 200), help);
        break;
      case Field::Value:
        if (prefill)
          s.number(row, 1, euros(prefill->contract.value), Style::InputEuro);
        else
          s.blank(row, 1, Style::InputEuro);
        help = word(Msg::HelpValue, lang);
        s.validate_range(row, 1, row, 0.01, static_cast<double>(limits::kMaxContractEuros), false,
                         number_range(0, limits::kMaxContractEuros), help);
        break;
      case Field::Percentage:
        if (prefill && prefill->contract.percentage)
          s.number(row, 1, real(*prefill->contract.percentage), Style::InputDecimal);
        else
          s.blank(row, 1, Style::InputDecimal);
        help =
            region.obligation.percentage
                ? text::say(msg(Msg::HelpPercentageDefault, Percent{*region.obligation.percentage}),
                            lang)
                : word(Msg::HelpPercentageRequired, lang);
        s.validate_range(row, 1, row, 0, static_cast<double>(limits::kMaxPercentage), false,
                         number_range(0, limits::kMaxPercentage), help);
        break;
      case Field::Start:
      case Field::End:
      case Field::PsoUntil:
        date_in(row, !prefill                  ? nullptr
                     : f.field == Field::Start ? &prefill->contract.start
                     : f.field == Field::End   ? &prefill->contract.end
                     : pso                     ? &pso->valid_until
                                               : nullptr);
        help = word(f.field == Field::PsoUntil ? Msg::HelpPsoUntil : Msg::HelpDate, lang);
        s.validate_date(row, 1, row, earliest, latest, help, help);
        break;
      case Field::PsoLevel: {
        std::string level = pso ? pso_level_id(pso->level) : "";
        text_in(row, &level);
        help = word(Msg::HelpPsoLevel, lang);
        s.validate_list(row, 1, row, pso_levels, help, help);
        break;
      }
    }
    s.text(row, help_col, help, Style::Help);
    out.refs[f.field] = cell(row, 1, true);
    ++row;
  }
  return out;
}

}  // namespace sroi::forms
