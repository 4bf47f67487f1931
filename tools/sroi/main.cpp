// SPDX-License-Identifier: EUPL-1.2
// sroi: one binary, verbs like git. Global options come before the verb; the rest of the
// command line goes to the verb's own parser.
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "common.hpp"
#include "sroi/error.hpp"
#include "sroi/model/similar.hpp"
#include "sroi/msg/cli.hpp"
#include "sroi/msg/usage.hpp"
#include "sroi/store/hash.hpp"
#include "sroi/store/register.hpp"
#include "version.hpp"

namespace sroi::cli {
int cmd_check(const Globals&, const std::vector<std::string>&);
int cmd_regions(const Globals&, const std::vector<std::string>&);
int cmd_blocks(const Globals&, const std::vector<std::string>&);
int cmd_obligation(const Globals&, const std::vector<std::string>&);
int cmd_offer(const Globals&, const std::vector<std::string>&);
int cmd_bids(const Globals&, const std::vector<std::string>&);
int cmd_kpi(const Globals&, const std::vector<std::string>&);
int cmd_user(const Globals&, const std::vector<std::string>&);
int cmd_token(const Globals&, const std::vector<std::string>&);
int cmd_serve(const Globals&, const std::vector<std::string>&);
int cmd_realisation(const Globals&, const std::vector<std::string>&);
int cmd_check_file(const Globals&, const std::vector<std::string>&);
int cmd_publish(const Globals&, const std::vector<std::string>&);
int cmd_template(const Globals&, const std::vector<std::string>&);
int cmd_db(const Globals&, const std::vector<std::string>&);
int cmd_contract(const Globals&, const std::vector<std::string>&);
int cmd_import(const Globals&, const std::vector<std::string>&);
int cmd_imports(const Globals&, const std::vector<std::string>&);
int cmd_status(const Globals&, const std::vector<std::string>&);
int cmd_due(const Globals&, const std::vector<std::string>&);
int cmd_remind(const Globals&, const std::vector<std::string>&);
int cmd_settle(const Globals&, const std::vector<std::string>&);
int cmd_report(const Globals&, const std::vector<std::string>&);
int cmd_export(const Globals&, const std::vector<std::string>&);
int cmd_compare(const Globals&, const std::vector<std::string>&);
int cmd_diff(const Globals&, const std::vector<std::string>&);
int cmd_harmonise(const Globals&, const std::vector<std::string>&);
int cmd_manual(const Globals&, const std::vector<std::string>&);
int cmd_completion(const Globals&, const std::vector<std::string>&);
}  // namespace sroi::cli

namespace {

/// Who runs the program, for the audit log: $USER, else $LOGNAME, else the account of the
/// process (a service or container often sets neither variable), else "unknown".
std::string login_name() {
  for (const char* var : {"USER", "LOGNAME"})
    if (const char* v = std::getenv(var); v && *v) return v;
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
  return "unknown";
}

using namespace sroi;
using namespace sroi::cli;
namespace fs = std::filesystem;

const Command kCommands[] = {
    {"check", Msg::VerbCheck, cmd_check},
    {"regions", Msg::VerbRegions, cmd_regions},
    {"blocks", Msg::VerbBlocks, cmd_blocks},
    {"obligation", Msg::VerbObligation, cmd_obligation},
    {"offer", Msg::VerbOffer, cmd_offer},
    {"bids", Msg::VerbBids, cmd_bids},
    {"realisation", Msg::VerbRealisation, cmd_realisation},
    {"check-file", Msg::VerbCheckFile, cmd_check_file},
    {"publish", Msg::VerbPublish, cmd_publish},
    {"template", Msg::VerbTemplate, cmd_template},
    {"db", Msg::VerbDb, cmd_db},
    {"contract", Msg::VerbContract, cmd_contract},
    {"import", Msg::VerbImport, cmd_import},
    {"imports", Msg::VerbImports, cmd_imports},
    {"status", Msg::VerbStatus, cmd_status},
    {"due", Msg::VerbDue, cmd_due},
    {"remind", Msg::VerbRemind, cmd_remind},
    {"settle", Msg::VerbSettle, cmd_settle},
    {"report", Msg::VerbReport, cmd_report},
    {"kpi", Msg::VerbKpi, cmd_kpi},
    {"export", Msg::VerbExport, cmd_export},
    {"compare", Msg::VerbCompare, cmd_compare},
    {"diff", Msg::VerbDiff, cmd_diff},
    {"harmonise", Msg::VerbHarmonise, cmd_harmonise},
    {"user", Msg::VerbUser, cmd_user},
    {"token", Msg::VerbToken, cmd_token},
    {"serve", Msg::VerbServe, cmd_serve},
    {"manual", Msg::VerbManual, cmd_manual},
    {"completion", Msg::VerbCompletion, cmd_completion},
};

/// The language the environment asks for. Dutch first: English only when $LANGUAGE's first
/// entry, or else the first of $LC_ALL, $LC_MESSAGES and $LANG that is set, starts with "en"
/// (C, POSIX and nothing at all are Dutch).
Lang environment_language() {
  for (const char* var : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(var);
    if (!value || !*value) continue;
    std::string v(value);
    if (v.rfind("en", 0) == 0) return Lang::En;
    if (v.rfind("nl", 0) == 0 || std::string(var) != "LANGUAGE") return Lang::Nl;
  }
  return Lang::Nl;
}

/// The language of `sroi --help`, before the options are parsed: --lang as given, else the
/// environment's.
Lang help_language(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string value = a == "--lang" && i + 1 < argc ? argv[i + 1]
                        : a.rfind("--lang=", 0) == 0  ? a.substr(7)
                                                      : "";
    if (value == "en") return Lang::En;
    if (value == "nl") return Lang::Nl;  // another value is refused later, in this language
  }
  return environment_language();
}

