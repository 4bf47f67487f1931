// SPDX-License-Identifier: EUPL-1.2
// sroi db copy --from REGISTER --to REGISTER: a register moved between stores (an SQLite file
// into a shared PostgreSQL database, or back), audit chain and figures as they are.

#include <iostream>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "sroi/msg/cli_register.hpp"
#include "sroi/msg/usage.hpp"
#include "sroi/store/register.hpp"

namespace sroi::cli {

int db_copy(const Globals& g, const po::variables_map& vm) {
  std::string from = vm.count("from") ? vm["from"].as<std::string>() : g.db_path;
  if (!vm.count("to"))
    throw UsageError(
        msg(Msg::UsageNeeds, as_is("--to postgresql://… or FILE"), as_is("sroi db --help")));
  std::string to = vm["to"].as<std::string>();
  store::Counts c;
  {
    ProgressLine progress(g);
    c = store::Register::copy(from, to, g.user, [&](const std::string& table, int64_t rows) {
      progress.show(msg(Msg::CopyProgress, as_is(table), Count{rows}));
    });
  }
  std::string shown_from = store::shown_location(from), shown_to = store::shown_location(to);
  if (g.format == Format::Json)
    std::cout << nlohmann::ordered_json{{"from", shown_from},       {"to", shown_to},
                                        {"contracts", c.contracts}, {"offers", c.offers},
                                        {"imports", c.imports},     {"lines", c.lines},
                                        {"audit_entries", c.audit}}
                     .dump(2)
              << '\n';
  else
    std::cout << words(msg(Msg::CopyDone, as_is(shown_from), as_is(shown_to), Count{c.contracts},
                           Count{c.lines}, Count{c.audit}))
              << '\n';
  return 0;
}

}  // namespace sroi::cli
