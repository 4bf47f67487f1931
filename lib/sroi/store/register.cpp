// SPDX-License-Identifier: EUPL-1.2
#include "sroi/store/register.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/Savepoint.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>

namespace sroi::store {
namespace {

// Forward migrations: entry i takes the schema from version i to i + 1. Never edit a released
// entry; append a new one.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE contracts (
  id               TEXT PRIMARY KEY,
  buyer            TEXT NOT NULL,
  supplier         TEXT NOT NULL,
  region           TEXT NOT NULL,
  region_version   TEXT,
  value_cents      INTEGER NOT NULL CHECK (value_cents > 0),
  percentage       TEXT,
  threshold_cents  INTEGER CHECK (threshold_cents >= 0),
  start_date       TEXT NOT NULL,
  end_date         TEXT NOT NULL CHECK (end_date >= start_date),
  pso_level        TEXT,
  pso_valid_until  TEXT,
  source_file      TEXT NOT NULL,
  source_hash      TEXT NOT NULL,
  added_at         TEXT NOT NULL
);
CREATE INDEX contracts_by_supplier ON contracts(supplier);
CREATE INDEX contracts_by_buyer ON contracts(buyer);
CREATE TABLE offers (
  id           INTEGER PRIMARY KEY,
  contract_id  TEXT NOT NULL REFERENCES contracts(id),
  source_file  TEXT NOT NULL,
  source_hash  TEXT NOT NULL,
  saved_at     TEXT NOT NULL
);
CREATE INDEX offers_by_contract ON offers(contract_id);
CREATE TABLE offer_lines (
  offer_id        INTEGER NOT NULL REFERENCES offers(id),
  line_no         INTEGER NOT NULL,
  block           TEXT NOT NULL,
  persons         INTEGER,
  hours_per_week  TEXT,
  months          TEXT,
  amount_cents    INTEGER,
  hours           TEXT,
  years           TEXT,
  count           INTEGER,
  bonuses         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (offer_id, line_no)
);
CREATE TABLE imports (
  id           INTEGER PRIMARY KEY,
  contract_id  TEXT NOT NULL REFERENCES contracts(id),
  source_file  TEXT NOT NULL,
  source_hash  TEXT NOT NULL,
  rows         INTEGER NOT NULL,
  user_name    TEXT NOT NULL,
  imported_at  TEXT NOT NULL,
  replaced_at  TEXT
);
CREATE INDEX imports_by_contract_hash ON imports(contract_id, source_hash);
CREATE TABLE realisation_lines (
  id              INTEGER PRIMARY KEY,
  import_id       INTEGER NOT NULL REFERENCES imports(id),
  contract_id     TEXT NOT NULL REFERENCES contracts(id),
  line_no         INTEGER NOT NULL,
  candidate       TEXT NOT NULL,
  block           TEXT NOT NULL,
  start_date      TEXT NOT NULL,
  end_date        TEXT NOT NULL CHECK (end_date >= start_date),
  hours_per_week  TEXT,
  amount_cents    INTEGER CHECK (amount_cents >= 0),
  hours           TEXT,
  count           INTEGER,
  bonuses         TEXT NOT NULL DEFAULT ''
);
-- Covers the register-wide valuation (by candidate, in registration order) without visiting
-- the table: status reads every line through it.
CREATE INDEX lines_by_candidate ON realisation_lines(candidate, id, contract_id, line_no, block,
  start_date, end_date, hours_per_week, amount_cents, hours, count, bonuses);
CREATE INDEX lines_by_contract ON realisation_lines(contract_id);
CREATE INDEX lines_by_import ON realisation_lines(import_id);
CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  user_name    TEXT NOT NULL,
  action       TEXT NOT NULL,
  entity       TEXT NOT NULL,
  detail       TEXT NOT NULL,
  source_file  TEXT,
  source_hash  TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
};
constexpr int kMigrationCount = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);
static_assert(kMigrationCount == Register::kSchemaVersion);

std::string now_utc() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string ratio_text(const Ratio& r) { return r.str(); }

Ratio ratio_from(const std::string& s) {
  auto slash = s.find('/');
  if (slash == std::string::npos) return Ratio(std::stoll(s));
  return Ratio(std::stoll(s.substr(0, slash)), std::stoll(s.substr(slash + 1)));
}

