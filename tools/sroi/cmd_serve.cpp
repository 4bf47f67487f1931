// SPDX-License-Identifier: EUPL-1.2
// `sroi serve`: the portal. It is a program of its own, sroi-portal (this file compiled with
// SROI_PORTAL_PROGRAM, with the web server): sroi reads the verb's options, so that its help,
// manual and completion know them, and then runs sroi-portal with the same arguments. The web
// server's library sets up OpenSSL as it loads, which cost every other command 1.5 ms.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "sroi/msg/cli.hpp"
#include "sroi/msg/cli_register.hpp"
#ifdef SROI_PORTAL_PROGRAM
#include "sroi/portal/routes.hpp"
#include "sroi/portal/server.hpp"
#include "sroi/report/text_table.hpp"
#include "sroi/store/register.hpp"
#endif

namespace sroi::cli {
namespace {

#ifndef SROI_PORTAL_PROGRAM
/// Runs sroi-portal in this process's place with this process's arguments: found beside sroi
/// (a build tree, or a program installed by hand) or in ../libexec/sroi (the package).
int run_portal_program() {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const fs::path beside = self.parent_path() / "sroi-portal";
  const fs::path packaged = self.parent_path().parent_path() / "libexec" / "sroi" / "sroi-portal";
  std::vector<std::string> args = program_arguments();
  for (const fs::path& program : {beside, packaged}) {
    if (ec || ::access(program.c_str(), X_OK) != 0) continue;
    args.at(0) = program.string();
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());  // returns only when it could not run
  }
  throw Error(msg(Msg::PortalProgramMissing, as_is(beside.string()),
                  as_is(packaged.parent_path().string())));
}
#else

/// The route table, as the frame enforces it: one line per route (or JSON for the tests).
void print_routes(Format f) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  TextTable t({5});
  // Headings in the reader's language; the values are the rule names docs/portal.md explains.
  t.row({words(msg(Msg::RoutesMethod)), words(msg(Msg::RoutesPath)), words(msg(Msg::RoutesAccess)),
         words(msg(Msg::RoutesRoles)), words(msg(Msg::RoutesOwner)),
         words(msg(Msg::RoutesMaxBody))});
  for (const auto& r : portal::route_table()) {
    std::vector<std::string> roles;
    for (auto role : r.rule.roles) roles.push_back(store::role_id(role));
    std::string joined;
    for (const auto& x : roles) joined += (joined.empty() ? "" : ",") + x;
    all.push_back({{"method", r.method},
                   {"path", r.path},
                   {"access", portal::access_id(r.rule.access)},
                   {"roles", roles},
                   {"owner", portal::owner_id(r.rule.owner)},
                   {"max_body", r.rule.max_body}});
    t.row({r.method, r.path, portal::access_id(r.rule.access), joined.empty() ? "*" : joined,
           portal::owner_id(r.rule.owner), std::to_string(r.rule.max_body)});
  }
  if (f == Format::Json)
    std::cout << all.dump(2) << '\n';
  else
    t.print(std::cout);
}

/// Where the portal keeps its register and regions: --db, or the data folder's sroi.db unless
/// the register is shared (PostgreSQL); the data folder's regions and catalogue when present
/// (the portal may then write region versions there).
Globals take_data_dir(const Globals& g, const po::variables_map& vm, portal::ServeOptions& o) {
  Globals where_from = g;
  if (vm.count("data-dir"))
    where_from = in_data_dir(g, vm["data-dir"].as<std::string>(), &o.regions_writable);
  o.db_path = where_from.db_path;
  o.regions_dir = where_from.regions_dir;
  o.catalogue_dir = where_from.catalogue_dir;
  return where_from;
}

