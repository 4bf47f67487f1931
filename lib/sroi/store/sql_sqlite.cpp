// SPDX-License-Identifier: EUPL-1.2
// The embedded store: one SQLite file behind sql::Connection. SQLiteCpp opens it; statements
// use SQLite's own handle (SqliteCursor).
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <mutex>

#include "sroi/store/sql.hpp"

namespace sroi::store::sql {

namespace {

Fault fault_of(int code) {
  switch (code & 0xFF) {  // the primary code
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Fault::Busy;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Fault::ReadOnly;
    case SQLITE_CANTOPEN:
      return Fault::CannotOpen;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Fault::Damaged;
    case SQLITE_FULL:
      return Fault::Full;
    case SQLITE_IOERR:
      return Fault::Io;
    case SQLITE_CONSTRAINT:
      return Fault::Constraint;
    default:
      return Fault::Other;
  }
}

/// Runs `fn`, turning SQLiteCpp's exceptions into sql::Error.
template <typename Fn>
auto translated(Fn&& fn) {
  try {
    return fn();
  } catch (const SQLite::Exception& e) {
    throw Error(fault_of(e.getErrorCode()), e.getErrorCode(), e.what());
  }
}

/// A statement on SQLite's own handle: a column is read with one call (SQLiteCpp's Column
/// copies a shared pointer per read, a tenth of reading a million lines).
class SqliteCursor final : public Cursor {
 public:
  SqliteCursor(sqlite3* db, const std::string& sql) : db_(db) {
    int rc = sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &st_, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(st_);
      fail(rc);
    }
  }
  ~SqliteCursor() override { sqlite3_finalize(st_); }
  SqliteCursor(const SqliteCursor&) = delete;
  SqliteCursor& operator=(const SqliteCursor&) = delete;
  void bind_null(int i) override { check(sqlite3_bind_null(st_, i)); }
  void bind_int(int i, int64_t v) override { check(sqlite3_bind_int64(st_, i, v)); }
  void bind_text(int i, std::string_view v) override {
    check(sqlite3_bind_text64(st_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void bind_blob(int i, std::string_view b) override {
    check(sqlite3_bind_blob64(st_, i, b.data(), b.size(), SQLITE_TRANSIENT));
  }
  bool step() override {
    if (done_) fail(SQLITE_MISUSE, "a statement stepped past its end without a reset");
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail(rc);
    done_ = true;
    return false;
  }
  int64_t run() override {
    if (step()) fail(SQLITE_MISUSE, "a statement run for its changes returned rows");
    return sqlite3_changes64(db_);
  }
  void reset() override {
    done_ = false;
    check(sqlite3_reset(st_));
  }
  void clear() override { sqlite3_clear_bindings(st_); }
  int columns() override { return sqlite3_column_count(st_); }
  std::string name(int col) override {
    const char* n = sqlite3_column_name(st_, col);
    return n ? n : "";
  }
  Kind kind(int col) override {
    switch (sqlite3_column_type(st_, col)) {
      case SQLITE_NULL:
        return Kind::Null;
      case SQLITE_INTEGER:
        return Kind::Integer;
      case SQLITE_BLOB:
        return Kind::Blob;
      default:
        return Kind::Text;
    }
  }
  bool is_null(int col) override { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  int64_t int64(int col) override { return sqlite3_column_int64(st_, col); }
  std::string_view text(int col) override {
    // The pointer first, then its length (SQLite's order for a value it may convert).
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
    if (!p) return {};
    return std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, col)));
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) fail(rc);
  }
  /// Throws the error `rc`: with the connection's extended code and text when they are
  /// `rc`'s, or with `what` (a misuse of ours, which SQLite has no text for).
  [[noreturn]] void fail(int rc, const char* what = nullptr) const {
    int extended = sqlite3_extended_errcode(db_);
    int code = !what && (extended & 0xFF) == (rc & 0xFF) ? extended : rc;
    throw Error(fault_of(code), code, what ? what : sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
  bool done_ = false;
};

const Dialect kSqlite{"SELECT value FROM json_each(?)", false};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& where, int flags, int busy_ms)
      : db_(translated([&] { return SQLite::Database(where, flags, busy_ms); })) {}
  std::unique_ptr<Cursor> prepare(const std::string& sql, Stream) override {
    return std::make_unique<SqliteCursor>(db_.getHandle(), sql);
  }
  void exec(const std::string& sql) override {
    translated([&] { db_.exec(sql); });
  }
  const Dialect& dialect() const override { return kSqlite; }
  void begin_write() override { exec("BEGIN IMMEDIATE"); }
  // One writer at a time: a write beside others is a write alone, and needs no names.
  void begin_shared_write() override { begin_write(); }
  void lock_names(Names, const std::vector<std::string>&) override {}
  void lock_tail() override {}
  std::vector<int64_t> take_line_ids(std::size_t) override { return {}; }
  void begin_read() override {
    // A deferred transaction takes its snapshot at the first read: make that read now.
    exec("BEGIN DEFERRED");
    scalar("SELECT COUNT(*) FROM sqlite_master");
  }
  void commit() override { exec("COMMIT"); }
  void rollback() override { exec("ROLLBACK"); }
  int schema_version() override { return static_cast<int>(scalar("PRAGMA user_version")); }
  void set_schema_version(int v) override { exec("PRAGMA user_version = " + std::to_string(v)); }
  bool has_table(const std::string& name) override {
    return translated([&] { return db_.tableExists(name); });
  }
  int64_t data_version() override { return scalar("PRAGMA data_version"); }
  Integrity integrity() override {
    Integrity out;
    Statement st(*this, "PRAGMA integrity_check");
    while (st.executeStep())
      if (st.getColumn(0).getString() != "ok") out.problems.push_back(st.getColumn(0).getString());
    Statement fk(*this, "PRAGMA foreign_key_check");
    if (fk.executeStep()) out.foreign_key_table = fk.getColumn(0).getString();
    return out;
  }
  void before_bulk_write() override {
    // Fewer, larger checkpoints while batches are written (the WAL may grow to ~40 MB), and
    // more of the file's pages kept (128 MB): new lines go into the candidate index at random
    // places, which a small cache reads and writes again and again.
    exec("PRAGMA wal_autocheckpoint = 10000");
    exec("PRAGMA cache_size = -131072");
  }
  void after_bulk_write() override {
    // Fold the WAL into the file now, so that the next readers do not look each page up in it
    // (they cannot fold it themselves when they only read).
    exec("PRAGMA wal_checkpoint(PASSIVE)");
  }
  void continue_ids(const std::string&) override {}  // SQLite continues after the largest id