Date date_from(const std::string& s) {
  auto d = parse_date(s);
  if (!d) throw StoreError("stored date '" + s + "' is not a date");
  return *d;
}

std::string join_bonuses(const std::vector<Given<std::string>>& bonuses) {
  std::string out;
  for (const auto& b : bonuses) out += (out.empty() ? "" : ";") + b.value;
  return out;
}

void split_bonuses(const std::string& text, const SourceLocation& at,
                   std::vector<Given<std::string>>& out) {
  for (std::size_t from = 0; from < text.size();) {
    std::size_t semi = std::min(text.find(';', from), text.size());
    if (semi > from) out.push_back({text.substr(from, semi - from), at.line, at.column});
    from = semi + 1;
  }
}

template <typename T>
void bind_opt(SQLite::Statement& st, int index, const std::optional<T>& v) {
  if (v)
    st.bind(index, *v);
  else
    st.bind(index);
}

/// Runs `fn` and turns SQLite's errors into StoreErrors that say what was being done.
template <typename Fn>
auto guarded(const std::string& doing, Fn&& fn) {
  try {
    return fn();
  } catch (const SQLite::Exception& e) {
    std::string msg = e.what();
    if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED)
      msg = "the database is busy (another sroi is writing to it); try again";
    throw StoreError("cannot " + doing + ": " + msg);
  }
}

}  // namespace

bool ContractFilter::matches(const ContractRecord& c) const {
  return (!contract || c.contract.id == *contract) && (!supplier || c.supplier == *supplier) &&
         (!buyer || c.buyer == *buyer);
}

std::string default_db_path() {
  if (const char* env = std::getenv("SROI_DB")) return env;
  return "sroi.db";
}

struct Register::Impl {
  std::string path;
  std::string user;
  SQLite::Database db;
  int version = 0;
  std::unique_ptr<SQLite::Transaction> batch;
  std::map<std::string, std::unique_ptr<SQLite::Statement>> statements;

  /// A prepared statement kept for reuse (imports of many files prepare each once).
  SQLite::Statement& prepared(const std::string& sql) {
    auto& st = statements[sql];
    if (!st) st = std::make_unique<SQLite::Statement>(db, sql);
    st->reset();
    st->clearBindings();
    return *st;
  }

  Impl(const std::string& p, bool create, std::string u, int busy_ms)
      : path(p),
        user(std::move(u)),
        db(p, create ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE : SQLite::OPEN_READWRITE,
           busy_ms) {}

