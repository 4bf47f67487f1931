// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portfolio/workbook.hpp"

#include <algorithm>
#include <map>

#include "sroi/msg/portfolio.hpp"
#include "sroi/msg/report.hpp"
#include "sroi/msg/sheet_labels.hpp"
#include "sroi/text/catalogue.hpp"
#include "sroi/xlsx/workbook.hpp"

namespace sroi::portfolio {
namespace {

using xlsx::cell;
using xlsx::euros;
using xlsx::Sheet;
using xlsx::Style;

struct Words {
  const char* portfolio;
  const char* per_supplier;
  const char* per_buyer;
  const char* headers[17];
  const char* group_headers[5];
  const char* total;
  const char* chart_title;
  const char* as_of;
};

/// The words of the portfolio workbook in a language, from the catalogue.
Words words(Lang lang) {
  auto w = [&](MsgId id) { return text::word(id, lang); };
  Words out{};
  out.portfolio = w(Msg::PortfolioTitle);
  out.per_supplier = w(Msg::PortfolioPerSupplier);
  out.per_buyer = w(Msg::PortfolioPerBuyer);
  const MsgId headers[] = {Msg::PortfolioColContract,      Msg::PortfolioColBuyer,
                           Msg::PortfolioColSupplier,      Msg::PortfolioColRegion,
                           Msg::PortfolioColStart,         Msg::PortfolioColEnd,
                           Msg::PortfolioColContractValue, Msg::PortfolioColObligation,
                           Msg::PortfolioColOffered,       Msg::PortfolioColRealised,
                           Msg::PortfolioColSurplus,       Msg::PortfolioColShortfall,
                           Msg::PortfolioColForecastAtEnd, Msg::PortfolioColPenaltyExposure,
                           Msg::PortfolioColLines,         Msg::PortfolioColProvisional,
                           Msg::PortfolioColRisk};
  for (std::size_t k = 0; k < std::size(headers); ++k) out.headers[k] = w(headers[k]);
  const MsgId group_headers[] = {Msg::PortfolioGroupName, Msg::PortfolioGroupContracts,
                                 Msg::PortfolioGroupObligation, Msg::PortfolioGroupRealised,
                                 Msg::PortfolioGroupShortfall};
  for (std::size_t k = 0; k < std::size(group_headers); ++k)
    out.group_headers[k] = w(group_headers[k]);
  out.total = w(Msg::PortfolioTotal);
  out.chart_title = w(Msg::PortfolioChartTitle);
  out.as_of = w(Msg::PortfolioAsOf);
  return out;
}

// The portfolio sheet: a title block (rows 1-2), a blank row, the header in row 4 and the
// contracts from row 5.
constexpr int kHeaderRow = 3;
constexpr int kFirstRow = kHeaderRow + 1;

struct Group {
  int64_t contracts = 0;
  Money obligation, realised, shortfall;
};

/// A sheet's title block: what it is (row 1) and the day it was counted to (row 2).
void title_block(Sheet& s, const std::string& title, const Words& w, const Date& as_of) {
  s.text(0, 0, title, Style::Title);
  s.text(1, 0, w.as_of, Style::Bold);
  s.date(1, 1, as_of);
}

/// A per-supplier or per-buyer sheet: exact-match sums over the portfolio sheet.
void group_sheet(xlsx::Workbook& wb, const Words& w, const char* name,
                 const std::map<std::string, Group>& groups, int key_col, int last_row,
                 bool with_chart, const Date& as_of) {
  Sheet& s = wb.add_sheet(name);
  s.column_width(0, 0, 40);
  s.column_width(1, 4, 16);
  // The same title block as the portfolio sheet, repeated on every printed page with the
  // header (Sheet::freeze): a page on its own still says what it is and its day.
  title_block(s, std::string("SROI — ") + w.portfolio + " — " + name, w, as_of);
  for (int c = 0; c < 5; ++c) s.text(kHeaderRow, c, w.group_headers[c], Style::Header);
  s.freeze(kHeaderRow + 1, 1);
  // Largest obligation first, so the chart shows the ones that matter.
  std::vector<std::pair<std::string, Group>> sorted(groups.begin(), groups.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second.obligation > b.second.obligation;
  });
  std::string p = xlsx::sheet_ref(w.portfolio);
  auto col = [&](int c) { return p + cell(kFirstRow, c, true) + ":" + cell(last_row, c, true); };
  int row = kFirstRow;
  for (const auto& [key, g] : sorted) {
    std::string k = cell(row, 0);
    s.text(row, 0, key);
    // EXACT matches the name to the letter: SUMIF and COUNTIF ignore case and read * ? <> =
    // in a name as criteria, which gave "Acme BV" the totals of "ACME BV" or "Acme*".
    std::string same = "--EXACT(" + col(key_col) + "," + k + ")";
    s.formula(row, 1, "SUMPRODUCT(" + same + ")", static_cast<double>(g.contracts));
    s.formula(row, 2, "SUMPRODUCT(" + same + "," + col(7) + ")", euros(g.obligation), Style::Euro);
    s.formula(row, 3, "SUMPRODUCT(" + same + "," + col(9) + ")", euros(g.realised), Style::Euro);
    s.formula(row, 4, "SUMPRODUCT(" + same + "," + col(11) + ")", euros(g.shortfall), Style::Euro);
    ++row;
  }
  s.autofilter(kHeaderRow, 0, std::max(row - 1, kFirstRow), 4);
  if (with_chart && row > kFirstRow) {
    int last = std::min(row - 1, kFirstRow + 24);
    std::string ref = xlsx::sheet_ref(name);
    auto range = [&](int c) {
      return "=" + ref + cell(kFirstRow, c, true) + ":" + cell(last, c, true);
    };
    // Below the table, not beside it: the sheet then prints one page wide at a legible size.
    s.chart(Sheet::Chart::Column, row + 1, 0, w.chart_title,
            {{range(0), range(2), w.group_headers[2]}, {range(0), range(3), w.group_headers[3]}},
            "€");
  }
}

/// One contract's row: its terms and figures, surplus and shortfall as live formulas.
void write_contract_row(Sheet& s, int row, const ContractStatus& r, Lang lang) {
  s.text(row, 0, r.record.contract.id);
  s.text(row, 1, r.record.buyer);
  s.text(row, 2, r.record.supplier);
  s.text(row, 3, r.region ? r.region->label() : r.record.region.id);
  s.date(row, 4, r.record.contract.start);
  s.date(row, 5, r.record.contract.end);
  s.number(row, 6, euros(r.record.contract.value), Style::Euro);
  s.number(row, 7, euros(r.obligation.amount), Style::Euro);
  s.number(row, 8, euros(r.offered), Style::Euro);
  s.number(row, 9, euros(r.realised), Style::Euro);
  s.formula(row, 10, "MAX(" + cell(row, 9) + "-" + cell(row, 7) + ",0)", euros(r.surplus),
            Style::Euro);
  s.formula(row, 11, "MAX(" + cell(row, 7) + "-" + cell(row, 9) + ",0)", euros(r.shortfall),
            Style::Euro);
  s.number(row, 12, euros(r.forecast), Style::Euro);
  s.number(row, 13, euros(r.penalty), Style::Euro);
  s.number(row, 14, static_cast<double>(r.lines));
  if (r.provisional) s.text(row, 15, "*", Style::Warning);
  // Why the contract is at risk, as status says it (an offer or a forecast below the
  // obligation); empty where it is not.
  std::string risks;
  for (const auto& m : r.risks) risks += (risks.empty() ? "" : "; ") + text::say(m, lang);
  // Where only accepted deliveries count and they differ from all submitted: both figures, as
  // status says them.
  if (r.submitted_differs())
    risks +=
        (risks.empty() ? "" : "; ") + text::say(msg(Msg::StatusAcceptedOnly, *r.submitted), lang);
  if (!risks.empty()) s.text(row, 16, risks, Style::WarningWrap);
}

/// The total row: each money column summed live over the contract rows.
void write_total_row(Sheet& s, int row, int last, const std::vector<ContractStatus>& rows,
                     const Words& w) {
  s.text(row, 0, w.total, Style::Bold);
  Money totals[8];
  for (const auto& r : rows) {
    Money vals[8] = {r.record.contract.value,
                     r.obligation.amount,
                     r.offered,
                     r.realised,
                     r.surplus,
                     r.shortfall,
                     r.forecast,
                     r.penalty};
    for (int k = 0; k < 8; ++k) totals[k] += vals[k];
  }
  for (int c = 6; c <= 13; ++c)
    s.formula(row, c, "SUM(" + cell(kFirstRow, c) + ":" + cell(last, c) + ")", euros(totals[c - 6]),
              Style::EuroBold);
}

}  // namespace

