// SPDX-License-Identifier: EUPL-1.2
// The shared store: a PostgreSQL database through libpq, behind sql::Connection. Parameters
// are sent as text (blobs as bytes) and typed by the server from where they stand; a
// statement run a second time is prepared on the server; a register-wide read goes through a
// cursor, a few thousand rows at a time. Every writer takes the register's advisory lock for
// its transaction: alone, or shared by imports beside each other, which then lock their
// contract and candidates by name and take the audit log's tail in turn at their end
// (docs/store.md). Readers read their own snapshot and never wait.
#include <dlfcn.h>
#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cstring>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "sroi/store/facts.hpp"
#include "sroi/store/sql.hpp"

namespace sroi::store::sql {

namespace {

/// libpq's functions, loaded when the first PostgreSQL register is opened: a program that
/// only uses SQLite registers does not load libpq and the twenty libraries it needs
/// (Kerberos, LDAP, GnuTLS…), which took a third of every command's start.
struct Pq {
  decltype(&::PQclear) PQclear;
  decltype(&::PQcmdTuples) PQcmdTuples;
  decltype(&::PQconnectdb) PQconnectdb;
  decltype(&::PQerrorMessage) PQerrorMessage;
  decltype(&::PQexec) PQexec;
  decltype(&::PQexecParams) PQexecParams;
  decltype(&::PQexecPrepared) PQexecPrepared;
  decltype(&::PQfinish) PQfinish;
  decltype(&::PQfname) PQfname;
  decltype(&::PQgetResult) PQgetResult;
  decltype(&::PQftype) PQftype;
  decltype(&::PQgetisnull) PQgetisnull;
  decltype(&::PQgetlength) PQgetlength;
  decltype(&::PQgetvalue) PQgetvalue;
  decltype(&::PQnfields) PQnfields;
  decltype(&::PQntuples) PQntuples;
  decltype(&::PQprepare) PQprepare;
  decltype(&::PQputCopyData) PQputCopyData;
  decltype(&::PQputCopyEnd) PQputCopyEnd;
  decltype(&::PQresultErrorField) PQresultErrorField;
  decltype(&::PQresultErrorMessage) PQresultErrorMessage;
  decltype(&::PQresultStatus) PQresultStatus;
  decltype(&::PQsendQuery) PQsendQuery;
  decltype(&::PQsetNoticeProcessor) PQsetNoticeProcessor;
  decltype(&::PQstatus) PQstatus;
  decltype(&::PQtransactionStatus) PQtransactionStatus;
};

template <typename F>
void load(void* lib, F& f, const char* name) {
  f = reinterpret_cast<F>(dlsym(lib, name));
  if (!f) throw Error(Fault::Unreachable, 0, std::string("libpq.so.5: no ") + name);
}

/// The loaded functions; throws Error (Unreachable) when libpq is not installed.
const Pq& pq() {
  static const Pq loaded = [] {
    // Debian's libpq5; its soname is part of libpq's interface (version 5 since 2006).
    void* lib = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!lib)
      throw Error(Fault::Unreachable, 0,
                  "libpq.so.5 is not installed (Debian package libpq5), needed for a "
                  "PostgreSQL register");
    Pq p{};
    load(lib, p.PQclear, "PQclear");
    load(lib, p.PQcmdTuples, "PQcmdTuples");
    load(lib, p.PQconnectdb, "PQconnectdb");
    load(lib, p.PQerrorMessage, "PQerrorMessage");
    load(lib, p.PQexec, "PQexec");
    load(lib, p.PQexecParams, "PQexecParams");
    load(lib, p.PQexecPrepared, "PQexecPrepared");
    load(lib, p.PQfinish, "PQfinish");
    load(lib, p.PQfname, "PQfname");
    load(lib, p.PQgetResult, "PQgetResult");
    load(lib, p.PQftype, "PQftype");
    load(lib, p.PQgetisnull, "PQgetisnull");
    load(lib, p.PQgetlength, "PQgetlength");
    load(lib, p.PQgetvalue, "PQgetvalue");
    load(lib, p.PQnfields, "PQnfields");
    load(lib, p.PQntuples, "PQntuples");
    load(lib, p.PQprepare, "PQprepare");
    load(lib, p.PQputCopyData, "PQputCopyData");
    load(lib, p.PQputCopyEnd, "PQputCopyEnd");
    load(lib, p.PQresultErrorField, "PQresultErrorField");
    load(lib, p.PQresultErrorMessage, "PQresultErrorMessage");
    load(lib, p.PQresultStatus, "PQresultStatus");
    load(lib, p.PQsendQuery, "PQsendQuery");
    load(lib, p.PQsetNoticeProcessor, "PQsetNoticeProcessor");
    load(lib, p.PQstatus, "PQstatus");
    load(lib, p.PQtransactionStatus, "PQtransactionStatus");
    return p;
  }();
  return loaded;
}

/// The advisory lock every writer of a register takes ("sroi" in ASCII): alone, or shared by
/// writes beside each other (imports of one contract each).
constexpr const char* kWriteLock = "SELECT pg_advisory_xact_lock(1936879465)";
constexpr const char* kSharedWriteLock = "SELECT pg_advisory_xact_lock_shared(1936879465)";
/// The audit log's tail, which writes beside each other take in turn at their end.
constexpr const char* kTailLock = "SELECT pg_advisory_xact_lock(1936879466)";
/// The key spaces of the names writes beside each other lock (the first of an advisory lock's
/// two keys; the second is the name's hash). Two names with one hash only wait for each other.
constexpr int kContractNames = 1936879467;
constexpr int kCandidateNames = 1936879468;
/// Rows a cursor fetches at a time.
constexpr int kFetch = 4096;
constexpr unsigned kByteaOid = 17;

Fault fault_of(const char* state) {
  std::string_view s = state ? state : "";
  if (s == "40001" || s == "40P01" || s == "55P03" || s == "57014") return Fault::Busy;
  if (s == "25006" || s == "42501") return Fault::ReadOnly;
  if (s.substr(0, 2) == "08" || s == "57P01" || s == "57P03" || s == "3D000")
    return Fault::CannotOpen;
  if (s.substr(0, 2) == "23") return Fault::Constraint;
  if (s == "53100") return Fault::Full;
  if (s.substr(0, 2) == "58") return Fault::Io;
  if (s == "XX001" || s == "XX002") return Fault::Damaged;
  return Fault::Other;
}

/// SQLSTATE as a number where it is one (digits), else 0.
int code_of(const char* state) {
  int v = 0;
  if (!state) return 0;
  auto [end, ec] = std::from_chars(state, state + std::strlen(state), v);
  return ec == std::errc() && *end == '\0' ? v : 0;
}

/// Owns a PGresult.
struct Result {
  PGresult* r = nullptr;
  Result() = default;
  explicit Result(PGresult* p) : r(p) {}
  Result(Result&& o) noexcept : r(o.r) { o.r = nullptr; }
  Result& operator=(Result&& o) noexcept {
    if (this != &o) {
      if (r) pq().PQclear(r);
      r = o.r;
      o.r = nullptr;
    }
    return *this;
  }
  ~Result() {
    if (r) pq().PQclear(r);
  }
};

/// Throws the error a result carries, if any.
Result checked(PGconn* c, PGresult* res) {
  Result out(res);
  ExecStatusType s = res ? pq().PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY) return out;
  const char* state = res ? pq().PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string text = res ? pq().PQresultErrorMessage(res) : pq().PQerrorMessage(c);
  if (!state && pq().PQstatus(c) != CONNECTION_OK)
    throw Error(Fault::CannotOpen, 0, "connection lost: " + text);
  throw Error(fault_of(state), code_of(state), (state ? std::string(state) + ": " : "") + text);
}

