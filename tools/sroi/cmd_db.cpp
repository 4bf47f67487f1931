// SPDX-License-Identifier: EUPL-1.2
#include <iostream>

#include "common.hpp"

namespace sroi::cli {

int cmd_db(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi db options");
  opts.add_options()("action", po::value<std::string>()->required(), "init or info");
  po::positional_options_description pos;
  pos.add("action", 1);
  po::variables_map vm;
  if (!parse_verb("sroi [--db PATH] db init|info", args, opts, pos, vm)) return 0;
  std::string action = vm["action"].as<std::string>();
  if (action == "init") {
    store::Register reg(g.db_path, /*create=*/true, g.user);
    reg.note_init();
    if (g.format == Format::Json)
      std::cout << "{\n  \"db\": \"" << g.db_path
                << "\",\n  \"schema_version\": " << reg.schema_version() << "\n}\n";
    else
      std::cout << "initialised " << g.db_path << " (schema version " << reg.schema_version()
                << ")\n";
    return 0;
  }
  if (action != "info") throw UsageError("unknown db action '" + action + "' (known: init, info)");
  store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
  store::Counts c = reg.counts();
  std::string integrity = reg.integrity();
  if (g.format == Format::Json) {
    std::cout << "{\n  \"db\": \"" << g.db_path
              << "\",\n  \"schema_version\": " << reg.schema_version()
              << ",\n  \"contracts\": " << c.contracts << ",\n  \"offers\": " << c.offers
              << ",\n  \"imports\": " << c.imports << ",\n  \"realisation_lines\": " << c.lines
              << ",\n  \"audit_entries\": " << c.audit << ",\n  \"integrity\": \""
              << (integrity == "ok" ? "ok" : "damaged") << "\"\n}\n";
  } else {
    std::cout << g.db_path << ": schema version " << reg.schema_version() << "\n"
              << "  contracts          " << c.contracts << "\n"
              << "  offers             " << c.offers << "\n"
              << "  imports            " << c.imports << "\n"
              << "  realisation lines  " << c.lines << "\n"
              << "  audit entries      " << c.audit << "\n"
              << "  integrity          " << integrity << "\n";
  }
  return integrity == "ok" ? 0 : 1;
}

}  // namespace sroi::cli
