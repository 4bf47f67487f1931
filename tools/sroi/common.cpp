// SPDX-License-Identifier: EUPL-1.2
#include "common.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <future>
#include <iostream>
#include <map>
#include <sstream>

#include "register_options.hpp"
#include "sroi/config/region_loader.hpp"
#include "sroi/error.hpp"
#include "sroi/io/dutch_numbers.hpp"
#include "sroi/model/similar.hpp"
#include "sroi/msg/cli.hpp"
#include "sroi/store/register.hpp"
#include "sroi/text/catalogue.hpp"
#include "xlsx_options.hpp"

namespace sroi::cli {

std::string option_help(const std::string& description, Lang lang) {
  if (lang == Lang::En) return description;
  // The options area's entries by their English text (once).
  static const std::map<std::string, const char*> dutch = [] {
    std::map<std::string, const char*> out;
    for (const auto& area : text::catalogue())
      for (const auto& e : area)
        if (std::string_view(e.key).rfind("option_help.", 0) == 0) out.emplace(e.en, e.nl);
    return out;
  }();
  auto it = dutch.find(description);
  return it == dutch.end() ? description : it->second;
}

void print_verb_help(const std::string& usage, const po::options_description& opts) {
  Lang lang = output_language();
  if (lang == Lang::En) {
    std::cout << "usage: " << usage << "\n\n" << opts << '\n';
    return;
  }
  // The same options, each described in Dutch, laid out as Boost lays out the English: the
  // names in a column, the descriptions beside them wrapped at 80 characters.
  // The verb: the first word of the usage that names one ("sroi --format json export …").
  std::string verb;
  std::istringstream usage_words(usage);
  for (std::string w; verb.empty() && usage_words >> w;)
    for (const auto& c : commands())
      if (w == c.name) verb = c.name;
  // The usage's own lines ("sroi db init|info…"), then what the verb is for, in Dutch.
  std::string dutch_usage;
  std::istringstream usage_lines(usage);
  for (std::string line; std::getline(usage_lines, line);)
    dutch_usage += (dutch_usage.empty() ? "" : "\n") + option_help(line, lang);
  std::vector<std::pair<std::string, std::string>> rows;
  std::size_t names = 0;
  for (const auto& o : opts.options()) {
    std::string name = o->format_name();
    std::string parameter = o->format_parameter();
    if (parameter.rfind("arg", 0) == 0) parameter = "waarde" + parameter.substr(3);
    if (!parameter.empty()) name += " " + parameter;
    names = std::max(names, name.size());
    rows.emplace_back(name, option_help(o->description(), lang));
  }
  const std::size_t column = std::min<std::size_t>(names + 4, 24), width = 80;
  std::cout << "gebruik: " << dutch_usage << "\n\nopties van sroi " << verb << ":\n";
  for (const auto& [name, description] : rows) {
    std::string line = "  " + name;
    if (line.size() + 1 > column) {
      std::cout << line << '\n';
      line.clear();
    }
    line.resize(column, ' ');
    std::istringstream words(description);
    std::string word;
    std::size_t used = column;  // display width of the line so far
    bool first = true;
    while (words >> word) {
      std::size_t w = display_width(word);
      if (!first && used + 1 + w > width) {
        std::cout << line << '\n';
        line = std::string(column, ' ');
        used = column;
        first = true;
      }
      line += (first ? "" : " ") + word;
      used += (first ? 0 : 1) + w;
      first = false;
    }
    std::cout << line << '\n';
  }
  std::cout << '\n';
}

ProgressLine::ProgressLine(const Globals& g)
    : shown_(g.format != Format::Json && ::isatty(2) != 0) {}

ProgressLine::~ProgressLine() {
  if (shown_ && width_ > 0) std::cerr << std::string(width_, ' ') << '\r' << std::flush;
}

void ProgressLine::show(const Message& m) {
  if (!shown_) return;
  std::string line = words(m);
  std::size_t width = display_width(line);
  // Spaces over what is left of a longer line before it.
  std::cerr << line << std::string(width_ > width ? width_ - width : 0, ' ') << '\r' << std::flush;
  width_ = width;
}

Message usage_problem(const po::error& e, const std::string& verb, unsigned positional) {
  Message what = [&]() -> Message {
    if (dynamic_cast<const po::too_many_positional_options_error*>(&e))
      return positional == 0 ? msg(Msg::UsageNoArguments, as_is(verb))
                             : msg(Msg::UsageTooManyArguments, as_is(verb), int64_t{positional});
    const auto* named = dynamic_cast<const po::error_with_option_name*>(&e);
    std::string name = named ? named->get_option_name() : "";
    if (name.empty()) return msg(Msg::Value, as_is(e.what()));  // Boost's words (English)
    if (dynamic_cast<const po::unknown_option*>(&e))
      return msg(Msg::UsageUnknownOption, as_is(name));
    if (dynamic_cast<const po::multiple_occurrences*>(&e))
      return msg(Msg::UsageOptionTwice, as_is(name));
    if (dynamic_cast<const po::required_option*>(&e))
      return msg(Msg::UsageOptionRequired, as_is(name));
    if (dynamic_cast<const po::validation_error*>(&e))
      return msg(Msg::UsageBadOptionValue, as_is(name));
    if (const auto* syntax = dynamic_cast<const po::invalid_syntax*>(&e)) {
      if (syntax->kind() == po::invalid_syntax::missing_parameter)
        return msg(Msg::UsageOptionNeedsValue, as_is(name));
      if (syntax->kind() == po::invalid_syntax::extra_parameter)
        return msg(Msg::UsageOptionTakesNoValue, as_is(name));
    }
    return msg(Msg::Value, as_is(e.what()));
  }();
  return msg(Msg::UsageSeeHelp, phrase(std::move(what)), as_is(verb));
}

bool parse_verb(const std::string& usage, const std::vector<std::string>& args,
                po::options_description& opts, const po::positional_options_description& pos,
                po::variables_map& vm) {
  opts.add_options()("help,h", "show this help");
  try {
    // No prefix guessing: '--region' must never silently become '--regions-dir'.
    po::store(
        po::command_line_parser(args)
            .options(opts)
            .positional(pos)
            .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
            .run(),
        vm);
    if (vm.count("help")) {
      print_verb_help(usage, opts);
      return false;
    }
    po::notify(vm);
  } catch (const po::required_option& e) {
    // A missing positional argument is named as the usage writes it ("FILE"), not as the
    // option behind it ("--file"), with what it is.
    std::string verb = usage.substr(0, usage.find(' ', 5));
    std::string name = e.get_option_name();
    if (name.rfind("--", 0) == 0) name.erase(0, 2);
    for (unsigned i = 0; i < pos.max_total_count() && i < 8; ++i)
      if (pos.name_for_position(i) == name) {
        std::string upper;
        for (char c : name) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        const po::option_description* d = opts.find_nothrow(name, false);
        throw UsageError(msg(Msg::UsageNeedsPositional, as_is(verb), as_is(upper),
                             as_is(d ? option_help(d->description(), output_language()) : name)));
      }
    throw UsageError(usage_problem(e, verb, pos.max_total_count()));
  } catch (const po::error& e) {
    throw UsageError(usage_problem(e, usage.substr(0, usage.find(' ', 5)), pos.max_total_count()));
  }
  return true;
}

config::RegionSet load_regions(const Globals& g) {
  return config::RegionSet::load_or_throw(g.regions_dir, g.catalogue_dir);
}

RegionsAndRegister load_regions_and_register(const Globals& g, store::Register::Access access) {
  // The future's destructor waits for the opening: when the models throw, its own outcome
  // (a register, or its error) is dropped.
  std::future<std::unique_ptr<store::Register>> opening = std::async(std::launch::async, [&] {
    return std::make_unique<store::Register>(g.db_path, access, g.user);
  });
  config::RegionSet regions = load_regions(g);
  return {std::move(regions), opening.get()};
}

const Region& resolve_region(const config::RegionSet& set, const std::string& text,
                             std::deque<Region>& loaded, std::optional<Date> on) {
  bool file = text.find('/') != std::string::npos ||
              (text.size() > 5 && text.compare(text.size() - 5, 5, ".toml") == 0);
  if (file) {
    std::vector<Diagnostic> problems;
    auto r = config::load_region(text, &set.catalogue(), problems);
    if (!r) throw DataError(std::move(problems));
    loaded.push_back(std::move(*r));
    return loaded.back();
  }
  RegionChoice choice = config::parse_region_choice(text);
  choice.where = SourceLocation{text};
  return set.resolve(choice, on);
}

std::vector<const Region*> resolve_regions(const config::RegionSet& set,
                                           const std::vector<std::string>& names,
                                           std::deque<Region>& loaded) {
  std::vector<const Region*> out;
  for (const auto& n : names) out.push_back(&resolve_region(set, n, loaded));
  if (names.empty())
    for (const auto& id : set.ids()) out.push_back(set.versions(id).back());
  return out;
}

std::vector<const Region*> resolve_regions(const config::RegionSet& set,
                                           const po::variables_map& vm,
                                           std::deque<Region>& loaded) {
  return resolve_regions(set,
                         vm.count("regions") ? vm["regions"].as<std::vector<std::string>>()
                                             : std::vector<std::string>{},
                         loaded);
}

void add_contract_options(po::options_description& opts) {
  opts.add_options()("region", po::value<std::string>(),
                     "region id, optionally at a version: utrecht@2019")(
      "contract", po::value<std::string>(), "contract id")("supplier", po::value<std::string>(),
                                                           "supplier name")(
      "value", po::value<std::string>(), "contract value (the base) in euros, e.g. 1250000")(
      "percentage", po::value<std::string>(), "obligation percentage (default: the region's)")(
      "threshold", po::value<std::string>(), "threshold override in euros")(
      "start", po::value<std::string>(), "contract start, YYYY-MM-DD")(
      "end", po::value<std::string>(), "contract end (inclusive), YYYY-MM-DD")(
      "pso-level", po::value<std::string>(),
      "PSO certificate level (aspirant, basistrede, "
      "trede-1, trede-2, trede-3, pso-30-plus)")("pso-valid-until", po::value<std::string>(),
                                                 "PSO certificate valid until, YYYY-MM-DD")(
      "pso-issued", po::value<std::string>(),
      "PSO certificate issue date, YYYY-MM-DD (at most 2 years before --pso-valid-until)");
}

namespace {
const char* const kContractFlags[] = {"region",     "contract",        "supplier",  "value",
                                      "percentage", "threshold",       "start",     "end",
                                      "pso-level",  "pso-valid-until", "pso-issued"};
}

config::ContractFlags contract_flags(const po::variables_map& vm) {
  auto get = [&](const char* name) -> std::optional<std::string> {
    if (!vm.count(name)) return std::nullopt;
    return vm[name].as<std::string>();
  };
  config::ContractFlags f;
  f.region = get("region");
  f.contract_id = get("contract");
  f.supplier = get("supplier");
  f.value = get("value");
  f.percentage = get("percentage");
  f.threshold = get("threshold");
  f.start = get("start");
  f.end = get("end");
  f.pso_level = get("pso-level");
  f.pso_valid_until = get("pso-valid-until");
  f.pso_issued = get("pso-issued");
  return f;
}

bool any_contract_flag(const po::variables_map& vm) {
  for (const char* name : kContractFlags)
    if (vm.count(name)) return true;
  return false;
}

std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", b);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::string> expand_files(const std::vector<std::string>& args,
                                      const std::vector<std::string>& exts, EmptyFolder empty) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  PhraseList endings{PhraseList::Join::Or, {}};
  for (const auto& e : exts) endings.items.push_back(msg(Msg::Value, as_is(e)));
  for (const auto& a : args) {
    if (!fs::is_directory(a)) {
      out.push_back(a);
      continue;
    }
    // A folder stands for its files ending in one of `exts` (in any case: .csv or .CSV); what
    // else is in it is named, so that nothing is left out without a word.
    std::vector<std::string> inside, skipped;
    for (const auto& e : fs::directory_iterator(a)) {
      std::string ext = lower(e.path().extension().string());
      if (e.is_regular_file() && std::find(exts.begin(), exts.end(), ext) != exts.end())
        inside.push_back(e.path());
      else
        skipped.push_back(e.path().filename().string() + (e.is_directory() ? "/" : ""));
    }
    std::sort(inside.begin(), inside.end());
    std::sort(skipped.begin(), skipped.end());
    if (!skipped.empty()) {
      std::string list;
      for (std::size_t i = 0; i < skipped.size() && i < 10; ++i)
        list += (i ? ", " : "") + skipped[i];
      if (skipped.size() > 10) list += ", … (" + std::to_string(skipped.size()) + " in all)";
      std::cerr << printable(words(msg(Msg::CliSkipped, as_is(a), endings, as_is(list)))) << '\n';
    }
    if (inside.empty() && empty == EmptyFolder::Refused)
      throw DataError(SourceLocation{a}, msg(Msg::CliFolderWithoutFiles, endings));
    out.insert(out.end(), inside.begin(), inside.end());
  }
  return out;
}

