// SPDX-License-Identifier: EUPL-1.2
// Benchmark baseline: the practical limit for storing realisation rows. Reads every row of the
// realisation CSV files in a directory into memory (not timed), then inserts them into a table
// shaped like sroi's realisation_lines (same columns and indexes) through one prepared
// statement in one transaction, with bare SQLite. Prints rows per second.
//
// usage: sroi-bench-sqlite-bare DIR OUT.db
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Row {
  std::string contract;
  std::string fields[5];  // candidate, block, start, end, hours
};

int check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DIR OUT.db\n", argv[0]);
    return 2;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(argv[1]))
    if (e.path().extension() == ".csv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Row> rows;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      Row r;
      r.contract = f.stem().string();
      std::size_t from = 0;
      for (int k = 0; k < 5; ++k) {
        std::size_t comma = line.find(',', from);
        r.fields[k] = line.substr(from, comma - from);
        from = comma == std::string::npos ? line.size() : comma + 1;
      }
      rows.push_back(std::move(r));
    }
  }

  std::filesystem::remove(argv[2]);
  sqlite3* db = nullptr;
  check(sqlite3_open(argv[2], &db), db, "open");
  const char* schema =
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
      "CREATE TABLE contracts (id TEXT PRIMARY KEY);"
      "CREATE TABLE imports (id INTEGER PRIMARY KEY, contract_id TEXT NOT NULL REFERENCES "
      "contracts(id));"
      "CREATE TABLE realisation_lines (id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL "
      "REFERENCES imports(id), contract_id TEXT NOT NULL REFERENCES contracts(id), line_no "
      "INTEGER NOT NULL, candidate TEXT NOT NULL, block TEXT NOT NULL, start_date TEXT NOT NULL, "
      "end_date TEXT NOT NULL CHECK (end_date >= start_date), hours_per_week TEXT, amount_cents "
      "INTEGER, hours TEXT, count INTEGER, bonuses TEXT NOT NULL DEFAULT '');"
      "CREATE INDEX lines_by_candidate ON realisation_lines(candidate, id, contract_id, line_no, "
      "block, start_date, end_date, hours_per_week, amount_cents, hours, count, bonuses);"
      "CREATE INDEX lines_by_contract ON realisation_lines(contract_id);"
      "CREATE INDEX lines_by_import ON realisation_lines(import_id);";
  check(sqlite3_exec(db, schema, nullptr, nullptr, nullptr), db, "schema");
  // Parents the foreign keys need: one contract and one import per file.
  check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string sql = "INSERT INTO contracts VALUES ('" + files[i].stem().string() +
                      "'); INSERT INTO imports VALUES (" + std::to_string(i + 1) + ", '" +
                      files[i].stem().string() + "');";
    check(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), db, "parents");
  }
  check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");

  auto t0 = std::chrono::steady_clock::now();
  check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
  sqlite3_stmt* st = nullptr;
  check(sqlite3_prepare_v2(db,
                           "INSERT INTO realisation_lines(import_id, contract_id, line_no, "
                           "candidate, block, start_date, end_date, hours_per_week, bonuses) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')",
                           -1, &st, nullptr),
        db, "prepare");
  int64_t import_id = 0;
  std::string last;
  int line_no = 1;
  for (const auto& r : rows) {
    if (r.contract != last) {
      ++import_id;
      last = r.contract;
      line_no = 1;
    }
    sqlite3_bind_int64(st, 1, import_id);
    sqlite3_bind_text(st, 2, r.contract.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, ++line_no);
    for (int k = 0; k < 4; ++k)
      sqlite3_bind_text(st, 4 + k, r.fields[k].c_str(), -1, SQLITE_STATIC);
    if (r.fields[4].empty())
      sqlite3_bind_null(st, 8);
    else
      sqlite3_bind_text(st, 8, r.fields[4].c_str(), -1, SQLITE_STATIC);
    check(sqlite3_step(st), db, "insert");
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  sqlite3_close(db);
  std::printf("bare sqlite: %zu rows in %.2f s (%.0f rows/s)\n", rows.size(), secs,
              static_cast<double>(rows.size()) / secs);
  return 0;
}
