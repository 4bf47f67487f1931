// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/harmonise/tables.hpp"

#include <algorithm>

#include "sroi/msg/cli_verbs.hpp"
#include "sroi/msg/harmonise.hpp"
#include "sroi/msg/report.hpp"
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
      if (!e.problems.empty()) {
        j.key("problem").value(words(e.problems)).end_object();
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
          j.key("mapped_block").null().key("unmapped").value(words(l.unmapped));
        } else {
          j.key("mapped_block").value(l.block).key("mapping").value(words(l.mapping));
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
  out << words(msg(Msg::ElsewhereHeading,
                   as_is(offer.contract.id.empty() ? "" : offer.contract.id + " "),
                   as_is(home.label()), static_cast<int64_t>(all.size())))
      << "\n\n"
      << words(msg(Msg::ElsewhereColumns)) << '\n';
  for (const auto& e : all) {
    if (!e.problems.empty()) {
      out << e.region->label() << "\t\t\t\t" << words(e.problems) << '\n';
      continue;
    }
    out << e.region->label() << (e.provisional ? " *" : "") << '\t'
        << format_eur(e.obligation.amount) << '\t' << format_eur(e.total) << '\t'
        << words(msg(e.met ? Msg::ElsewhereMet : Msg::ElsewhereNotMet)) << '\t' << e.unmapped
        << '\n';
  }
  // Blocks by their region's name, as a reader knows them (the ids are in the JSON).
  out << '\n' << words(msg(Msg::ElsewherePerLine)) << '\n';
  for (std::size_t i = 0; i < offer.lines.size(); ++i) {
    out << "  " << i + 1 << ' ' << home.block_name(offer.lines[i].block) << '\n';
    for (const auto& e : all) {
      if (!e.problems.empty()) continue;
      const auto& l = e.lines[i];
      out << "    " << e.region->label() << ": "
          << (l.block.empty() ? words(msg(Msg::ElsewhereUnmapped, phrase(l.unmapped)))
                              : e.region->block_name(l.block) + " " + format_eur(l.value) +
                                    (explain ? " — " + words(l.mapping) : ""))
          << '\n';
    }
  }
  out << '\n' << words(msg(Msg::ElsewhereFooter, as_is(home.label()))) << '\n';
}

namespace {

/// One region's cell of a comparison row as JSON: its words, and for a block its blocks with
/// their unit, value, counting period and status (null where the region has none).
void comparison_cell_json(JsonWriter& j, const harmonise::Row& row, std::size_t i) {
  if (row.values[i].id == Msg::Gap) {
    j.null();
    return;
  }
  j.begin_object().key("text").value(words(row.values[i]));
  if (!row.cells.empty()) {
    j.key("blocks").begin_array();
    for (const BuildingBlock* b : row.cells[i].blocks) {
      j.begin_object().key("block").value(b->id).key("unit").value(unit_id(b->unit));
      j.key("value_cents").value(b->value.cents());
      j.key("counting_months");
      if (b->counting_months)
        j.value(*b->counting_months);
      else
        j.null();
      j.key("status").value(b->provenance.provisional() ? "provisional" : "published");
      j.end_object();
    }
    j.end_array();
  }
  j.end_object();
}

/// The comparison as JSON: the regions, and per row its cells.
void comparison_json(std::ostream& out, const harmonise::Matrix& m) {
  JsonWriter j(out);
  j.begin_object();
  j.key("regions").begin_array();
  for (const Region* r : m.regions)
    j.begin_object().key("region").value(r->id).key("version").value(r->version).end_object();
  j.end_array();
  j.key("rows").begin_array();
  for (const auto& row : m.rows) {
    j.begin_object();
    j.key("id")
        .value(row.id)
        .key("kind")
        .value(harmonise::row_kind_id(row.kind))
        .key("name")
        .value(words(row.name));
    j.key("differs").value(row.differs());
    j.key("difference").value(harmonise::difference_id(row.difference));
    j.key("cells").begin_array();
    for (std::size_t i = 0; i < m.regions.size(); ++i) comparison_cell_json(j, row, i);
    j.end_array();
    j.end_object();
  }
  j.end_array();
  j.end_object();
}

}  // namespace

void render_comparison(std::ostream& out, const harmonise::Matrix& m, Format format) {
  if (format == Format::Json) {
    comparison_json(out, m);
    return;
  }
  std::vector<std::size_t> width(m.regions.size() + 1, 0);
  // Every row by its name in the reader's language (a block's or bonus's catalogue name).
  auto label = [](const harmonise::Row& row) { return words(row.name); };
  for (const auto& row : m.rows) width[0] = std::max(width[0], display_width(label(row)));
  for (std::size_t i = 0; i < m.regions.size(); ++i) {
    width[i + 1] = display_width(m.regions[i]->label());
    for (const auto& row : m.rows)
      width[i + 1] = std::max(width[i + 1], display_width(words(row.values[i])));
  }
  auto pad = [](const std::string& s, std::size_t w) {
    return s + std::string(w > display_width(s) ? w - display_width(s) : 0, ' ');
  };
  // Every column but the last is padded to its width: no line ends in spaces.
  auto cell = [&](const std::string& s, std::size_t i) {
    return "  " + (i + 1 == m.regions.size() ? s : pad(s, width[i + 1]));
  };
  out << "  " << pad("", width[0]);
  for (std::size_t i = 0; i < m.regions.size(); ++i) out << cell(m.regions[i]->label(), i);
  out << '\n';
  std::string section;
  for (const auto& row : m.rows) {
    std::string sec =
        words(msg(row.kind == harmonise::RowKind::Rule    ? Msg::CompareSectionRules
                  : row.kind == harmonise::RowKind::Bonus ? Msg::CompareSectionBonuses
                                                          : Msg::CompareSectionBlocks));
    if (sec != section) {
      out << sec << '\n';
      section = sec;
    }
    out << (row.difference == harmonise::Difference::Value      ? "≠ "
            : row.difference == harmonise::Difference::Presence ? "· "
                                                                : "  ")
        << pad(label(row), width[0]);
    for (std::size_t i = 0; i < m.regions.size(); ++i) out << cell(words(row.values[i]), i);
    out << '\n';
  }
  out << words(msg(Msg::CompareLegend)) << '\n';
}

MsgId change_kind_name(harmonise::ChangeKind k) {
  switch (k) {
    case harmonise::ChangeKind::Added:
      return Msg::DiffAdded;
    case harmonise::ChangeKind::Removed:
      return Msg::DiffRemoved;
    case harmonise::ChangeKind::Changed:
      return Msg::DiffChanged;
    case harmonise::ChangeKind::Renamed:
      break;
  }
  return Msg::DiffRenamed;
}

Message change_values(const harmonise::Change& c) {
  switch (c.kind) {
    case harmonise::ChangeKind::Added:
      return c.to;
    case harmonise::ChangeKind::Removed:
      return c.from;
    case harmonise::ChangeKind::Changed:
    case harmonise::ChangeKind::Renamed:
      break;
  }
  return msg(Msg::DiffFromTo, phrase(c.from), phrase(c.to));
}

}  // namespace sroi
