// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "register_options.hpp"
#include "sroi/forms/forms.hpp"
#include "sroi/io/text_input.hpp"
#include "sroi/msg/cli.hpp"
#include "sroi/msg/cli_verbs.hpp"
#include "sroi/msg/register.hpp"
#include "sroi/msg/usage.hpp"
#include "xlsx_options.hpp"

namespace sroi::cli {

int cmd_template(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi template options");
  opts.add_options()("kind", po::value<std::string>()->required(),
                     "offer (the live offer workbook) or realisation (candidates and periods)")(
      "region", po::value<std::string>(),
      "the region, optionally at a version: oost-nederland or utrecht@2019")(
      "contract", po::value<std::string>(),
      "a contract of the register: its fields come filled in and its region is used");
  add_xlsx_options(opts);
  po::positional_options_description pos;
  pos.add("kind", 1);
  po::variables_map vm;
  if (!parse_verb("sroi template offer|realisation --region REGION[@VERSION] | --contract ID "
                  "--xlsx OUT.xlsx [--force]\n\nA workbook to fill in instead of a TOML or CSV "
                  "file. An offer: the contract's fields, one row per line with a drop-down of "
                  "the region's blocks, and each line's value, the obligation, the total and "
                  "the shortfall computed live as it is filled in (the same workbook as 'sroi "
                  "publish'). A realisation: the contract's fields and one row per candidate's "
                  "line. With --contract the contract's fields come filled in from the register "
                  "(SROI_DB or --db). Read it back with 'sroi offer OUT.xlsx' (--save attaches "
                  "it to its contract), 'sroi contract add OUT.xlsx', 'sroi bids', 'sroi "
                  "realisation OUT.xlsx' or 'sroi import OUT.xlsx --contract ID'.",
                  args, opts, pos, vm))
    return 0;
  std::string kind = vm["kind"].as<std::string>();
  if (kind != "offer" && kind != "realisation" && kind != "aanbieding" && kind != "realisatie")
    throw UsageError(msg(Msg::UsageTemplateKind, as_is(kind)));
  if (!vm.count("xlsx"))
    throw UsageError(msg(Msg::UsageNeeds, as_is("--xlsx OUT.xlsx"), as_is("sroi template --help")));
  if (!vm.count("region") && !vm.count("contract"))
    throw UsageError(msg(Msg::UsageNeeds, as_is("--region REGION or --contract ID"),
                         as_is("sroi template --help")));
  xlsx::WriteOptions options = xlsx_options(vm, g);
  auto set = load_regions(g);
  // A contract of the register fills in its fields and names its region (a --region given as
  // well must be the same region).
  std::optional<forms::Prefill> fill;
  std::vector<OfferLine> offered;  ///< the contract's latest offer, if any
  RegionChoice choice;
  if (vm.count("contract")) {
    store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
    std::string id = io::normalise_id(vm["contract"].as<std::string>());
    // The id as written (one indexed read); else in any case, as the other register verbs
    // take it, when that names exactly one contract.
    auto record = reg.contract(id);
    if (!record) {
      auto found = reg.contracts(store::ContractFilter{id, {}, {}});
      if (found.size() == 1) record = std::move(found.front());
    }
    if (!record)
      throw DataError(SourceLocation{"--contract"}, msg(Msg::UnknownContract, as_is(id)),
                      Remedy::AddContract);
    fill = forms::Prefill{record->supplier, record->buyer, record->contract, record->pso};
    auto latest = reg.latest_offers(std::vector<std::string>{record->contract.id});
    if (auto it = latest.find(record->contract.id); it != latest.end()) offered = it->second;
    choice = record->region;
  }
  if (vm.count("region")) {
    RegionChoice given = config::parse_region_choice(vm["region"].as<std::string>());
    given.where = SourceLocation{"--region"};
    if (fill && given.id != choice.id)
      throw DataError(given.where, msg(Msg::TemplateRegionNotContracts, as_is(given.id),
                                       as_is(fill->contract.id), as_is(choice.id)));
    choice = given;
  }
  const Region& region =
      set.resolve(choice, fill ? std::optional<Date>(fill->contract.start) : std::nullopt);
  std::string out = xlsx_path(vm);
  bool offer = kind == "offer" || kind == "aanbieding";
  if (offer && fill) {
    // The contract's offer workbook: its fields and its latest offer's lines filled in, to
    // change and hand in again.
    Offer o;
    o.region = choice;
    o.supplier = fill->supplier;
    o.buyer = fill->buyer;
    o.contract = fill->contract;
    o.pso = fill->pso;
    o.lines = std::move(offered);
    forms::write_offer_workbook(region, out, options, &o);
  } else if (offer)
    forms::write_offer_workbook(region, out, options);
  else
    forms::write_realisation_template(region, out, options, fill ? &*fill : nullptr);
  std::cerr << printable(words(msg(Msg::CliWrote, as_is(out), as_is(region.label())))) << '\n';
  return 0;
}

}  // namespace sroi::cli
