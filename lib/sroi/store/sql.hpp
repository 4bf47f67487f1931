// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/store: one small SQL connection that the register's code is written
// against, with two stores behind it — SQLite (the embedded default, sql_sqlite.cpp) and
// PostgreSQL (the shared one, sql_postgres.cpp, through libpq). The register's SQL is written
// once, in the subset both speak (`?` parameters, RETURNING, ON CONFLICT, CAST); where they
// differ (a list parameter, locks, the schema itself) the connection says how (Dialect).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sroi::store::sql {

/// What went wrong, in the terms the register tells a person about.
enum class Fault { Busy, ReadOnly, CannotOpen, Damaged, Full, Io, Constraint, Other, Unreachable };
// (Unreachable: a server that did not answer; its error's text is libpq's first line, which
// names the server and why, never a password.)

/// An error of the store: its kind, the store's own code (SQLite's result code, or
/// PostgreSQL's SQLSTATE as a number where it has one) and the store's own text (for logs,
/// never shown as is).
class Error : public std::runtime_error {
 public:
  Error(Fault fault, int code, const std::string& what)
      : std::runtime_error(what), fault_(fault), code_(code) {}
  Fault fault() const { return fault_; }
  int code() const { return code_; }

 private:
  Fault fault_;
  int code_;
};

/// A value's kind as the store holds it (what `db copy` binds it as).
enum class Kind { Null, Integer, Text, Blob };

/// One statement of a backend: parameters are numbered from 1, columns from 0.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void bind_null(int i) = 0;
  virtual void bind_int(int i, int64_t v) = 0;
  virtual void bind_text(int i, std::string_view v) = 0;
  virtual void bind_blob(int i, std::string_view bytes) = 0;
  /// The next row (false: none left). The first call runs the statement.
  virtual bool step() = 0;
  /// Runs a statement that returns no rows; how many rows it changed.
  virtual int64_t run() = 0;
  /// Ready to run again (bindings kept until clear()).
  virtual void reset() = 0;
  virtual void clear() = 0;
  virtual int columns() = 0;
  virtual std::string name(int col) = 0;
  virtual Kind kind(int col) = 0;
  virtual bool is_null(int col) = 0;
  virtual int64_t int64(int col) = 0;
  /// The column's text (or a blob's bytes), valid until the cursor steps on.
  virtual std::string_view text(int col) = 0;
  /// Sends the rows added so far, where the cursor collects them (Connection::rows_into).
  virtual void end_rows() {}
};

class Connection;

/// A column of the current row (SQLiteCpp's names, which the register's code was written in).
class Column {
 public:
  Column(Cursor& c, int i) : c_(c), i_(i) {}
  bool isNull() const { return c_.is_null(i_); }
  int64_t getInt64() const { return c_.int64(i_); }
  int getInt() const { return static_cast<int>(c_.int64(i_)); }
  std::string getString() const { return std::string(c_.text(i_)); }
  std::string_view view() const { return c_.text(i_); }

 private:
  Cursor& c_;
  int i_;
};

/// A statement on a connection. `Stream::Rows` asks for rows read in batches rather than all
/// at once (a register-wide read of millions of lines).
enum class Stream { Whole, Rows };

class Statement {
 public:
  Statement(Connection& db, const std::string& sql, Stream stream = Stream::Whole);
  /// Rows for `into` ("table(column, …)") sent in one go, where the store has a way
  /// (Connection::rows_into): each row bound as parameters 1…n and added by exec(), all sent
  /// by end_rows(). None where it has not: insert them by statement.
  static std::optional<Statement> rows_into(Connection& db, const std::string& into);
  void bind(int i) { c_->bind_null(i); }
  void bind(int i, int64_t v) { c_->bind_int(i, v); }
  void bind(int i, int v) { c_->bind_int(i, v); }
  void bind(int i, const std::string& v) { c_->bind_text(i, v); }
  void bind(int i, std::string_view v) { c_->bind_text(i, v); }
  void bind(int i, const char* v) { c_->bind_text(i, v); }
  void bind_blob(int i, std::string_view bytes) { c_->bind_blob(i, bytes); }
  bool executeStep() { return c_->step(); }
  int64_t exec() { return c_->run(); }
  void reset() { c_->reset(); }
  void clearBindings() { c_->clear(); }
  Column getColumn(int i) { return Column(*c_, i); }
  Cursor& cursor() { return *c_; }
  void end_rows() { c_->end_rows(); }

 private:
  explicit Statement(std::unique_ptr<Cursor> c) : c_(std::move(c)) {}
  std::unique_ptr<Cursor> c_;
};

/// Where the two stores' SQL differs.
struct Dialect {
  /// The rows of a JSON array of texts bound to one parameter, as a subquery's SELECT.
  const char* text_list;
  /// Whether this is the shared store (PostgreSQL): several processes on other hosts.
  bool shared;
};

/// What a write beside others locks by name (Connection::lock_names).
enum class Names { Contract, Candidate };

