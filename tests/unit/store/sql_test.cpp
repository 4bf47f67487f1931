// SPDX-License-Identifier: EUPL-1.2
// The store's own statements (lib/sroi/store/sql.hpp, internal to the store): two streamed
// reads side by side, as a kept day's rows are read beside the lines. Which one opens or closes
// first must not matter. Runs on both stores (pg.Sql.*): on PostgreSQL a streamed read outside
// a transaction opens one of the connection's own, which both cursors share.
#include "sroi/store/sql.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scratch.hpp"

namespace sroi::store::sql {
namespace {

/// A new, empty store of the kind the tests run on (a database of the tests' PostgreSQL
/// server when SROI_TEST_PG says so, else a SQLite file).
std::unique_ptr<Connection> fresh_store(const std::string& name) {
  test::Scratch scratch(name);
  std::string at = test::register_location(scratch.dir());
  return is_postgres(at) ? open_postgres(at, Mode::Create, 2000)
                         : open_sqlite(at, Mode::Create, 2000);
}

/// A new, empty store with a table `n` of the numbers 1..count (more than one batch of a
/// streamed read: PostgreSQL fetches 4,096 rows at a time).
std::unique_ptr<Connection> numbers(const std::string& name, int count) {
  std::unique_ptr<Connection> db = fresh_store(name);
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

TEST(Sql, RowsSentInOneGoComeBackAsBound) {
  // PostgreSQL takes many rows in one COPY (Statement::rows_into) in a text format of its
  // own: a tab ends a field, a newline a row, `\N` is NULL and a backslash escapes. Every
  // value must come back as it was bound, whatever it holds: those characters themselves, the
  // text "\N" (not NULL), an empty text (not NULL), NULL, whole numbers at both ends, and
  // every byte in a blob. SQLite has no such way: its writers insert by statement.
  std::unique_ptr<Connection> db = fresh_store("sql-rows-into");
  std::optional<Statement> in = Statement::rows_into(*db, "t(k, v, n, b)");
  if (!in) GTEST_SKIP() << "this store inserts rows by statement";
  db->exec(db->dialect().shared ? "CREATE TABLE t (k BIGINT, v TEXT, n BIGINT, b BYTEA)"
                                : "CREATE TABLE t (k INTEGER, v TEXT, n INTEGER, b BLOB)");
  std::string every_byte;
  for (int c = 0; c < 256; ++c) every_byte += static_cast<char>(c);
  const std::vector<std::string> texts = {
      "tab\there", "new\nline", "carriage\rreturn", "back\\slash", "\\N", "", "één € \\t"};
  Transaction tx(*db);
  for (std::size_t k = 0; k < texts.size(); ++k) {
    in->bind(1, static_cast<int64_t>(k));
    in->bind(2, texts[k]);
    in->bind(3, k % 2 ? INT64_MIN : INT64_MAX);
    in->bind_blob(4, every_byte.substr(k));
    in->exec();
  }
  in->bind(1, int64_t{99});  // a row of NULLs but its key
  in->bind(2);
  in->bind(3);
  in->bind(4);
  in->exec();
  in->end_rows();
  tx.commit();
  Statement read(*db, "SELECT k, v, n, b FROM t ORDER BY k");
  for (std::size_t k = 0; k < texts.size(); ++k) {
    ASSERT_TRUE(read.executeStep()) << "row " << k;
    EXPECT_EQ(read.getColumn(0).getInt64(), static_cast<int64_t>(k));
    EXPECT_FALSE(read.getColumn(1).isNull()) << "row " << k;
    EXPECT_EQ(read.getColumn(1).getString(), texts[k]);
    EXPECT_EQ(read.getColumn(2).getInt64(), k % 2 ? INT64_MIN : INT64_MAX);
    EXPECT_EQ(read.getColumn(3).getString(), every_byte.substr(k)) << "row " << k;
  }
  ASSERT_TRUE(read.executeStep());
  EXPECT_EQ(read.getColumn(0).getInt64(), 99);
  EXPECT_TRUE(read.getColumn(1).isNull());
  EXPECT_TRUE(read.getColumn(2).isNull());
  EXPECT_TRUE(read.getColumn(3).isNull());
  EXPECT_FALSE(read.executeStep());
}

TEST(Sql, RowsSentInOneGoThatBreakARuleChangeNothing) {
  // A row the table refuses (here a key twice) makes the whole COPY fail with the server's
  // reason, and the transaction then rolls back: none of the rows is stored.
  std::unique_ptr<Connection> db = fresh_store("sql-rows-into-refused");
  std::optional<Statement> in = Statement::rows_into(*db, "u(k)");
  if (!in) GTEST_SKIP() << "this store inserts rows by statement";
  db->exec("CREATE TABLE u (k BIGINT PRIMARY KEY)");
  {
    Transaction tx(*db);
    for (int64_t k : {1, 2, 2, 3}) {
      in->bind(1, k);
      in->exec();
    }
    EXPECT_THROW(in->end_rows(), Error);
  }  // not committed: rolled back
  EXPECT_EQ(db->scalar("SELECT COUNT(*) FROM u"), 0);
}

}  // namespace
}  // namespace sroi::store::sql