void write_portfolio(const std::vector<ContractStatus>& rows, const Date& as_of,
                     const std::string& path, const xlsx::WriteOptions& options) {
  const Words w = words(options.lang);
  xlsx::Workbook wb(path, options.overwrite, xlsx::Rows::InOrder);
  // On every printed page: what it is and the day it was counted to.
  int64_t provisional = std::count_if(rows.begin(), rows.end(),
                                      [](const ContractStatus& r) { return r.provisional; });
  xlsx::Workbook::PageText page;
  page.top_left = std::string("SROI — ") + w.portfolio;
  page.top_right = text::say(msg(Msg::LabelAsOfDay, as_of), options.lang);
  if (provisional)
    page.bottom_left = text::say(msg(Msg::PageProvisional, as_is(w.portfolio)), options.lang);
  wb.page_text(page);
  Sheet& s = wb.add_sheet(w.portfolio);
  const double widths[17] = {24, 26, 26, 18, 11, 11, 15, 15, 15, 15, 15, 15, 15, 15, 8, 11, 40};
  // The title block at the top: what it is, the day it was counted to, and whether any
  // contract rests on provisional values.
  title_block(s, page.top_left, w, as_of);
  if (provisional)
    s.text(1, 3,
           text::say(
               msg(Msg::PortfolioProvisionalNote, Amount{Ratio(provisional), Counted::Contracts}),
               options.lang),
           Style::Warning);
  for (int c = 0; c < 17; ++c) {
    s.column_width(c, c, widths[c]);
    s.text(kHeaderRow, c, w.headers[c], Style::Header);
  }
  s.freeze(kHeaderRow + 1, 1);
  std::map<std::string, Group> suppliers, buyers;
  int row = kFirstRow;
  for (const auto& r : rows) {
    write_contract_row(s, row++, r, options.lang);
    for (auto* m : {&suppliers[r.record.supplier], &buyers[r.record.buyer]}) {
      ++m->contracts;
      m->obligation += r.obligation.amount;
      m->realised += r.realised;
      m->shortfall += r.shortfall;
    }
  }
  int last = std::max(row - 1, kFirstRow);
  // Before the total row: a streamed sheet cannot reach back to rows already written (the
  // filter was silently dropped when set after it).
  s.autofilter(kHeaderRow, 0, last, 16);
  write_total_row(s, row, last, rows, w);
  group_sheet(wb, w, w.per_supplier, suppliers, 2, last, true, as_of);
  group_sheet(wb, w, w.per_buyer, buyers, 1, last, false, as_of);
  wb.close();
}

}  // namespace sroi::portfolio
