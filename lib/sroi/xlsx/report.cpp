// SPDX-License-Identifier: EUPL-1.2
#include "sroi/xlsx/report.hpp"

#include <optional>

#include "sroi/calc/progress.hpp"
#include "sroi/msg/sheet_labels.hpp"
#include "sroi/msg/xlsx.hpp"
#include "sroi/text/catalogue.hpp"
#include "sroi/xlsx/workbook.hpp"

namespace sroi::xlsx {
namespace {

const char* status_label(const Labels& L, const Provenance& p) {
  return p.provisional() ? L.provisional : L.published;
}

// Columns of the Regels sheet.
enum Col {
  kNr,
  kBlock,
  kName,
  kCandidate,
  kStart,
  kEnd,
  kRate,
  kBonuses,
  kPersons,
  kHours,
  kFulltime,
  kFactor,
  kQuantity,
  kUnit,
  kCap,
  kContract,
  kCounted,
  kPeriods,
  kValue,
  kColumns
};

/// A line's bonuses by their region's names ("50-plusser; Vast contract").
std::string bonus_list(const LineResult& l, const Region& region) {
  std::string out;
  for (const auto& b : l.bonuses) out += (out.empty() ? "" : "; ") + region.bonus_name(b);
  return out;
}

/// Rows a sheet holds (Excel's limit, the header row included).
constexpr int kSheetRows = 1'048'576;

/// The Regels sheet's header row, its column widths and the frozen pane.
void write_lines_header(Sheet& s, const Labels& L) {
  const char* headers[kColumns] = {L.nr,
                                   L.block,
                                   L.name,
                                   L.candidate,
                                   L.start,
                                   L.end,
                                   L.rate,
                                   L.bonus_list,
                                   L.persons,
                                   L.hours_per_week,
                                   L.fulltime_hours,
                                   L.hours_factor,
                                   L.quantity,
                                   L.unit,
                                   L.max_counted,
                                   L.contract_duration,
                                   L.counted,
                                   L.periods,
                                   L.value};
  const double widths[kColumns] = {5, 22, 34, 14, 11, 11, 13, 16, 9, 9,
                                   9, 10, 11, 12, 11, 11, 10, 10, 14};
  for (int c = 0; c < kColumns; ++c) s.column_width(c, c, widths[c]);
  for (int c = 0; c < kColumns; ++c) s.text(0, c, headers[c], Style::Header);
  s.freeze(1, 0);
}

/// An employment line's hours, full-time hours and hours factor: a live formula of its own
/// hours, or the engine's exact factor as a fraction where the candidate's week was shared
/// with concurrent lines (or the minimum hours were met only together with them), explained
/// on Toelichting.
void write_hours_cells(Sheet& s, int row, const LineResult& l, const Region& region) {
  auto ref = [&](int col) { return cell(row, col); };
  s.number(row, kHours, real(*l.hours_per_week));
  s.number(row, kFulltime, real(region.fulltime_hours.value));
  std::string f = "MIN(" + ref(kHours) + "/" + ref(kFulltime) + ",1)";
  if (region.min_hours)
    f = "IF(" + ref(kHours) + "<" + region.min_hours->value.decimal() + ",0," + f + ")";
  Ratio own = min(Ratio(1), *l.hours_per_week / region.fulltime_hours.value);
  if (region.min_hours && *l.hours_per_week < region.min_hours->value) own = Ratio(0);
  if (!(own == l.factors.hours_factor)) f = l.factors.hours_factor.str();
  s.formula(row, kFactor, f, real(l.factors.hours_factor), Style::Decimal);
}

/// A line's quantity, its caps, what counts (the least of them), its periods and its value,
/// each a live formula over the cells before it.
void write_counted_cells(Sheet& s, int row, const LineResult& l, Lang lang) {
  const Counting& k = l.counting;
  auto ref = [&](int col) { return cell(row, col); };
  s.number(row, kQuantity, real(k.quantity));
  s.text(row, kUnit, quantity_unit(lang, l.unit));
  std::string counted = ref(kQuantity);
  if (k.cap) {
    s.number(row, kCap, real(*k.cap));
    counted += "," + ref(kCap);
  }
  if (k.contract_limit) {
    s.number(row, kContract, real(*k.contract_limit));
    counted += "," + ref(kContract);
  }
  s.formula(row, kCounted, counted == ref(kQuantity) ? counted : "MIN(" + counted + ")",
            real(k.counted), Style::Decimal);
  std::string periods = ref(kCounted);
  if (k.divisor != 1) periods += "/" + std::to_string(k.divisor);
  s.formula(row, kPeriods, periods, real(l.factors.periods), Style::Decimal);
  s.formula(row, kValue,
            "ROUND(" + ref(kRate) + "*" + ref(kPersons) + "*" + ref(kFactor) + "*" + ref(kPeriods) +
                ",2)",
            euros(l.value), Style::Euro);
}

}  // namespace

// The sheets filled line by line, named (not anonymous) since ReportWriter holds them.
namespace report_sheets {

/// The Regels sheet, filled one line at a time: one row per line, then the total.
class LinesSheet {
 public:
  LinesSheet(Workbook& wb, const Region& region, std::size_t lines, const Labels& L, Lang lang)
      : s_(wb.add_sheet(L.lines)), region_(region), L_(L), lang_(lang) {
    // One row per line, the header and the total besides: say so before writing, not halfway.
    if (lines + 2 > static_cast<std::size_t>(kSheetRows))
      throw ExportError(
          msg(Msg::SheetTooManyLines, Count{kSheetRows - 2}, Count{static_cast<int64_t>(lines)}));
    write_lines_header(s_, L);
  }