/// The statement with SQLite's `?` written as PostgreSQL's `$1`, `$2`, … (outside quotes).
std::string numbered(const std::string& sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  char quote = 0;
  count = 0;
  for (char ch : sql) {
    if (quote) {
      if (ch == quote) quote = 0;
      out += ch;
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
      out += ch;
    } else if (ch == '?') {
      out += '$' + std::to_string(++count);
    } else {
      out += ch;
    }
  }
  return out;
}

class PgConnection;

class PgCursor final : public Cursor {
 public:
  PgCursor(PgConnection& db, const std::string& sql, Stream stream);
  ~PgCursor() override;
  void bind_null(int i) override { param(i).reset(); }
  void bind_int(int i, int64_t v) override { set(i, std::to_string(v), 0); }
  void bind_text(int i, std::string_view v) override { set(i, std::string(v), 0); }
  void bind_blob(int i, std::string_view b) override { set(i, std::string(b), 1); }
  bool step() override;
  int64_t run() override;
  void reset() override;
  void clear() override {
    for (auto& v : values_) v.reset();
  }
  int columns() override { return res_.r ? pq().PQnfields(res_.r) : 0; }
  std::string name(int col) override { return pq().PQfname(res_.r, col); }
  Kind kind(int col) override {
    if (is_null(col)) return Kind::Null;
    switch (pq().PQftype(res_.r, col)) {
      case 20:  // int8
      case 21:  // int2
      case 23:  // int4
        return Kind::Integer;
      case kByteaOid:
        return Kind::Blob;
      default:
        return Kind::Text;
    }
  }
  bool is_null(int col) override { return pq().PQgetisnull(res_.r, row_, col) != 0; }
  int64_t int64(int col) override {
    if (is_null(col)) return 0;
    const char* v = pq().PQgetvalue(res_.r, row_, col);
    int64_t out = 0;
    auto [end, ec] = std::from_chars(v, v + pq().PQgetlength(res_.r, row_, col), out);
    if (ec != std::errc()) throw Error(Fault::Other, 0, std::string("not a whole number: ") + v);
    (void)end;
    return out;
  }
  std::string_view text(int col) override {
    if (is_null(col)) return {};
    const char* v = pq().PQgetvalue(res_.r, row_, col);
    std::size_t n = static_cast<std::size_t>(pq().PQgetlength(res_.r, row_, col));
    if (pq().PQftype(res_.r, col) != kByteaOid) return std::string_view(v, n);
    // bytea comes as text in hex ("\x0a1b…"): give the bytes, as SQLite gives a blob's.
    if (bytes_.size() <= static_cast<std::size_t>(col))
      bytes_.resize(static_cast<std::size_t>(col) + 1);
    // Sized once and written by place: kpi reads tens of megabytes of them.
    std::string& out = bytes_[static_cast<std::size_t>(col)];
    out.resize(n < 2 ? 0 : (n - 2) / 2);
    auto hex = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    const char* in = v + 2;
    for (char& b : out) {
      b = static_cast<char>(hex(in[0]) * 16 + hex(in[1]));
      in += 2;
    }
    return out;
  }