  void audit(const std::string& action, const std::string& entity, const std::string& detail,
             const std::string& file = "", const std::string& hash = "") {
    SQLite::Statement& st = prepared(
        "INSERT INTO audit_log(at, user_name, action, entity, detail, source_file, source_hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, now_utc());
    st.bind(2, user);
    st.bind(3, action);
    st.bind(4, entity);
    st.bind(5, detail);
    if (file.empty())
      st.bind(6);
    else
      st.bind(6, file);
    if (hash.empty())
      st.bind(7);
    else
      st.bind(7, hash);
    st.exec();
  }

  int64_t insert_offer(const std::string& contract_id, const std::vector<OfferLine>& lines,
                       const std::string& file, const std::string& hash) {
    SQLite::Statement o(db,
                        "INSERT INTO offers(contract_id, source_file, source_hash, saved_at) "
                        "VALUES (?, ?, ?, ?)");
    o.bind(1, contract_id);
    o.bind(2, file);
    o.bind(3, hash);
    o.bind(4, now_utc());
    o.exec();
    int64_t offer_id = db.getLastInsertRowid();
    SQLite::Statement l(db,
                        "INSERT INTO offer_lines(offer_id, line_no, block, persons, "
                        "hours_per_week, months, amount_cents, hours, years, count, bonuses) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int n = 0;
    for (const auto& line : lines) {
      const Quantities& q = line.quantities;
      l.bind(1, offer_id);
      l.bind(2, ++n);
      l.bind(3, line.block);
      if (q.persons)
        l.bind(4, q.persons->value);
      else
        l.bind(4);
      if (q.hours_per_week)
        l.bind(5, ratio_text(q.hours_per_week->value));
      else
        l.bind(5);
      if (q.months)
        l.bind(6, ratio_text(q.months->value));
      else
        l.bind(6);
      if (q.amount)
        l.bind(7, q.amount->value.cents());
      else
        l.bind(7);
      if (q.hours)
        l.bind(8, ratio_text(q.hours->value));
      else
        l.bind(8);
      if (q.years)
        l.bind(9, ratio_text(q.years->value));
      else
        l.bind(9);
      if (q.count)
        l.bind(10, q.count->value);
      else
        l.bind(10);
      l.bind(11, join_bonuses(q.bonuses));
      l.exec();
      l.reset();
    }
    return offer_id;
  }

  ContractRecord read_contract(SQLite::Statement& st) const {
    ContractRecord c;
    c.contract.id = st.getColumn(0).getString();
    c.buyer = st.getColumn(1).getString();
    c.supplier = st.getColumn(2).getString();
    c.region.id = st.getColumn(3).getString();
    if (!st.getColumn(4).isNull()) c.region.version = st.getColumn(4).getString();
    c.contract.value = Money::cents(st.getColumn(5).getInt64());
    if (!st.getColumn(6).isNull()) c.contract.percentage = ratio_from(st.getColumn(6).getString());
    if (!st.getColumn(7).isNull()) c.contract.threshold = Money::cents(st.getColumn(7).getInt64());
    c.contract.start = date_from(st.getColumn(8).getString());
    c.contract.end = date_from(st.getColumn(9).getString());
    if (!st.getColumn(10).isNull()) {
      PsoCertificate p;
      p.level = pso_level_from_id(st.getColumn(10).getString()).value_or(PsoLevel::Aspirant);
      p.valid_until = date_from(st.getColumn(11).getString());
      c.pso = p;
    }
    c.source_file = st.getColumn(12).getString();
    c.added_at = st.getColumn(13).getString();
    c.contract.where = SourceLocation{"contract " + c.contract.id};
    c.region.where = c.contract.where;
    return c;
  }
};

Register::Register(const std::string& path, bool create, std::string user, int busy_ms) {
  if (!create && !std::filesystem::exists(path))
    throw StoreError("database '" + path + "' does not exist; create it with 'sroi db init'");
  guarded("open database '" + path + "'", [&] {
    impl_ = std::make_unique<Impl>(path, create, std::move(user), busy_ms);
    impl_->db.exec("PRAGMA foreign_keys = ON");
    impl_->db.exec("PRAGMA journal_mode = WAL");
    impl_->db.exec("PRAGMA synchronous = NORMAL");
    // Reading the whole register (status) is mostly page reads: keep more of them (16 MB).
    impl_->db.exec("PRAGMA cache_size = -16384");
    int version = impl_->db.execAndGet("PRAGMA user_version").getInt();
    if (version > kSchemaVersion)
      throw StoreError("database '" + path + "' has schema version " + std::to_string(version) +
                       ", newer than this sroi (" + std::to_string(kSchemaVersion) + ")");
    if (version < kSchemaVersion) {
      SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
      version = impl_->db.execAndGet("PRAGMA user_version").getInt();  // another may have won
      for (int v = version; v < kSchemaVersion; ++v) {
        impl_->db.exec(kMigrations[v]);
        impl_->db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        impl_->audit("db.migrate", "schema",
                     "version " + std::to_string(v) + " -> " + std::to_string(v + 1));
      }
      tx.commit();
    }
    impl_->version = kSchemaVersion;
    return 0;
  });
}

Register::~Register() = default;

int Register::schema_version() const { return impl_->version; }
const std::string& Register::path() const { return impl_->path; }

void Register::note_init() {
  guarded("write the audit log", [&] {
    impl_->audit("db.init", "database", "schema version " + std::to_string(impl_->version));
    return 0;
  });
}

void Register::add_contract(const Offer& f, const std::string& source_file,
                            const std::string& hash) {
  guarded("add contract '" + f.contract.id + "'", [&] {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement exists(impl_->db, "SELECT source_file, added_at FROM contracts WHERE id = ?");
    exists.bind(1, f.contract.id);
    if (exists.executeStep())
      throw StoreError("contract '" + f.contract.id + "' already exists (added from " +
                       exists.getColumn(0).getString() + " at " + exists.getColumn(1).getString() +
                       ")");
    SQLite::Statement st(impl_->db,
                         "INSERT INTO contracts(id, buyer, supplier, region, region_version, "
                         "value_cents, percentage, threshold_cents, start_date, end_date, "
                         "pso_level, pso_valid_until, source_file, source_hash, added_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const Contract& c = f.contract;
    st.bind(1, c.id);
    st.bind(2, f.buyer);
    st.bind(3, f.supplier);
    st.bind(4, f.region.id);
    bind_opt(st, 5, f.region.version);
    st.bind(6, c.value.cents());
    if (c.percentage)
      st.bind(7, ratio_text(*c.percentage));
    else
      st.bind(7);
    if (c.threshold)
      st.bind(8, c.threshold->cents());
    else
      st.bind(8);
    st.bind(9, c.start.iso());
    st.bind(10, c.end.iso());
    if (f.pso) {
      st.bind(11, std::string(pso_level_id(f.pso->level)));
      st.bind(12, f.pso->valid_until.iso());
    } else {
      st.bind(11);
      st.bind(12);
    }
    st.bind(13, source_file);
    st.bind(14, hash);
    st.bind(15, now_utc());
    st.exec();
    std::string detail = "buyer " + f.buyer + ", supplier " + f.supplier + ", region " +
                         f.region.id + ", value " + format_plain(c.value) + ", " + c.start.iso() +
                         " to " + c.end.iso();
    impl_->audit("contract.add", c.id, detail, source_file, hash);
    if (!f.lines.empty()) {
      int64_t offer = impl_->insert_offer(c.id, f.lines, source_file, hash);
      impl_->audit(
          "offer.save", c.id,
          "offer " + std::to_string(offer) + ", " + std::to_string(f.lines.size()) + " lines",
          source_file, hash);
    }
    tx.commit();
    return 0;
  });
}

namespace {
const char* const kContractColumns =
    "SELECT id, buyer, supplier, region, region_version, value_cents, percentage, "
    "threshold_cents, start_date, end_date, pso_level, pso_valid_until, source_file, added_at "
    "FROM contracts";
}

std::vector<ContractRecord> Register::contracts(const ContractFilter& filter) const {
  return guarded("read contracts", [&] {
    std::vector<ContractRecord> out;
    SQLite::Statement st(impl_->db, std::string(kContractColumns) + " ORDER BY id");
    while (st.executeStep()) {
      ContractRecord c = impl_->read_contract(st);
      if (filter.matches(c)) out.push_back(std::move(c));
    }
    return out;
  });
}

std::optional<ContractRecord> Register::contract(const std::string& id) const {
  return guarded("read contract '" + id + "'", [&]() -> std::optional<ContractRecord> {
    SQLite::Statement st(impl_->db, std::string(kContractColumns) + " WHERE id = ?");
    st.bind(1, id);
    if (!st.executeStep()) return std::nullopt;
    return impl_->read_contract(st);
  });
}

int64_t Register::save_offer(const std::string& contract_id, const std::vector<OfferLine>& lines,
                             const std::string& source_file, const std::string& hash) {
  return guarded("save the offer for contract '" + contract_id + "'", [&] {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement exists(impl_->db, "SELECT 1 FROM contracts WHERE id = ?");
    exists.bind(1, contract_id);
    if (!exists.executeStep())
      throw StoreError("unknown contract '" + contract_id +
                       "'; add it first with 'sroi contract add'");
    int64_t id = impl_->insert_offer(contract_id, lines, source_file, hash);
    impl_->audit("offer.save", contract_id,
                 "offer " + std::to_string(id) + ", " + std::to_string(lines.size()) + " lines",
                 source_file, hash);
    tx.commit();
    return id;
  });
}

std::map<std::string, std::vector<OfferLine>> Register::latest_offers() const {
  return guarded("read offers", [&] {
    std::map<std::string, std::vector<OfferLine>> out;
    SQLite::Statement st(
        impl_->db,
        "SELECT o.contract_id, l.block, l.persons, l.hours_per_week, l.months, l.amount_cents, "
        "l.hours, l.years, l.count, l.bonuses, o.source_file, l.line_no FROM offer_lines l "
        "JOIN offers o ON o.id = l.offer_id WHERE o.id = (SELECT MAX(id) FROM offers o2 "
        "WHERE o2.contract_id = o.contract_id) ORDER BY o.contract_id, l.line_no");
    while (st.executeStep()) {
      OfferLine line;
      SourceLocation at{st.getColumn(10).getString(), st.getColumn(11).getInt()};
      line.where = line.block_where = at;
      line.block = st.getColumn(1).getString();
      Quantities& q = line.quantities;
      if (!st.getColumn(2).isNull())
        q.persons = Given<int64_t>{st.getColumn(2).getInt64(), at.line, at.column};
      if (!st.getColumn(3).isNull())
        q.hours_per_week =
            Given<Ratio>{ratio_from(st.getColumn(3).getString()), at.line, at.column};
      if (!st.getColumn(4).isNull())
        q.months = Given<Ratio>{ratio_from(st.getColumn(4).getString()), at.line, at.column};
      if (!st.getColumn(5).isNull())
        q.amount = Given<Money>{Money::cents(st.getColumn(5).getInt64()), at.line, at.column};
      if (!st.getColumn(6).isNull())
        q.hours = Given<Ratio>{ratio_from(st.getColumn(6).getString()), at.line, at.column};
      if (!st.getColumn(7).isNull())
        q.years = Given<Ratio>{ratio_from(st.getColumn(7).getString()), at.line, at.column};
      if (!st.getColumn(8).isNull())
        q.count = Given<int64_t>{st.getColumn(8).getInt64(), at.line, at.column};
      split_bonuses(st.getColumn(9).getString(), at, q.bonuses);
      out[st.getColumn(0).getString()].push_back(std::move(line));
    }
    return out;
  });
}

std::map<std::string, int64_t> Register::offer_counts() const {
  return guarded("count offers", [&] {
    std::map<std::string, int64_t> out;
    SQLite::Statement st(impl_->db,
                         "SELECT contract_id, COUNT(*) FROM offers GROUP BY contract_id");
    while (st.executeStep()) out[st.getColumn(0).getString()] = st.getColumn(1).getInt64();
    return out;
  });
}

ImportOutcome Register::import_lines(const std::string& contract_id,
                                     const std::vector<RealisationLine>& lines,
                                     const std::string& source_file, const std::string& hash,
                                     bool replace) {
  return guarded("import '" + source_file + "'", [&] {
    ImportOutcome out;
    // One transaction per file, or a savepoint inside a batch: either way all or nothing.
    std::optional<SQLite::Transaction> tx;
    std::optional<SQLite::Savepoint> sp;
    if (impl_->batch)
      sp.emplace(impl_->db, "import_file");
    else
      tx.emplace(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement& exists = impl_->prepared("SELECT 1 FROM contracts WHERE id = ?");
    exists.bind(1, contract_id);
    bool known = exists.executeStep();
    exists.reset();  // no statement stays active between imports
    if (!known)
      throw StoreError("unknown contract '" + contract_id +
                       "'; add it first with 'sroi contract add'");
    SQLite::Statement& dup = impl_->prepared(
        "SELECT id, source_file, imported_at, rows FROM imports WHERE contract_id = ? AND "
        "source_hash = ? AND replaced_at IS NULL");
    dup.bind(1, contract_id);
    dup.bind(2, hash);
    std::vector<int64_t> earlier;
    while (dup.executeStep()) {
      if (!replace)
        throw StoreError("'" + source_file + "' was already imported for contract '" + contract_id +
                         "' (as " + dup.getColumn(1).getString() + " at " +
                         dup.getColumn(2).getString() + ", " +
                         std::to_string(dup.getColumn(3).getInt64()) +
                         " rows); use --replace to import it again");
      earlier.push_back(dup.getColumn(0).getInt64());
    }
    dup.reset();
    for (int64_t id : earlier) {
      SQLite::Statement del(impl_->db, "DELETE FROM realisation_lines WHERE import_id = ?");
      del.bind(1, id);
      out.replaced_rows += static_cast<std::size_t>(del.exec());
      SQLite::Statement mark(impl_->db, "UPDATE imports SET replaced_at = ? WHERE id = ?");
      mark.bind(1, now_utc());
      mark.bind(2, id);
      mark.exec();
    }
    SQLite::Statement& imp = impl_->prepared(
        "INSERT INTO imports(contract_id, source_file, source_hash, rows, user_name, "
        "imported_at) VALUES (?, ?, ?, ?, ?, ?)");
    imp.bind(1, contract_id);
    imp.bind(2, source_file);
    imp.bind(3, hash);
    imp.bind(4, static_cast<int64_t>(lines.size()));
    imp.bind(5, impl_->user);
    imp.bind(6, now_utc());
    imp.exec();
    out.import_id = impl_->db.getLastInsertRowid();
    SQLite::Statement& st = impl_->prepared(
        "INSERT INTO realisation_lines(import_id, contract_id, line_no, candidate, block, "
        "start_date, end_date, hours_per_week, amount_cents, hours, count, bonuses) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& line : lines) {
      const Quantities& q = line.quantities;
      st.bind(1, out.import_id);
      st.bind(2, contract_id);
      st.bind(3, line.where.line);
      st.bind(4, line.candidate);
      st.bind(5, line.block);
      st.bind(6, line.start.iso());
      st.bind(7, line.end.iso());
      if (q.hours_per_week)
        st.bind(8, ratio_text(q.hours_per_week->value));
      else
        st.bind(8);
      if (q.amount)
        st.bind(9, q.amount->value.cents());
      else
        st.bind(9);
      if (q.hours)
        st.bind(10, ratio_text(q.hours->value));
      else
        st.bind(10);
      if (q.count)
        st.bind(11, q.count->value);
      else
        st.bind(11);
      st.bind(12, join_bonuses(q.bonuses));
      st.exec();
      st.reset();
      ++out.rows;
    }
    std::string detail = std::to_string(out.rows) + " rows";
    if (!earlier.empty())
      detail += ", replacing " + std::to_string(out.replaced_rows) + " rows of the same file";
    impl_->audit(earlier.empty() ? "import" : "import.replace", contract_id, detail, source_file,
                 hash);
    if (sp)
      sp->release();
    else
      tx->commit();
    return out;
  });
}

void Register::begin_batch() {
  guarded("start a batch", [&] {
    // Fewer, larger checkpoints while batches are written (the WAL may grow to ~40 MB).
    impl_->db.exec("PRAGMA wal_autocheckpoint = 10000");
    impl_->batch =
        std::make_unique<SQLite::Transaction>(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    return 0;
  });
}

void Register::commit_batch() {
  guarded("commit a batch", [&] {
    if (impl_->batch) impl_->batch->commit();
    impl_->batch.reset();
    return 0;
  });
}

namespace {

const char* const kLineColumns =
    "SELECT id, contract_id, line_no, candidate, block, start_date, end_date, hours_per_week, "
    "amount_cents, hours, count, bonuses FROM realisation_lines";

void stream_lines(SQLite::Statement& st, const std::function<void(LineRecord&&)>& fn) {
  while (st.executeStep()) {
    LineRecord r;
    r.id = st.getColumn(0).getInt64();
    r.contract = st.getColumn(1).getString();
    RealisationLine& line = r.line;
    // Where it came from, for messages: the contract and the row of its import file.
    SourceLocation at{r.contract, st.getColumn(2).getInt()};
    line.where = line.block_where = at;
    line.candidate = st.getColumn(3).getString();
    line.block = st.getColumn(4).getString();
    line.start = date_from(st.getColumn(5).getString());
    line.end = date_from(st.getColumn(6).getString());
    Quantities& q = line.quantities;
    if (!st.getColumn(7).isNull())
      q.hours_per_week = Given<Ratio>{ratio_from(st.getColumn(7).getString()), at.line, at.column};
    if (!st.getColumn(8).isNull())
      q.amount = Given<Money>{Money::cents(st.getColumn(8).getInt64()), at.line, at.column};
    if (!st.getColumn(9).isNull())
      q.hours = Given<Ratio>{ratio_from(st.getColumn(9).getString()), at.line, at.column};
    if (!st.getColumn(10).isNull())
      q.count = Given<int64_t>{st.getColumn(10).getInt64(), at.line, at.column};
    split_bonuses(st.getColumn(11).getString(), at, q.bonuses);
    fn(std::move(r));
  }
}

}  // namespace

void Register::for_each_line_by_candidate(const std::function<void(LineRecord&&)>& fn) const {
  guarded("read realisation lines", [&] {
    SQLite::Statement st(impl_->db, std::string(kLineColumns) + " ORDER BY candidate, id");
    stream_lines(st, fn);
    return 0;
  });
}

void Register::for_each_line_in_range(const std::string& from, const std::string& to,
                                      const std::function<void(LineRecord&&)>& fn) const {
  guarded("read realisation lines", [&] {
    SQLite::Database db(impl_->path, SQLite::OPEN_READONLY, 60000);
    db.exec("PRAGMA cache_size = -16384");
    std::string where;
    if (!from.empty()) where += " WHERE candidate >= ?1";
    if (!to.empty()) where += (where.empty() ? " WHERE" : " AND") + std::string(" candidate < ?2");
    SQLite::Statement st(db, std::string(kLineColumns) + where + " ORDER BY candidate, id");
    if (!from.empty()) st.bind(1, from);
    if (!to.empty()) st.bind(2, to);
    stream_lines(st, fn);
    return 0;
  });
}

std::vector<std::string> Register::candidate_cuts(int parts) const {
  return guarded("read realisation lines", [&] {
    std::vector<std::string> cuts;
    if (parts < 2 || impl_->path == ":memory:") return cuts;
    int64_t n = impl_->db.execAndGet("SELECT COUNT(*) FROM realisation_lines").getInt64();
    if (n < 20000) return cuts;
    SQLite::Statement st(impl_->db,
                         "SELECT candidate FROM realisation_lines ORDER BY candidate LIMIT 1 "
                         "OFFSET ?");
    for (int k = 1; k < parts; ++k) {
      st.bind(1, n * k / parts);
      if (st.executeStep()) {
        std::string c = st.getColumn(0).getString();
        if (cuts.empty() || c > cuts.back()) cuts.push_back(c);
      }
      st.reset();
    }
    return cuts;
  });
}

std::map<std::string, int64_t> Register::line_counts() const {
  return guarded("count realisation lines", [&] {
    std::map<std::string, int64_t> out;
    SQLite::Statement st(
        impl_->db, "SELECT contract_id, COUNT(*) FROM realisation_lines GROUP BY contract_id");
    while (st.executeStep()) out[st.getColumn(0).getString()] = st.getColumn(1).getInt64();
    return out;
  });
}

std::vector<AuditEntry> Register::audit() const {
  return guarded("read the audit log", [&] {
    std::vector<AuditEntry> out;
    SQLite::Statement st(impl_->db,
                         "SELECT id, at, user_name, action, entity, detail, "
                         "COALESCE(source_file, ''), COALESCE(source_hash, '') FROM audit_log "
                         "ORDER BY id");
    while (st.executeStep())
      out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                     st.getColumn(2).getString(), st.getColumn(3).getString(),
                     st.getColumn(4).getString(), st.getColumn(5).getString(),
                     st.getColumn(6).getString(), st.getColumn(7).getString()});
    return out;
  });
}

Counts Register::counts() const {
  return guarded("count rows", [&] {
    Counts c;
    auto count = [&](const char* table) {
      return impl_->db.execAndGet(std::string("SELECT COUNT(*) FROM ") + table).getInt64();
    };
    c.contracts = count("contracts");
    c.offers = count("offers");
    c.imports = count("imports");
    c.lines = count("realisation_lines");
    c.audit = count("audit_log");
    return c;
  });
}

std::string Register::integrity() const {
  return guarded("check the database", [&] {
    std::string out;
    SQLite::Statement st(impl_->db, "PRAGMA integrity_check");
    while (st.executeStep()) out += (out.empty() ? "" : "\n") + st.getColumn(0).getString();
    SQLite::Statement fk(impl_->db, "PRAGMA foreign_key_check");
    if (fk.executeStep()) out += "\nforeign key violation in " + fk.getColumn(0).getString();
    return out;
  });
}

}  // namespace sroi::store