void add_filter_options(po::options_description& opts) {
  opts.add_options()("contract", po::value<std::string>(), "only this contract")(
      "supplier", po::value<std::string>(), "only this supplier's contracts")(
      "buyer", po::value<std::string>(), "only this buyer's contracts");
}

store::ContractFilter contract_filter(const po::variables_map& vm) {
  store::ContractFilter f;
  if (vm.count("contract")) f.contract = vm["contract"].as<std::string>();
  if (vm.count("supplier")) f.supplier = vm["supplier"].as<std::string>();
  if (vm.count("buyer")) f.buyer = vm["buyer"].as<std::string>();
  return f;
}

Globals in_data_dir(const Globals& g, const std::string& dir, bool* regions_own) {
  Globals out = g;
  std::filesystem::path d = dir;
  // The data folder holds the register too, unless --db or SROI_DB name a shared one
  // (PostgreSQL): then several portals share it, each with its own folder of regions.
  if (!store::is_shared_store(g.db_path)) out.db_path = (d / "sroi.db").string();
  if (regions_own) *regions_own = false;
  if (std::filesystem::is_directory(d / "regions")) {
    out.regions_dir = (d / "regions").string();
    if (regions_own) *regions_own = true;
    if (std::filesystem::is_directory(d / "buildingblocks"))
      out.catalogue_dir = (d / "buildingblocks").string();
  }
  return out;
}