 private:
  std::optional<std::string>& param(int i) {
    if (static_cast<int>(values_.size()) < i) {
      values_.resize(static_cast<std::size_t>(i));
      formats_.resize(static_cast<std::size_t>(i), 0);
    }
    return values_[static_cast<std::size_t>(i - 1)];
  }
  void set(int i, std::string v, int format) {
    param(i) = std::move(v);
    formats_[static_cast<std::size_t>(i - 1)] = format;
  }
  /// Runs the statement (or, streamed, declares its cursor and fetches the first rows).
  Result execute(const std::string& sql, bool reuse);
  /// The cursor's next rows: those asked for ahead, else asked for now. Then, while there may
  /// be more, asks for the rows after them, so that the server reads those while these are
  /// used (a scan of a million lines took the server's time and the reader's one after the
  /// other).
  void fetch();

 public:
  /// The rows asked for ahead arrive (PgConnection::settle): kept until fetch() takes them.
  void take_ahead();

 private:
  PgConnection& db_;
  std::string sql_;
  int params_ = 0;
  Stream stream_;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> formats_;
  Result res_;
  int row_ = -1;
  bool started_ = false;
  int runs_ = 0;
  bool replan_ = false;   ///< planned on every run, never prepared (a list of names)
  std::string prepared_;  ///< the server-side name once prepared
  std::string cursor_;    ///< the open cursor's name (Stream::Rows)
  bool own_tx_ = false;   ///< the cursor holds a share of the connection's own read
  bool more_ = false;     ///< the cursor may hold more rows
  bool ahead_ = false;    ///< its next rows were asked for (in flight, or in next_)
  Result next_;           ///< those rows, once arrived (unchecked)
  std::vector<std::string> bytes_;
};

