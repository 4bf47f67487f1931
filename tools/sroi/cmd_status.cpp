// SPDX-License-Identifier: EUPL-1.2
#include <future>
#include <iostream>
#include <optional>
#include <set>

#include "register_options.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/report/register/tables.hpp"

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
  if (o.filter.contract && !o.filter.supplier && !o.filter.buyer && !o.notes) {
    // One contract: its stored figures, with only its region's models parsed, when they hold.
    // The models' folder is read while the register opens (on a server: loading libpq and
    // the server starting a process take a few milliseconds).
    std::future<config::RegionFolder> folder = std::async(std::launch::async, [&] {
      return config::RegionFolder::read(g.regions_dir, g.catalogue_dir);
    });
    store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
    std::optional<config::RegionSet> some;
    auto rows = portfolio::stored_contract_status(
        reg, o,
        [&](const std::set<std::string>& ids) {
          return config::RegionSet::load_only(folder.get(), ids);
        },
        some);
    if (rows) {
      render_status(std::cout, *rows, o.as_of, g.format, explain_detail(vm));
      return 0;
    }
    portfolio::require_matches(reg, o.filter);
    // Every model, from the folder read already unless only some were parsed from it; the
    // rows point into them.
    config::RegionSet regions =
        folder.valid() ? config::RegionSet::load_or_throw(folder.get()) : load_regions(g);
    render_status(std::cout, portfolio::compute_status(reg, regions, o), o.as_of, g.format,
                  explain_detail(vm));
    return 0;
  }
  auto [regions, opened] = load_regions_and_register(g, store::Register::Access::ReadOnly);
  store::Register& reg = *opened;
  portfolio::require_matches(reg, o.filter);
  if (!o.notes) {
    auto rows = portfolio::compute_status(reg, regions, o);
    render_status(std::cout, rows, o.as_of, g.format, explain_detail(vm));
    return 0;
  }
  // With --explain the rows come from the stored figures first, and each part of them is
  // valued afresh with its notes just before it is printed: a whole register's notes are never
  // held at once.
  portfolio::StatusOptions rows_only = o;
  rows_only.notes = false;
  auto rows = portfolio::compute_status(reg, regions, rows_only);
  render_status(std::cout, rows, o.as_of, g.format, explain_detail(vm),
                [&](std::span<portfolio::ContractStatus> part) {
                  return portfolio::add_notes(reg, regions, o, part);
                });
  return 0;
}

}  // namespace sroi::cli
