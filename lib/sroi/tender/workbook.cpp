// SPDX-License-Identifier: EUPL-1.2
#include "sroi/tender/workbook.hpp"

#include <cassert>
#include <filesystem>

#include "sroi/msg/labels.hpp"
#include "sroi/msg/sheet_labels.hpp"
#include "sroi/msg/tender.hpp"
#include "sroi/text/catalogue.hpp"
#include "sroi/xlsx/workbook.hpp"

namespace sroi::tender {
namespace {

using xlsx::cell;
using xlsx::euros;
using xlsx::real;
using xlsx::Sheet;
using xlsx::Style;

/// Where the comparison sheet keeps what the scoring sheet's formulas refer to.
struct Layout {
  int obligation_row = 0;  ///< Vergelijking!B: the obligation
  int first_bid = 0;       ///< first row of the bids table
  int last_bid = 0;
  int line_first = 1, line_last = 1;  ///< Regels rows with lines
};

constexpr int kOfferedCol = 3;  // Vergelijking!D: offered

std::string sheet_ref(const std::string& sheet, int row, int col) {
  return "'" + sheet + "'!" + cell(row, col, true);
}

int write_lines(xlsx::Workbook& wb, const Tender& t, Lang lang) {
  auto word = [&](MsgId id) { return text::word(id, lang); };
  Sheet& s = wb.add_sheet(word(Msg::LabelLines));
  const std::vector<std::pair<MsgId, double>> cols{
      {Msg::TenderBid, 8},        {Msg::LabelNr, 6},       {Msg::LabelBlock, 22},
      {Msg::LabelName, 40},       {Msg::LabelPersons, 9},  {Msg::LabelHoursPerWeek, 10},
      {Msg::LabelQuantity, 10},   {Msg::LabelCounted, 10}, {Msg::LabelValue, 15},
      {Msg::LabelProvisional, 11}};
  for (std::size_t c = 0; c < cols.size(); ++c) {
    int col = static_cast<int>(c);
    s.column_width(col, col, cols[c].second);
    s.text(0, col, word(cols[c].first), Style::Header);
  }
  s.freeze(1, 0);
  int row = 1;
  for (std::size_t b = 0; b < t.bids.size(); ++b) {
    const auto& lines = t.bids[b].assessment.lines;
    for (std::size_t i = 0; i < lines.size(); ++i, ++row) {
      const LineResult& l = lines[i];
      s.number(row, 0, static_cast<double>(b + 1), Style::Integer);
      s.number(row, 1, static_cast<double>(i + 1), Style::Integer);
      s.text(row, 2, l.block);
      s.text(row, 3, l.block_name);
      if (employment_unit(l.unit) || l.factors.persons != 1)
        s.number(row, 4, static_cast<double>(l.factors.persons), Style::Integer);
      if (l.hours_per_week) s.number(row, 5, real(*l.hours_per_week));
      s.number(row, 6, real(l.counting.quantity));
      s.number(row, 7, real(l.counting.counted));
      s.number(row, 8, euros(l.value), Style::Euro);
      s.text(row, 9, l.provisional ? word(Msg::HarmYes) : word(Msg::HarmNo),
             l.provisional ? Style::Warning : Style::Plain);
    }
  }
  s.autofilter(0, 0, std::max(row - 1, 1), static_cast<int>(cols.size()) - 1);
  return row;  // one past the last line
}

Layout write_comparison(xlsx::Workbook& wb, const Tender& t, Lang lang, int lines_end) {
  auto word = [&](MsgId id) { return text::word(id, lang); };
  auto say = [&](const Message& m) { return text::say(m, lang); };
  const std::string lines_sheet = word(Msg::LabelLines);
  Sheet& s = wb.add_sheet(word(Msg::TenderComparison));
  Layout L;
  s.column_width(0, 0, 30);
  s.column_width(1, 1, 26);
  s.column_width(2, 2, 36);
  s.column_width(3, 9, 15);
  s.text(0, 0, word(Msg::TenderTitle), Style::Title);
  int row = 2;
  s.text(row, 0, word(Msg::LabelRegion), Style::Bold);
  s.text(row++, 1, t.region ? t.region->name + " (" + t.region->label() + ")" : "");
  s.text(row, 0, word(Msg::LabelContractValue), Style::Bold);
  s.number(row++, 1, euros(t.contract.value), Style::Euro);
  s.text(row, 0, word(Msg::LabelPercentage), Style::Bold);
  s.number(row, 1, real(t.obligation.percentage));
  s.text(row++, 2, "%");
  s.text(row, 0, word(Msg::LabelPeriod), Style::Bold);
  s.date(row, 1, t.contract.start);
  s.date(row++, 2, t.contract.end);
  s.text(row, 0, word(Msg::LabelObligation), Style::Bold);
  s.number(row, 1, euros(t.obligation.amount), Style::EuroBold);
  s.text(row, 2, say(t.obligation.reason), Style::Plain);
  L.obligation_row = row++;
  for (const auto& n : t.notes)
    s.text(row++, 0, std::string(word(Msg::TenderNotes)) + ": " + say(n), Style::Warning);
  // Which provisional values each bid rests on (the column "voorlopig" says only whether).
  for (std::size_t b = 0; b < t.bids.size(); ++b) {
    const Assessment& a = t.bids[b].assessment;
    if (!a.provisional) continue;
    s.text(row++, 0,
           say(msg(Msg::CliBidProvisional, static_cast<int64_t>(b + 1), as_is(a.supplier))),
           Style::Warning);
    for (const auto& v : a.provisional_values) s.text(row++, 0, "  - " + say(v), Style::Warning);
  }
  ++row;
  const std::vector<MsgId> head{Msg::TenderBid,         Msg::LabelSupplier,
                                Msg::TenderFile,        Msg::TenderOffered,
                                Msg::TenderDifference,  Msg::TenderPercentOfObligation,
                                Msg::TenderMeets,       Msg::LabelProvisional,
                                Msg::TenderSignalCount, Msg::TenderPso};
  for (std::size_t c = 0; c < head.size(); ++c)
    s.text(row, static_cast<int>(c), word(head[c]), Style::Header);
  int header = row++;
  s.freeze(header + 1, 2);
  L.first_bid = row;
  std::string obligation = cell(L.obligation_row, 1, true);
  for (std::size_t b = 0; b < t.bids.size(); ++b, ++row) {
    const Bid& bid = t.bids[b];
    s.number(row, 0, static_cast<double>(b + 1), Style::Integer);
    s.text(row, 1, bid.assessment.supplier);
    s.text(row, 2, std::filesystem::path(bid.file).filename().string());  // not where it lay
    // Offered: the bid's lines on Regels plus its PSO fulfilment (column J).
    std::string pso = cell(row, 9);
    s.number(row, 9, euros(bid.assessment.obligation.pso_fulfilment), Style::Euro);
    s.formula(row, kOfferedCol,
              "SUMIF('" + lines_sheet + "'!$A$2:$A$" + std::to_string(std::max(lines_end, 2)) +
                  "," + cell(row, 0) + ",'" + lines_sheet + "'!$I$2:$I$" +
                  std::to_string(std::max(lines_end, 2)) + ")+" + pso,
              euros(bid.offered), Style::Euro);
    std::string offered = cell(row, kOfferedCol);
    s.formula(row, 4, offered + "-" + obligation, euros(bid.offered - t.obligation.amount),
              Style::Euro);
    if (bid.surplus_percent)
      s.formula(row, 5, "IF(" + obligation + "=0,\"\"," + cell(row, 4) + "/" + obligation + "*100)",
                real(*bid.surplus_percent), Style::Decimal);
    s.formula_text(row, 6,
                   "IF(" + offered + ">=" + obligation + ",\"" + word(Msg::HarmYes) + "\",\"" +
                       word(Msg::HarmNo) + "\")",
                   bid.meets ? word(Msg::HarmYes) : word(Msg::HarmNo));
    s.text(row, 7, bid.assessment.provisional ? word(Msg::HarmYes) : word(Msg::HarmNo),
           bid.assessment.provisional ? Style::Warning : Style::Plain);
    s.number(row, 8, static_cast<double>(red_flags(bid.assessment.signals)), Style::Integer);
  }
  L.last_bid = row - 1;
  s.autofilter(header, 0, std::max(L.last_bid, header + 1), static_cast<int>(head.size()) - 1);
  return L;
}

/// The cells of the scoring sheet its bid rows refer to (absolute references), and the
/// ranges of the bid rows themselves.
struct ScoringCells {
  std::string points, maximum, obligation, best;
  std::string offered_range, surplus_range, points_range;
  int first_bid = 0;  ///< the row the ranges start at
};

/// The scoring rule's settings above the bids: the rule and its formula, the most points, the
/// maximum (blue, to change), the obligation and the largest surplus.
ScoringCells write_scoring_settings(Sheet& s, const Tender& t, const Layout& L, int& row,
                                    Lang lang) {
  auto word = [&](MsgId id) { return text::word(id, lang); };
  const Scoring& sc = t.scoring;
  ScoringCells c;
  s.text(row, 0, word(Msg::TenderRule), Style::Bold);
  s.text(row++, 1, word(rule_name(sc.rule)));
  s.text(row, 0, word(Msg::TenderFormula), Style::Bold);
  s.text(row++, 1, word(rule_explanation(sc.rule)));
  s.text(row, 0, word(Msg::TenderMostPoints), Style::Bold);
  s.number(row, 1, static_cast<double>(sc.points), Style::InputDecimal);
  c.points = cell(row++, 1, true);
  s.text(row, 0, word(Msg::TenderMaximum), Style::Bold);
  if (sc.maximum)
    s.number(row, 1, euros(*sc.maximum), Style::InputEuro);
  else
    s.blank(row, 1, Style::InputEuro);
  c.maximum = cell(row++, 1, true);
  s.text(row, 0, word(Msg::LabelObligation), Style::Bold);
  s.formula(row, 1, sheet_ref(word(Msg::TenderComparison), L.obligation_row, 1),
            euros(t.obligation.amount), Style::Euro);
  c.obligation = cell(row++, 1, true);
  // Below: the largest surplus, a hint, a blank row, the header, then one row per bid.
  int first = row + 4, last = first + static_cast<int>(t.bids.size()) - 1;
  c.first_bid = first;
  auto range = [&](const char* col) {
    return std::string("$") + col + "$" + std::to_string(first + 1) + ":$" + col + "$" +
           std::to_string(last + 1);
  };
  c.offered_range = range("B");
  c.surplus_range = range("C");
  c.points_range = range("D");
  Money best;
  for (const auto& b : t.bids) best = std::max(best, b.surplus);
  s.text(row, 0, word(Msg::TenderBestSurplus), Style::Bold);
  s.formula(row, 1,
            "MAX(0," + (t.bids.empty() ? std::string("0") : "MAX(" + c.surplus_range + ")") + ")",
            euros(best), Style::Euro);
  c.best = cell(row++, 1, true);
  return c;
}

/// One bid's row: offered (from the comparison sheet), surplus, points by the rule, rank and
/// the explanation, each a live formula.
void write_scoring_row(Sheet& s, int row, const Tender& t, std::size_t b, const Layout& L,
                       const ScoringCells& c, Lang lang) {
  auto word = [&](MsgId id) { return text::word(id, lang); };
  const Bid& bid = t.bids[b];
  const Rule rule = t.scoring.rule;
  const std::string &P = c.points, &max = c.maximum, &obligation = c.obligation;
  int src = L.first_bid + static_cast<int>(b);
  s.text(row, 0, std::to_string(b + 1) + " — " + bid.assessment.supplier);
  s.formula(row, 1, sheet_ref(word(Msg::TenderComparison), src, kOfferedCol), euros(bid.offered),
            Style::Euro);
  std::string off = cell(row, 1), sur = cell(row, 2), pts = cell(row, 3);
  s.formula(row, 2, "MAX(0," + off + "-" + obligation + ")", euros(bid.surplus), Style::Euro);
  switch (rule) {
    case Rule::Proportional:
      s.formula(row, 3,
                "IF(" + off + "<" + obligation + ",0,IF(" + off + ">=" + max + "," + P + "," + P +
                    "*(" + off + "-" + obligation + ")/(" + max + "-" + obligation + ")))",
                real(*bid.points), Style::Decimal);
      break;
    case Rule::Relative:
      s.formula(row, 3, "IF(" + c.best + "=0,0," + P + "*" + sur + "/" + c.best + ")",
                real(*bid.points), Style::Decimal);
      break;
    case Rule::PassFail:
      s.formula_text(row, 3,
                     "IF(" + off + ">=" + obligation + ",\"" + word(Msg::HarmYes) + "\",\"" +
                         word(Msg::HarmNo) + "\")",
                     bid.meets ? word(Msg::HarmYes) : word(Msg::HarmNo));
      break;
    case Rule::None:
      break;
  }
  // Rank: 1 + the bids that score higher (so equal scores share a rank).
  std::string rank = rule == Rule::None ? "COUNTIF(" + c.offered_range + ",\">\"&" + off + ")+1"
                     : rule == Rule::PassFail
                         ? "IF(" + off + ">=" + obligation + ",1,COUNTIF(" + c.offered_range +
                               ",\">=\"&" + obligation + ")+1)"
                         : "COUNTIF(" + c.points_range + ",\">\"&" + pts + ")+1";
  s.formula(row, 4, rank, static_cast<double>(bid.rank), Style::Integer);
  s.text(row, 5, text::say(bid.points_trace, lang), Style::Wrap);
}

void write_scoring(xlsx::Workbook& wb, const Tender& t, const Layout& L, Lang lang) {
  auto word = [&](MsgId id) { return text::word(id, lang); };
  Sheet& s = wb.add_sheet(word(Msg::TenderScoring));
  s.column_width(0, 0, 44);
  s.column_width(1, 4, 16);
  s.column_width(5, 5, 80);
  s.text(0, 0, word(Msg::TenderScoring), Style::Title);
  int row = 2;
  ScoringCells cells = write_scoring_settings(s, t, L, row, lang);
  s.text(row++, 0, word(Msg::TenderChangeHint), Style::Help);
  ++row;
  const std::vector<MsgId> head{Msg::TenderBid,    Msg::TenderOffered, Msg::TenderSurplus,
                                Msg::TenderPoints, Msg::TenderRank,    Msg::TenderExplanation};
  for (std::size_t c = 0; c < head.size(); ++c)
    s.text(row, static_cast<int>(c), word(head[c]), Style::Header);
  ++row;
  const int first = row, last = first + static_cast<int>(t.bids.size()) - 1;
  assert(first == cells.first_bid);  // the ranges above were laid out for this row
  for (std::size_t b = 0; b < t.bids.size(); ++b, ++row)
    write_scoring_row(s, row, t, b, L, cells, lang);
  s.autofilter(first - 1, 0, std::max(last, first), 5);
}

void write_signals(xlsx::Workbook& wb, const Tender& t, Lang lang) {
  auto word = [&](MsgId id) { return text::word(id, lang); };
  Sheet& s = wb.add_sheet(word(Msg::TenderSignals));
  s.column_width(0, 0, 8);
  s.column_width(1, 1, 28);
  s.column_width(2, 2, 8);
  s.column_width(3, 3, 18);
  s.column_width(4, 4, 90);
  const std::vector<MsgId> head{Msg::TenderBid, Msg::LabelSupplier, Msg::LabelNr,
                                Msg::TenderSignalId, Msg::TenderExplanation};
  for (std::size_t c = 0; c < head.size(); ++c)
    s.text(0, static_cast<int>(c), word(head[c]), Style::Header);
  s.freeze(1, 0);
  int row = 1;
  for (std::size_t b = 0; b < t.bids.size(); ++b)
    for (const auto& sig : t.bids[b].assessment.signals) {
      s.number(row, 0, static_cast<double>(b + 1), Style::Integer);
      s.text(row, 1, t.bids[b].assessment.supplier);
      if (sig.line) s.number(row, 2, static_cast<double>(*sig.line + 1), Style::Integer);
      s.text(row, 3, text::word(plausibility_name(sig.kind), lang));
      s.text(row++, 4, text::say(sig.explanation, lang), Style::Wrap);
    }
  s.autofilter(0, 0, std::max(row - 1, 1), 4);
}

}  // namespace

void write_tender(const Tender& t, const std::string& path, const xlsx::WriteOptions& o) {
  xlsx::Workbook wb(path, o.overwrite, xlsx::Rows::AnyOrder);
  std::string contract = t.contract.id.empty() ? "" : " — " + t.contract.id;
  std::string provisional;
  for (const auto& b : t.bids)
    if (b.assessment.provisional)
      provisional = text::say(
          msg(Msg::PageProvisional, as_is(text::word(Msg::TenderComparison, o.lang))), o.lang);
  wb.page_text({text::word(Msg::TenderTitle, o.lang) + contract, t.region ? t.region->name : "",
                t.region ? t.region->label() : "", provisional});
  // The comparison sums the lines sheet, written after it: its rows are counted first.
  int lines_end = 1;
  for (const auto& b : t.bids) lines_end += static_cast<int>(b.assessment.lines.size());
  Layout L = write_comparison(wb, t, o.lang, lines_end);
  write_scoring(wb, t, L, o.lang);
  write_lines(wb, t, o.lang);
  write_signals(wb, t, o.lang);
  wb.close();
}

}  // namespace sroi::tender