/// Rows collected for one table and sent in one COPY … FROM STDIN (Connection::rows_into), in
/// COPY's text format: fields apart by tabs, `\N` for NULL, a backslash before a backslash and
/// as `\t`, `\n`, `\r` for the characters that would end a field or a row; bytes as bytea's hex.
class PgCopyCursor final : public Cursor {
 public:
  PgCopyCursor(PgConnection& db, const std::string& into)
      : db_(db), sql_("COPY " + into + " FROM STDIN") {}
  void bind_null(int i) override { field(i).reset(); }
  void bind_int(int i, int64_t v) override { field(i) = std::to_string(v); }
  void bind_text(int i, std::string_view v) override { field(i) = escaped(v); }
  void bind_blob(int i, std::string_view b) override {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\\\\x";  // bytea's "\x", its backslash doubled for COPY
    out.reserve(3 + 2 * b.size());
    for (unsigned char c : b) {
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
    field(i) = std::move(out);
  }
  /// Adds the bound row; the fields are unbound for the next.
  int64_t run() override;
  void end_rows() override;
  bool step() override { throw Error(Fault::Other, 0, "a COPY has no rows to read"); }
  void reset() override {}
  void clear() override {
    for (auto& f : fields_) f.reset();
  }
  int columns() override { return 0; }
  std::string name(int) override { return {}; }
  Kind kind(int) override { return Kind::Null; }
  bool is_null(int) override { return true; }
  int64_t int64(int) override { return 0; }
  std::string_view text(int) override { return {}; }

 private:
  std::optional<std::string>& field(int i) {
    if (static_cast<int>(fields_.size()) < i) fields_.resize(static_cast<std::size_t>(i));
    return fields_[static_cast<std::size_t>(i - 1)];
  }
  static std::string escaped(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
      switch (c) {
        case '\\':
          out += "\\\\";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        default:
          out += c;
      }
    }
    return out;
  }

  PgConnection& db_;
  std::string sql_;
  std::vector<std::optional<std::string>> fields_;
  std::string rows_;  ///< the rows added and not yet sent
};

