// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "common.hpp"
#include "sroi/calc/assessment.hpp"
#include "sroi/harmonise/harmonise.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/report/json_writer.hpp"

namespace sroi::cli {
namespace {

void render_elsewhere(std::ostream& out, const Offer& offer, const Region& home,
                      const std::vector<harmonise::Elsewhere>& all, Format format, bool explain) {
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

}  // namespace

int cmd_offer(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi offer options");
  opts.add_options()("file", po::value<std::string>()->required(), "offer TOML file")(
      "explain", "show every step of every line")(
      "save", "attach the offer to its contract in the register (--db)")(
      "compare", po::value<std::vector<std::string>>()->multitoken(),
      "also value the offer under these regions (id or id@version)")(
      "all-regions", "also value the offer under every region");
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("file", 1);
  po::variables_map vm;
  if (!parse_verb("sroi offer FILE.toml [--explain] [--save] [--compare REGION... | --all-regions] "
                  "[--xlsx OUT.xlsx [--force] [--lang en]]",
                  args, opts, pos, vm))
    return 0;
  Offer offer = config::load_offer(vm["file"].as<std::string>());
  auto set = load_regions(g);
  const Region& region = set.select(offer.region, offer.contract.start);
  Assessment a = assess_offer(region, offer);
  if (auto w = set.version_warning(offer.region, offer.contract.start))
    a.warnings.insert(a.warnings.begin(), *w);
  xlsx_options(vm);  // a bad --lang is a usage error before any work
  maybe_write_report(vm, a);
  if (vm.count("save")) {
    store::Register reg(g.db_path, store::Register::Access::ReadWrite, g.user);
    int64_t id = portfolio::save_offer_file(reg, set, vm["file"].as<std::string>());
    std::cerr << "sroi: saved offer " << id << " for contract " << offer.contract.id << '\n';
  }
  if (vm.count("compare") || vm.count("all-regions")) {
    std::deque<Region> loaded;
    std::vector<const Region*> targets;
    if (vm.count("all-regions")) {
      for (const auto& id : set.ids()) {
        RegionChoice c{id, std::nullopt, SourceLocation{id}};
        try {
          targets.push_back(&set.select(c, offer.contract.start));
        } catch (const DataError&) {
          targets.push_back(set.versions(id).back());  // shown with its problem
        }
      }
    } else {
      for (const auto& r : vm["compare"].as<std::vector<std::string>>())
        targets.push_back(&resolve_region(set, r, loaded, offer.contract.start));
    }
    render_elsewhere(std::cout, offer, region,
                     harmonise::value_elsewhere(offer, region, set.catalogue(), targets), g.format,
                     vm.count("explain") > 0);
    return 0;
  }
  render_assessment(std::cout, a, g.format, explain_detail(vm));
  return 0;
}

}  // namespace sroi::cli
