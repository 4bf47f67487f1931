// SPDX-License-Identifier: EUPL-1.2
#include <filesystem>
#include <iostream>

#include "register_options.hpp"
#include "sroi/msg/cli_register.hpp"
#include "sroi/portfolio/figures.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/report/json_writer.hpp"
#include "sroi/report/text_table.hpp"

namespace sroi::cli {

namespace {

int add(const Globals& g, const std::vector<std::string>& files) {
  auto regions = load_regions(g);
  store::Register reg(g.db_path, store::Register::Access::ReadWrite, g.user);
  portfolio::KeepFigures keep(reg, regions, today());
  std::vector<std::string> all = expand_files(files, {".toml", ".xlsx"});
  std::size_t done = 0, failed = 0;
  // A folder of contracts goes in batches of up to 2,000 per transaction (each contract still
  // all or nothing): one commit per batch rather than per contract.
  constexpr std::size_t kBatch = 2000;
  const bool batched = all.size() > 1;
  if (batched) reg.begin_batch();
  for (const auto& f : all) {
    if (batched && done + failed > 0 && (done + failed) % kBatch == 0) {
      reg.commit_batch();
      reg.begin_batch();
    }
    try {
      portfolio::add_contract_file(reg, regions, f);
      ++done;
    } catch (const DataError& e) {
      print_problems(e.diagnostics(), e.remedy());
      ++failed;
    } catch (const store::StoreError& e) {
      std::cerr << printable(error_line(f + ": " + words(e.message()) + remedy_text(e.remedy())))
                << '\n';
      ++failed;
    }
    if (all.size() >= 1000 && (done + failed) % 1000 == 0)
      std::cerr << words(msg(Msg::CliProgress, static_cast<int64_t>(done + failed),
                             static_cast<int64_t>(all.size()),
                             Amount{Ratio(static_cast<int64_t>(all.size())), Counted::Files}))
                << '\n';
  }
  if (batched) reg.commit_batch();
  Amount added{Ratio(static_cast<int64_t>(done)), Counted::Contracts};
  std::cerr << (failed ? words(msg(Msg::CliAddedRefused, added, static_cast<int64_t>(failed)))
                       : words(msg(Msg::CliAdded, added)))
            << '\n';
  return failed ? 1 : 0;
}

int list(const Globals& g, const po::variables_map& vm) {
  store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
  portfolio::require_matches(reg, contract_filter(vm));
  auto contracts = reg.contracts(contract_filter(vm));
  auto offers = reg.offer_counts();
  auto lines = reg.line_counts();
  if (g.format == Format::Json) {
    JsonWriter j(std::cout);
    j.begin_array();
    for (const auto& c : contracts) {
      j.begin_object();
      j.key("contract").value(c.contract.id);
      j.key("buyer").value(c.buyer);
      j.key("supplier").value(c.supplier);
      j.key("region").value(c.region.id);
      j.key("region_version");
      if (c.region.version)
        j.value(*c.region.version);
      else
        j.null();
      j.key("value_cents").value(c.contract.value.cents());
      j.key("start").value(c.contract.start.iso());
      j.key("end").value(c.contract.end.iso());
      j.key("offers").value(offers[c.contract.id]);
      j.key("realisation_lines").value(lines[c.contract.id]);
      j.end_object();
    }
    j.end_array();
    return 0;
  }
  // Aligned columns, dates as the user writes them, values and counts to the right.
  TextTable t({4, 7, 8});
  t.row(split_tabs(words(msg(Msg::ContractListColumns))));
  for (const auto& c : contracts)
    t.row({c.contract.id, c.buyer, c.supplier,
           c.region.id + (c.region.version ? "@" + *c.region.version : ""),
           format_eur(c.contract.value), words(msg(Msg::Value, c.contract.start)),
           words(msg(Msg::Value, c.contract.end)), std::to_string(offers[c.contract.id]),
           std::to_string(lines[c.contract.id])});
  t.print(std::cout);
  return 0;
}

}  // namespace

int cmd_contract(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi contract options");
  opts.add_options()("action", po::value<std::string>()->required(), "add or list")(
      "files", po::value<std::vector<std::string>>(),
      "contract files (add): TOML or filled offer workbooks (.xlsx), or directories");
  add_filter_options(opts);
  po::positional_options_description pos;
  pos.add("action", 1).add("files", -1);
  po::variables_map vm;
  if (!parse_verb("sroi contract add FILE.toml|FILE.xlsx... | sroi contract list [--supplier S] "
                  "[--buyer B]",
                  args, opts, pos, vm))
    return 0;
  std::string action = vm["action"].as<std::string>();
  if (action == "add") {
    if (!vm.count("files")) throw UsageError(msg(Msg::UsageContractAddNeedsFile));
    return add(g, vm["files"].as<std::vector<std::string>>());
  }
  if (action == "list") return list(g, vm);
  throw UsageError(
      msg(Msg::UsageUnknownAction, as_is(action), as_is("sroi contract"), as_is("add, list")));
}

}  // namespace sroi::cli