constexpr const char* kNameList = "SELECT jsonb_array_elements_text(CAST(? AS jsonb))";
const Dialect kPostgres{kNameList, true};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(PGconn* c) : c_(c) {}
  ~PgConnection() override { pq().PQfinish(c_); }
  PGconn* raw() { return c_; }
  std::unique_ptr<Cursor> prepare(const std::string& sql, Stream stream) override {
    return std::make_unique<PgCursor>(*this, sql, stream);
  }
  std::unique_ptr<Cursor> rows_into(const std::string& into) override {
    return std::make_unique<PgCopyCursor>(*this, into);
  }
  void exec(const std::string& sql) override {
    settle();
    tables_at_open_.reset();  // a statement may make tables
    checked(c_, pq().PQexec(c_, sql.c_str()));
  }
  /// Starts the session: its settings, then which of a register's telling tables exist (what
  /// opening asks first), in one round trip. `settings` ends in a statement that yields one row
  /// to which the three answers are added.
  void start(const std::string& settings) {
    settle();
    std::string sql = settings;
    for (const char* t : kTelling) sql += ", " + named_here(std::string("'") + t + "'");
    Result r = checked(c_, pq().PQexec(c_, sql.c_str()));
    tables_at_open_.emplace();
    const int first = pq().PQnfields(r.r) - static_cast<int>(kTelling.size());
    for (std::size_t k = 0; k < kTelling.size(); ++k)
      if (pq().PQntuples(r.r) == 1 && *pq().PQgetvalue(r.r, 0, first + static_cast<int>(k)) == 't')
        tables_at_open_->insert(kTelling[k]);
  }
  /// SQL that says whether a relation named `quoted` (an SQL text) is in the schema tables are
  /// made in (the first of the search path). By name, through the server's caches: a query of
  /// pg_class cost a fresh session a millisecond for its plan.
  static std::string named_here(const std::string& quoted) {
    return "to_regclass(quote_ident(current_schema()) || '.' || quote_ident(" + quoted +
           ")) IS NOT NULL";
  }
  const Dialect& dialect() const override { return kPostgres; }
  // One round trip each: the statements of one simple query run in order, and the
  // transaction a BEGIN among them opens stays open after it.
  void begin_write() override { begin_locked(kWriteLock); }
  void begin_shared_write() override { begin_locked(kSharedWriteLock); }
  void lock_names(Names kind, const std::vector<std::string>& names) override {
    if (names.empty()) return;
    // In the order of their hashes, each once: two writes that lock some of the same names
    // take them in the same order, so neither holds one the other waits for while it waits.
    Statement st(*this,
                 "SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(CAST(? AS INTEGER), h) FROM "
                 "(SELECT DISTINCT hashtext(value) AS h FROM jsonb_array_elements_text(CAST(? "
                 "AS jsonb)) ORDER BY h) AS hashes) AS locked");
    st.bind(1, kind == Names::Contract ? kContractNames : kCandidateNames);
    st.bind(2, json_list(names));
    st.executeStep();
  }
  void lock_tail() override { exec(kTailLock); }
  std::vector<int64_t> take_line_ids(std::size_t n) override {
    std::vector<int64_t> ids;
    ids.reserve(n);
    Statement st(*this,
                 "SELECT nextval('realisation_lines_id_seq') FROM generate_series(1, CAST(? AS "
                 "BIGINT)) ORDER BY 1");
    st.bind(1, static_cast<int64_t>(n));
    while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
    return ids;
  }
  void begin_read() override {
    // The snapshot is taken at the first statement.
    exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1");
  }
  void commit() override { exec("COMMIT"); }
  void rollback() override { exec("ROLLBACK"); }
  int schema_version() override {
    if (!has_table("sroi_schema")) return 0;
    return static_cast<int>(scalar("SELECT version FROM sroi_schema"));
  }
  void set_schema_version(int v) override {
    exec("CREATE TABLE IF NOT EXISTS sroi_schema (version BIGINT NOT NULL)");
    exec("DELETE FROM sroi_schema");
    exec("INSERT INTO sroi_schema(version) VALUES (" + std::to_string(v) + ")");
  }
  bool has_table(const std::string& name) override {
    // Known from the session's start while no statement has run that could make one.
    if (tables_at_open_ && std::find(kTelling.begin(), kTelling.end(), name) != kTelling.end())
      return tables_at_open_->count(name) > 0;
    Statement st(*this, "SELECT CAST(" + named_here("CAST(? AS TEXT)") + " AS INTEGER)");
    st.bind(1, name);
    return st.executeStep() && st.getColumn(0).getInt64() > 0;
  }
  int64_t data_version() override {
    // Every change to a register writes an audit entry, and moves the anchor with it.
    return scalar("SELECT entries FROM audit_head WHERE id = 1");
  }
  Integrity integrity() override { return {}; }  // the server keeps its pages and references
  void before_bulk_write() override {}
  // After a copy or a re-valuation the tables are vacuumed and their statistics brought up to
  // date at once, rather than when autovacuum comes by. Until then the planner takes a freshly
  // filled table for an empty one (measured: contract pages 51 s instead of 13 ms on a
  // just-copied 1 M-line register), and every row read through a covering index is looked up
  // in the table too, its page not yet marked all-visible (kpi over 1 M lines: 5.5 s instead of
  // 2.9 s).
  void after_bulk_write() override { exec("VACUUM (ANALYZE)"); }
  // Until then a batch's lines are looked up in the table by every later batch that reads
  // their candidates, their pages not yet all-visible: reading the stored lines of a 1 M-row
  // import's candidates took 29-30 s, and 6-7 s with a vacuum after each batch (2.2-2.4 s in
  // all). VACUUM marks a page only once its rows' commit is on disk: on a server that commits
  // without waiting for it (synchronous_commit off) a batch's pages are marked after the next
  // batch. A vacuum that cannot run now (another holds the table, or the busy time passed) is
  // left to autovacuum: the batch is committed either way.
  void after_batch_of_lines() override {
    if (in_transaction()) return;  // VACUUM cannot run inside one
    try {
      exec("VACUUM realisation_lines");
    } catch (const Error&) {
    }
  }
  void continue_ids(const std::string& table) override {
    exec("SELECT setval(pg_get_serial_sequence('" + table +
         "', 'id'), COALESCE(MAX(id), 0) + 1, "
         "false) FROM " +
         table);
  }
  /// Begins a transaction and takes `lock` in it, in one round trip. A lock not had in time
  /// ends the transaction it began: else the connection would stay in a failed one, and every
  /// later statement on it would fail (a portal's pooled connection, after a busy moment).
  void begin_locked(const char* lock) {
    try {
      exec(std::string("BEGIN; ") + lock);
    } catch (...) {
      if (in_transaction()) try {
          exec("ROLLBACK");
        } catch (...) {  // the lock's error is the one to report
        }
      throw;
    }
  }
  /// A new name for a prepared statement or a cursor on this connection.
  std::string next_name(char kind) { return std::string(1, kind) + std::to_string(++names_); }
  bool in_transaction() {
    settle();
    return pq().PQtransactionStatus(c_) != PQTRANS_IDLE;
  }
  /// A cursor's rows asked for ahead are taken in before the connection is used otherwise: it
  /// carries one command at a time.
  void settle() {
    if (PgCursor* c = std::exchange(ahead_, nullptr)) c->take_ahead();
  }
  /// `c` asked for its next rows ahead (the connection must be settled).
  void asked_ahead(PgCursor* c) { ahead_ = c; }

  /// A streamed cursor needs a transaction to live in. Outside one, the first such cursor
  /// opens a read of the connection's own, which every streamed cursor opened meanwhile shares
  /// (two ordered scans side by side see one snapshot), and the last to close commits it:
  /// which cursor opens or closes first does not matter. True when the cursor holds a share.
  bool enter_stream() {
    if (streams_ == 0) {
      if (in_transaction()) return false;
      exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }
    ++streams_;
    return true;
  }
  /// A cursor that held a share closes: the read ends with the last one.
  void leave_stream() {
    if (streams_ > 0 && --streams_ == 0 && in_transaction()) exec("COMMIT");
  }

 private:
  PGconn* c_;
  PgCursor* ahead_ = nullptr;  ///< the cursor whose rows are in flight
  /// The tables opening asks for first (start).
  static constexpr std::array<const char*, 3> kTelling = {"sroi_schema", "contracts", "audit_log"};
  /// Which of them existed when the session started, until the first statement run with
  /// exec().
  std::optional<std::set<std::string>> tables_at_open_;
  int64_t names_ = 0;
  int streams_ = 0;  ///< streamed cursors sharing the connection's own read
};

