// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/tender/tables.hpp"

#include <filesystem>

#include "sroi/msg/labels.hpp"
#include "sroi/msg/report.hpp"
#include "sroi/msg/sheet_labels.hpp"
#include "sroi/msg/tender.hpp"
#include "sroi/report/json_writer.hpp"
#include "sroi/report/text_table.hpp"

namespace sroi {
namespace {

using tender::Bid;
using tender::Tender;

std::string say(const Message& m) { return words(m); }
std::string say(MsgId id) { return words(msg(id)); }

/// A ratio rounded half away from zero to `places` decimals, as JSON decimal text ("19.7059").
std::string rounded(const Ratio& r, int places) { return round_to(r, places).decimal(places); }

/// The same, as the output language writes it ("19,71").
std::string shown(const Ratio& r, int places) {
  return say(msg(Msg::Value, Decimal{round_to(r, places), places}));
}

/// "+€ 57.500,00" or "-€ 5.000,00": the difference from the obligation, with its sign.
std::string signed_eur(Money m) {
  return m.is_negative() ? "-" + format_eur(-m) : "+" + format_eur(m);
}

std::string bid_label(const Bid& b) {
  return b.assessment.supplier.empty() ? std::filesystem::path(b.file).filename().string()
                                       : b.assessment.supplier;
}

void tender_json(std::ostream& out, const Tender& t) {
  JsonWriter j(out);
  j.begin_object();
  j.key("kind").value("bids");
  j.key("region").value(t.region ? t.region->id : "");
  j.key("region_version").value(t.region ? t.region->version : "");
  j.key("contract").begin_object();
  j.key("id").value(t.contract.id);
  j.key("value_cents").value(t.contract.value.cents());
  j.key("percentage").number(t.obligation.percentage.decimal());
  j.key("start").value(t.contract.start.iso());
  j.key("end").value(t.contract.end.iso());
  j.end_object();
  j.key("obligation_cents").value(t.obligation.amount.cents());
  j.key("obligation_reason").value(say(t.obligation.reason));
  j.key("scoring").begin_object();
  j.key("rule").value(tender::rule_id(t.scoring.rule));
  j.key("formula").value(say(tender::rule_explanation(t.scoring.rule)));
  j.key("points").value(t.scoring.points);
  j.key("maximum_cents");
  if (t.scoring.maximum)
    j.value(t.scoring.maximum->cents());
  else
    j.null();
  j.end_object();
  j.key("bids").begin_array();
  for (std::size_t i = 0; i < t.bids.size(); ++i) {
    const Bid& b = t.bids[i];
    const Assessment& a = b.assessment;
    j.begin_object();
    j.key("nr").value(static_cast<int64_t>(i + 1));
    j.key("file").value(b.file);
    j.key("supplier").value(a.supplier);
    j.key("rank").value(b.rank);
    j.key("offered_cents").value(b.offered.cents());
    j.key("surplus_cents").value(b.surplus.cents());
    j.key("shortfall_cents").value(b.shortfall.cents());
    j.key("difference_percent");
    if (b.surplus_percent)
      j.number(rounded(*b.surplus_percent, 2));
    else
      j.null();
    j.key("meets").value(b.meets);
    j.key("points");
    if (b.points)
      j.number(rounded(*b.points, 4));
    else
      j.null();
    j.key("points_explanation").value(say(b.points_trace));
    j.key("pso_fulfilment_cents").value(a.obligation.pso_fulfilment.cents());
    j.key("provisional").value(a.provisional);
    j.key("provisional_values").begin_array();
    for (const auto& v : a.provisional_values) j.value(say(v));
    j.end_array();
    j.key("warnings").begin_array();
    for (const auto& w : a.warnings) j.value(say(w));
    j.end_array();
    j.key("plausibility");
    signals_json(j, a.signals);
    j.key("lines").begin_array();
    for (std::size_t k = 0; k < a.lines.size(); ++k)
      j.begin_object()
          .key("nr")
          .value(static_cast<int64_t>(k + 1))
          .key("block")
          .value(a.lines[k].block)
          .key("value_cents")
          .value(a.lines[k].value.cents())
          .key("provisional")
          .value(a.lines[k].provisional)
          .end_object();
    j.end_array();
    j.end_object();
  }
  j.end_array();
  j.key("notes").begin_array();
  for (const auto& n : t.notes) j.value(say(n));
  j.end_array();
  j.end_object();
}

void tender_text(std::ostream& out, const Tender& t, bool explain) {
  out << say(msg(Msg::CliTenderHeading,
                 Amount{Ratio(static_cast<int64_t>(t.bids.size())), Counted::Offers}))
      << (t.contract.id.empty() ? "" : " — " + say(msg(Msg::CliContractId, as_is(t.contract.id))))
      << '\n';
  TextTable head({});
  if (t.region) head.row({say(Msg::CliRegion), t.region->label() + " — " + t.region->name});
  head.row({say(Msg::CliContract),
            say(msg(Msg::CliValuePeriod, t.contract.value, t.contract.start, t.contract.end)) +
                ", " + say(msg(Msg::Value, Percent{t.obligation.percentage}))});
  head.row({say(Msg::CliObligation),
            format_eur(t.obligation.amount) + " — " + say(t.obligation.reason)});
  // The rule by its name and what it does ("no points" needs no name before it).
  std::string rule =
      (t.scoring.rule == tender::Rule::None ? std::string()
                                            : say(tender::rule_name(t.scoring.rule)) + ": ") +
      say(tender::rule_explanation(t.scoring.rule));
  if (t.scoring.rule == tender::Rule::Proportional || t.scoring.rule == tender::Rule::Relative)
    rule += " (" + say(msg(Msg::CliScoringParams, t.scoring.points)) +
            (t.scoring.maximum ? ", " + say(msg(Msg::CliScoringMaximum, *t.scoring.maximum)) : "") +
            ")";
  head.row({say(Msg::CliScoringRule), rule});
  head.print(out);
  out << '\n';

  TextTable tab({0, 1, 4, 5, 6, 8, 9});
  tab.row({say(Msg::TenderRank), "#", say(Msg::LabelSupplier), "", say(Msg::TenderOffered),
           say(Msg::TenderDifference), "%", say(Msg::TenderMeets), say(Msg::TenderPoints),
           say(Msg::TenderSignalCount)});
  // Best first; bids that tie keep the order given.
  std::vector<std::size_t> order(t.bids.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return t.bids[x].rank < t.bids[y].rank; });
  for (std::size_t i : order) {
    const Bid& b = t.bids[i];
    std::string points = b.points ? shown(*b.points, 2) : "";
    tab.row({std::to_string(b.rank), std::to_string(i + 1), bid_label(b),
             b.assessment.provisional ? "*" : "", format_eur(b.offered),
             signed_eur(b.offered - t.obligation.amount),
             b.surplus_percent ? shown(*b.surplus_percent, 1) + " %" : "",
             say(b.meets ? Msg::HarmYes : Msg::HarmNo), points,
             std::to_string(red_flags(b.assessment.signals))});
    if (explain) {
      tab.note("      " + say(b.points_trace));
      for (std::size_t k = 0; k < b.assessment.lines.size(); ++k) {
        const LineResult& l = b.assessment.lines[k];
        const Region* r = b.assessment.region;
        tab.note("      " + say(msg(Msg::CliLineNr, static_cast<int64_t>(k + 1))) + ": " +
                 (r ? r->block_name(l.block) : l.block) + " " + format_eur(l.value));
      }
    }
  }
  tab.print(out);
  if (!t.notes.empty()) {
    out << '\n' << say(Msg::CliNotes) << '\n';
    for (const auto& n : t.notes) out << "  " << say(n) << '\n';
  }
  for (std::size_t i = 0; i < t.bids.size(); ++i) {
    const Assessment& a = t.bids[i].assessment;
    Arg nr = static_cast<int64_t>(i + 1);
    if (a.provisional) {
      out << '\n' << say(msg(Msg::CliBidProvisional, nr, as_is(bid_label(t.bids[i])))) << '\n';
      for (const auto& v : a.provisional_values) out << "  - " << say(v) << '\n';
    }
    for (const auto& w : a.warnings) out << say(msg(Msg::CliWarning, phrase(w))) << '\n';
    if (a.signals.empty()) continue;
    out << '\n' << say(msg(Msg::CliBidSignals, nr, as_is(bid_label(t.bids[i])))) << '\n';
    signal_lines(out, a.signals);
  }
}

}  // namespace

void render_tender(std::ostream& out, const Tender& t, Format format, Detail detail) {
  if (format == Format::Json)
    tender_json(out, t);
  else
    tender_text(out, t, detail == Detail::Steps);
}

}  // namespace sroi