  /// Line `i` (0-based, in input order) as the next row.
  void add(std::size_t i, const LineResult& l) {
    s_.number(row_, kNr, static_cast<double>(i + 1));
    s_.text(row_, kBlock, l.block);
    const BuildingBlock* block = region_.find_block(l.block);
    s_.text(row_, kName, block ? block->name : l.block_name);
    if (!l.candidate.empty()) s_.text(row_, kCandidate, l.candidate);
    if (l.start) {
      s_.date(row_, kStart, *l.start);
      s_.date(row_, kEnd, *l.end);
    }
    s_.number(row_, kRate, euros(l.factors.rate), Style::Euro);
    std::string bonuses = bonus_list(l, region_);
    if (!bonuses.empty()) s_.text(row_, kBonuses, bonuses);
    s_.number(row_, kPersons, static_cast<double>(l.factors.persons));
    if (l.unit == Unit::FulltimeYear)
      write_hours_cells(s_, row_, l, region_);
    else
      s_.number(row_, kFactor, 1);
    write_counted_cells(s_, row_, l, lang_);
    ++row_;
  }

  /// The total row under the lines; returns its row.
  int close(Money lines_total) {
    // Before the total row: a streamed sheet cannot reach back to rows already written.
    s_.autofilter(0, 0, std::max(row_ - 1, 1), kColumns - 1);
    s_.text(row_, kName, L_.lines_total, Style::Bold);
    std::string sum =
        row_ == 1 ? "0" : "SUM(" + cell(1, kValue) + ":" + cell(row_ - 1, kValue) + ")";
    s_.formula(row_, kValue, sum, euros(lines_total), Style::EuroBold);
    return row_;
  }

 private:
  Sheet& s_;
  const Region& region_;
  const Labels& L_;
  Lang lang_;
  int row_ = 1;
};

/// The Toelichting sheet, one row per step. A long realisation has more steps than one sheet
/// holds: they continue on "Toelichting (2)" and on, each with its header, added when needed.
class TraceSheets {
 public:
  TraceSheets(Workbook& wb, const Labels& L, Lang lang) : wb_(wb), L_(L), lang_(lang) {
    next_sheet();
  }

  /// One step: the line number (0 for none), the block or part, the step's name and detail.
  void put(const std::string& nr_block, double nr, MsgId step, const Message& detail) {
    if (row_ == kSheetRows) next_sheet();
    if (nr > 0) s_->number(row_, 0, nr);
    s_->text(row_, 1, nr_block);
    s_->text(row_, 2, text::word(step, lang_));
    s_->text(row_, 3, text::say(detail, lang_));
    ++row_;
  }

