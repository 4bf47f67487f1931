// SPDX-License-Identifier: EUPL-1.2
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "common.hpp"
#include "sroi/msg/cli_register.hpp"
#include "sroi/portfolio/figures.hpp"
#include "sroi/report/text_table.hpp"
#include "sroi/store/register.hpp"

namespace sroi::cli {
namespace {

/// The audit chain in one sentence (and, without a key over keyed entries, what that means).
std::string chain_words(const store::AuditCheck& a) {
  if (a.broken) return words(msg(Msg::AuditBrokenAt, a.broken->entry, phrase(a.broken->why)));
  std::string out = words(msg(Msg::AuditOk, Count{a.entries}));
  if (a.keyed_first && a.key_used)
    out += "; " + words(msg(Msg::AuditOkKeyed, a.keyed_first, a.keyed_last));
  else if (a.keyed_first)
    out += "\n    " + words(msg(Msg::AuditKeyedUnproven, a.keyed_first, a.keyed_last));
  else
    out += "\n    " + words(msg(Msg::AuditOkUnkeyed));
  return out;
}

nlohmann::ordered_json audit_json(const store::AuditCheck& a, const store::RowsCheck& r) {
  nlohmann::ordered_json j;
  j["audit_entries"] = a.entries;
  j["audit_chain"] = a.broken ? "broken" : "ok";
  j["first_broken_entry"] = a.broken ? nlohmann::json(a.broken->entry) : nlohmann::json();
  j["why"] = a.broken ? nlohmann::json(words(a.broken->why)) : nlohmann::json();
  j["anchor"] = {
      {"entries", a.head.entries},
      {"last_hash", a.head.last_hash},
      {"keyed_from", a.head.keyed_from ? nlohmann::json(*a.head.keyed_from) : nlohmann::json()}};
  j["keyed_entries"] = a.keyed_first ? a.keyed_last - a.keyed_first + 1 : 0;
  j["keyed_proven"] = a.keyed_first != 0 && a.key_used && !a.broken;
  j["rows"] = r.changed.empty() ? "ok" : "changed";
  j["contracts_compared"] = r.contracts;
  nlohmann::json changed = nlohmann::json::array();
  for (const auto& m : r.changed) changed.push_back(words(m));
  j["rows_changed"] = changed;
  return j;
}

std::string rows_words(const store::RowsCheck& r) {
  if (r.changed.empty()) return words(msg(Msg::RowsOk, Count{r.contracts}));
  std::string out;
  for (const auto& m : r.changed) out += (out.empty() ? "" : "\n    ") + words(m);
  return out;
}

/// The stored figures against a fresh computation, in words (one problem per line).
std::string figures_words(const portfolio::FiguresCheck& f) {
  if (!f.day) return words(msg(Msg::FiguresNone));
  std::string out;
  for (const auto& m : f.differences) out += (out.empty() ? "" : "\n    ") + words(m);
  if (out.empty()) {
    out = words(msg(Msg::FiguresOk, Count{f.lines}, Count{f.contracts}, *f.day));
    for (const auto& [day, lines] : f.kept)
      out += "\n    " + words(msg(Msg::FiguresKeptOk, day, Count{lines}));
    out += "\n    " + words(msg(Msg::FiguresKpiLinesOk, Count{f.kpi_candidates}));
  }
  if (f.waiting || f.affected)
    out += "\n    " + words(msg(Msg::FiguresWaiting, Count{f.waiting}, Count{f.affected}));
  return out;
}

nlohmann::ordered_json figures_json(const portfolio::FiguresCheck& f) {
  nlohmann::ordered_json j;
  j["figures_day"] = f.day ? nlohmann::json(f.day->iso()) : nlohmann::json();
  j["figures"] = f.differences.empty() ? "ok" : "differ";
  j["figures_lines_compared"] = f.lines;
  j["figures_contracts_compared"] = f.contracts;
  j["figures_waiting_candidates"] = f.waiting;
  j["figures_changed_regions"] = f.affected;
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& [day, lines] : f.kept) kept.push_back({{"day", day.iso()}, {"lines", lines}});
  j["figures_kept_days"] = kept;
  j["figures_kpi_candidates_compared"] = f.kpi_candidates;
  nlohmann::json differ = nlohmann::json::array();
  for (const auto& m : f.differences) differ.push_back(words(m));
  j["figures_differences"] = differ;
  return j;
}

/// sroi db revalue [--as-of DATE] [--all]: values again and stores the figures.
int db_revalue(const Globals& g, const po::variables_map& vm) {
  config::RegionSet regions = load_regions(g);
  Date day = date_option(vm, "as-of");
  store::Register reg(g.db_path, store::Register::Access::ReadWrite, g.user);
  bool all = vm.count("all") > 0;
  store::RevalueOutcome out;
  {
    ProgressLine progress(g);
    out = portfolio::revalue(reg, regions, day, all, [&](int64_t n) {
      progress.show(msg(Msg::FiguresProgress, Count{n}));
    });
  }
  if (g.format == Format::Json)
    std::cout << nlohmann::ordered_json{{"db", store::shown_location(g.db_path)},
                                        {"figures_day", out.day.iso()},
                                        {"all", all},
                                        {"candidates", out.candidates},
                                        {"lines", out.lines},
                                        {"changed", out.changed},
                                        {"in_step", out.in_step}}
                     .dump(2)
              << '\n';
  else if (out.in_step)
    std::cout << words(msg(Msg::FiguresInStep, out.day)) << '\n';
  else
    std::cout << words(msg(Msg::FiguresRevalued, out.day, Count{out.candidates}, Count{out.lines},
                           Count{out.changed}))
              << '\n';
  return 0;
}

/// sroi db keep --as-of DATE [--drop]: keeps the figures of another day too, or stops.
int db_keep(const Globals& g, const po::variables_map& vm) {
  if (!vm.count("as-of")) throw UsageError(msg(Msg::UsageKeepNeedsDay));
  Date day = date_option(vm, "as-of");
  bool drop = vm.count("drop") > 0;
  store::Register reg(g.db_path, store::Register::Access::ReadWrite, g.user);
  store::KeepOutcome out;
  if (drop) {
    out = reg.keep_day(day, true);
  } else {
    config::RegionSet regions = load_regions(g);
    portfolio::KeepFigures keep(reg, regions, today());
    ProgressLine progress(g);
    out = reg.keep_day(day, false,
                       [&](int64_t n) { progress.show(msg(Msg::FiguresProgress, Count{n})); });
  }
  if (g.format == Format::Json)
    std::cout << nlohmann::ordered_json{{"db", store::shown_location(g.db_path)},
                                        {"kept_day", out.day.iso()},
                                        {"kept", !out.dropped},
                                        {"candidates", out.candidates},
                                        {"lines", out.lines}}
                     .dump(2)
              << '\n';
  else if (drop)
    std::cout << words(msg(Msg::FiguresKeptDropped, out.day, Count{out.lines})) << '\n';
  else
    std::cout << words(msg(Msg::FiguresKept, out.day, Count{out.candidates}, Count{out.lines}))
              << '\n';
  return 0;
}

/// sroi db init: creates (or migrates) the register, and says which it did.
int db_init(const Globals& g) {
  // A migration to schema 14 packs every candidate's kpi lines: minutes on a large register.
  std::optional<ProgressLine> progress(std::in_place, g);
  store::Register reg(g.db_path, store::Register::Access::Create, g.user, 60000,
                      [&](int64_t n) { progress->show(msg(Msg::KpiLinesProgress, Count{n})); });
  progress.reset();  // the line cleared before the answer
  reg.note_init();
  const auto now = static_cast<int64_t>(reg.schema_version());
  const auto was = static_cast<int64_t>(reg.opened_version());
  const auto shown = as_is(store::shown_location(g.db_path));
  if (g.format == Format::Json)
    std::cout << nlohmann::ordered_json{{"db", store::shown_location(g.db_path)},
                                        {"schema_version", now},
                                        {"from_version", was}}
                     .dump(2)
              << '\n';
  else
    std::cout << words(was == 0     ? msg(Msg::CliInitialised, shown, now)
                       : was == now ? msg(Msg::CliUpToDate, shown, now)
                                    : msg(Msg::CliMigrated, shown, was, now))
              << '\n';
  return 0;
}

/// sroi db verify: the audit chain, the stored rows and the stored figures against a fresh
/// computation; exit code 1 when any of them fails.
int db_verify(const Globals& g, const store::Register& reg, const store::AuditCheck& audit,
              const store::RowsCheck& rows) {
  portfolio::FiguresCheck figures = portfolio::check_figures(reg, load_regions(g));
  bool sound = !audit.broken && rows.changed.empty() && figures.differences.empty();
  if (g.format == Format::Json) {
    nlohmann::ordered_json j{{"db", store::shown_location(g.db_path)}};
    j.update(audit_json(audit, rows));
    j.update(figures_json(figures));
    std::cout << j.dump(2) << '\n';
  } else {
    std::cout << store::shown_location(g.db_path) << ": " << chain_words(audit) << "\n  "
              << rows_words(rows) << "\n  " << figures_words(figures) << '\n';
  }
  return sound ? 0 : 1;
}

/// sroi db info: counts, integrity, the audit chain and its anchor, the stored rows and the
/// figures' day; exit code 1 when the register is damaged or changed.
int db_info(const Globals& g, const store::Register& reg, const store::AuditCheck& audit,
            const store::RowsCheck& rows) {
  store::FiguresState figures = reg.figures_state();
  store::Counts c = reg.counts();
  std::vector<Message> damage = reg.integrity();
  std::string integrity = "ok";
  if (!damage.empty()) {
    integrity.clear();
    for (const auto& d : damage) integrity += (integrity.empty() ? "" : "\n") + words(d);
  }
  if (g.format == Format::Json) {
    nlohmann::ordered_json j{
        {"db", store::shown_location(g.db_path)},
        {"schema_version", reg.schema_version()},
        {"contracts", c.contracts},
        {"offers", c.offers},
        {"imports", c.imports},
        {"realisation_lines", c.lines},
        {"integrity", damage.empty() ? "ok" : "damaged"},
        {"figures_day", figures.day ? nlohmann::json(figures.day->iso()) : nlohmann::json()},
        {"figures_waiting_candidates", figures.waiting}};
    nlohmann::json kept = nlohmann::json::array();
    for (const Date& d : figures.kept_days) kept.push_back(d.iso());
    j["figures_kept_days"] = kept;
    j.update(audit_json(audit, rows));
    std::cout << j.dump(2) << '\n';
  } else {
    // The counts and checks under their names, aligned; the chain's and the figures' own
    // sentences under them.
    std::cout << words(msg(Msg::DbInfoHeading, as_is(store::shown_location(g.db_path)),
                           reg.schema_version()))
              << "\n";
    TextTable t({1});
    auto count = [&](MsgId label, int64_t n) {
      t.row({"  " + words(msg(label)), words(value_message(Count{n}))});
    };
    count(Msg::DbInfoContracts, c.contracts);
    count(Msg::DbInfoOffers, c.offers);
    count(Msg::DbInfoImports, c.imports);
    count(Msg::DbInfoLines, c.lines);
    count(Msg::DbInfoAuditEntries, c.audit);
    t.print(std::cout);
    std::cout << "  " << words(msg(Msg::DbInfoIntegrity))
              << (damage.empty() ? words(msg(Msg::DbInfoIntact)) : "\n" + integrity) << "\n"
              << "  " << chain_words(audit) << "\n"
              << "  "
              << words(
                     msg(Msg::AuditAnchor, Count{audit.head.entries}, as_is(audit.head.last_hash)))
              << "\n"
              << "  " << rows_words(rows) << "\n"
              << "  "
              << (figures.day ? words(msg(Msg::FiguresDay, *figures.day, Count{figures.waiting}))
                              : words(msg(Msg::FiguresNone)))
              << "\n";
    for (const Date& d : figures.kept_days)
      std::cout << "  " << words(msg(Msg::FiguresKeptDays, d)) << "\n";
  }
  bool sound = !audit.broken && rows.changed.empty();
  return damage.empty() && sound ? 0 : 1;
}

}  // namespace

