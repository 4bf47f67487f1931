// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "common.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/report/json_writer.hpp"

namespace sroi::cli {

int cmd_status(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi status options");
  add_filter_options(opts);
  opts.add_options()("as-of", po::value<std::string>(),
                     "count realisation up to this date "
                     "(default: today)")(
      "explain",
      "list each period in which a candidate's lines share one full-time week or fall below "
      "the minimum hours (text and json), and problems");
  po::variables_map vm;
  if (!parse_verb("sroi status [--contract ID | --supplier NAME | --buyer NAME] [--as-of DATE]",
                  args, opts, {}, vm))
    return 0;
  portfolio::StatusOptions o;
  o.filter = contract_filter(vm);
  o.as_of = date_option(vm, "as-of");
  o.notes = vm.count("explain") > 0;
  auto regions = load_regions(g);
  store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
  auto rows = portfolio::compute_status(reg, regions, o);
  if (o.filter.contract && rows.empty())
    throw DataError(SourceLocation{"--contract"}, "unknown contract '" + *o.filter.contract + "'");

  if (g.format == Format::Json) {
    JsonWriter j(std::cout);
    j.begin_array();
    for (const auto& s : rows) {
      j.begin_object();
      j.key("contract").value(s.record.contract.id);
      j.key("buyer").value(s.record.buyer);
      j.key("supplier").value(s.record.supplier);
      j.key("region").value(s.record.region.id);
      j.key("region_version");
      if (s.region)
        j.value(s.region->version);
      else
        j.null();
      j.key("as_of").value(o.as_of.iso());
      j.key("start").value(s.record.contract.start.iso());
      j.key("end").value(s.record.contract.end.iso());
      j.key("obligation_cents").value(s.obligation.amount.cents());
      j.key("offered_cents").value(s.offered.cents());
      j.key("realised_cents").value(s.realised.cents());
      j.key("surplus_cents").value(s.surplus.cents());
      j.key("shortfall_cents").value(s.shortfall.cents());
      j.key("forecast_cents").value(s.forecast.cents());
      j.key("penalty_cents").value(s.penalty.cents());
      j.key("penalty_from_contract").value(s.penalty_from_contract);
      j.key("at_risk").value(s.at_risk());
      j.key("risks").begin_array();
      for (const auto& r : s.risks) j.value(words(r));
      j.end_array();
      j.key("warnings").begin_array();
      for (const auto& w : s.warnings) j.value(words(w));
      j.end_array();
      j.key("lines").value(s.lines);
      j.key("provisional").value(s.provisional);
      j.key("reduced_lines").value(s.reduced);
      j.key("reductions").begin_array();
      for (const auto& r : s.reductions) j.value(words(r));
      j.end_array();
      j.key("problems").begin_array();
      for (const auto& p : s.problems) j.value(p);
      j.end_array();
      j.end_object();
    }
    j.end_array();
    return 0;
  }
  std::cout << "as of " << o.as_of.iso() << "\n";
  std::cout << "contract\tsupplier\tbuyer\tobligation\toffered\trealised\tsurplus\tshortfall\t"
               "forecast\tpenalty\tlines\n";
  Money tot_obl, tot_off, tot_real, tot_fc, tot_pen;
  for (const auto& s : rows) {
    std::cout << s.record.contract.id << (s.provisional ? " *" : "") << (s.at_risk() ? " !" : "")
              << '\t' << s.record.supplier << '\t' << s.record.buyer << '\t'
              << format_eur(s.obligation.amount) << '\t' << format_eur(s.offered) << '\t'
              << format_eur(s.realised) << '\t' << format_eur(s.surplus) << '\t'
              << format_eur(s.shortfall) << '\t' << format_eur(s.forecast) << '\t'
              << format_eur(s.penalty) << '\t' << s.lines << '\n';
    tot_obl += s.obligation.amount;
    tot_off += s.offered;
    tot_real += s.realised;
    tot_fc += s.forecast;
    tot_pen += s.penalty;
    for (const auto& r : s.risks) std::cout << "  at risk: " << words(r) << '\n';
    for (const auto& w : s.warnings) std::cout << "  warning: " << words(w) << '\n';
    if (vm.count("explain")) {
      for (const auto& r : s.reductions) std::cout << "  hours shared: " << words(r) << '\n';
      for (const auto& p : s.problems) std::cout << "  problem: " << p << '\n';
    } else if (s.reduced > 0 || !s.problems.empty()) {
      std::cout << "  (" << s.reduced << " lines share the candidate's full-time week or fall "
                << "below the minimum hours, " << s.problems.size()
                << " problems: see --explain)\n";
    }
  }
  std::cout << "total (" << rows.size() << " contracts)\t\t\t" << format_eur(tot_obl) << '\t'
            << format_eur(tot_off) << '\t' << format_eur(tot_real) << "\t\t\t" << format_eur(tot_fc)
            << '\t' << format_eur(tot_pen) << '\n';
  bool any_provisional = false, any_risk = false;
  for (const auto& s : rows) {
    any_provisional = any_provisional || s.provisional;
    any_risk = any_risk || s.at_risk();
  }
  if (any_risk) std::cout << "! at risk: the offer or the forecast is below the obligation\n";
  if (any_provisional)
    std::cout << "* uses provisional values (not published); see sroi offer/realisation "
                 "--explain\n";
  return 0;
}

}  // namespace sroi::cli