  void close() { s_->autofilter(0, 0, std::max(row_ - 1, 1), 3); }

 private:
  void next_sheet() {
    if (s_) s_->autofilter(0, 0, row_ - 1, 3);
    ++sheets_;
    s_ =
        &wb_.add_sheet(sheets_ == 1 ? std::string(L_.trace)
                                    : std::string(L_.trace) + " (" + std::to_string(sheets_) + ")");
    s_->column_width(0, 0, 6);
    s_->column_width(1, 1, 22);
    s_->column_width(2, 2, 16);
    s_->column_width(3, 3, 90);  // wraps: the four columns print one page wide
    s_->text(0, 0, L_.nr, Style::Header);
    s_->text(0, 1, L_.block, Style::Header);
    s_->text(0, 2, L_.step, Style::Header);
    s_->text(0, 3, L_.explanation, Style::Header);
    s_->freeze(1, 0);
    row_ = 1;
  }

  Workbook& wb_;
  const Labels& L_;
  Lang lang_;
  Sheet* s_ = nullptr;
  int row_ = 0, sheets_ = 0;
};

}  // namespace report_sheets

namespace {

void write_blocks(Workbook& wb, const Region& r, const Labels& L, Lang lang) {
  Sheet& s = wb.add_sheet(L.blocks);
  const char* headers[] = {L.block,           L.name,   L.unit,   L.value,   L.invoice_share,
                           L.counting_months, L.status, L.source, L.maps_to, L.note};
  const double widths[] = {22, 50, 14, 14, 12, 12, 12, 50, 22, 60};
  for (int c = 0; c < 10; ++c) {
    s.column_width(c, c, widths[c]);
    s.text(0, c, headers[c], Style::Header);
  }
  s.freeze(1, 0);
  int row = 1;
  auto source_title = [&](const Provenance& p) {
    for (const auto& d : r.sources)
      if (d.id == p.source) return text::say(d.named_title(), lang) + " (" + d.url + ")";
    return p.source;
  };
  for (const auto& b : r.blocks) {
    s.text(row, 0, b.id);
    s.text(row, 1, b.name, Style::Wrap);  // long names wrap within their column, never cut
    s.text(row, 2, text::unit_name(b.unit, lang));
    if (b.unit != Unit::Invoice && b.unit != Unit::ActualCost)
      s.number(row, 3, euros(b.value), Style::Euro);
    if (b.unit == Unit::Invoice) s.number(row, 4, real(b.percentage), Style::Decimal);
    if (b.counting_months)
      s.number(row, 5, *b.counting_months, Style::Integer);
    else
      s.text(row, 5, L.none);
    s.text(row, 6, status_label(L, b.provenance),
           b.provenance.provisional() ? Style::Warning : Style::Plain);
    s.text(row, 7, source_title(b.provenance), Style::Wrap);
    s.text(row, 8, b.maps_to);
    if (!b.note.empty()) s.text(row, 9, b.note, Style::Wrap);
    ++row;
  }
  s.autofilter(0, 0, std::max(row - 1, 1), 9);
  ++row;
  s.text(row, 0, L.bonus_list, Style::Header);
  s.text(row, 1, L.name, Style::Header);
  s.text(row, 3, L.value, Style::Header);
  s.text(row, 6, L.status, Style::Header);
  s.text(row, 7, L.source, Style::Header);
  ++row;
  for (const auto& b : r.bonuses) {
    s.text(row, 0, b.id);
    s.text(row, 1, b.name);
    s.number(row, 3, euros(b.value), Style::Euro);
    s.text(row, 6, status_label(L, b.provenance));
    s.text(row, 7, source_title(b.provenance), Style::Wrap);
    ++row;
  }
  ++row;
  s.text(row, 0, L.fulltime_hours, Style::Bold);
  s.number(row, 3, real(r.fulltime_hours.value), Style::Decimal);
  s.text(row, 6, status_label(L, r.fulltime_hours.provenance),
         r.fulltime_hours.provenance.provisional() ? Style::Warning : Style::Plain);
  s.text(row, 7, source_title(r.fulltime_hours.provenance));
  ++row;
  if (r.min_hours) {
    s.text(row, 0, L.minimum_hours, Style::Bold);
    s.number(row, 3, real(r.min_hours->value), Style::Decimal);
    s.text(row, 6, status_label(L, r.min_hours->provenance));
    s.text(row, 7, source_title(r.min_hours->provenance));
  }
}

/// Writes the Voortgang sheet and its chart: realised value up to the as-of month, the
/// obligation as a flat line to the contract's end, and the as-of day marked on the realised
/// line ("Stand per 30-6-2027").
void write_progress(Workbook& wb, const Assessment& a, const std::vector<MonthPoint>& points,
                    const Labels& L, Lang lang) {
  Sheet& s = wb.add_sheet(L.progress);
  std::string as_of = a.as_of ? text::say(msg(Msg::LabelAsOfDay, *a.as_of), lang) : std::string();
  s.column_width(0, 0, 12);
  s.column_width(1, 3, 20);
  s.text(0, 0, L.month, Style::Header);
  s.text(0, 1, L.realised_cumulative, Style::Header);
  s.text(0, 2, L.obligation, Style::Header);
  if (a.as_of) s.text(0, 3, as_of, Style::Header);
  s.freeze(1, 0);
  int row = 1;
  for (const auto& p : points) {
    s.date(row, 0, p.month, Style::Month);
    bool later = a.as_of && p.month > *a.as_of;  // nothing realised yet: no point drawn
    if (!later) s.number(row, 1, euros(p.cumulative), Style::Euro);
    s.number(row, 2, euros(a.obligation.amount), Style::Euro);
    if (a.as_of && !later && p.month.add_months(1) > *a.as_of)
      s.number(row, 3, euros(p.cumulative), Style::Euro);
    ++row;
  }
  if (points.empty()) return;
  s.autofilter(0, 0, row - 1, a.as_of ? 3 : 2);
  std::string ref = sheet_ref(s.name());
  std::string cats = "=" + ref + cell(1, 0, true) + ":" + cell(row - 1, 0, true);
  std::vector<Sheet::Series> series = {
      {cats, "=" + ref + cell(1, 1, true) + ":" + cell(row - 1, 1, true), L.realised_cumulative},
      {cats, "=" + ref + cell(1, 2, true) + ":" + cell(row - 1, 2, true), L.obligation}};
  if (a.as_of && !(*a.as_of < points.front().month) &&
      !(points.back().month.add_months(1) <= *a.as_of))
    series.push_back(
        {cats, "=" + ref + cell(1, 3, true) + ":" + cell(row - 1, 3, true), as_of, true});
  // Below the months, not beside them: the sheet then prints one page wide, legibly.
  s.chart(Sheet::Chart::Line, row + 1, 0, L.progress_title, series, "€");
}

/// The summary sheet being written, row by row: a label and its value on one row, a warning
/// as a band over the three columns.
struct Summary {
  Sheet& s;
  Lang lang;
  int row = 0;