int db_copy(const Globals& g, const po::variables_map& vm);  // cmd_db_copy.cpp

int cmd_db(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi db options");
  opts.add_options()("action", po::value<std::string>()->required(),
                     "init, info, verify, revalue, keep or copy")(
      "as-of", po::value<std::string>(),
      "revalue: the day the stored figures count up to (default: today); keep: the day whose "
      "figures are kept too")(
      "all", "revalue: value every candidate again, not only those whose figures differ")(
      "drop", "keep: stop keeping the figures of --as-of")(
      "from", po::value<std::string>(),
      "copy: the register to copy (default: --db, $SROI_DB or sroi.db)")(
      "to", po::value<std::string>(),
      "copy: where to, an empty PostgreSQL database (postgresql://user@host/db) or a new "
      "SQLite file");
  po::positional_options_description pos;
  pos.add("action", 1);
  po::variables_map vm;
  if (!parse_verb("sroi [--db PATH|postgresql://…] [--audit-key-file FILE] db "
                  "init|info|verify|revalue|keep|copy\n"
                  "init: create (or migrate) the register; info: counts, integrity, the audit "
                  "chain and its anchor (note it outside the register); verify: check that no "
                  "audit entry was changed, removed or inserted, that the log ends where its "
                  "anchor says, that no stored contract or line changed outside sroi, "
                  "naming the first that did, and that the stored figures equal a fresh "
                  "computation; revalue: value the register again and store its figures up to "
                  "--as-of (only what differs, or --all); keep: keep the figures of --as-of too (a "
                  "year's end that kpi and reports ask for), so that reading them values nothing "
                  "again; every import then values its candidates on that day as well (--drop "
                  "stops it); copy: move the register --from one "
                  "store --to another (an SQLite file into a shared PostgreSQL database, or "
                  "back), audit chain and figures as they are",
                  args, opts, pos, vm))
    return 0;
  std::string action = vm["action"].as<std::string>();
  if (action == "init") return db_init(g);
  if (action == "revalue") return db_revalue(g, vm);
  if (action == "keep") return db_keep(g, vm);
  if (action == "copy") return db_copy(g, vm);
  if (action != "info" && action != "verify")
    throw UsageError(msg(Msg::UsageUnknownAction, as_is(action), as_is("sroi db"),
                         as_is("init, info, verify, revalue, keep, copy")));
  store::Register reg(g.db_path, store::Register::Access::ReadOnly, g.user);
  // Every count and check of one state of the register, however many write meanwhile (a
  // portal storing figures): else an entry appended between two reads reads as a broken log.
  store::Register::Snapshot snapshot(reg);
  store::AuditCheck audit = reg.check_audit();
  store::RowsCheck rows = reg.check_rows();
  return action == "verify" ? db_verify(g, reg, audit, rows) : db_info(g, reg, audit, rows);
}

}  // namespace sroi::cli
