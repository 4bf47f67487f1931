// SPDX-License-Identifier: EUPL-1.2
#include <iostream>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "sroi/report/json_writer.hpp"

namespace sroi::cli {

int cmd_db(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi db options");
  opts.add_options()("action", po::value<std::string>()->required(), "init, info or verify");
  po::positional_options_description pos;
  pos.add("action", 1);
  po::variables_map vm;
  if (!parse_verb("sroi [--db PATH] db init|info|verify\n"
                  "init: create (or migrate) the register; info: counts, integrity and the "
                  "audit chain; verify: check that no audit entry was changed, removed or "
                  "inserted, naming the first that was",
                  args, opts, pos, vm))
    return 0;
  std::string action = vm["action"].as<std::string>();
  if (action == "init") {
    store::Register reg(g.db_path, store::Register::Access::Create, g.user);
    reg.note_init();
    if (g.format == Format::Json)
      std::cout << nlohmann::ordered_json{{"db", g.db_path},
                                          {"schema_version", reg.schema_version()}}
                       .dump(2)
                << '\n';
    else
      std::cout << words(msg(Msg::CliInitialised, as_is(g.db_path),
                             static_cast<int64_t>(reg.schema_version())))
                << '\n';
    return 0;
  }
  if (action != "info" && action != "verify")
    throw UsageError(
        msg(Msg::UsageUnknownAction, as_is(action), as_is("sroi db"), as_is("init, info, verify")));
  store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
  int64_t entries = 0;
  std::optional<store::AuditBreak> broken = reg.verify_audit(&entries);
  std::string chain =
      broken ? "broken at entry " + std::to_string(broken->entry) + ": " + words(broken->why)
             : "ok (" + std::to_string(entries) + " entries chained)";
  if (action == "verify") {
    if (g.format == Format::Json) {
      JsonWriter j(std::cout);
      j.begin_object();
      j.key("db").value(g.db_path);
      j.key("audit_entries").value(entries);
      j.key("audit_chain").value(broken ? "broken" : "ok");
      j.key("first_broken_entry");
      broken ? j.value(broken->entry) : j.null();
      j.key("why");
      broken ? j.value(words(broken->why)) : j.null();
      j.end_object();
    } else {
      std::cout << g.db_path << ": audit log " << chain << '\n';
    }
    return broken ? 1 : 0;
  }
  store::Counts c = reg.counts();
  std::vector<Message> damage = reg.integrity();
  std::string integrity = "ok";
  if (!damage.empty()) {
    integrity.clear();
    for (const auto& d : damage) integrity += (integrity.empty() ? "" : "\n") + words(d);
  }
  bool ok = damage.empty() && !broken;
  if (g.format == Format::Json) {
    JsonWriter j(std::cout);
    j.begin_object();
    j.key("db").value(g.db_path);
    j.key("schema_version").value(reg.schema_version());
    j.key("contracts").value(c.contracts);
    j.key("offers").value(c.offers);
    j.key("imports").value(c.imports);
    j.key("realisation_lines").value(c.lines);
    j.key("audit_entries").value(c.audit);
    j.key("integrity").value(damage.empty() ? "ok" : "damaged");
    j.key("audit_chain").value(broken ? "broken" : "ok");
    j.end_object();
  } else {
    std::cout << g.db_path << ": schema version " << reg.schema_version() << "\n"
              << "  contracts          " << c.contracts << "\n"
              << "  offers             " << c.offers << "\n"
              << "  imports            " << c.imports << "\n"
              << "  realisation lines  " << c.lines << "\n"
              << "  audit entries      " << c.audit << "\n"
              << "  integrity          " << integrity << "\n"
              << "  audit chain        " << chain << "\n";
  }
  return ok ? 0 : 1;
}

}  // namespace sroi::cli
