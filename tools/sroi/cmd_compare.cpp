// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "common.hpp"
#include "sroi/harmonise/workbooks.hpp"
#include "sroi/report/json_writer.hpp"

namespace sroi::cli {

int cmd_compare(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi compare options");
  opts.add_options()("regions", po::value<std::vector<std::string>>(),
                     "regions to compare: id, id@version or a region file (default: all, "
                     "newest versions)");
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("regions", -1);
  po::variables_map vm;
  if (!parse_verb("sroi compare [REGION...] [--xlsx OUT.xlsx]", args, opts, pos, vm)) return 0;
  xlsx::WriteOptions wo = xlsx_options(vm);
  auto set = load_regions(g);
  std::deque<Region> loaded;
  std::vector<const Region*> regions =
      resolve_regions(set,
                      vm.count("regions") ? vm["regions"].as<std::vector<std::string>>()
                                          : std::vector<std::string>{},
                      loaded);
  harmonise::Matrix m = harmonise::compare(set.catalogue(), regions);
  if (vm.count("xlsx")) {
    std::string out = vm["xlsx"].as<std::string>();
    harmonise::write_comparison(m, out, wo);
    std::cerr << "sroi: wrote " << out << '\n';
  }
  if (g.format == Format::Json) {
    JsonWriter j(std::cout);
    j.begin_object();
    j.key("regions").begin_array();
    for (const Region* r : regions)
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
          .value(row.name);
      j.key("differs").value(row.differs);
      j.key("cells").begin_array();
      for (std::size_t i = 0; i < regions.size(); ++i) {
        if (row.texts[i] == "—") {
          j.null();
          continue;
        }
        j.begin_object().key("text").value(row.texts[i]);
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
      j.end_array();
      j.end_object();
    }
    j.end_array();
    j.end_object();
    return 0;
  }
  std::vector<std::size_t> width(regions.size() + 1, 0);
  width[0] = 28;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    width[i + 1] = display_width(regions[i]->label());
    for (const auto& row : m.rows)
      width[i + 1] = std::max(width[i + 1], display_width(row.texts[i]));
  }
  auto pad = [](const std::string& s, std::size_t w) {
    return s + std::string(w > display_width(s) ? w - display_width(s) : 0, ' ');
  };
  std::cout << "  " << pad("", width[0]);
  for (std::size_t i = 0; i < regions.size(); ++i)
    std::cout << "  " << pad(regions[i]->label(), width[i + 1]);
  std::cout << '\n';
  std::string section;
  for (const auto& row : m.rows) {
    std::string sec = row.kind == harmonise::RowKind::Rule    ? "rules"
                      : row.kind == harmonise::RowKind::Bonus ? "bonuses"
                                                              : "blocks";
    if (sec != section) {
      std::cout << "[" << sec << "]\n";
      section = sec;
    }
    std::cout << (row.differs ? "≠ " : "  ") << pad(row.id, width[0]);
    for (std::size_t i = 0; i < regions.size(); ++i)
      std::cout << "  " << pad(row.texts[i], width[i + 1]);
    std::cout << '\n';
  }
  std::cout << "≠ marks rows where the regions differ or one has no counterpart (—).\n";
  return 0;
}

}  // namespace sroi::cli