/// A connection to one register store.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual std::unique_ptr<Cursor> prepare(const std::string& sql, Stream stream) = 0;
  /// A cursor that collects rows for `into` ("table(column, …)") and sends them in one go
  /// on end_rows(): PostgreSQL's COPY … FROM STDIN, which a server takes at about twice the
  /// rate of inserts a few dozen rows a statement. None (SQLite): no such way.
  virtual std::unique_ptr<Cursor> rows_into(const std::string& into) {
    (void)into;
    return nullptr;
  }
  /// Runs one or more statements without parameters.
  virtual void exec(const std::string& sql) = 0;
  virtual const Dialect& dialect() const = 0;
  /// A write transaction: one writer at a time (SQLite's write lock, or PostgreSQL's
  /// register-wide advisory lock taken at its start). Readers are never blocked.
  virtual void begin_write() = 0;
  /// A write transaction beside others of its kind (one contract's import): PostgreSQL takes
  /// the register-wide lock shared, so that such writes wait only for one another's names
  /// (lock_names) and for the audit log's tail (lock_tail), and all of them for a write alone.
  /// SQLite has one writer: begin_write.
  virtual void begin_shared_write() = 0;
  /// Within a write beside others: waits until no other write holds one of `names` (of
  /// `kind`), and holds them until the transaction ends; all in one order, so that two writes
  /// never wait for each other. Nothing in SQLite.
  virtual void lock_names(Names kind, const std::vector<std::string>& names) = 0;
  /// Within a write beside others: waits for the audit log's tail (its next entry, the anchor
  /// and the contract sums that count it) and holds it until the transaction ends. Nothing in
  /// SQLite.
  virtual void lock_tail() = 0;
  /// `n` new ids for realisation lines, increasing, that no other write is given: from a
  /// sequence on PostgreSQL. SQLite (one writer) gives none: the lines continue after the
  /// largest id.
  virtual std::vector<int64_t> take_line_ids(std::size_t n) = 0;
  /// A read transaction whose reads all see one snapshot.
  virtual void begin_read() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  /// The register's schema version (0: none yet) and its change.
  virtual int schema_version() = 0;
  virtual void set_schema_version(int v) = 0;
  virtual bool has_table(const std::string& name) = 0;
  /// A number that changes when another connection commits a change.
  virtual int64_t data_version() = 0;
  /// What the store's own checks find wrong: its own words per problem, and a table whose
  /// references do not hold (none: sound).
  struct Integrity {
    std::vector<std::string> problems;
    std::optional<std::string> foreign_key_table;
  };
  virtual Integrity integrity() = 0;
  /// Before many rows are written (a batch of imports): SQLite checkpoints less often.
  virtual void before_bulk_write() = 0;
  /// After many rows changed: let the store tidy up (SQLite folds its WAL into the file,
  /// PostgreSQL vacuums and renews the planner's statistics). Outside any transaction.
  virtual void after_bulk_write() = 0;
  /// After a batch that wrote many realisation lines committed, outside any transaction:
  /// PostgreSQL marks the pages written all-visible (VACUUM), so that the next batch reads its
  /// candidates' stored lines from the covering index alone, not each from the table too.
  /// Nothing in SQLite, whose indexes hold no visibility.
  virtual void after_batch_of_lines() {}
  /// Where the ids of a table that hands them out continue (after rows were copied in with
  /// their ids).
  virtual void continue_ids(const std::string& table) = 0;

  /// The first value of a one-row query (SQLiteCpp's execAndGet, for counts).
  int64_t scalar(const std::string& sql) {
    Statement st(*this, sql);
    return st.executeStep() ? st.getColumn(0).getInt64() : 0;
  }
};

inline Statement::Statement(Connection& db, const std::string& sql, Stream stream)
    : c_(db.prepare(sql, stream)) {}

inline std::optional<Statement> Statement::rows_into(Connection& db, const std::string& into) {
  std::unique_ptr<Cursor> c = db.rows_into(into);
  if (!c) return std::nullopt;
  return Statement(std::move(c));
}

/// Whether a write runs alone or beside others of its kind (Connection::begin_shared_write).
enum class Beside { None, Others };

/// A write transaction that rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& db, Beside beside = Beside::None) : db_(db) {
    if (beside == Beside::Others)
      db_.begin_shared_write();
    else
      db_.begin_write();
  }
  ~Transaction() {
    if (!done_) try {
        db_.rollback();
      } catch (...) {  // never throw from here
      }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    db_.commit();
    done_ = true;
  }

 private:
  Connection& db_;
  bool done_ = false;
};

/// A savepoint inside a transaction (one file of a batch): rolled back unless released.
class Savepoint {
 public:
  Savepoint(Connection& db, std::string name) : db_(db), name_(std::move(name)) {
    db_.exec("SAVEPOINT " + name_);
  }
  ~Savepoint() {
    if (!done_) try {
        db_.exec("ROLLBACK TO SAVEPOINT " + name_);
        db_.exec("RELEASE SAVEPOINT " + name_);
      } catch (...) {  // never throw from here
      }
  }
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  void release() {
    db_.exec("RELEASE SAVEPOINT " + name_);
    done_ = true;
  }

 private:
  Connection& db_;
  std::string name_;
  bool done_ = false;
};

/// One change's writes, all or nothing: a transaction of its own, or a savepoint when it is one
/// of a batch (a folder of files in one transaction).
class AllOrNothing {
 public:
  AllOrNothing(Connection& db, bool in_batch, std::string savepoint, Beside beside = Beside::None) {
    if (in_batch)
      sp_.emplace(db, std::move(savepoint));
    else
      tx_.emplace(db, beside);
  }
  void commit() {
    if (sp_)
      sp_->release();
    else
      tx_->commit();
  }

 private:
  std::optional<Transaction> tx_;
  std::optional<Savepoint> sp_;
};

/// How a register is opened.
enum class Mode { ReadOnly, ReadWrite, Create };

/// Whether `location` names a PostgreSQL register (postgresql://… or postgres://…).
bool is_postgres(std::string_view location);
/// `location` with a password in it written as ***: what a message or a listing may show.
std::string shown(const std::string& location);

/// Opens an SQLite file (sql_sqlite.cpp). Throws Error.
std::unique_ptr<Connection> open_sqlite(const std::string& path, Mode mode, int busy_ms);
/// Connects to a PostgreSQL database (sql_postgres.cpp). Throws Error.
std::unique_ptr<Connection> open_postgres(const std::string& url, Mode mode, int busy_ms);

}  // namespace sroi::store::sql
