// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <boost/program_options.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sroi/config/input_loader.hpp"
#include "sroi/config/region_set.hpp"
#include "sroi/report/render.hpp"
#include "sroi/store/register.hpp"

namespace sroi::cli {

namespace po = boost::program_options;

/// Options that every verb sees.
struct Globals {
  std::string regions_dir;
  std::string catalogue_dir;
  Format format = Format::Text;
  std::string db_path;             ///< --db, $SROI_DB or sroi.db
  std::string user;                ///< --user, $USER: who is named in the audit log
  Lang lang = Lang::Nl;            ///< what the command line prints: --lang, else the environment
  std::optional<Lang> lang_given;  ///< --lang, when given
  /// The language of workbooks and changelogs: --lang, else Dutch (they are handed over).
  Lang documents() const { return lang_given.value_or(Lang::Nl); }
};

/// The globals as a data folder (`--data-dir DIR`, the portal's) gives them: its sroi.db,
/// unless --db or SROI_DB name a shared register (PostgreSQL), and its regions and catalogue
/// when it holds them. `regions_own` is set when the folder holds its own regions.
Globals in_data_dir(const Globals& g, const std::string& dir, bool* regions_own = nullptr);

/// One verb: its name, a one-line summary for `sroi --help`, and its entry point.
struct Command {
  const char* name;
  MsgId summary;  ///< what the verb does, in `sroi --help`
  int (*run)(const Globals&, const std::vector<std::string>& args);
};

/// Every verb, in the order `sroi --help` lists them (main.cpp).
std::span<const Command> commands();
/// The global options as `sroi --help` shows them, described in `lang` (main.cpp).
po::options_description global_options(Lang lang);
/// What `sroi VERB --help` prints: the manual and the completion are made from it, so neither
/// can drift from the help.
std::string verb_help(const Command& c, const Globals& g);

/// Parses a verb's arguments; prints its help and returns false on --help.
/// What Boost found wrong with `verb`'s command line, in the user's language (Boost's own
/// English words only for a fault it has no name for); `positional`: how many arguments the
/// verb takes without an option before them.
Message usage_problem(const po::error& e, const std::string& verb, unsigned positional);

/// Throws UsageError on unknown options or bad syntax.
bool parse_verb(const std::string& usage, const std::vector<std::string>& args,
                po::options_description& opts, const po::positional_options_description& pos,
                po::variables_map& vm);

/// Loads the regions named by the globals; throws DataError on any problem.
config::RegionSet load_regions(const Globals& g);

/// The regions named by the globals and the register, opened with `access`.
struct RegionsAndRegister {
  config::RegionSet regions;
  std::unique_ptr<store::Register> reg;
};
/// Loads the regions while the register opens on another thread: reaching a PostgreSQL server
/// (loading libpq, the server starting a process for the connection) takes about as long as
/// reading forty region models. A problem with the models is reported before one with the
/// register, as when they were opened one after the other.
RegionsAndRegister load_regions_and_register(const Globals& g, store::Register::Access access);

/// A region named on the command line: "utrecht" (the newest version, or the one valid on
/// `on` when given), "utrecht@2019", or a region file (checked, and kept in `loaded`).
const Region& resolve_region(const config::RegionSet& set, const std::string& text,
                             std::deque<Region>& loaded, std::optional<Date> on = std::nullopt);

/// The regions named (see resolve_region), or every region at its newest version.
std::vector<const Region*> resolve_regions(const config::RegionSet& set,
                                           const std::vector<std::string>& names,
                                           std::deque<Region>& loaded);

/// The regions a verb's positional "regions" option names (see resolve_regions).
std::vector<const Region*> resolve_regions(const config::RegionSet& set,
                                           const po::variables_map& vm, std::deque<Region>& loaded);

/// The option group shared by verbs that take a contract on the command line.
void add_contract_options(po::options_description& opts);
/// The contract flags given, as strings for the input loader.
config::ContractFlags contract_flags(const po::variables_map& vm);
/// True when any contract flag was given.
bool any_contract_flag(const po::variables_map& vm);

/// `text` safe for a terminal: control characters (ANSI escapes, NUL, …) from a file name or
/// an argument are shown as \xNN instead of acting on the screen.
std::string printable(std::string_view text);

/// What the user can do, in command-line words, to follow an error's message ("" for none).
std::string remedy_text(Remedy remedy);

/// "sroi: error: …" ("sroi: fout: …") in the output language.
std::string error_line(const std::string& text);

/// Prints an error's located problems, the last followed by what the user can do.
void print_problems(const std::vector<Diagnostic>& problems, Remedy remedy);

/// An option's description in `lang`: the verbs describe their options in English, and the
/// Dutch is the options area's text with that English (lib/sroi/text/messages/options.toml).
std::string option_help(const std::string& description, Lang lang);
/// `sroi VERB --help`: the usage and the options, in the output language.
void print_verb_help(const std::string& usage, const po::options_description& opts);

/// Prints an error's message and what the user can do: "sroi: error: …".
void print_error(const Error& e);

/// Whether a folder without a file to read is an error (DataError at the folder) or nothing.
enum class EmptyFolder { Allowed, Refused };
/// Files named on the command line; a directory stands for its files ending in one of `exts`
/// (in any case), sorted; what else is in it is named on stderr.
std::vector<std::string> expand_files(const std::vector<std::string>& args,
                                      const std::vector<std::string>& exts,
                                      EmptyFolder empty = EmptyFolder::Allowed);

/// A date option, or today when absent; throws UsageError on a bad date.
Date date_option(const po::variables_map& vm, const char* name);
/// SROI_CLOCK=2027-04-03 (noon UTC) or 2027-04-03T09:00:00Z: the time the register records
/// for what this run writes (imports, audit entries), for tests and demonstrations that replay
/// a contract's year. Unset: the machine's clock.
void fix_clock_from_environment();
/// Today (model's today()), or SROI_TODAY=2027-12-31 for reproducible runs.
Date today();
/// The program's arguments as it was started (argv), for a verb that hands them on to another
/// program (serve runs sroi-portal with them).
const std::vector<std::string>& program_arguments();
void set_program_arguments(int argc, char** argv);

/// Progress of long work on standard error, each line written over the one before: on a
/// terminal only, and not with --format json (a log gets the result at the end). The last line
/// is wiped when the work is done, before its result is printed.
class ProgressLine {
 public:
  explicit ProgressLine(const Globals& g);
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine();
  void show(const Message& m);

 private:
  bool shown_ = false;
  std::size_t width_ = 0;  ///< of the line on screen
};

/// --explain: every step of the calculation, else the figures.
inline Detail explain_detail(const po::variables_map& vm) {
  return vm.count("explain") ? Detail::Steps : Detail::Figures;
}

}  // namespace sroi::cli