  std::string say(const Message& m) const { return text::say(m, lang); }
  void banner(const std::string& text) {
    // A band over the three columns, wrapped within them: on paper it stays on the page.
    s.paragraph(row++, 0, 2, text, Style::Warning);
  }
  void pair_text(const char* label, const std::string& value) {
    s.text(row, 0, label, Style::Bold);
    s.text(row++, 1, value);
  }
  /// The row the amount is on (formulas refer to it).
  int pair_euro(const char* label, Money m) {
    s.text(row, 0, label, Style::Bold);
    s.number(row, 1, euros(m), Style::Euro);
    return row++;
  }
};

/// The provisional values and warnings, and for an offer whether it can be delivered as
/// written (one row per plausibility signal, its line and id).
void summary_warnings(Summary& u, const Assessment& a, const Labels& L) {
  // Which values are provisional is a technical detail: the appendix lists them.
  if (a.provisional) {
    u.banner(L.provisional_see_appendix);
    ++u.row;
  }
  for (const auto& w : a.warnings) u.banner(std::string(L.warning) + ": " + u.say(w));
  if (!a.warnings.empty()) ++u.row;
  if (a.kind != Assessment::Kind::Offer) return;
  Sheet& s = u.s;
  s.text(u.row++, 0, text::word(Msg::LabelPlausibility, u.lang), Style::Bold);
  if (a.signals.empty()) s.text(u.row++, 0, text::word(Msg::LabelPlausibilityNone, u.lang));
  for (const auto& sig : a.signals) {
    s.text(u.row, 0,
           sig.line ? u.say(msg(Msg::CliLineNr, static_cast<int64_t>(*sig.line + 1))) : "");
    s.text(u.row, 1, text::word(plausibility_name(sig.kind), u.lang));
    s.text(u.row++, 2, u.say(sig.explanation), Style::Warning);
  }
  ++u.row;
}

/// Who and what: supplier, buyer, contract and its period; the region version with its
/// full-time hours and sources.
void summary_contract(Summary& u, const Assessment& a, const Labels& L) {
  Sheet& s = u.s;
  const Region& r = *a.region;
  u.pair_text(L.supplier, a.supplier);
  if (!a.buyer.empty()) u.pair_text(L.buyer, a.buyer);
  u.pair_text(L.contract, a.contract.id);
  u.pair_euro(L.contract_value, a.contract.value);
  s.text(u.row, 0, L.period, Style::Bold);
  s.date(u.row, 1, a.contract.start);
  s.date(u.row++, 2, a.contract.end, Style::Date);
  u.pair_text(L.region, r.name);
  ++u.row;
}

/// The appendix: the region model's version, validity and full-time hours, the provisional
/// values this calculation used, and the sources (technical details, after the answer).
void write_appendix(Workbook& wb, const Assessment& a, const Labels& L, Lang lang) {
  Sheet& s = wb.add_sheet(L.appendix);
  const Region& r = *a.region;
  s.column_width(0, 0, 34);
  s.column_width(1, 1, 22);
  s.column_width(2, 2, 70);
  s.text(0, 0, L.appendix_title, Style::Title);
  Summary u{s, lang, 2};
  u.pair_text(L.region, r.name);
  u.pair_text(L.version, r.id + " " + r.version);
  s.text(u.row, 0, L.valid_from, Style::Bold);
  if (r.valid_from)
    s.date(u.row, 1, *r.valid_from);
  else
    s.text(u.row, 1, L.none);
  ++u.row;
  s.text(u.row, 0, L.fulltime_hours, Style::Bold);
  s.number(u.row, 1, real(r.fulltime_hours.value), Style::Decimal);
  s.text(u.row++, 2, status_label(L, r.fulltime_hours.provenance),
         r.fulltime_hours.provenance.provisional() ? Style::Warning : Style::Plain);
  ++u.row;
  if (a.provisional) {
    s.text(u.row++, 0, L.provisional_values, Style::Bold);
    for (const auto& v : a.provisional_values) s.paragraph(u.row++, 0, 2, u.say(v), Style::Warning);
    ++u.row;
  }
  s.text(u.row, 0, L.sources, Style::Bold);
  for (const auto& d : r.sources) {
    s.text(u.row, 1, d.date);
    s.text(u.row++, 2, text::say(d.named_title(), u.lang) + " — " + d.url, Style::Wrap);
  }
}

/// How the obligation was reached: base, percentage, threshold, gross, cap, PSO and reason.
void summary_obligation(Summary& u, const Assessment& a, const Labels& L) {
  Sheet& s = u.s;
  const Region& r = *a.region;
  const ObligationResult& o = a.obligation;
  s.text(u.row, 0, L.base, Style::Bold);
  s.text(u.row++, 1, u.say(msg(base_msg(r.obligation.base))));
  s.text(u.row, 0, L.percentage, Style::Bold);
  s.number(u.row, 1, real(o.percentage), Style::Decimal);
  s.text(u.row++, 2, "%");
  u.pair_euro(L.threshold, o.threshold);
  u.pair_euro(L.gross, o.gross);
  s.text(u.row, 0, L.cap, Style::Bold);
  if (r.obligation.cap)
    s.number(u.row, 1, euros(*r.obligation.cap), Style::Euro);
  else
    s.text(u.row, 1, L.none);
  ++u.row;
  if (!a.pso.empty()) {
    std::string certs;
    for (const auto& c : a.pso)
      certs += (certs.empty() ? "" : "; ") + std::string(pso_level_id(c.level)) + " (" +
               c.valid_from().iso() + " – " + c.valid_until.iso() + ")";
    u.pair_text(L.pso, certs);
    u.pair_euro(L.pso_discount, o.pso_discount);
  }
  u.pair_text(L.obligation_reason,
              o.applies ? u.say(o.reason) : L.none + std::string(": ") + u.say(o.reason));
  ++u.row;
}

/// The answer, first on the page: the obligation, the PSO fulfilment, and as live formulas
/// over the lines sheet's total the total, surplus, shortfall and the penalty the region's
/// rule gives.
void summary_balance(Summary& u, const Assessment& a, const Labels& L, int lines_total_row) {
  Sheet& s = u.s;
  int obligation_row = u.pair_euro(L.obligation, a.obligation.amount);
  int fulfilment_row = u.pair_euro(L.pso_fulfilment, a.obligation.pso_fulfilment);
  std::string lines_sum = sheet_ref(L.lines) + cell(lines_total_row, kValue, true);
  std::string oblig = cell(obligation_row, 1, true);
  s.text(u.row, 0, L.total, Style::Bold);
  s.formula(u.row, 1, lines_sum + "+" + cell(fulfilment_row, 1, true), euros(a.total),
            Style::EuroBold);
  std::string total = cell(u.row++, 1, true);
  s.text(u.row, 0, L.surplus, Style::Bold);
  s.formula(u.row++, 1, "MAX(" + total + "-" + oblig + ",0)", euros(a.surplus), Style::Euro);
  s.text(u.row, 0, L.shortfall, Style::Bold);
  s.formula(u.row, 1, "MAX(" + oblig + "-" + total + ",0)", euros(a.shortfall), Style::Euro);
  std::string shortfall = cell(u.row++, 1, true);
  s.text(u.row, 0, L.penalty, Style::Bold);
  const PenaltyRule& pr = a.region->penalty;
  std::string factor = pr.factor.decimal(8);
  std::string penalty = pr.kind == PenaltyKind::None ? "0"
                        : pr.kind == PenaltyKind::ShortfallFactor
                            ? "ROUND(" + shortfall + "*" + factor + ",2)"
                            : "IF(" + shortfall + ">0,ROUND(" + oblig + "*" + factor + ",2),0)";
  s.formula(u.row, 1, penalty, euros(a.penalty), Style::Euro);
  if (!a.penalty_trace.empty()) s.text(u.row, 2, u.say(a.penalty_trace.front().detail));
  u.row += 2;
}

/// The summary sheet: the title, then the answer (obligation, total, surplus or shortfall,
/// penalty), the warnings after it, then the contract and how the obligation was reached.
void write_summary(Sheet& s, const Assessment& a, const Labels& L, Lang lang, int lines_total_row) {
  s.column_width(0, 0, 34);
  s.column_width(1, 1, 22);
  s.column_width(2, 2, 70);
  s.text(0, 0, a.kind == Assessment::Kind::Offer ? L.offer_title : L.realisation_title,
         Style::Title);
  Summary u{s, lang, 2};
  summary_balance(u, a, L, lines_total_row);
  summary_warnings(u, a, L);
  summary_contract(u, a, L);
  summary_obligation(u, a, L);
}

/// The title block on every printed page: what and which contract, for whom, which region;
/// at the bottom the day it was counted to and whether provisional values were used.
Workbook::PageText page_text(const Assessment& a, const Labels& L, Lang lang) {
  auto say = [&](const Message& m) { return text::say(m, lang); };
  Workbook::PageText page;
  page.top_left =
      std::string(a.kind == Assessment::Kind::Offer ? L.offer_title : L.realisation_title) + " — " +
      a.contract.id;
  page.top_centre = a.supplier + (a.buyer.empty() ? "" : " / " + a.buyer);
  page.top_right = a.region->name + " (" + a.region->label() + ")";
  if (a.as_of && a.provisional)
    page.bottom_left = say(msg(Msg::PageAsOfProvisional, *a.as_of, as_is(L.appendix)));
  else if (a.as_of)
    page.bottom_left = say(msg(Msg::LabelAsOfDay, *a.as_of));
  else if (a.provisional)
    page.bottom_left = say(msg(Msg::PageProvisional, as_is(L.appendix)));
  return page;
}

}  // namespace

/// The workbook being written: the summary sheet first (written last, when the totals are
/// known), then Regels and Toelichting filled line by line.
struct ReportWriter::State {
  State(const std::string& path, const WriteOptions& o)
      : lang(o.lang),
        L(labels(o.lang)),
        wb(path, o.overwrite, Rows::InOrder),
        summary(wb.add_sheet(L.summary)) {}
  Lang lang;
  const Labels& L;
  Workbook wb;
  Sheet& summary;
  const Region* region = nullptr;
  std::optional<report_sheets::LinesSheet> lines;
  std::optional<report_sheets::TraceSheets> trace;
  std::optional<MonthProgress> progress;  ///< a realisation's value by month
};

ReportWriter::ReportWriter(const std::string& path, const WriteOptions& options)
    : s_(std::make_unique<State>(path, options)) {}

ReportWriter::~ReportWriter() = default;

void ReportWriter::begin(const Assessment& head, std::size_t lines) {
  State& s = *s_;
  s.region = head.region;
  s.lines.emplace(s.wb, *head.region, lines, s.L, s.lang);
  s.trace.emplace(s.wb, s.L, s.lang);
  const std::string obligation = s.L.obligation;
  for (const auto& step : head.obligation.trace)
    s.trace->put(obligation, 0, step.step, step.detail);
  if (head.kind == Assessment::Kind::Realisation)
    s.progress.emplace(head.contract, head.region->time_basis);
}

void ReportWriter::line(std::size_t index, const LineResult& l) {
  State& s = *s_;
  // Rows in input order, or, for a large realisation, one candidate after another (column A
  // keeps the line's place in the input).
  s.lines->add(index, l);
  // The block by its region's name, as in the lines sheet.
  const std::string& named = s.region ? s.region->block_name(l.block) : l.block;
  for (const auto& step : l.trace)
    s.trace->put(named, static_cast<double>(index + 1), step.step, step.detail);
  if (s.progress) s.progress->add(l);
}

void ReportWriter::finish(const Assessment& a) {
  State& s = *s_;
  const std::string penalty = s.L.penalty;
  for (const auto& step : a.penalty_trace) s.trace->put(penalty, 0, step.step, step.detail);
  int lines_total_row = s.lines->close(a.lines_total);
  s.trace->close();
  write_summary(s.summary, a, s.L, s.lang, lines_total_row);
  write_blocks(s.wb, *a.region, s.L, s.lang);
  if (s.progress) write_progress(s.wb, a, s.progress->points(), s.L, s.lang);
  write_appendix(s.wb, a, s.L, s.lang);
  s.wb.page_text(page_text(a, s.L, s.lang));
  s.wb.close();
}

void write_report(const Assessment& a, const std::string& path, const WriteOptions& options) {
  ReportWriter w(path, options);
  w.begin(a, a.line_count);
  // A realisation assessed without its lines is valued once more here, one candidate at a
  // time; a realisation assessed with a ReportWriter as its visitor needs no second pass.
  each_line(a, Detail::Steps, [&](std::size_t i, const LineResult& l) { w.line(i, l); });
  w.finish(a);
}

}  // namespace sroi::xlsx
