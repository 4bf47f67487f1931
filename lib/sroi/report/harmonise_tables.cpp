// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/harmonise_tables.hpp"

#include "sroi/report/json_writer.hpp"

namespace sroi {

void render_elsewhere(std::ostream& out, const Offer& offer, const Region& home,
                      const std::vector<harmonise::Elsewhere>& all, Format format, Detail detail) {
  bool explain = detail == Detail::Steps;
  if (format == Format::Json) {
    JsonWriter j(out);
    j.begin_object();
    j.key("offer_region").value(home.id).key("offer_region_version").value(home.version);
    j.key("regions").begin_array();
    for (const auto& e : all) {
      j.begin_object();
      j.key("region").value(e.region->id).key("region_version").value(e.region->version);
      if (!e.problem.empty()) {
        j.key("problem").value(e.problem).end_object();
        continue;
      }
      j.key("obligation_cents").value(e.obligation.amount.cents());
      j.key("total_cents").value(e.total.cents());
      j.key("met").value(e.met);
      j.key("unmapped").value(e.unmapped);
      j.key("provisional").value(e.provisional);
      j.key("lines").begin_array();
      for (std::size_t i = 0; i < e.lines.size(); ++i) {
        const auto& l = e.lines[i];
        j.begin_object().key("block").value(offer.lines[i].block);
        if (l.block.empty()) {
          j.key("mapped_block").null().key("unmapped").value(l.unmapped);
        } else {
          j.key("mapped_block").value(l.block).key("mapping").value(l.mapping);
          j.key("value_cents").value(l.value.cents());
        }
        j.end_object();
      }
      j.end_array();
      j.end_object();
    }
    j.end_array();
    j.end_object();
    return;
  }
  out << "Offer " << (offer.contract.id.empty() ? "" : offer.contract.id + " ") << "of "
      << home.label() << " valued under " << all.size() << " regions\n\n";
  out << "region\tobligation\ttotal\tmet\tunmapped lines\n";
  for (const auto& e : all) {
    if (!e.problem.empty()) {
      out << e.region->label() << "\t\t\t\t" << e.problem << '\n';
      continue;
    }
    out << e.region->label() << (e.provisional ? " *" : "") << '\t'
        << format_eur(e.obligation.amount) << '\t' << format_eur(e.total) << '\t'
        << (e.met ? "met" : "not met") << '\t' << e.unmapped << '\n';
  }
  out << "\nper line:\n";
  for (std::size_t i = 0; i < offer.lines.size(); ++i) {
    out << "  " << i + 1 << ' ' << offer.lines[i].block << '\n';
    for (const auto& e : all) {
      if (!e.problem.empty()) continue;
      const auto& l = e.lines[i];
      out << "    " << e.region->label() << ": "
          << (l.block.empty()
                  ? "unmapped (" + l.unmapped + ")"
                  : l.block + " " + format_eur(l.value) + (explain ? " — " + l.mapping : ""))
          << '\n';
    }
  }
  out << "\nThe same percentage applies everywhere (the contract's, or " << home.label()
      << "'s); * marks results with provisional values.\n";
}

}  // namespace sroi
