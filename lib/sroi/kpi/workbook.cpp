// SPDX-License-Identifier: EUPL-1.2
#include "sroi/kpi/workbook.hpp"

#include "sroi/msg/kpi.hpp"
#include "sroi/msg/report.hpp"
#include "sroi/msg/sheet_labels.hpp"
#include "sroi/msg/words.hpp"
#include "sroi/text/catalogue.hpp"
#include "sroi/xlsx/workbook.hpp"

namespace sroi::kpi {
namespace {

using xlsx::cell;
using xlsx::euros;
using xlsx::real;
using xlsx::Sheet;
using xlsx::Style;

// Columns of the figures table.
enum Col {
  kGroup,
  kContracts,
  kObligation,
  kOffered,
  kRealised,
  kShareRealised,
  kCandidates,
  kFte,
  kHours,
  kPlacements,
  kLasted6,
  kShare6,
  kLasted12,
  kShare12,
  kPermanentRecorded,
  kPermanent,
  kSharePermanent,
  kCols
};

const MsgId kHeads[kCols] = {Msg::KpiGroup,      Msg::KpiContracts,     Msg::KpiObligation,
                             Msg::KpiOffered,    Msg::KpiRealised,      Msg::KpiShareRealised,
                             Msg::KpiCandidates, Msg::KpiFte,           Msg::KpiHours,
                             Msg::KpiPlacements, Msg::KpiLasted6,       Msg::KpiShareLasted6,
                             Msg::KpiLasted12,   Msg::KpiShareLasted12, Msg::KpiPermanentRecorded,
                             Msg::KpiPermanent,  Msg::KpiSharePermanent};

/// A share as a live formula a ÷ b, shown as a percentage ("82,1 %"), "—" without a base.
void share(Sheet& s, int row, int col, int a_col, int b_col, double a, double b) {
  std::string A = cell(row, a_col), B = cell(row, b_col);
  std::string f = "IF(N(" + B + ")=0,\"—\"," + A + "/" + B + ")";
  if (b == 0)
    s.formula_text(row, col, f, "—");
  else
    s.formula(row, col, f, a / b, Style::Percent);
}

void figures_row(Sheet& s, int row, const std::string& label, const Figures& f, Lang lang,
                 bool bold) {
  s.text(row, kGroup, label + (f.provisional ? " *" : ""), bold ? Style::Bold : Style::Plain);
  if (f.suppressed) {
    s.text(row, kCandidates, "< 5", Style::Warning);
    for (int c = kContracts; c < kCols; ++c)
      if (c != kCandidates) s.blank(row, c, Style::Gap);
    return;
  }
  s.number(row, kContracts, static_cast<double>(f.contracts), Style::Integer);
  auto money = [&](int col, const std::optional<Money>& m) {
    if (m)
      s.number(row, col, euros(*m), bold ? Style::EuroBold : Style::Euro);
    else
      s.blank(row, col, Style::Gap);
  };
  money(kObligation, f.obligation);
  money(kOffered, f.offered);
  money(kRealised, f.realised);
  if (f.realised && f.obligation)
    share(s, row, kShareRealised, kRealised, kObligation, euros(*f.realised), euros(*f.obligation));
  else
    s.blank(row, kShareRealised, Style::Gap);
  s.number(row, kCandidates, static_cast<double>(f.candidates), Style::Integer);
  s.number(row, kFte, real(round_to(f.fte, 2)), Style::Decimal);
  s.number(row, kHours, real(round_to(f.hours, 1)), Style::Decimal);
  s.number(row, kPlacements, static_cast<double>(f.placements), Style::Integer);
  s.number(row, kLasted6, static_cast<double>(f.lasted_6), Style::Integer);
  share(s, row, kShare6, kLasted6, kPlacements, static_cast<double>(f.lasted_6),
        static_cast<double>(f.placements));
  s.number(row, kLasted12, static_cast<double>(f.lasted_12), Style::Integer);
  share(s, row, kShare12, kLasted12, kPlacements, static_cast<double>(f.lasted_12),
        static_cast<double>(f.placements));
  s.number(row, kPermanentRecorded, static_cast<double>(f.permanent_recorded), Style::Integer);
  // Where no region records the outcome, "—": not a count of 0 permanent contracts.
  if (f.permanent_recorded == 0)
    s.text(row, kPermanent, "—");
  else
    s.number(row, kPermanent, static_cast<double>(f.permanent), Style::Integer);
  share(s, row, kSharePermanent, kPermanent, kPermanentRecorded, static_cast<double>(f.permanent),
        static_cast<double>(f.permanent_recorded));
  (void)lang;
}

/// Title, period, grouping and sources; returns the next free row.
int heading(Sheet& s, const Report& r, Lang lang) {
  auto word = [&](MsgId id) { return text::word(id, lang); };
  s.text(0, 0, word(Msg::KpiTitle), Style::Title);
  s.text(2, 0, word(Msg::KpiPeriod), Style::Bold);
  s.date(2, 1, r.from);
  s.date(2, 2, r.to);
  s.text(3, 0, word(Msg::KpiGrouping), Style::Bold);
  s.text(3, 1, text::word(by_word(r.by), lang));
  s.text(4, 0, word(Msg::KpiSources), Style::Bold);
  std::string sources;
  for (const auto& src : r.sources) sources += (sources.empty() ? "" : ", ") + src;
  s.text(4, 1, sources);
  s.text(5, 0, word(Msg::KpiHiddenNote), Style::Help);
  s.text(6, 0, word(Msg::KpiRealisedNote), Style::Help);
  return 8;
}

/// Column by column: a header that widens one column (its longest word) leaves the others.
void widths(Sheet& s) {
  for (int c = 0; c < kCols; ++c)
    s.column_width(c, c, c == kGroup ? 30 : c >= kObligation && c <= kRealised ? 16 : 13);
}

void header_row(Sheet& s, int row, Lang lang) {
  for (int c = 0; c < kCols; ++c) s.text(row, c, text::word(kHeads[c], lang), Style::Header);
}

void write_figures(xlsx::Workbook& wb, const Report& r, Lang lang) {
  Sheet& s = wb.add_sheet(text::word(Msg::KpiSheet, lang));
  widths(s);
  int row = heading(s, r, lang);
  header_row(s, row, lang);
  int head = row++;
  s.freeze(head + 1, 1);
  int first = row;
  for (const auto& g : r.groups)
    figures_row(s, row++,
                g.source.empty() ? text::say(r.named_key(g.key), lang) : g.source + " — " + g.key,
                g.f, lang, false);
  int last = row - 1;
  if (!r.groups.empty()) s.autofilter(head, 0, std::max(last, head + 1), kCols - 1);
  figures_row(s, row, text::word(r.source_totals.empty() ? Msg::KpiTotal : Msg::KpiNational, lang),
              r.total, lang, true);
  int total = row++;
  // Where only accepted deliveries count: the figure with everything submitted, under the
  // table, one line per group (and the total) where the two differ.
  auto submitted_note = [&](const std::string& label, const Figures& f) {
    if (!f.suppressed && f.submitted_differs())
      s.text(row++, 0, label + ": " + text::say(msg(Msg::StatusAcceptedOnly, *f.submitted), lang),
             Style::Help);
  };
  for (const auto& g : r.groups)
    submitted_note(
        g.source.empty() ? text::say(r.named_key(g.key), lang) : g.source + " — " + g.key, g.f);
  submitted_note(text::word(r.source_totals.empty() ? Msg::KpiTotal : Msg::KpiNational, lang),
                 r.total);
  total = row - 1;
  if (r.groups.empty()) return;
  // A chart under the table: realised against the obligation where contracts make the groups,
  // else the candidates per group.
  std::string name = "'" + s.name() + "'!";
  std::string cats = name + cell(first, kGroup, true) + ":" + cell(last, kGroup, true);
  auto series = [&](int col) {
    return xlsx::Sheet::Series{cats, name + cell(first, col, true) + ":" + cell(last, col, true),
                               "=" + name + cell(head, col, true)};
  };
  if (contract_grouping(r.by))
    s.chart(Sheet::Chart::Column, total + 2, 0, text::word(Msg::KpiChartRealised, lang),
            {series(kRealised), series(kObligation)}, "€");
  else
    s.chart(Sheet::Chart::Column, total + 2, 0, text::word(Msg::KpiChartCandidates, lang),
            {series(kCandidates)}, text::word(Msg::KpiCandidates, lang));
}

void write_target_groups(xlsx::Workbook& wb, const Report& r, Lang lang) {
  Sheet& s = wb.add_sheet(text::word(Msg::KpiTargetGroupsSheet, lang));
  s.column_width(0, 0, 70);  // the catalogue's names run to some 75 characters
  s.column_width(1, 1, 14);
  s.text(0, 0, text::word(Msg::KpiTargetGroup, lang), Style::Header);
  s.text(0, 1, text::word(Msg::KpiPlacements, lang), Style::Header);
  int row = 1;
  if (!r.total.suppressed)
    for (const auto& [tg, n] : r.total.by_target_group) {
      s.text(row, 0, text::say(r.named_key(tg), lang));
      if (r.total.target_groups_suppressed.count(tg))
        s.text(row, 1, "< 5", Style::Warning);
      else
        s.number(row, 1, static_cast<double>(n), Style::Integer);
      ++row;
    }
  s.autofilter(0, 0, std::max(row - 1, 1), 1);
  if (row > 1) {
    std::string name = "'" + s.name() + "'!";
    // Below the table: the long names of the target groups need the page's width.
    s.chart(
        Sheet::Chart::Bar, row + 1, 0, text::word(Msg::KpiChartTargetGroups, lang),
        {{name + cell(1, 0, true) + ":" + cell(row - 1, 0, true),
          name + cell(1, 1, true) + ":" + cell(row - 1, 1, true), "=" + name + cell(0, 1, true)}},
        text::word(Msg::KpiPlacements, lang));
  }
}

void write_sources(xlsx::Workbook& wb, const Report& r, Lang lang) {
  Sheet& s = wb.add_sheet(text::word(Msg::KpiSourcesSheet, lang));
  widths(s);
  header_row(s, 0, lang);
  s.freeze(1, 1);
  int row = 1;
  for (const auto& g : r.source_totals) figures_row(s, row++, g.key, g.f, lang, false);
  figures_row(s, row, text::word(Msg::KpiNational, lang), r.total, lang, true);
  s.autofilter(0, 0, std::max(row - 1, 1), kCols - 1);
  std::string name = "'" + s.name() + "'!";
  std::string cats = name + cell(1, kGroup, true) + ":" + cell(row - 1, kGroup, true);
  auto series = [&](int col) {
    return xlsx::Sheet::Series{cats, name + cell(1, col, true) + ":" + cell(row - 1, col, true),
                               "=" + name + cell(0, col, true)};
  };
  s.chart(Sheet::Chart::Column, row + 2, 0, text::word(Msg::KpiChartRealised, lang),
          {series(kRealised), series(kObligation)}, "€");
}

}  // namespace

void write_kpi(const Report& r, const std::string& path, const xlsx::WriteOptions& o) {
  xlsx::Workbook wb(path, o.overwrite, xlsx::Rows::AnyOrder);
  std::string period = text::say(msg(Msg::DateRange, r.from, r.to), o.lang);
  wb.page_text(
      {text::word(Msg::KpiTitle, o.lang), period, text::word(by_word(r.by), o.lang),
       r.total.provisional
           ? text::say(msg(Msg::PageProvisional, as_is(text::word(Msg::KpiSheet, o.lang))), o.lang)
           : ""});
  write_figures(wb, r, o.lang);
  write_target_groups(wb, r, o.lang);
  if (!r.source_totals.empty()) write_sources(wb, r, o.lang);
  wb.close();
}

}  // namespace sroi::kpi