int64_t PgCopyCursor::run() {
  for (std::size_t k = 0; k < fields_.size(); ++k) {
    if (k) rows_ += '\t';
    if (fields_[k])
      rows_ += *fields_[k];
    else
      rows_ += "\\N";
    fields_[k].reset();
  }
  rows_ += '\n';
  return 1;
}

void PgCopyCursor::end_rows() {
  if (rows_.empty()) return;
  std::string rows = std::move(rows_);
  rows_.clear();
  PGconn* c = db_.raw();
  db_.settle();
  PGresult* started = pq().PQexec(c, sql_.c_str());
  if (!started || pq().PQresultStatus(started) != PGRES_COPY_IN) {
    checked(c, started);  // throws the server's reason
    throw Error(Fault::Other, 0, "the server did not take rows for: " + sql_);
  }
  pq().PQclear(started);
  // A megabyte at a time: libpq takes a length in an int, and buffers what it is given.
  constexpr std::size_t kChunk = 1 << 20;
  bool sent = true;
  for (std::size_t at = 0; at < rows.size() && sent; at += kChunk) {
    const int n = static_cast<int>(std::min(kChunk, rows.size() - at));
    sent = pq().PQputCopyData(c, rows.data() + at, n) == 1;
  }
  // Ended with an error message when a chunk could not be sent: the server then refuses the
  // COPY, and its result below says why.
  if (pq().PQputCopyEnd(c, sent ? nullptr : "sroi: rows not sent") != 1)
    throw Error(Fault::CannotOpen, 0, std::string("connection lost: ") + pq().PQerrorMessage(c));
  std::optional<Error> failed;
  while (PGresult* r = pq().PQgetResult(c)) {
    try {
      checked(c, r);
    } catch (const Error& e) {
      if (!failed) failed = e;
    }
  }
  if (failed) throw *failed;
}