/// The shipped regions/: beside the current directory, beside the installed binary, or in the
/// source tree the binary was built from.
std::string default_regions_dir() {
  if (const char* env = std::getenv("SROI_REGIONS_DIR"); env && *env) return env;
  if (fs::is_directory("regions") && fs::is_directory("buildingblocks")) return "regions";
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
      if (fs::is_directory(p / "regions") && fs::is_directory(p / "buildingblocks"))
        return p / "regions";
      if (fs::is_directory(p / "share/sroi/regions")) return p / "share/sroi/regions";
    }
  }
  return fs::path(SROI_SOURCE_DIR) / "regions";
}

/// The catalogue beside a regions folder (regions/../buildingblocks); for a folder of your own
/// regions without one, the shipped catalogue (they map to it).
std::string catalogue_beside(const std::string& regions_dir) {
  fs::path beside = fs::path(regions_dir).lexically_normal().parent_path() / "buildingblocks";
  if (fs::is_directory(beside)) return beside.string();
  return (fs::path(default_regions_dir()).parent_path() / "buildingblocks").string();
}

void print_help(const po::options_description& globals, Lang lang) {
  std::cout << text::word(Msg::HelpTitle, lang) << "\n\n"
            << text::word(Msg::HelpUsage, lang) << "\n\n"
            << text::word(Msg::HelpVerbs, lang) << '\n';
  for (const auto& c : kCommands) {
    std::string name = c.name;
    std::cout << "  " << name << std::string(13 - name.size(), ' ') << text::word(c.summary, lang)
              << '\n';
  }
  std::cout << '\n' << globals << '\n' << text::word(Msg::HelpFooter, lang) << '\n';
}

/// The global options and the verb with its own arguments, as given.
struct Parsed {
  po::variables_map vm;
  std::vector<std::string> rest;  ///< the verb's arguments
};