namespace {
std::vector<std::string>& arguments() {
  static std::vector<std::string> args;  // set once at start, before any thread
  return args;
}
}  // namespace

const std::vector<std::string>& program_arguments() { return arguments(); }

void set_program_arguments(int argc, char** argv) { arguments().assign(argv, argv + argc); }

void fix_clock_from_environment() {
  const char* fixed = std::getenv("SROI_CLOCK");
  if (!fixed || !*fixed) return;
  std::string text = fixed;
  std::string day = text.substr(0, 10);
  auto d = parse_date(day);
  bool time_ok =
      text.size() == 10 ||
      (text.size() == 20 && text[10] == 'T' && text[13] == ':' && text[16] == ':' &&
       text[19] == 'Z' && text.substr(11, 8).find_first_not_of("0123456789:") == std::string::npos);
  if (!d || !time_ok)
    throw UsageError(msg(Msg::UsageBadDateOption, as_is("SROI_CLOCK"), as_is(text),
                         phrase(msg(Msg::UsageClockForm))));
  fix_utc_timestamp(text.size() == 10 ? d->iso() + "T12:00:00Z" : d->iso() + text.substr(10));
}

Date today() {
  // A fixed day for reproducible runs (tests, a report re-made later): SROI_TODAY=2027-12-31.
  if (const char* fixed = std::getenv("SROI_TODAY")) {
    Message why;
    if (auto d = io::read_date(fixed, &why)) return *d;
    throw UsageError(msg(Msg::UsageBadDateOption, as_is("SROI_TODAY"), as_is(fixed), phrase(why)));
  }
  return sroi::today();
}

