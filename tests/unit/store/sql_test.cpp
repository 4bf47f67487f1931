// SPDX-License-Identifier: EUPL-1.2
// The store's own statements (lib/sroi/store/sql.hpp, internal to the store): two streamed
// reads side by side, as a kept day's rows are read beside the lines. Which one opens or closes
// first must not matter. Runs on both stores (pg.Sql.*): on PostgreSQL a streamed read outside
// a transaction opens one of the connection's own, which both cursors share.
#include "sroi/store/sql.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "scratch.hpp"

namespace sroi::store::sql {
namespace {

/// A new, empty store with a table `n` of the numbers 1..count (more than one batch of a
/// streamed read: PostgreSQL fetches 4,096 rows at a time).
std::unique_ptr<Connection> numbers(const std::string& name, int count) {
  test::Scratch scratch(name);
  std::string at = test::register_location(scratch.dir());
  std::unique_ptr<Connection> db =
      is_postgres(at) ? open_postgres(at, Mode::Create, 2000) : open_sqlite(at, Mode::Create, 2000);
  db->exec("CREATE TABLE n (v BIGINT NOT NULL)");
  Transaction tx(*db);
  Statement add(*db, "INSERT INTO n(v) VALUES (?)");
  for (int v = 1; v <= count; ++v) {
    add.bind(1, int64_t{v});
    add.exec();
    add.reset();
  }
  tx.commit();
  return db;
}

/// Reads the rest of a streamed read; the sum of the values it saw.
int64_t rest(Statement& st, int64_t sum) {
  while (st.executeStep()) sum += st.getColumn(0).getInt64();
  return sum;
}

/// Deletes the value `v` in a write transaction of its own (which can only begin when no read
/// is left open) and checks that one row went.
void write_after(Connection& db, int64_t v, int64_t rows) {
  Transaction tx(db);
  db.exec("DELETE FROM n WHERE v = " + std::to_string(v));
  tx.commit();
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM n"), rows - 1);
}

constexpr int kRows = 10000;
constexpr int64_t kSum = int64_t{kRows} * (kRows + 1) / 2;  // 1 + 2 + … + 10,000

TEST(Sql, TheFirstStreamedReadClosedEarlyLeavesTheSecondReading) {
  auto db = numbers("sql-first-closes", kRows);
  Statement first(*db, "SELECT v FROM n ORDER BY v", Stream::Rows);
  ASSERT_TRUE(first.executeStep());
  Statement second(*db, "SELECT v FROM n ORDER BY v", Stream::Rows);
  ASSERT_TRUE(second.executeStep());
  int64_t seen = second.getColumn(0).getInt64();
  // The read that opened first is done with after one row; the other reads on past the
  // first batch: all 10,000 values, summing to 50,005,000.
  first.reset();
  EXPECT_EQ(rest(second, seen), kSum);
  second.reset();
  // Both closed: the connection is outside any transaction again, so a write can begin.
  write_after(*db, 1, kRows);
}

TEST(Sql, TheSecondStreamedReadClosedEarlyLeavesTheFirstReading) {
  auto db = numbers("sql-second-closes", kRows);
  Statement first(*db, "SELECT v FROM n ORDER BY v", Stream::Rows);
  ASSERT_TRUE(first.executeStep());
  int64_t seen = first.getColumn(0).getInt64();
  {
    Statement second(*db, "SELECT v FROM n WHERE v > ? ORDER BY v", Stream::Rows);
    second.bind(1, int64_t{kRows - 2});
    EXPECT_EQ(rest(second, 0), int64_t{kRows - 1} + kRows);
  }  // closed (and its statement gone) while the first has rows left
  EXPECT_EQ(rest(first, seen), kSum);
  first.reset();
  write_after(*db, 2, kRows);
}

TEST(Sql, TwoStreamedReadsInTurnWithStatementsBetweenSeeEveryRowInOrder) {
  // As a kept day's rows are read beside the lines: two streamed reads step in turns, and a
  // statement of its own runs between the steps now and then. On PostgreSQL each cursor asks
  // for its next 4,096 rows ahead while its rows are used; whatever the connection does next
  // takes those in first. Every value comes once, in order, in both; the statements between
  // see the table.
  auto db = numbers("sql-in-turn", kRows);
  Statement up(*db, "SELECT v FROM n ORDER BY v", Stream::Rows);
  Statement down(*db, "SELECT v FROM n ORDER BY v DESC", Stream::Rows);
  Statement count(*db, "SELECT COUNT(*) FROM n WHERE v <= ?");
  for (int64_t k = 1; k <= kRows; ++k) {
    ASSERT_TRUE(up.executeStep()) << "row " << k;
    ASSERT_TRUE(down.executeStep()) << "row " << k;
    ASSERT_EQ(up.getColumn(0).getInt64(), k);
    ASSERT_EQ(down.getColumn(0).getInt64(), kRows + 1 - k);
    if (k % 4000 == 0 || k == 4096 || k == 4097) {
      count.bind(1, k);
      ASSERT_TRUE(count.executeStep());
      EXPECT_EQ(count.getColumn(0).getInt64(), k);
      count.reset();
    }
  }
  EXPECT_FALSE(up.executeStep());
  EXPECT_FALSE(down.executeStep());
  up.reset();
  down.reset();
  write_after(*db, 3, kRows);
}

TEST(Sql, AStatementOverAListOfNamesIsPlannedForItsListEachTime) {
  // PostgreSQL keeps a prepared statement's plan once it seems as good as planning anew. A
  // plan made for a list of names while the table was empty (a register's first batch) then
  // scanned the whole table for every name once it was not: one read of 4,096 candidates'
  // lines took 45 s. So a statement over a list is never prepared; any other statement is,
  // from its second run (a thousand imports parse it once). SQLite prepares every statement
  // and plans it for its indexes, whatever the table holds.
  auto db = numbers("sql-list-plans", 0);
  if (!db->dialect().shared)
    GTEST_SKIP() << "SQLite plans by its indexes, not by what a table holds";
  db->exec("CREATE INDEX n_by_v ON n(v)");
  Statement list(*db, std::string("SELECT COUNT(*) FROM n WHERE CAST(v AS TEXT) IN (") +
                          db->dialect().text_list + ")");
  Statement one(*db, "SELECT COUNT(*) FROM n WHERE v = ?");
  for (int run = 0; run < 7; ++run) {  // more runs than the server plans anew by default (5)
    list.bind(1, std::string(R"(["1", "2"])"));
    ASSERT_TRUE(list.executeStep());
    EXPECT_EQ(list.getColumn(0).getInt64(), 0);
    list.reset();
    one.bind(1, int64_t{run});
    ASSERT_TRUE(one.executeStep());
    one.reset();
  }
  auto kept = [&](const std::string& like) {
    return db->scalar("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '" + like +
                      "'");
  };
  EXPECT_EQ(kept("%jsonb_array_elements_text%"), 0) << "the list's statement was prepared";
  EXPECT_EQ(kept("%WHERE v = $1%"), 1) << "the other statement was not prepared: the test "
                                          "no longer sees what the server keeps";
}

}  // namespace
}  // namespace sroi::store::sql