/// The sign-in's lifetime, the connections per address and the trusted proxies, each checked
/// against its range; and the settings tests give through the environment.
void take_limits(const po::variables_map& vm, portal::ServeOptions& o) {
  int minutes = vm["session-minutes"].as<int>();
  if (minutes < 1 || minutes > 7 * 24 * 60)
    throw UsageError(msg(Msg::UsageSessionMinutes, int64_t{minutes}));
  o.session_lifetime = std::chrono::minutes(minutes);
  int per_address = vm["connections-per-address"].as<int>();
  if (per_address < 1 || per_address > 100000)
    throw UsageError(msg(Msg::UsageConnectionsPerAddress, int64_t{per_address}));
  o.gate.per_address = per_address;
  if (vm.count("trusted-proxy")) {
    for (const auto& a : vm["trusted-proxy"].as<std::vector<std::string>>()) {
      auto address = portal::address_text(a);
      if (!address) throw UsageError(msg(Msg::UsageProxyAddress, as_is(a)));
      o.gate.trusted_proxies.push_back(*address);
    }
  }
  // Tests shorten a sign-in to seconds, to see it expire.
  if (const char* s = std::getenv("SROI_SESSION_SECONDS"))
    o.session_lifetime = std::chrono::seconds(std::max(1, std::atoi(s)));
  // Tests see the progress page of any import with 0.
  if (const char* s = std::getenv("SROI_ANSWER_WITHIN_MS"))
    o.answer_within = std::chrono::milliseconds(std::max(0, std::atoi(s)));
  if (std::getenv("SROI_TODAY")) o.today = today();
}

#endif

}  // namespace

int cmd_serve(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi serve options");
  opts.add_options()("listen", po::value<std::string>()->default_value("127.0.0.1:8080"),
                     "address and port to listen on; the default takes connections from this "
                     "machine only (put a TLS reverse proxy in front for others)")(
      "secure-cookies", "mark cookies Secure (behind a TLS reverse proxy)")(
      "session-minutes", po::value<int>()->default_value(480),
      "how long a sign-in lasts, in minutes")(
      "data-dir", po::value<std::string>(),
      "the portal's folder: DIR/sroi.db is the register, and DIR/regions with "
      "DIR/buildingblocks, when present, the region models (else the shipped ones)")(
      "log-requests",
      "one line per request on standard error: time, address, method, path, status, "
      "milliseconds (never a cookie or a form field)")(
      "connections-per-address", po::value<int>()->default_value(64),
      "open connections one address may hold (an office behind one address shares them)")(
      "trusted-proxy", po::value<std::vector<std::string>>(),
      "address of a reverse proxy in front (repeatable): its X-Forwarded-For names the "
      "caller, for the sign-in throttle and the log, and it is not limited per address")(
      "check", "verify the set-up (register, regions, an active account) and stop")(
      "routes", "print the route table: each path with who may call it, and stop");
  po::variables_map vm;
  if (!parse_verb("sroi serve [--listen ADDRESS:PORT] [--db PATH | --data-dir DIR] "
                  "[--secure-cookies] [--session-minutes N] [--log-requests] "
                  "[--connections-per-address N] [--trusted-proxy ADDRESS]... [--check] "
                  "[--routes]",
                  args, opts, {}, vm))
    return 0;
#ifndef SROI_PORTAL_PROGRAM
  (void)g;
  return run_portal_program();
#else
  if (vm.count("routes")) {
    print_routes(g.format);
    return 0;
  }
  portal::ServeOptions o;
  std::string listen = vm["listen"].as<std::string>();
  auto where = portal::parse_listen(listen);
  if (!where) throw UsageError(msg(Msg::PortalBadListen, as_is(listen)));
  o.host = where->first;
  o.port = where->second;
  Globals where_from = take_data_dir(g, vm, o);
  o.secure_cookies = vm.count("secure-cookies") > 0;
  o.log_requests = vm.count("log-requests") > 0;
  take_limits(vm, o);
  auto regions = load_regions(where_from);
  if (vm.count("check")) {
    std::cout << printable(words(portal::check_setup(o, regions))) << '\n';
    return 0;
  }
  portal::serve(o, std::move(regions),
                [](const Message& m) { std::cerr << words(m) << std::endl; });
  return 0;
#endif
}

}  // namespace sroi::cli