 private:
  SQLite::Database db_;
};

/// `path` as an SQLite URI that opens it read-only and immutable (file:…?immutable=1), with
/// the characters a URI gives meaning to written as %XX.
std::string immutable_uri(const std::string& path) {
  std::string abs = std::filesystem::absolute(path).string();
  std::string out = "file:";
  for (unsigned char c : abs) {
    if (c == '%' || c == '?' || c == '#' || c < 0x21 || c >= 0x7F) {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "?mode=ro&immutable=1";
}

}  // namespace

std::unique_ptr<Connection> open_sqlite(const std::string& path, Mode mode, int busy_ms) {
  // SQLite counts its memory under one process-wide mutex unless told not to: with many
  // connections in threads (the portal), every allocation then waits for that lock. We never
  // read those counts. This must happen before SQLite's first use.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  int flags = mode == Mode::ReadOnly ? SQLite::OPEN_READONLY
              : mode == Mode::Create ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE
                                     : SQLite::OPEN_READWRITE;
  // One thread uses a connection at a time (status reads on one thread and values on others):
  // SQLite need not lock the connection on every call (a million lines, 13 columns each).
  flags |= SQLITE_OPEN_NOMUTEX;
  std::string where = path;
  if (mode == Mode::ReadOnly && ::access(path.c_str(), W_OK) != 0 &&
      !std::filesystem::exists(path + "-wal")) {
    // A copy this process may not write (another's file, a read-only folder) with no writer
    // at work (no -wal beside it): read as immutable, so that SQLite neither needs nor leaves
    // -shm and -wal files, which would fail in a folder it cannot write and would block the
    // owner's next import in one it can.
    where = immutable_uri(path);
    flags |= SQLITE_OPEN_URI;
  }
  auto c = std::make_unique<SqliteConnection>(where, flags, busy_ms);
  c->exec("PRAGMA foreign_keys = ON");
  if (mode != Mode::ReadOnly) {
    c->exec("PRAGMA journal_mode = WAL");
    c->exec("PRAGMA synchronous = NORMAL");
  }
  // Reading the whole register (status) is mostly page reads: keep more of them (16 MB).
  c->exec("PRAGMA cache_size = -16384");
  return c;
}

}  // namespace sroi::store::sql