Date date_option(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) return today();
  std::string text = vm[name].as<std::string>();
  Message why;
  auto d = io::read_date(text, &why);  // 2027-12-31 or 31-12-2027
  if (!d)
    throw UsageError(
        msg(Msg::UsageBadDateOption, as_is("--" + std::string(name)), as_is(text), phrase(why)));
  return *d;
}

void add_xlsx_options(po::options_description& opts) {
  opts.add_options()("xlsx", po::value<std::string>(),
                     "also write the report workbook to this .xlsx file")(
      "force", "overwrite an existing workbook");
}

xlsx::WriteOptions xlsx_options(const po::variables_map& vm, const Globals& g) {
  xlsx::WriteOptions o;
  o.lang = g.documents();
  o.overwrite = vm.count("force") ? xlsx::Overwrite::Replace : xlsx::Overwrite::Refuse;
  return o;
}

std::string xlsx_path(const po::variables_map& vm) {
  std::string out = vm["xlsx"].as<std::string>();
  std::string tail = lower_ascii(out.size() >= 5 ? out.substr(out.size() - 5) : "");
  // "" and a folder are left as given: writing them is refused with their own message.
  bool as_given =
      tail == ".xlsx" || out.empty() || out.back() == '/' || std::filesystem::is_directory(out);
  return as_given ? out : out + ".xlsx";
}

