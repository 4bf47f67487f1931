// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/kpi/tables.hpp"

#include "sroi/msg/kpi.hpp"
#include "sroi/msg/report.hpp"
#include "sroi/report/kpi/json.hpp"
#include "sroi/report/text_table.hpp"

namespace sroi {
namespace {

using kpi::Figures;

std::string say(const Message& m) { return words(m); }
std::string say(MsgId id) { return words(msg(id)); }

/// A whole number as the reader writes it ("16.191").
std::string count(int64_t n) { return say(value_message(Count{n})); }

std::string number(const Ratio& r, int places) {
  return say(msg(Msg::Value, Decimal{round_to(r, places), places}));
}

/// "85,0 %" or "—" without a base.
std::string percent(int64_t a, int64_t b) {
  return b == 0 ? "—" : number(Ratio(a, b) * Ratio(100), 1) + " %";
}

std::vector<std::string> row(const std::string& label, const Figures& f) {
  if (f.suppressed) return {label, "", "", "", "", "", "< 5", "", "", "", "", "", ""};
  auto eur = [](const std::optional<Money>& m) { return m ? format_eur(*m) : std::string("—"); };
  return {label + (f.provisional ? " *" : "") + (f.incomplete ? " †" : ""),
          count(f.contracts),
          eur(f.obligation),
          eur(f.offered),
          eur(f.realised),
          f.realised && f.obligation ? percent(f.realised->cents(), f.obligation->cents()) : "—",
          count(f.candidates),
          number(f.fte, 2),
          number(f.hours, 1),
          count(f.placements),
          percent(f.lasted_6, f.placements),
          percent(f.lasted_12, f.placements),
          percent(f.permanent, f.permanent_recorded)};
}

void kpi_text(std::ostream& out, const kpi::Report& r) {
  out << say(msg(Msg::KpiHeading, r.from, r.to, phrase(msg(kpi::by_word(r.by))))) << '\n';
  out << say(msg(Msg::KpiFromSources, listed(r.sources))) << "\n\n";
  TextTable t({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  t.row({say(Msg::KpiGroup), say(Msg::KpiContracts), say(Msg::KpiObligation), say(Msg::KpiOffered),
         say(Msg::KpiRealised), say(Msg::KpiShareRealised), say(Msg::KpiCandidates),
         say(Msg::KpiFte), say(Msg::KpiHours), say(Msg::KpiPlacements), say(Msg::KpiShareLasted6),
         say(Msg::KpiShareLasted12), say(Msg::KpiSharePermanent)});
  for (const auto& g : r.groups)
    t.row(row(g.source.empty() ? text::say(r.named_key(g.key), output_language())
                               : g.source + " — " + g.key,
              g.f));
  if (!r.source_totals.empty()) {
    t.row({});
    for (const auto& g : r.source_totals) t.row(row(g.key, g.f));
  }
  t.row(row(say(r.source_totals.empty() ? Msg::KpiTotal : Msg::KpiNational), r.total));
  t.print(out);
  bool hidden = r.total.suppressed, provisional = r.total.provisional, incomplete = false;
  for (const auto& g : r.groups) {
    hidden = hidden || g.f.suppressed;
    provisional = provisional || g.f.provisional;
    incomplete = incomplete || g.f.incomplete;
  }
  out << '\n';
  if (hidden) out << say(Msg::KpiHiddenNote) << '\n';
  out << say(Msg::KpiRealisedNote) << '\n';
  if (provisional) out << say(Msg::KpiProvisionalNote) << '\n';
  if (incomplete || r.total.incomplete) out << "† " << say(Msg::KpiIncompleteNote) << '\n';
  // Where only accepted deliveries count: the figure with everything submitted beside it.
  auto submitted_note = [&](const std::string& label, const Figures& f) {
    if (!f.suppressed && f.submitted_differs())
      out << label << ": " << say(msg(Msg::StatusAcceptedOnly, *f.submitted)) << '\n';
  };
  for (const auto& g : r.groups)
    submitted_note(g.source.empty() ? text::say(r.named_key(g.key), output_language())
                                    : g.source + " — " + g.key,
                   g.f);
  submitted_note(say(r.source_totals.empty() ? Msg::KpiTotal : Msg::KpiNational), r.total);
  if (!r.total.suppressed && !r.total.by_target_group.empty()) {
    out << '\n' << say(Msg::KpiPlacementsHeading) << '\n';
    TextTable tg({1});
    for (const auto& [k, n] : r.total.by_target_group)
      tg.row({"  " + text::say(r.named_key(k), output_language()),
              r.total.target_groups_suppressed.count(k) ? "< 5" : count(n)});
    tg.print(out);
  }
}

}  // namespace

void render_kpi(std::ostream& out, const kpi::Report& r, Format format) {
  if (format == Format::Json)
    kpi::write_json(out, r);
  else
    kpi_text(out, r);
}

}  // namespace sroi