Parsed parse_globals(int argc, char** argv, const po::options_description& globals) {
  po::options_description hidden;
  hidden.add_options()("verb", po::value<std::string>())("args",
                                                         po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(globals).add(hidden);
  po::positional_options_description pos;
  pos.add("verb", 1).add("args", -1);
  Parsed p;
  try {
    po::parsed_options parsed =
        po::command_line_parser(argc, argv)
            .options(all)
            .positional(pos)
            .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
            .allow_unregistered()
            .run();
    po::store(parsed, p.vm);
    p.rest = po::collect_unrecognized(parsed.options, po::include_positional);
  } catch (const po::error& e) {
    throw UsageError(usage_problem(e, "sroi", pos.max_total_count()));
  }
  return p;
}

/// The language (first, so that every message after it is in it) and the output format.
void take_language_and_format(const po::variables_map& vm, const std::string& verb, Globals& g) {
  if (vm.count("lang")) {
    std::string lang = vm["lang"].as<std::string>();
    if (lang != "nl" && lang != "en")
      throw UsageError(msg(Msg::UsageUnknownValue, phrase(msg(Msg::WordLanguage)), as_is(lang),
                           as_is("nl, en")));
    g.lang_given = lang == "nl" ? Lang::Nl : Lang::En;
  }
  g.lang = g.lang_given.value_or(environment_language());
  set_output_language(g.lang);
  std::string fmt = vm["format"].as<std::string>();
  if (fmt == "json") {
    g.format = Format::Json;
    set_output_places(text::Places::ForEditors);  // scripts read "file:line:col"
  } else if (fmt == "csv" && verb == "export") {
    g.format = Format::Csv;
  } else if (fmt != "text") {
    throw UsageError(
        msg(Msg::UsageUnknownValue, phrase(msg(Msg::WordFormat)), as_is(fmt),
            as_is(verb == "export" ? "text, json, csv" : "text, json; csv for export")));
  }
}

/// The register, the user, the audit key and the folders of regions and catalogue.
void take_places(const po::variables_map& vm, Globals& g) {
  // An empty option is a mistake to name; an empty variable is as if it were not set.
  for (const char* name : {"db", "user", "regions-dir", "catalogue-dir", "audit-key-file"})
    if (vm.count(name) && vm[name].as<std::string>().empty())
      throw UsageError(msg(Msg::UsageEmptyOption, as_is(std::string("--") + name)));
  g.db_path = vm.count("db") ? vm["db"].as<std::string>() : store::default_db_path();
  const char* key_env = std::getenv("SROI_AUDIT_KEY_FILE");
  std::string key_file = vm.count("audit-key-file") ? vm["audit-key-file"].as<std::string>()
                         : key_env                  ? key_env
                                                    : "";
  if (!key_file.empty()) store::use_audit_key(store::read_audit_key_file(key_file));
  g.user = vm.count("user") ? vm["user"].as<std::string>() : login_name();
  g.regions_dir =
      vm.count("regions-dir") ? vm["regions-dir"].as<std::string>() : default_regions_dir();
  g.catalogue_dir = vm.count("catalogue-dir") ? vm["catalogue-dir"].as<std::string>()
                                              : catalogue_beside(g.regions_dir);
  if (!fs::is_directory(g.regions_dir))
    throw UsageError(msg(Msg::UsageNoRegionsFolder, as_is(fs::absolute(g.regions_dir).string())));
  if (!fs::is_directory(g.catalogue_dir))
    throw UsageError(msg(Msg::UsageNoCatalogue, as_is(fs::absolute(g.catalogue_dir).string())));
}

/// A verb sroi does not know, with the nearest one it does.
[[noreturn]] void unknown_verb(const std::string& verb) {
  std::string best;
  std::size_t best_d = 3;
  for (const auto& c : kCommands)
    if (std::size_t d = edit_distance(verb, c.name); d < best_d) best_d = d, best = c.name;
  throw UsageError(best.empty() ? msg(Msg::UsageUnknownVerb, as_is(verb))
                                : msg(Msg::UsageUnknownVerbMaybe, as_is(verb), as_is(best)));
}

int run(int argc, char** argv) {
  set_program_arguments(argc, argv);
  const Lang help_lang = help_language(argc, argv);
  set_output_language(help_lang);  // errors before the options are read speak it too
  po::options_description globals = global_options(help_lang);
  auto [vm, rest] = parse_globals(argc, argv, globals);
  if (vm.count("version")) {
    std::string regions =
        vm.count("regions-dir") ? vm["regions-dir"].as<std::string>() : default_regions_dir();
    std::string catalogue = vm.count("catalogue-dir") ? vm["catalogue-dir"].as<std::string>()
                                                      : catalogue_beside(regions);
    print_version(std::cout, vm["format"].as<std::string>() == "json" ? Format::Json : Format::Text,
                  regions, catalogue);
    return 0;
  }
  if (!vm.count("verb")) {
    print_help(globals, help_lang);
    return vm.count("help") ? 0 : 2;
  }
  std::string verb = vm["verb"].as<std::string>();
  if (!rest.empty() && rest.front() == verb) rest.erase(rest.begin());
  if (vm.count("help")) rest.push_back("--help");
  Globals g;
  take_language_and_format(vm, verb, g);
  take_places(vm, g);
  fix_clock_from_environment();
  for (const auto& c : kCommands)
    if (verb == c.name) return c.run(g, rest);
  unknown_verb(verb);
}

}  // namespace

namespace sroi::cli {

std::span<const Command> commands() { return kCommands; }

po::options_description global_options(Lang lang) {
  auto say = [&](MsgId id) { return text::word(id, lang); };
  po::options_description globals(say(Msg::HelpGlobalOptions));
  globals.add_options()("help,h", say(Msg::OptHelp))("version", say(Msg::OptVersion))(
      "regions-dir", po::value<std::string>(), say(Msg::OptRegionsDir))(
      "catalogue-dir", po::value<std::string>(), say(Msg::OptCatalogueDir))(
      "format", po::value<std::string>()->default_value("text"), say(Msg::OptFormat))(
      "db", po::value<std::string>(), say(Msg::OptDb))("audit-key-file", po::value<std::string>(),
                                                       say(Msg::OptAuditKeyFile))(
      "user", po::value<std::string>(), say(Msg::OptUser))("lang", po::value<std::string>(),
                                                           say(Msg::OptLang));
  return globals;
}

}  // namespace sroi::cli

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << printable(error_line(words(e.message()))) << '\n';
    return 2;
  } catch (const DataError& e) {
    print_problems(e.diagnostics(), e.remedy());
    return 1;
  } catch (const Error& e) {  // StoreError, ExportError
    print_error(e);
    return 1;
  } catch (const std::filesystem::filesystem_error& e) {
    // The path in question and the system's reason, not the library's "filesystem error: …".
    std::string path = e.path1().empty() ? "''" : e.path1().string();
    std::cerr << printable(error_line(
                     words(msg(Msg::FileSystemProblem, as_is(path), as_is(e.code().message())))))
              << '\n';
    return 1;
  } catch (const std::exception& e) {  // what the system throws (no memory, …)
    std::cerr << "sroi: error: " << printable(e.what()) << '\n';
    return 1;
  }
}