void maybe_write_xlsx(const po::variables_map& vm,
                      const std::function<void(const std::string& path)>& write) {
  if (!vm.count("xlsx")) return;
  std::string out = xlsx_path(vm);
  write(out);
  std::cerr << printable(words(msg(Msg::CliWroteFile, as_is(out)))) << '\n';
}

void maybe_write_report(const po::variables_map& vm, const Globals& g, const Assessment& a) {
  if (!vm.count("xlsx")) return;
  std::string out = xlsx_path(vm);
  xlsx::write_report(a, out, xlsx_options(vm, g));
  say_wrote(out, a);
}

void say_wrote(const std::string& path, const Assessment& a) {
  std::cerr << words(msg(Msg::CliWrote, as_is(path),
                         Amount{Ratio(static_cast<int64_t>(a.line_count)), Counted::Lines}))
            << '\n';
}

std::string remedy_text(Remedy remedy) {
  // What the user can do, worded for the command line (a web page words it as a button).
  switch (remedy) {
    case Remedy::None:
      return "";
    case Remedy::CreateRegister:
      return words(msg(Msg::RemedyCreateRegister));
    case Remedy::InitRegister:
      return words(msg(Msg::RemedyInitRegister));
    case Remedy::MigrateRegister:
      return words(msg(Msg::RemedyMigrateRegister, int64_t{store::Register::kSchemaVersion}));
    case Remedy::AddContract:
      return words(msg(Msg::RemedyAddContract));
    case Remedy::AddOrNameContract:
      return words(msg(Msg::RemedyAddOrNameContract));
    case Remedy::ListImports:
      return words(msg(Msg::RemedyListImports));
    case Remedy::ReplaceSameFile:
      return words(msg(Msg::RemedyReplaceSameFile));
    case Remedy::ReplaceRepeatedRows:
      return words(msg(Msg::RemedyReplaceRepeatedRows));
    case Remedy::Overwrite:
      return words(msg(Msg::RemedyOverwrite));
  }
  return "";
}

std::string error_line(const std::string& text) {
  return words(msg(Msg::CliErrorLine, as_is(text)));
}

void print_problems(const std::vector<Diagnostic>& problems, Remedy remedy) {
  for (std::size_t i = 0; i < problems.size(); ++i)
    std::cerr << printable(words(problems[i]) +
                           (i + 1 == problems.size() ? remedy_text(remedy) : ""))
              << '\n';
}

void print_error(const Error& e) {
  std::cerr << printable(error_line(words(e.message()) + remedy_text(e.remedy()))) << '\n';
}

std::string verb_help(const Command& c, const Globals& g) {
  // The verb prints its help to standard output: catch it there.
  std::ostringstream text;
  struct Swap {
    std::streambuf* old;
    ~Swap() { std::cout.rdbuf(old); }
  } swap{std::cout.rdbuf(text.rdbuf())};
  c.run(g, {"--help"});
  return text.str();
}

}  // namespace sroi::cli
