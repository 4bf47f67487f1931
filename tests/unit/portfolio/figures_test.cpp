// SPDX-License-Identifier: EUPL-1.2
// Figures that follow the data: after any sequence of imports, replacements, removals and
// re-valuations (with and without a valuer), the status read from the stored figures equals a
// fresh valuation of every line, on any day asked, and `db verify`'s check finds nothing.
#include "sroi/portfolio/figures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "figures_fixture.hpp"
#include "scratch.hpp"
#include "sroi/kpi/kpi.hpp"
#include "sroi/portal/status_cache.hpp"
#include "sroi/portfolio/import_files.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/report/kpi/json.hpp"
#include "test_support.hpp"

namespace sroi::portfolio {
namespace {

/// The shipped region models, copied into the fixture's folder with `from` in Oost-Nederland's
/// model replaced by `to` (a coordinator's change), loaded.
config::RegionSet changed_oost_nederland(const FiguresFixture& f, const std::string& from,
                                         const std::string& to) {
  return test::changed_regions(f.dir(), "oost-nederland.toml", from, to);
}

}  // namespace

TEST(Figures, StoredFiguresEqualAFreshValuationAfterRandomChanges) {
  // 60 random steps over three contracts (two sharing per-person counting in Oost-Nederland,
  // one in Utrecht) and a dozen candidates: imports, replacements, removals (a quarter of them
  // without a valuer: their candidates wait and readers value them; half the time they are
  // stored next, on the figures' day, in parts of one or two candidates), re-valuations to
  // another day, days whose figures are kept too (seeds 2 and 3 keep 31-12-2027 from the
  // start; any seed keeps or stops keeping a random day now and then). After each: status on
  // five days (the figures' day, before every start, inside, after every end) and on every
  // kept day equals a fresh valuation line for line, the check (which also values every kept
  // day and compares the kpi lines) finds no difference, and kpi for the year up to the
  // figures' day (by one grouping after another), read from the stored kpi lines when nothing
  // waits, equals kpi from every line valued afresh.
  int all_parted = 0;  // re-valuations in more than one part
  int kpi_stored = 0;  // kpi read from the stored kpi lines
  for (unsigned seed : {1u, 2u, 3u}) {
    FiguresFixture f("random-" + std::to_string(seed), seed);
    const config::RegionSet& regions = test::shipped();
    int imported = 0, kept = 0, parted = 0;
    int64_t own = 0;  // lines read with a figure of their own on a kept day
    if (seed != 1) {
      KeepFigures keep(*f.reg, regions, Date{2027, 6, 30});
      f.reg->keep_day(Date{2027, 12, 31}, false);
    }
    for (int step = 0; step < 60; ++step) {
      std::string what = "seed " + std::to_string(seed) + " step " + std::to_string(step);
      bool keep = f.pick(0, 3) != 0;
      std::optional<KeepFigures> keeping;
      if (keep) keeping.emplace(*f.reg, regions, Date{2027, 6, 30});
      int op = f.pick(0, 9);
      std::string contract = kContracts[f.pick(0, 2)];
      try {
        if (op < 7) {
          import_file(*f.reg, regions, f.random_file(contract), contract, store::ImportMode::Add);
          ++imported;
        } else if (op < 8) {
          import_file(*f.reg, regions, f.random_file(contract), contract,
                      store::ImportMode::Replace);
        } else if (op == 8) {
          auto all = f.reg->imports(std::nullopt);
          std::vector<int64_t> in_force;
          for (const auto& r : all)
            if (r.in_force()) in_force.push_back(r.id);
          if (!in_force.empty())
            f.reg->remove_import(in_force[static_cast<std::size_t>(
                f.pick(0, static_cast<int>(in_force.size()) - 1))]);
        } else if (keep && f.pick(0, 2) == 0) {
          Date day = Date{2027, 1, 1}.add_days(f.pick(0, 900));
          bool all = f.pick(0, 1) == 1;
          // The candidates whose figures differ on the new day, in parts of one to four.
          std::size_t part = static_cast<std::size_t>(f.pick(1, 4));
          f.reg->revalue(day, all, {}, part);
          what += " (revalue to " + day.iso() + " in parts of " + std::to_string(part) + ")";
        } else if (keep) {
          // Keep another day's figures, or stop keeping one.
          store::FiguresState state = f.reg->figures_state();
          Date day = Date{2027, 1, 1}.add_days(f.pick(0, 900));
          if (!state.kept_days.empty() && f.pick(0, 1) == 0) {
            day = state.kept_days[static_cast<std::size_t>(
                f.pick(0, static_cast<int>(state.kept_days.size()) - 1))];
            f.reg->keep_day(day, true);
            what += " (stop keeping " + day.iso() + ")";
          } else if (state.day != day) {
            f.reg->keep_day(day, false);
            ++kept;
            what += " (keep " + day.iso() + ")";
          }
        }
      } catch (const DataError&) {  // a file repeating stored rows: nothing changed
      }
      keeping.reset();
      // What a program without a valuer left waiting is stored now and then, on the figures'
      // day, in parts of one or two candidates.
      if (!keep && f.pick(0, 1) == 0) {
        store::FiguresState before = f.reg->figures_state();
        if (before.day) {
          std::size_t part = static_cast<std::size_t>(f.pick(1, 2));
          if (before.waiting > static_cast<int64_t>(part)) ++parted;
          KeepFigures now(*f.reg, regions, Date{2027, 6, 30});
          f.reg->revalue(*before.day, false, {}, part);
          what += " (then stored in parts of " + std::to_string(part) + ")";
        }
      }
      store::FiguresState state = f.reg->figures_state();
      std::optional<Date> day = state.day;
      std::vector<Date> days{day.value_or(Date{2027, 6, 30}), Date{2026, 6, 1},
                             Date{2027, 1, 1}.add_days(f.pick(0, 800)), Date{2029, 6, 1}};
      days.insert(days.end(), state.kept_days.begin(), state.kept_days.end());
      // Notes made a part at a time on one of them (the day inside, where hours are shared).
      for (std::size_t i = 0; i < days.size(); ++i)
        expect_same_status(*f.reg, regions, days[i], what, i == 2);
      for (const Date& d : state.kept_days)
        f.reg->for_each_figured_line([&](store::FiguredLine&& l) { own += l.on_kept_day ? 1 : 0; },
                                     d);
      if (day) expect_check_clean(*f.reg, regions, what);
      if (day) {
        auto by = static_cast<kpi::By>(step % 6);
        Date from{day->year, 1, 1};
        kpi::Report read = kpi::compute(*f.reg, regions, from, *day, by, "t");
        kpi::Report fresh = kpi::compute(*f.reg, regions, from, *day, by, "t", true);
        EXPECT_EQ(read.from_kpi_lines, state.waiting == 0) << what;
        kpi_stored += read.from_kpi_lines ? 1 : 0;
        std::ostringstream a, b;
        kpi::write_json(a, read);
        kpi::write_json(b, fresh);
        EXPECT_EQ(a.str(), b.str()) << what << ": kpi by " << kpi::by_id(by);
      }
      if (HasFailure()) return;
    }
    EXPECT_GT(imported, 20) << "the steps imported files";
    all_parted += parted;
    EXPECT_GT(f.reg->counts().lines, 15) << "the register holds lines";
    // Everything stored again: nothing waits, and the figures hold.
    {
      KeepFigures keep(*f.reg, regions, Date{2027, 6, 30});
      f.reg->revalue(Date{2027, 9, 30}, false);
    }
    EXPECT_EQ(f.reg->figures_state().waiting, 0);
    expect_check_clean(*f.reg, regions, "after revalue");
    // The kept days' own figures were read on the way: lines whose figure differs there.
    if (seed != 1 || kept > 0) {
      EXPECT_GT(own, 0) << "seed " << seed << ": no line differed on a kept day";
    }
  }
  EXPECT_GT(all_parted, 0) << "no re-valuation went in parts";
  EXPECT_GT(kpi_stored, 30) << "kpi was seldom read from the stored kpi lines";
}

TEST(Figures, ABatchOfFilesValuesItsCandidatesWhenItCommits) {
  // `sroi import` of a folder writes many files per transaction (a batch): their lines wait,
  // each candidate they touched is valued once when the batch commits, and the lines are
  // written then, with their figures. Seven files in batches of three; the third is a copy of
  // the second, in the same batch: the waiting lines of that contract are written before the
  // copy is read against them, and its refusal (its savepoint rolls back) must keep them.
  // Then a batch that replaces, twice for one contract. The stored figures equal a fresh
  // valuation on every day and nothing is left waiting.
  for (unsigned seed : {4u, 5u}) {
    FiguresFixture f("batch-" + std::to_string(seed), seed);
    const config::RegionSet& regions = test::shipped();
    KeepFigures keep(*f.reg, regions, Date{2027, 6, 30});
    const int64_t audit_before = f.reg->counts().audit;
    std::vector<ImportJob> jobs;
    for (int k = 0; k < 6; ++k) {
      std::string contract = kContracts[k % 3];
      jobs.push_back({f.random_file(contract), contract});
      if (k == 1) jobs.push_back(jobs[1]);  // the same file again: refused
    }
    ImportOptions options;
    options.batch_files = 3;
    std::vector<bool> refused;
    ImportTotals totals = import_files(
        *f.reg, regions, jobs, options,
        [&](const FileOutcome& out, const ImportTotals&) { refused.push_back(out.refused()); });
    EXPECT_EQ(totals.imported, 6u);
    ASSERT_EQ(refused.size(), 7u);
    EXPECT_TRUE(refused[2]) << "the repeated file";
    EXPECT_EQ(totals.rows, static_cast<std::size_t>(f.reg->counts().lines))
        << "every imported row is stored, those written before the refused copy too";
    // A batch writes its files' import rows and audit entries when it commits too: one import
    // and one entry per accepted file, the chain unbroken, and each contract's last entry
    // holding the hash of the rows it has.
    std::size_t imported_files = totals.imported;
    auto expect_trusted = [&](const std::string& step) {
      store::Counts n = f.reg->counts();
      EXPECT_EQ(n.imports, static_cast<int64_t>(imported_files)) << step;
      EXPECT_EQ(n.audit, audit_before + static_cast<int64_t>(imported_files)) << step;
      auto broken = f.reg->verify_audit();
      EXPECT_FALSE(broken) << step << ": " << (broken ? test::en(broken->why) : "");
      for (const auto& m : f.reg->check_rows().changed)
        ADD_FAILURE() << step << ": " << test::en(m);
    };
    expect_trusted("seed " + std::to_string(seed) + " after the batches");
    if (store::is_shared_store(f.location)) {
      // PostgreSQL: each batch's lines are vacuumed once it commits (after_batch_of_lines), so
      // that a later batch reads its candidates' stored lines from the covering index alone:
      // every page of the table is all-visible (never vacuumed, the table counts none).
      std::string visible = test::output_of(
          "psql -qAtX '" + f.location +
          "' -c \"SELECT relpages > 0 AND relallvisible = relpages FROM pg_class WHERE relname = "
          "'realisation_lines'\"");
      EXPECT_EQ(visible, "t") << "seed " << seed << ": the batches' lines were not vacuumed";
    }
    std::string what = "seed " + std::to_string(seed) + " after the batches";
    EXPECT_EQ(f.reg->figures_state().waiting, 0) << what;
    for (Date d : {Date{2027, 6, 30}, Date{2027, 1, 1}.add_days(f.pick(0, 800)), Date{2029, 6, 1}})
      expect_same_status(*f.reg, regions, d, what);
    expect_check_clean(*f.reg, regions, what);

    options.mode = store::ImportMode::Replace;
    std::vector<ImportJob> again = {{f.random_file(kContracts[0]), kContracts[0]},
                                    {f.random_file(kContracts[2]), kContracts[2]},
                                    {f.random_file(kContracts[0]), kContracts[0]}};
    totals = import_files(*f.reg, regions, again, options, {});
    EXPECT_EQ(totals.imported, 3u);
    imported_files += totals.imported;
    expect_trusted("seed " + std::to_string(seed) + " after replacing");
    what = "seed " + std::to_string(seed) + " after replacing";
    EXPECT_EQ(f.reg->figures_state().waiting, 0) << what;
    for (Date d : {Date{2027, 6, 30}, Date{2027, 1, 1}.add_days(f.pick(0, 800))})
      expect_same_status(*f.reg, regions, d, what);
    expect_check_clean(*f.reg, regions, what);
  }
}

/// What a portal shows of a contract: the figures of its status row.
std::string row_figures(const ContractStatus& s) {
  std::ostringstream out;
  out << s.realised.cents() << " " << s.lines << " " << s.reduced << " " << s.provisional << " "
      << s.forecast.cents() << " " << s.offered.cents() << " " << s.penalty.cents() << " "
      << (s.submitted ? s.submitted->cents() : -1) << " " << s.risks.size();
  return out.str();
}

std::map<std::string, std::string> status_rows(
    const store::Register& reg, const config::RegionSet& regions, const Date& day,
    const std::optional<std::vector<std::string>>& only = std::nullopt) {
  StatusOptions o;
  o.as_of = day;
  o.contracts = only;
  std::map<std::string, std::string> out;
  for (const auto& s : compute_status(reg, regions, o)) out[s.record.contract.id] = row_figures(s);
  return out;
}

TEST(Figures, TheChangesSinceAReaderNameEveryContractWhoseStatusMoved) {
  // A portal values again only the contracts a write moved (Register::changes_since): the one
  // it names and those whose stored figures moved with it through a shared candidate. 40
  // random steps over the three contracts, each with its figures kept in step: imports of
  // lines of candidates shared by the contracts or of the contract's own, replacements,
  // removals, reviews, an account added (moves nothing), a region model activated (moves
  // everything). After each: every contract left out has the status row it had, and the
  // contracts named, valued alone (StatusOptions::contracts), have the rows the whole register
  // gives them.
  const config::RegionSet& regions = test::shipped();
  const Date day{2027, 6, 30};
  for (unsigned seed : {11u, 12u, 13u}) {
    FiguresFixture f("changes-" + std::to_string(seed), seed);
    KeepFigures keep(*f.reg, regions, day);
    int partial = 0, shared = 0, untouched = 0;
    for (int step = 0; step < 40; ++step) {
      std::string what = "seed " + std::to_string(seed) + " step " + std::to_string(step);
      const int64_t entries = f.reg->audit_entries();
      const std::map<std::string, std::string> before = status_rows(*f.reg, regions, day);
      std::string contract = kContracts[f.pick(0, 2)];
      int op = f.pick(0, 19);
      bool whole_expected = false, none_expected = false;
      try {
        if (op < 12) {
          import_file(*f.reg, regions, f.random_file(contract, f.pick(0, 1) == 1), contract,
                      store::ImportMode::Add);
        } else if (op < 14) {
          import_file(*f.reg, regions, f.random_file(contract, f.pick(0, 1) == 1), contract,
                      store::ImportMode::Replace);
        } else if (op < 17) {
          std::vector<store::ImportRecord> in_force;
          for (auto& r : f.reg->imports(std::nullopt))
            if (r.in_force()) in_force.push_back(r);
          if (in_force.empty()) continue;
          const auto& r =
              in_force[static_cast<std::size_t>(f.pick(0, static_cast<int>(in_force.size()) - 1))];
          if (op == 16)
            f.reg->review_import(r.id, "accepted", "");
          else
            f.reg->remove_import(r.id);
        } else if (op < 19) {
          f.reg->add_user("user-" + what.substr(5, 2) + std::to_string(step), store::Role::Buyer,
                          "Gemeente Apeldoorn", "$argon2id$not-a-real-hash");
          none_expected = true;
        } else {
          f.reg->note_event("region.activate", "oost-nederland", "{}");
          whole_expected = true;
        }
      } catch (const DataError&) {  // a file repeating stored rows: nothing changed
      }
      store::RegisterChanges changes = f.reg->changes_since(entries);
      EXPECT_EQ(changes.entries, f.reg->audit_entries()) << what;
      EXPECT_EQ(changes.whole, whole_expected) << what;
      if (none_expected) {
        EXPECT_TRUE(changes.contracts.empty()) << what;
      }
      if (changes.whole) continue;
      const std::map<std::string, std::string> after = status_rows(*f.reg, regions, day);
      std::set<std::string> named(changes.contracts.begin(), changes.contracts.end());
      for (const auto& [id, row] : after) {
        if (named.count(id)) continue;
        ++untouched;
        EXPECT_EQ(row, before.at(id)) << what << ": " << id << " moved but was not named";
      }
      if (!named.empty()) {
        EXPECT_EQ(status_rows(*f.reg, regions, day, changes.contracts).size(), named.size());
        for (const auto& [id, row] : status_rows(*f.reg, regions, day, changes.contracts))
          EXPECT_EQ(row, after.at(id)) << what << ": " << id << " valued alone";
      }
      if (!named.empty() && named.size() < after.size()) ++partial;
      if (op < 14 && named.size() > 1) ++shared;
      if (HasFailure()) return;
    }
    // The steps exercised both: contracts left out, and contracts named through a candidate.
    EXPECT_GT(partial, 3) << "seed " << seed;
    EXPECT_GT(shared, 0) << "seed " << seed;
    EXPECT_GT(untouched, 10) << "seed " << seed;
  }
}

TEST(Figures, APortalValuesAgainOnlyTheContractsAWriteMoved) {
  // The portal's status after a write (portal::StatusCache): the samples' three contracts
  // and lines, figures kept in step on 30-6-2027. An import into U-2027-003 of a candidate
  // of its own values that one contract again and the rows equal a whole computation; an
  // account added values none; a region model activated values the whole register.
  test::ScratchRegister s("figures-portal-cache");
  const config::RegionSet& regions = test::shipped();
  const Date day{2027, 6, 30};
  const std::string samples = std::string(SROI_SOURCE_DIR) + "/samples/register/";
  {
    KeepFigures keep(*s.reg, regions, day);
    for (const char* c : kContracts) {
      add_contract_file(*s.reg, regions, samples + "contracts/" + c + ".toml");
      import_file(*s.reg, regions, samples + "realisations/" + c + ".csv", c,
                  store::ImportMode::Add);
    }
  }
  auto shared_regions = std::shared_ptr<const config::RegionSet>(&regions, [](auto*) {});
  portal::StatusCache cache(
      s.location, [&] { return shared_regions; }, [&] { return day; });
  auto whole_rows = [&](const portal::StatusView& v) {
    std::map<std::string, std::string> out;
    for (const auto& row : v.rows) out[row->record.contract.id] = row_figures(*row);
    EXPECT_EQ(out, status_rows(*s.reg, regions, day)) << "the rows a whole computation gives";
    return out;
  };
  auto first = cache.fresh();
  EXPECT_EQ(first->revalued, -1) << "the first status values the whole register";
  ASSERT_EQ(first->rows.size(), 3u);
  auto before = whole_rows(*first);

  {
    KeepFigures keep(*s.reg, regions, day);
    import_file(*s.reg, regions,
                s.write("u.csv",
                        "candidate,block,start,end,hours_per_week\n"
                        "U-90,participatiewet,2027-03-01,2027-09-30,32\n"),
                "U-2027-003", store::ImportMode::Add);
  }
  auto second = cache.fresh();
  EXPECT_EQ(second->revalued, 1) << "only U-2027-003";
  auto after = whole_rows(*second);
  EXPECT_NE(after.at("U-2027-003"), before.at("U-2027-003")) << "the import moved it";
  EXPECT_EQ(after.at("ON-2027-001"), before.at("ON-2027-001"));

  s.reg->add_user("inkoper", store::Role::Buyer, "Gemeente Apeldoorn", "$argon2id$not-a-hash");
  auto third = cache.fresh();
  EXPECT_EQ(third->revalued, 0) << "an account moves no contract";
  EXPECT_EQ(third->entries, second->entries + 1);

  s.reg->note_event("region.activate", "oost-nederland", "{}");
  auto fourth = cache.fresh();
  EXPECT_EQ(fourth->revalued, -1) << "a region model activated: the whole register again";
  whole_rows(*fourth);
}

TEST(Figures, AChangedRegionModelIsValuedAgainUntilItsFiguresAreStored) {
  // Oost-Nederland's full-time week changes from 36 to 38 hours: every fulltime-year line of
  // its contracts is worth 36/38 of what it was. Until `db revalue`, readers value those
  // contracts' candidates again (and `db verify` counts them as changed, not as wrong); after
  // it, the stored figures are the new ones.
  FiguresFixture f("region-change", 7);
  {
    KeepFigures keep(*f.reg, test::shipped(), Date{2027, 12, 31});
    for (const char* c : kContracts)
      import_file(*f.reg, test::shipped(),
                  std::string(SROI_SOURCE_DIR) + "/samples/register/realisations/" + c + ".csv", c,
                  store::ImportMode::Add);
  }
  config::RegionSet now =
      changed_oost_nederland(f, "[fulltime_hours]\nvalue = 36", "[fulltime_hours]\nvalue = 38");

  StatusOptions o;
  o.as_of = Date{2027, 12, 31};
  auto before = compute_status(*f.reg, test::shipped(), o);
  auto after = compute_status(*f.reg, now, o);
  EXPECT_NE(before[0].realised, after[0].realised) << "the change shows at once";
  EXPECT_EQ(before[2].realised, after[2].realised) << "Utrecht did not change";
  expect_same_status(*f.reg, now, o.as_of, "changed region", true);
  FiguresCheck check = check_figures(*f.reg, now);
  EXPECT_TRUE(check.differences.empty());
  EXPECT_EQ(check.affected, 2) << "the two Oost-Nederland contracts";

  KeepFigures keep(*f.reg, now, Date{2027, 12, 31});
  f.reg->revalue(Date{2027, 12, 31}, false);
  check = check_figures(*f.reg, now);
  EXPECT_EQ(check.affected, 0);
  EXPECT_TRUE(check.differences.empty());
  EXPECT_EQ(compute_status(*f.reg, now, o)[0].realised, after[0].realised);
}

TEST(Figures, AProblemAfterARegionChangeShowsWithTheContractOfItsLine) {
  // P-7 works on ON-2027-001 (participatiewet-gt2, registered first) and on ON-2027-002
  // (ww-gt1). Oost-Nederland's model then drops ww-gt1: valued again, that line cannot count.
  // The problem belongs to ON-2027-002, whose figure leaves the line out: it shows there,
  // also with --contract ON-2027-002 alone, and not with ON-2027-001 (where it used to go,
  // being the candidate's first contract).
  FiguresFixture f("problem-owner", 11);
  {
    KeepFigures keep(*f.reg, test::shipped(), Date{2027, 12, 31});
    import_file(*f.reg, test::shipped(),
                f.write("a.csv",
                        "candidate,block,start,end,hours_per_week\n"
                        "P-7,participatiewet-gt2,2027-01-01,2027-03-31,20\n"),
                "ON-2027-001", store::ImportMode::Add);
    import_file(*f.reg, test::shipped(),
                f.write("b.csv",
                        "candidate,block,start,end,hours_per_week\n"
                        "P-7,ww-gt1,2027-05-01,2027-08-31,20\n"),
                "ON-2027-002", store::ImportMode::Add);
  }
  config::RegionSet now = changed_oost_nederland(f, "id = \"ww-gt1\"", "id = \"ww-gt1-oud\"");

  StatusOptions o;
  o.as_of = Date{2027, 12, 31};
  auto all = compute_status(*f.reg, now, o);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_TRUE(all[0].problems.empty()) << test::en(all[0].problems.front());
  ASSERT_EQ(all[1].problems.size(), 1u);
  EXPECT_NE(test::en(all[1].problems[0]).find("ww-gt1"), std::string::npos)
      << test::en(all[1].problems[0]);
  o.filter.contract = "ON-2027-002";
  auto one = compute_status(*f.reg, now, o);
  ASSERT_EQ(one.size(), 1u);
  ASSERT_EQ(one[0].problems.size(), 1u);
  EXPECT_EQ(test::en(one[0].problems[0]), test::en(all[1].problems[0]));
}

/// Three contracts' worth of random lines (candidates shared between them), stored with their
/// figures on `day`.
void fill(FiguresFixture& f, const Date& day) {
  KeepFigures keep(*f.reg, test::shipped(), day);
  for (int round = 0; round < 3; ++round)
    for (const char* c : kContracts)
      import_file(*f.reg, test::shipped(), f.random_file(c), c, store::ImportMode::Add);
}

/// The audit entries of re-valuations in parts.
int64_t revalue_parts_audited(const store::Register& reg) {
  int64_t n = 0;
  for (const auto& e : reg.audit())
    if (e.action == "figures.revalue" && e.detail.find("\"parts\"") != std::string::npos) ++n;
  return n;
}

TEST(Figures, OneContractsStatusChecksTheModelsOfTheContractsItsCandidatesShare) {
  // One contract's status reads its stored figures alone when neither it nor any contract its
  // candidates work on was valued with another model than now: a candidate's lines are valued
  // together, so a change in another region's model can move this contract's figures too.
  // After Oost-Nederland's change, Utrecht's contract holds but its candidates' Oost-Nederland
  // contracts do not.
  FiguresFixture f("sharing-prints", 11);
  fill(f, Date{2027, 12, 31});
  config::RegionSet now =
      changed_oost_nederland(f, "[fulltime_hours]\nvalue = 36", "[fulltime_hours]\nvalue = 38");
  std::map<std::string, bool> holds;  // contract → valued with the model it has now
  for (const store::ContractPrint& p : f.reg->prints_sharing_candidates({"U-2027-003"})) {
    store::ContractRecord c;
    c.region = p.region;
    c.contract.start = p.start;
    holds[p.id] = p.valued_with && *p.valued_with == region_fingerprint(now, c);
    EXPECT_EQ(p.valued_with, region_fingerprint(test::shipped(), c)) << p.id << " as stored";
  }
  EXPECT_EQ(holds, (std::map<std::string, bool>{
                       {"ON-2027-001", false}, {"ON-2027-002", false}, {"U-2027-003", true}}))
      << "Utrecht's contract and the two its shared candidates work on";
  // Its status is then valued again through them, as the whole register's is.
  StatusOptions one;
  one.as_of = Date{2027, 12, 31};
  one.filter.contract = "U-2027-003";
  StatusOptions all = one;
  all.filter.contract.reset();
  all.fresh = true;
  auto alone = compute_status(*f.reg, now, one);
  ASSERT_EQ(alone.size(), 1u);
  for (const auto& s : compute_status(*f.reg, now, all)) {
    if (s.record.contract.id == "U-2027-003") {
      EXPECT_EQ(alone[0].realised, s.realised);
      EXPECT_EQ(alone[0].lines, s.lines);
    }
  }
}

TEST(Figures, OnePrintOfTheModelsStandsForEveryContractUntilOneIsValuedWithOthers) {
  // The register's first contract and `db revalue` record the print of the models every
  // contract was valued with; a reader with the same models then reads one contract's stored
  // figures without asking the fingerprints of the contracts its candidates share. A contract
  // added with other models (a second portal with Oost-Nederland's new full-time week) clears
  // it: the lines imported into that contract are valued with the new model, so a reader with
  // the old models must value them again, which it only knows by asking the fingerprints.
  const Date day{2027, 12, 31};
  FiguresFixture f("models-print", 13);
  fill(f, day);
  EXPECT_EQ(f.reg->figures_state().models, test::shipped().print())
      << "three contracts added with the shipped models";
  config::RegionSet now =
      changed_oost_nederland(f, "[fulltime_hours]\nvalue = 36", "[fulltime_hours]\nvalue = 38");
  ASSERT_NE(now.print(), test::shipped().print());
  {
    // The same contracts with the same model again: the print stands.
    KeepFigures keep(*f.reg, test::shipped(), day);
    import_file(*f.reg, test::shipped(), f.random_file("U-2027-003"), "U-2027-003",
                store::ImportMode::Add);
  }
  EXPECT_EQ(f.reg->figures_state().models, test::shipped().print());
  {
    KeepFigures keep(*f.reg, now, day);
    std::stringstream sample;
    sample << std::ifstream(std::string(SROI_SOURCE_DIR) +
                            "/samples/register/contracts/ON-2027-002.toml")
                  .rdbuf();
    std::string text = sample.str();
    text.replace(text.find("ON-2027-002"), 11, "ON-2027-009");
    add_contract_file(*f.reg, now, f.write("ON-2027-009.toml", text));
    // Candidates P-1 … P-12 work on the other contracts too.
    import_file(*f.reg, now, f.random_file("ON-2027-002"), "ON-2027-009", store::ImportMode::Add);
  }
  EXPECT_EQ(f.reg->figures_state().models, std::nullopt) << "valued with two models now";
  // Each contract alone, read with the old models, equals a fresh valuation with them.
  StatusOptions fresh;
  fresh.as_of = day;
  fresh.fresh = true;
  std::map<std::string, Money> realised;
  for (const auto& s : compute_status(*f.reg, test::shipped(), fresh))
    realised[s.record.contract.id] = s.realised;
  ASSERT_EQ(realised.size(), 4u);
  for (const auto& [id, money] : realised) {
    StatusOptions one;
    one.as_of = day;
    one.filter.contract = id;
    auto alone = compute_status(*f.reg, test::shipped(), one);
    ASSERT_EQ(alone.size(), 1u) << id;
    EXPECT_EQ(alone[0].realised, money) << id;
  }
  // A re-valuation with either models values what differs and records their print.
  {
    KeepFigures keep(*f.reg, test::shipped(), day);
    f.reg->revalue(day, false);
  }
  EXPECT_EQ(f.reg->figures_state().models, test::shipped().print());
  expect_check_clean(*f.reg, test::shipped(), "after the re-valuation");
}

TEST(Figures, OneContractsStatusParsesOnlyItsRegionWhileTheStoredFiguresHold) {
  // The stored figures hold on their day for every contract valued with these models: one
  // contract's status then parses only its region's models, and reads the same rows as with
  // every model. On another day, or with other models, nothing is loaded: the caller loads
  // them all.
  const Date day{2027, 12, 31};
  FiguresFixture f("only-its-region", 14);
  fill(f, day);
  const std::string blocks = std::string(SROI_SOURCE_DIR) + "/buildingblocks";
  std::string folder = std::string(SROI_SOURCE_DIR) + "/regions";
  std::set<std::string> asked;
  auto load = [&](const std::set<std::string>& ids) {
    asked = ids;
    return config::RegionSet::load_only(config::RegionFolder::read(folder, blocks), ids);
  };
  std::optional<config::RegionSet> loaded;
  for (const char* id : kContracts) {
    StatusOptions one;
    one.as_of = day;
    one.filter.contract = id;
    auto rows = stored_contract_status(*f.reg, one, load, loaded);
    ASSERT_TRUE(rows) << id;
    ASSERT_TRUE(loaded) << id;
    EXPECT_TRUE(loaded->partial());
    EXPECT_EQ(loaded->ids(), std::vector<std::string>(asked.begin(), asked.end()));
    EXPECT_EQ(asked, std::set<std::string>{id[0] == 'U' ? "utrecht" : "oost-nederland"});
    auto all = compute_status(*f.reg, test::shipped(), one);
    ASSERT_EQ(rows->size(), 1u);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ((*rows)[0].realised, all[0].realised) << id;
    EXPECT_EQ((*rows)[0].offered, all[0].offered) << id;
    EXPECT_EQ((*rows)[0].obligation.amount, all[0].obligation.amount) << id;
    EXPECT_EQ((*rows)[0].lines, all[0].lines) << id;
    EXPECT_EQ((*rows)[0].region->fingerprint, all[0].region->fingerprint) << id;
  }
  // A kept day holds its own figures where they differ: read with the region's models alone
  // as well.
  {
    KeepFigures keep(*f.reg, test::shipped(), day);
    f.reg->keep_day(Date{2027, 6, 30}, false);
  }
  for (const char* id : kContracts) {
    StatusOptions kept;
    kept.as_of = Date{2027, 6, 30};
    kept.filter.contract = id;
    auto rows = stored_contract_status(*f.reg, kept, load, loaded);
    ASSERT_TRUE(rows) << id;
    StatusOptions fresh = kept;
    fresh.fresh = true;
    auto all = compute_status(*f.reg, test::shipped(), fresh);
    ASSERT_EQ(rows->size(), 1u);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ((*rows)[0].realised, all[0].realised) << id << " on the kept day";
    EXPECT_EQ((*rows)[0].lines, all[0].lines) << id << " on the kept day";
  }
  // Another day: nothing loaded. A set of some models never values lines.
  StatusOptions other;
  other.as_of = Date{2027, 3, 31};
  other.filter.contract = "U-2027-003";
  EXPECT_FALSE(stored_contract_status(*f.reg, other, load, loaded));
  EXPECT_FALSE(loaded);
  config::RegionSet some =
      config::RegionSet::load_only(config::RegionFolder::read(folder, blocks), {"utrecht"});
  EXPECT_THROW(compute_status(*f.reg, some, other), std::logic_error);
  // Other models than the figures were valued with (Oost-Nederland's full-time week): nothing.
  changed_oost_nederland(f, "[fulltime_hours]\nvalue = 36", "[fulltime_hours]\nvalue = 38");
  folder = f.dir() + "/regions";
  other.as_of = day;
  EXPECT_FALSE(stored_contract_status(*f.reg, other, load, loaded));
  EXPECT_FALSE(loaded);
}

TEST(Figures, ARegionChangeIsValuedInPartsWhileImportsGoOn) {
  // Oost-Nederland's full-time week goes from 36 to 38 hours. Re-valuing on the figures' day
  // takes the candidates of its two contracts two at a time, each part its own transaction:
  // between parts a supplier imports through another connection (were the parts one
  // transaction, that import would wait for the whole re-valuation, or fail). Afterwards
  // every stored figure equals a fresh valuation, no contract counts as valued with the old
  // model, and the audit log has one entry per part.
  const Date day{2027, 12, 31};
  FiguresFixture f("revalue-parts", 13);
  fill(f, day);
  config::RegionSet now =
      changed_oost_nederland(f, "[fulltime_hours]\nvalue = 36", "[fulltime_hours]\nvalue = 38");
  ASSERT_EQ(check_figures(*f.reg, now).affected, 2) << "the two Oost-Nederland contracts";

  store::Register other(f.location, store::Register::Access::ReadWrite, "supplier");
  KeepFigures other_keep(other, now, day);
  KeepFigures keep(*f.reg, now, day);
  int64_t between = 0, last_done = 0;
  std::vector<int64_t> waiting;  // after each part
  store::RevalueOutcome out = f.reg->revalue(
      day, false,
      [&](int64_t done) {
        EXPECT_GT(done, last_done);
        last_done = done;
        // Between parts the contracts count as valued with the new model, and the candidates
        // not yet done wait: readers value those.
        FiguresCheck now_check = check_figures(*f.reg, now);
        EXPECT_EQ(now_check.affected, 0);
        EXPECT_TRUE(now_check.differences.empty());
        waiting.push_back(now_check.waiting);
        const char* c = kContracts[between++ % 3];
        import_file(other, now, f.random_file(c), c, store::ImportMode::Add);
      },
      2);
  EXPECT_GE(between, 3) << "a dozen shared candidates, two per part";
  // (The imports value the waiting candidates they touch too: a part may find none left.)
  ASSERT_FALSE(waiting.empty());
  EXPECT_GT(waiting.front(), 0);
  EXPECT_TRUE(std::is_sorted(waiting.rbegin(), waiting.rend())) << "fewer wait after each part";
  EXPECT_EQ(out.candidates, last_done);
  EXPECT_EQ(revalue_parts_audited(*f.reg), between);
  FiguresCheck check = check_figures(*f.reg, now);
  EXPECT_EQ(check.affected, 0);
  EXPECT_EQ(check.waiting, 0);
  expect_check_clean(*f.reg, now, "after the parts");
  expect_same_status(*f.reg, now, day, "after the parts");
}

TEST(Figures, ANewDayIsValuedInPartsWhileImportsGoOn) {
  // The figures count up to 30-6-2027; the portal moves them to 31-12-2027. The candidates
  // whose lines run between the two days are valued again two at a time, each part its own
  // transaction: from the first part on the figures' day is the new one and those not yet
  // done wait (readers value them), and a supplier imports between parts. Afterwards every
  // stored figure equals a fresh valuation on the new day, on the kept day too.
  const Date was{2027, 6, 30}, day{2027, 12, 31};
  FiguresFixture f("new-day-parts", 29);
  fill(f, was);
  {
    KeepFigures keep(*f.reg, test::shipped(), was);
    f.reg->keep_day(Date{2028, 3, 31}, false);
  }
  store::Register other(f.location, store::Register::Access::ReadWrite, "supplier");
  KeepFigures other_keep(other, test::shipped(), day);
  KeepFigures keep(*f.reg, test::shipped(), day);
  int64_t between = 0;
  store::RevalueOutcome out = f.reg->revalue(
      day, false,
      [&](int64_t) {
        store::FiguresState now = f.reg->figures_state();
        EXPECT_EQ(now.day, day);
        expect_same_status(*f.reg, test::shipped(), day, "between parts");
        const char* c = kContracts[between++ % 3];
        import_file(other, test::shipped(), f.random_file(c), c, store::ImportMode::Add);
      },
      2);
  EXPECT_GE(between, 2);
  EXPECT_GT(out.candidates, 2);
  EXPECT_EQ(revalue_parts_audited(*f.reg), between);
  EXPECT_EQ(f.reg->figures_state().waiting, 0);
  expect_check_clean(*f.reg, test::shipped(), "after the new day");
  expect_same_status(*f.reg, test::shipped(), day, "after the new day");
  expect_same_status(*f.reg, test::shipped(), Date{2028, 3, 31}, "the kept day");
}

TEST(Figures, APortalStoringANewDayCountsDownOnItsOwnPages) {
  // The figures count up to 30-6-2027; a portal's day is 31-12-2027. It shows the figures it
  // computed and stores them in the background, two candidates per part here. After each
  // part its own pages say how many candidates still wait, counted anew: two fewer after
  // every part, none after the last. (Its pages used to keep the count they started with,
  // none for a new day, until all was stored; only other portals' pages counted down.)
  const Date was{2027, 6, 30}, day{2027, 12, 31};
  FiguresFixture f("portal-countdown", 31);
  fill(f, was);
  auto shared_regions = std::shared_ptr<const config::RegionSet>(&test::shipped(), [](auto*) {});
  std::vector<int64_t> shown;  // what the pages say after each part (the worker's thread)
  std::mutex mu;
  portal::StatusCache* pages = nullptr;
  portal::Storing storing;
  storing.part = 2;
  storing.after_part = [&] {
    auto v = pages->get();
    std::lock_guard<std::mutex> lock(mu);
    shown.push_back(v->pending.waiting);
  };
  portal::StatusCache cache(
      f.location, [&] { return shared_regions; }, [&] { return day; }, storing);
  pages = &cache;
  auto first = cache.fresh();
  ASSERT_TRUE(first->pending.other_day);
  EXPECT_EQ(first->pending.waiting, 0) << "before storing, nothing is marked as waiting";
  // The next page starts the storing; wait until a status computed after it is shown.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (!cache.get()->store_tried && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  auto last = cache.get();
  ASSERT_TRUE(last->store_tried) << "the portal stored the figures within two minutes";
  EXPECT_FALSE(last->pending.any());
  EXPECT_EQ(f.reg->figures_state().day, day);
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_GE(shown.size(), 3u) << "a dozen candidates, two per part";
  EXPECT_GT(shown.front(), 0) << "after the first part the rest waits, and the page says so";
  EXPECT_EQ(shown.back(), 0);
  for (std::size_t k = 0; k + 1 < shown.size(); ++k) {
    int64_t fewer = shown[k] - shown[k + 1];
    EXPECT_TRUE(fewer == 2 || (k + 2 == shown.size() && fewer == 1))
        << "part " << k + 2 << ": " << shown[k] << " then " << shown[k + 1];
  }
  expect_check_clean(*f.reg, test::shipped(), "after the portal stored the new day");
}

TEST(Figures, ARevaluationWithNothingToDoWritesNothing) {
  // A second portal that finds the figures already stored, or `db revalue` run twice: no audit
  // entry. Such an entry names no contract, so changes_since answered "whole" and every portal
  // computed the whole register's status again for nothing.
  const Date day{2027, 12, 31};
  FiguresFixture f("revalue-nothing", 17);
  fill(f, day);
  KeepFigures keep(*f.reg, test::shipped(), day);
  f.reg->revalue(day, false);
  const int64_t entries = f.reg->audit_entries();
  store::RevalueOutcome again = f.reg->revalue(day, false);
  EXPECT_EQ(again.candidates, 0);
  EXPECT_EQ(again.day, day);
  EXPECT_TRUE(again.in_step);
  EXPECT_EQ(f.reg->audit_entries(), entries) << "nothing to record";
  EXPECT_FALSE(f.reg->changes_since(entries).whole);
  // Another day moves the figures, and the log says so.
  const Date later{2028, 1, 31};
  f.reg->revalue(later, false);
  EXPECT_EQ(f.reg->audit_entries(), entries + 1);
  EXPECT_EQ(f.reg->figures_state().day, later);
  expect_check_clean(*f.reg, test::shipped(), "after another day");
}

TEST(Figures, TwoRevaluationsInPartsValueEachCandidateOnce) {
  // Two portals see the same region change and both store it. The second starts after the
  // first's first part: it takes what still waits, and the first's later parts find their
  // candidates done. Together they value each candidate once: as many as one re-valuation
  // alone (the same register, made from the same seed).
  const Date day{2027, 12, 31};
  const std::string from = "[fulltime_hours]\nvalue = 36", to = "[fulltime_hours]\nvalue = 38";
  int64_t alone = 0;
  {
    FiguresFixture g("revalue-alone", 19);
    fill(g, day);
    config::RegionSet now = changed_oost_nederland(g, from, to);
    KeepFigures keep(*g.reg, now, day);
    alone = g.reg->revalue(day, false).candidates;
  }
  FiguresFixture f("revalue-twice", 19);
  fill(f, day);
  config::RegionSet now = changed_oost_nederland(f, from, to);
  store::Register other(f.location, store::Register::Access::ReadWrite, "portal-2");
  KeepFigures other_keep(other, now, day);
  KeepFigures keep(*f.reg, now, day);
  int64_t second = -1, calls = 0;
  store::RevalueOutcome first = f.reg->revalue(
      day, false,
      [&](int64_t) {
        if (calls++ == 0) second = other.revalue(day, false, {}, 2).candidates;
      },
      2);
  EXPECT_GT(alone, 4) << "more than two parts' worth";
  EXPECT_EQ(calls, 1) << "the first's later parts found nothing waiting";
  EXPECT_EQ(first.candidates + second, alone);
  expect_check_clean(*f.reg, now, "after two re-valuations");
  EXPECT_EQ(check_figures(*f.reg, now).waiting, 0);
}

TEST(Figures, ACandidateWhoseLinesAreAllGoneWaitsNoLonger) {
  // P-31's only file is removed by a program without a valuer: P-31 is marked as waiting,
  // with no line left. A re-valuation, on the figures' day or on another, reads no line of
  // P-31 and so values nothing of it; it must still take P-31 off the list, or every status
  // would count it as waiting and the portal would say so (and try to store it) for ever.
  for (bool same_day : {true, false}) {
    FiguresFixture f(same_day ? "gone-same-day" : "gone-other-day", 23);
    const Date day{2027, 12, 31};
    {
      KeepFigures keep(*f.reg, test::shipped(), day);
      import_file(*f.reg, test::shipped(),
                  f.write("p31.csv",
                          "candidate,block,start,end,hours_per_week\n"
                          "P-31,participatiewet-gt2,2027-01-01,2027-03-31,20\n"),
                  "ON-2027-001", store::ImportMode::Add);
      import_file(*f.reg, test::shipped(), f.random_file("ON-2027-002"), "ON-2027-002",
                  store::ImportMode::Add);
    }
    f.reg->remove_import(f.reg->imports(std::string("ON-2027-001")).front().id);
    ASSERT_EQ(f.reg->waiting_candidates(), std::vector<std::string>{"P-31"});
    KeepFigures keep(*f.reg, test::shipped(), day);
    f.reg->revalue(same_day ? day : Date{2027, 9, 30}, false);
    EXPECT_TRUE(f.reg->waiting_candidates().empty()) << (same_day ? "same day" : "other day");
    expect_check_clean(*f.reg, test::shipped(), "after the re-valuation");
  }
}

TEST(Figures, ARevaluationInPartsEndsWhereAnotherMovedTheDay) {
  // Between the first and second part another writer moves the figures' day to 30-9-2027
  // (the portal's daily move): its re-valuation values every changed contract on its day. The
  // parts left would value on the old day, so they are not done; what is stored is the other
  // writer's, in step with a fresh valuation on the new day.
  const Date day{2027, 12, 31}, moved{2027, 9, 30};
  FiguresFixture f("revalue-parts-moved", 17);
  fill(f, day);
  config::RegionSet now =
      changed_oost_nederland(f, "[fulltime_hours]\nvalue = 36", "[fulltime_hours]\nvalue = 38");
  store::Register other(f.location, store::Register::Access::ReadWrite, "portal");
  KeepFigures other_keep(other, now, moved);
  KeepFigures keep(*f.reg, now, day);
  int64_t calls = 0;
  store::RevalueOutcome out = f.reg->revalue(
      day, false,
      [&](int64_t) {
        if (calls++ == 0) other.revalue(moved, false);
      },
      2);
  EXPECT_EQ(calls, 1) << "the second part found the day moved";
  EXPECT_EQ(revalue_parts_audited(*f.reg), 1);
  FiguresCheck check = check_figures(*f.reg, now);
  ASSERT_TRUE(check.day);
  EXPECT_EQ(*check.day, moved);
  EXPECT_EQ(check.affected, 0);
  expect_check_clean(*f.reg, now, "after the day moved");
  expect_same_status(*f.reg, now, moved, "after the day moved");
  EXPECT_GT(out.candidates, 0);
}

TEST(Figures, TheLogChecksReadOneStateWhileAnotherWrites) {
  // `sroi db info` while a portal stores figures: the log's anchor and its entries, and each
  // contract's recorded hashes and rows, are read in several statements. Another connection
  // appends entries all the while; every check must find the log and the rows sound (before,
  // an entry appended between two reads looked like a log that does not end at its anchor).
  FiguresFixture f("checks-while-writing", 31);
  fill(f, Date{2027, 12, 31});
  std::atomic<bool> done{false};
  std::thread writer([&] {
    store::Register other(f.location, store::Register::Access::ReadWrite, "portal");
    for (int i = 0; i < 300; ++i) other.note_event("region.activate", "utrecht", "{}");
    done = true;
  });
  int checks = 0;
  do {
    store::AuditCheck audit = f.reg->check_audit();
    EXPECT_FALSE(audit.broken) << test::en(audit.broken->why);
    EXPECT_TRUE(f.reg->check_rows().changed.empty());
    ++checks;
  } while (!done && !HasFailure());
  writer.join();
  EXPECT_GT(checks, 0);
}

TEST(Figures, TheCheckNamesAFigureChangedBehindTheRegistersBack) {
  // A stored figure edited in SQL is what db verify must catch: a line's value (the line is
  // named; its candidate's kpi lines, which hold the figure as it was valued, now differ from
  // it too), then a contract's sum (the contract is named).
  FiguresFixture f("tampered", 3);
  {
    KeepFigures keep(*f.reg, test::shipped(), Date{2027, 12, 31});
    import_file(*f.reg, test::shipped(),
                std::string(SROI_SOURCE_DIR) + "/samples/register/realisations/ON-2027-001.csv",
                "ON-2027-001", store::ImportMode::Add);
  }
  EXPECT_TRUE(check_figures(*f.reg, test::shipped()).differences.empty());
  auto tamper = [&](const std::string& sql) {
    f.reg.reset();
    test::tamper_sql(f.location, sql);
    f.reg =
        std::make_unique<store::Register>(f.location, store::Register::Access::ReadWrite, "tester");
  };
  tamper("UPDATE realisation_lines SET value_cents = value_cents + 100 WHERE id = 1");
  FiguresCheck check = check_figures(*f.reg, test::shipped());
  ASSERT_EQ(check.differences.size(), 2u);
  EXPECT_NE(test::en(check.differences[0]).find("line 1 (contract ON-2027-001, row 2): stored"),
            std::string::npos)
      << test::en(check.differences[0]);
  EXPECT_NE(test::en(check.differences[1])
                .find("kpi lines differ from the lines (candidates: 1; the first: R-0001)"),
            std::string::npos)
      << test::en(check.differences[1]);
  tamper(
      "UPDATE contract_figures SET realised_cents = realised_cents + 1 WHERE contract_id = "
      "'ON-2027-001'");
  check = check_figures(*f.reg, test::shipped());
  ASSERT_EQ(check.differences.size(), 3u);
  EXPECT_NE(test::en(check.differences[2]).find("contract ON-2027-001: stored"), std::string::npos)
      << test::en(check.differences[2]);
}

}  // namespace sroi::portfolio
