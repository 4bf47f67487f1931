// SPDX-License-Identifier: EUPL-1.2
// Imports side by side on the shared store: an import of one contract's file waits only for
// the imports of its contract and of its candidates, and writes alone when it has more than
// Register::kBesideCandidates of them. Whatever ran beside what, every stored figure equals a
// fresh valuation afterwards and the audit log is one chain.
#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "figures_fixture.hpp"
#include "scratch.hpp"
#include "sroi/store/sql.hpp"
#include "test_support.hpp"

namespace sroi::portfolio {
namespace {

/// A file for `contract` with one line per candidate: 32 hours a week from May to September
/// 2027 (inside each sample contract), the block each region has for it.
std::string file_of(const FiguresFixture& f, const std::string& name, const std::string& contract,
                    const std::vector<std::string>& candidates) {
  std::ostringstream csv;
  csv << "candidate,block,start,end,hours_per_week\n";
  const char* block = contract[0] == 'U' ? "participatiewet" : "participatiewet-gt2";
  for (const std::string& c : candidates) csv << c << "," << block << ",2027-05-01,2027-09-30,32\n";
  return f.write(name, csv.str());
}

int64_t lines_of(const store::Register& reg, const std::string& contract) {
  auto counts = reg.line_counts();
  auto it = counts.find(contract);
  return it == counts.end() ? 0 : it->second;
}

void expect_log_sound(const store::Register& reg) {
  store::AuditCheck audit = reg.check_audit();
  EXPECT_FALSE(audit.broken) << test::en(audit.broken->why);
  EXPECT_TRUE(reg.check_rows().changed.empty());
}

TEST(Beside, AnImportWaitsOnlyForImportsOfItsContractOrCandidates) {
  if (test::postgres_state().empty())
    GTEST_SKIP() << "SQLite has one writer: every import waits for the one before it";
  const Date day{2027, 12, 31};
  FiguresFixture f("beside-waits", 41);
  KeepFigures keep(*f.reg, test::shipped(), day);
  import_file(*f.reg, test::shipped(), file_of(f, "a.csv", "ON-2027-002", {"P-2"}), "ON-2027-002",
              store::ImportMode::Add);
  // Another import in flight, through a connection of its own: it holds contract ON-2027-001
  // and candidate P-1, as an import of theirs does until it commits.
  auto other = store::sql::open_postgres(f.location, store::sql::Mode::ReadWrite, 5000);
  other->begin_shared_write();
  other->lock_names(store::sql::Names::Contract, {"ON-2027-001"});
  other->lock_names(store::sql::Names::Candidate, {"P-1"});
  // A supplier's portal that waits 300 ms for a lock before it gives up.
  store::Register portal(f.location, store::Register::Access::ReadWrite, "supplier", 300);
  KeepFigures portal_keep(portal, test::shipped(), day);
  auto import = [&](const std::string& file, const std::string& contract,
                    const std::vector<std::string>& candidates,
                    store::ImportMode mode = store::ImportMode::Add) {
    import_file(portal, test::shipped(), file_of(f, file, contract, candidates), contract, mode);
  };
  // Another contract and other candidates: stored while the other import is in flight (before,
  // every write waited for every other).
  EXPECT_NO_THROW(import("b.csv", "ON-2027-002", {"P-3"}));
  EXPECT_EQ(lines_of(portal, "ON-2027-002"), 2);
  // One of its candidates, whose figures the other import may be changing: it waits, and gives
  // up after 300 ms, storing nothing.
  EXPECT_THROW(import("c.csv", "ON-2027-002", {"P-1"}), StoreError);
  // Its contract, whose stored lines the other import may be replacing.
  EXPECT_THROW(import("d.csv", "ON-2027-001", {"P-4"}), StoreError);
  // A replacement takes out the contract's stored lines, whose candidates' figures change with
  // them: P-2's, now held by the other import.
  other->lock_names(store::sql::Names::Candidate, {"P-2"});
  EXPECT_THROW(import("e.csv", "ON-2027-002", {"P-5"}, store::ImportMode::Replace), StoreError);
  // A file of more candidates than an import beside others may lock writes alone: it waits for
  // every import in flight. One of exactly that many runs beside them.
  std::vector<std::string> many;
  for (std::size_t k = 1; k <= store::Register::kBesideCandidates + 1; ++k)
    many.push_back("R-" + std::to_string(k));
  EXPECT_THROW(import("f.csv", "U-2027-003", many), StoreError);
  many.pop_back();
  EXPECT_NO_THROW(import("g.csv", "U-2027-003", many));
  EXPECT_EQ(lines_of(portal, "ON-2027-002"), 2);
  EXPECT_EQ(lines_of(portal, "ON-2027-001"), 0);
  EXPECT_EQ(lines_of(portal, "U-2027-003"), static_cast<int64_t>(many.size()));
  // The other import ends: all of them go through.
  other->rollback();
  EXPECT_NO_THROW(import("c.csv", "ON-2027-002", {"P-1"}));
  EXPECT_NO_THROW(import("d.csv", "ON-2027-001", {"P-4"}));
  EXPECT_NO_THROW(import("e.csv", "ON-2027-002", {"P-5"}, store::ImportMode::Replace));
  EXPECT_EQ(lines_of(portal, "ON-2027-002"), 1);
  expect_check_clean(portal, test::shipped(), "after the imports");
  expect_same_status(portal, test::shipped(), day, "after the imports");
  expect_log_sound(portal);
}

TEST(Beside, SuppliersImportingSideBySideLeaveEveryFigureRight) {
  // Three suppliers' portals import random files at once, each through its own connection:
  // some of the same candidates in other contracts (whose figures then move in contracts the
  // import is not about), some candidates of their contract's own; added or replacing. On
  // PostgreSQL those of other contracts and candidates run side by side, on SQLite one after
  // the other. Afterwards every stored figure equals a fresh valuation, on the figures' day and
  // another, and the log is one sound chain with an entry per import.
  const Date day{2027, 12, 31};
  FiguresFixture f("beside-random", 43);
  constexpr int kSuppliers = 3, kFiles = 12;
  struct Job {
    std::string file, contract;
    store::ImportMode mode;
  };
  std::vector<std::vector<Job>> jobs(kSuppliers);
  for (int s = 0; s < kSuppliers; ++s)
    for (int k = 0; k < kFiles; ++k) {
      std::string contract = kContracts[f.pick(0, 2)];
      bool own = f.pick(0, 1) == 1;
      jobs[s].push_back({f.random_file(contract, own), contract,
                         f.pick(0, 3) == 0 ? store::ImportMode::Replace : store::ImportMode::Add});
    }
  const int64_t entries_before = f.reg->audit_entries();
  std::vector<int> stored(kSuppliers, 0);
  std::vector<std::thread> portals;
  for (int s = 0; s < kSuppliers; ++s)
    portals.emplace_back([&, s] {
      store::Register portal(f.location, store::Register::Access::ReadWrite,
                             "supplier-" + std::to_string(s), 60000);
      KeepFigures keep(portal, test::shipped(), day);
      for (const Job& job : jobs[s]) {
        try {
          import_file(portal, test::shipped(), job.file, job.contract, job.mode);
          ++stored[s];
        } catch (const DataError&) {  // a random file that repeats a stored row: refused
        } catch (const StoreError& e) {
          ADD_FAILURE() << "supplier " << s << ": " << test::en(e.message());
        }
      }
    });
  for (auto& t : portals) t.join();
  int total = 0;
  for (int n : stored) total += n;
  EXPECT_GT(total, kSuppliers * kFiles / 2);
  EXPECT_EQ(f.reg->audit_entries() - entries_before, total) << "one entry per import stored";
  expect_check_clean(*f.reg, test::shipped(), "after the suppliers");
  expect_same_status(*f.reg, test::shipped(), day, "after the suppliers");
  expect_same_status(*f.reg, test::shipped(), Date{2027, 8, 31}, "after the suppliers");
  expect_log_sound(*f.reg);
}

}  // namespace
}  // namespace sroi::portfolio