PgCursor::PgCursor(PgConnection& db, const std::string& sql, Stream stream)
    : db_(db),
      sql_(numbered(sql, params_)),
      stream_(stream),
      // A statement over a list of names (kNameList) is planned for its list on every run,
      // never prepared: the server keeps a prepared statement's plan once it seems as good as
      // planning anew, and a plan made while the table was empty (a register's first batch)
      // scans the whole table for every name once it is not. Reading 4,096 candidates' lines
      // of 300,000 so took 45 s instead of 30 ms.
      replan_(sql.find(kNameList) != std::string::npos) {
  values_.resize(static_cast<std::size_t>(params_));
  formats_.resize(static_cast<std::size_t>(params_), 0);
}

PgCursor::~PgCursor() {
  try {
    reset();
    if (!prepared_.empty()) db_.exec("DEALLOCATE " + prepared_);
  } catch (...) {  // never throw from here; the connection goes with its session
  }
}

Result PgCursor::execute(const std::string& sql, bool reuse) {
  std::vector<const char*> values(values_.size());
  std::vector<int> lengths(values_.size());
  for (std::size_t k = 0; k < values_.size(); ++k) {
    values[k] = values_[k] ? values_[k]->data() : nullptr;
    lengths[k] = values_[k] ? static_cast<int>(values_[k]->size()) : 0;
  }
  int n = static_cast<int>(values_.size());
  PGconn* c = db_.raw();
  db_.settle();
  if (reuse) {
    // Run a second time: prepared on the server, so that a thousand imports parse it once.
    if (prepared_.empty()) {
      std::string name = db_.next_name('s');
      checked(c, pq().PQprepare(c, name.c_str(), sql.c_str(), n, nullptr));
      prepared_ = name;
    }
    return checked(c, pq().PQexecPrepared(c, prepared_.c_str(), n, values.data(), lengths.data(),
                                          formats_.data(), 0));
  }
  return checked(c, pq().PQexecParams(c, sql.c_str(), n, nullptr, values.data(), lengths.data(),
                                      formats_.data(), 0));
}

void PgCursor::fetch() {
  const std::string next = "FETCH " + std::to_string(kFetch) + " FROM " + cursor_;
  db_.settle();  // this cursor's rows, if they were asked for ahead; another's, else
  if (ahead_) {
    ahead_ = false;
    res_ = checked(db_.raw(), std::exchange(next_.r, nullptr));
  } else {
    res_ = checked(db_.raw(), pq().PQexec(db_.raw(), next.c_str()));
  }
  more_ = pq().PQntuples(res_.r) == kFetch;
  row_ = -1;
  // Not sent (the connection broke): the next fetch asks, and says why.
  if (more_ && pq().PQsendQuery(db_.raw(), next.c_str()) == 1) {
    ahead_ = true;
    db_.asked_ahead(this);
  }
}

