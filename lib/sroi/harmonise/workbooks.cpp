// SPDX-License-Identifier: EUPL-1.2
#include "sroi/harmonise/workbooks.hpp"

#include "sroi/msg/harmonise.hpp"
#include "sroi/msg/tender.hpp"
#include "sroi/text/catalogue.hpp"
#include "sroi/xlsx/workbook.hpp"

namespace sroi::harmonise {
using text::word;
namespace {

using xlsx::cell;
using xlsx::euros;
using xlsx::Sheet;
using xlsx::Style;

}  // namespace

void write_comparison(const Matrix& m, const std::string& path, const xlsx::WriteOptions& o) {
  xlsx::Workbook wb(path, o.overwrite, xlsx::Rows::AnyOrder);
  wb.page_text({std::string("SROI — ") + word(Msg::HarmComparison, o.lang), "", "", ""});
  Sheet& s = wb.add_sheet(word(Msg::HarmComparison, o.lang));
  int n = static_cast<int>(m.regions.size());
  s.column_width(0, 0, 48);
  s.column_width(1, 1, 11);
  s.column_width(2, 1 + n, 30);
  s.column_width(2 + n, 2 + n, 18);
  s.text(0, 0, word(Msg::HarmDescription, o.lang), Style::Header);
  s.text(0, 1, word(Msg::HarmKind, o.lang), Style::Header);
  for (int i = 0; i < n; ++i)
    s.text(0, 2 + i, m.regions[static_cast<std::size_t>(i)]->label(), Style::Header);
  s.text(0, 2 + n, word(Msg::HarmDiffers, o.lang), Style::Header);
  s.freeze(1, 1);
  auto kind = [](RowKind k) {
    switch (k) {
      case RowKind::TargetGroup:
        return Msg::HarmKindTargetGroup;
      case RowKind::Measure:
        return Msg::HarmKindMeasure;
      case RowKind::Bonus:
        return Msg::HarmKindBonus;
      case RowKind::Rule:
        break;
    }
    return Msg::HarmKindRule;
  };
  auto difference = [](Difference d) {
    switch (d) {
      case Difference::Value:
        return Msg::HarmDiffValue;
      case Difference::Presence:
        return Msg::HarmDiffPresence;
      case Difference::Provisional:
        return Msg::HarmDiffProvisional;
      case Difference::Same:
        break;
    }
    return Msg::HarmDiffSame;
  };
  int row = 1;
  for (const auto& r : m.rows) {
    // Every row by its name in the reader's language; what it is beside it.
    s.text(row, 0, text::say(r.name, o.lang), r.kind == RowKind::Rule ? Style::Bold : Style::Wrap);
    s.text(row, 1, word(kind(r.kind), o.lang));
    for (int i = 0; i < n; ++i)
      s.text(row, 2 + i, text::say(r.values[static_cast<std::size_t>(i)], o.lang), Style::Wrap);
    s.text(row, 2 + n, word(difference(r.difference), o.lang));
    ++row;
  }
  if (row > 1) {
    // A gap is grey; in a row whose regions differ in value, a value not shared by every region
    // that has one stands out ("(voorlopig)" alone or a gap is no such difference).
    std::string first = cell(1, 2),
                range_row = "$" + xlsx::column_letter(2) + "2:$" + xlsx::column_letter(1 + n) + "2",
                mark = "$" + xlsx::column_letter(2 + n) + "2";
    s.highlight(1, 2, row - 1, 1 + n, first + "=\"—\"", Style::Gap);
    s.highlight(1, 2, row - 1, 1 + n,
                "AND(" + mark + "=\"" + word(Msg::HarmDiffValue, o.lang) + "\"," + first +
                    "<>\"—\",COUNTIF(" + range_row + "," + first + ")<COUNTA(" + range_row +
                    ")-COUNTIF(" + range_row + ",\"—\"))",
                Style::Warning);
  }
  s.autofilter(0, 0, std::max(row - 1, 1), 2 + n);
  wb.close();
}

namespace {

/// The proposal sheet's widths, header row (a column per region) and frozen pane.
void write_proposal_header(Sheet& s, const Draft& d, Lang lang) {
  int n = static_cast<int>(d.regions.size());
  s.column_width(0, 0, 40);
  s.column_width(1, 1, 40);
  s.column_width(2, 2, 14);
  s.column_width(3, 6 + n, 15);
  s.column_width(7 + n, 7 + n, 90);
  s.text(0, 0, word(Msg::HarmCatalogue, lang), Style::Header);
  s.text(0, 1, word(Msg::HarmName, lang), Style::Header);
  s.text(0, 2, word(Msg::HarmUnit, lang), Style::Header);
  for (int i = 0; i < n; ++i)
    s.text(0, 3 + i, d.regions[static_cast<std::size_t>(i)]->label(), Style::Header);
  s.text(0, 3 + n,
         text::say(msg(Msg::HarmProposalMethod, phrase(msg(method_name(d.method)))), lang),
         Style::Header);
  s.text(0, 4 + n, word(Msg::HarmLowest, lang), Style::Header);
  s.text(0, 5 + n, word(Msg::HarmHighest, lang), Style::Header);
  s.text(0, 6 + n, word(Msg::HarmSpread, lang), Style::Header);
  s.text(0, 7 + n, word(Msg::HarmProvenance, lang), Style::Header);
  s.freeze(1, 1);
}

/// One proposed block: each region's value (a gap, or the word for an invoice or actual cost),
/// the proposal with the lowest, highest and spread as live formulas, and its provenance.
void write_proposal_row(Sheet& s, int row, const Proposal& p, int n, Lang lang) {
  // The catalogue entry by its name in the reader's language (the draft file holds the id).
  s.text(row, 0, text::say(value_message(p.catalogue_name), lang), Style::Wrap);
  s.text(row, 1, p.name);
  s.text(row, 2, text::unit_name(p.unit, lang));
  bool valued = p.unit != Unit::Invoice && p.unit != Unit::ActualCost;
  Money lo, hi;
  bool any = false;
  for (int i = 0; i < n; ++i) {
    const auto& v = p.values[static_cast<std::size_t>(i)];
    if (!v) {
      s.text(row, 3 + i, "—", Style::Gap);
      continue;
    }
    if (!valued) {
      s.text(row, 3 + i,
             word(p.unit == Unit::Invoice ? Msg::WordInvoice : Msg::WordActualCost, lang));
      continue;
    }
    s.number(row, 3 + i, euros(*v), Style::Euro);
    lo = any ? std::min(lo, *v) : *v;
    hi = any ? std::max(hi, *v) : *v;
    any = true;
  }
  if (valued) {
    std::string range = cell(row, 3) + ":" + cell(row, 2 + n);
    s.number(row, 3 + n, euros(p.proposal), Style::EuroBold);
    s.formula(row, 4 + n, "MIN(" + range + ")", euros(lo), Style::Euro);
    s.formula(row, 5 + n, "MAX(" + range + ")", euros(hi), Style::Euro);
    s.formula(row, 6 + n, cell(row, 5 + n) + "-" + cell(row, 4 + n), euros(hi - lo), Style::Euro);
  } else {
    s.text(row, 3 + n,
           p.percentage    ? text::say(Arg(Percent{*p.percentage}), lang)
           : p.max_per_day ? text::say(msg(Msg::ActualCostMaxPerDay, *p.max_per_day), lang)
                           : std::string(word(Msg::WordActualCost, lang)),
           Style::Bold);
  }
  s.text(row, 7 + n, text::say(p.note, lang));
}

/// The effect sheet: per offer, its value in its own region and under the draft, and how much
/// it moves (in euros and per cent, live).
void write_effects(xlsx::Workbook& wb, const std::vector<OfferEffect>& effects, Lang lang) {
  Sheet& e = wb.add_sheet(word(Msg::HarmEffectOnOffers, lang));
  const char* headers[] = {word(Msg::HarmOffer, lang),        word(Msg::HarmOwnRegion, lang),
                           word(Msg::HarmValueThere, lang),   word(Msg::HarmValueUnderDraft, lang),
                           word(Msg::HarmMovesBy, lang),      word(Msg::HarmMovesByPercent, lang),
                           word(Msg::HarmUnmappedLines, lang)};
  const double widths[] = {44, 24, 16, 18, 16, 12, 14};
  for (int c = 0; c < 7; ++c) {
    e.column_width(c, c, widths[c]);
    e.text(0, c, headers[c], Style::Header);
  }
  int er = 1;
  for (const auto& fx : effects) {
    e.text(er, 0, fx.file);
    e.text(er, 1, fx.home);
    e.number(er, 2, euros(fx.home_total), Style::Euro);
    e.number(er, 3, euros(fx.draft_total), Style::Euro);
    e.formula(er, 4, cell(er, 3) + "-" + cell(er, 2), euros(fx.draft_total - fx.home_total),
              Style::Euro);
    double pct =
        fx.home_total.is_zero() ? 0 : (euros(fx.draft_total) / euros(fx.home_total) - 1) * 100;
    e.formula(
        er, 5,
        "IF(" + cell(er, 2) + "=0,0,ROUND((" + cell(er, 3) + "/" + cell(er, 2) + "-1)*100,1))",
        static_cast<double>(static_cast<long>(pct * 10 + (pct < 0 ? -0.5 : 0.5))) / 10,
        Style::Decimal);
    e.number(er, 6, fx.unmapped);
    ++er;
  }
  e.freeze(1, 0);
  e.autofilter(0, 0, std::max(er - 1, 1), 6);
}

}  // namespace

void write_draft(const Draft& d, const std::vector<OfferEffect>& effects, const std::string& path,
                 const xlsx::WriteOptions& o) {
  xlsx::Workbook wb(path, o.overwrite, xlsx::Rows::AnyOrder);
  wb.page_text({std::string("SROI — ") + word(Msg::HarmProposal, o.lang), "", "", ""});
  Sheet& s = wb.add_sheet(word(Msg::HarmProposal, o.lang));
  write_proposal_header(s, d, o.lang);
  int n = static_cast<int>(d.regions.size());
  int row = 1;
  for (const auto& p : d.blocks) write_proposal_row(s, row++, p, n, o.lang);
  s.autofilter(0, 0, std::max(row - 1, 1), 7 + n);
  write_effects(wb, effects, o.lang);
  wb.close();
}

}  // namespace sroi::harmonise