void PgCursor::take_ahead() {
  Result last;
  while (PGresult* r = pq().PQgetResult(db_.raw())) last = Result(r);
  next_ = std::move(last);
}

bool PgCursor::step() {
  if (!started_) {
    started_ = true;
    if (stream_ == Stream::Rows) {
      own_tx_ = db_.enter_stream();
      cursor_ = db_.next_name('c');
      execute("DECLARE " + cursor_ + " NO SCROLL CURSOR FOR " + sql_, false);
      fetch();
    } else {
      res_ = execute(sql_, ++runs_ > 1 && !replan_);
      row_ = -1;
    }
  }
  if (!res_.r) return false;
  if (++row_ < pq().PQntuples(res_.r)) return true;
  if (cursor_.empty() || !more_) return false;
  fetch();
  return ++row_ < pq().PQntuples(res_.r);
}

int64_t PgCursor::run() {
  started_ = true;
  res_ = execute(sql_, ++runs_ > 1 && !replan_);
  const char* n = pq().PQcmdTuples(res_.r);
  int64_t out = 0;
  if (n && *n) std::from_chars(n, n + std::strlen(n), out);
  return out;
}

void PgCursor::reset() {
  db_.settle();  // rows asked for ahead, this cursor's (dropped) or another's
  ahead_ = false;
  next_ = Result();
  res_ = Result();
  row_ = -1;
  started_ = false;
  more_ = false;
  if (!cursor_.empty()) {
    std::string name = std::move(cursor_);
    cursor_.clear();
    if (pq().PQtransactionStatus(db_.raw()) == PQTRANS_INTRANS) db_.exec("CLOSE " + name);
    if (own_tx_) {
      own_tx_ = false;
      db_.leave_stream();  // the last to close ends the read
    }
  }
}

}  // namespace

bool is_postgres(std::string_view location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string shown(const std::string& location) {
  if (!is_postgres(location)) return location;
  // postgresql://user:password@host/db: the password never leaves the process.
  std::size_t scheme = location.find("://") + 3;
  std::size_t at = location.find('@', scheme);
  if (at == std::string::npos) return location;
  std::size_t colon = location.find(':', scheme);
  if (colon == std::string::npos || colon > at) return location;
  return location.substr(0, colon + 1) + "***" + location.substr(at);
}

std::unique_ptr<Connection> open_postgres(const std::string& url, Mode mode, int busy_ms) {
  PGconn* c = pq().PQconnectdb(url.c_str());
  if (!c || pq().PQstatus(c) != CONNECTION_OK) {
    std::string text = c ? pq().PQerrorMessage(c) : "out of memory";
    if (c) pq().PQfinish(c);
    // libpq's first line says which server and why ("Connection refused"), never a password.
    throw Error(Fault::Unreachable, 0, text.substr(0, text.find('\n')));
  }
  // The server's notices (an index that exists already) are not ours to print.
  pq().PQsetNoticeProcessor(
      c, [](void*, const char*) {}, nullptr);
  auto db = std::make_unique<PgConnection>(c);
  // The session's settings in one round trip. A random read costs the planner 1.1 sequential
  // ones where the server has PostgreSQL's default of 4 (an administrator's other choice is
  // kept): a register's pages are in memory or on SSD, and with 4 a list of a few hundred ids
  // (the contracts sharing one contract's candidates) was matched by scanning the whole table
  // (contract_figures at 20,000 contracts: 5.4 ms against 1.0 ms through its key); kpi and
  // status did not change. (Asking pg_settings whether 4 is the default costs a millisecond.)
  db->start("SET client_min_messages = warning; SET lock_timeout = " + std::to_string(busy_ms) +
            (mode == Mode::ReadOnly ? "; SET default_transaction_read_only = on" : "") +
            "; SELECT set_config('random_page_cost', CASE current_setting('random_page_cost') "
            "WHEN '4' THEN '1.1' ELSE current_setting('random_page_cost') END, false)");
  return db;
}

}  // namespace sroi::store::sql
