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
#include <unordered_map>

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
    // 1 -> 2: certificates that follow each other, a contract's own penalty clause, imports
    // that can be replaced or removed, and a line's wage-subsidy end date.
    R"sql(
CREATE TABLE contract_pso (
  contract_id  TEXT NOT NULL REFERENCES contracts(id),
  seq          INTEGER NOT NULL,
  level        TEXT NOT NULL,
  issued       TEXT,
  valid_until  TEXT NOT NULL,
  PRIMARY KEY (contract_id, seq)
);
INSERT INTO contract_pso(contract_id, seq, level, issued, valid_until)
  SELECT id, 1, pso_level, NULL, pso_valid_until FROM contracts WHERE pso_level IS NOT NULL;
ALTER TABLE contracts ADD COLUMN penalty_kind TEXT;
ALTER TABLE contracts ADD COLUMN penalty_factor TEXT;
ALTER TABLE imports ADD COLUMN removed_at TEXT;
ALTER TABLE imports ADD COLUMN replaced_by INTEGER;
ALTER TABLE realisation_lines ADD COLUMN subsidy_until TEXT;
DROP INDEX lines_by_candidate;
CREATE INDEX lines_by_candidate ON realisation_lines(candidate, id, contract_id, line_no, block,
  start_date, end_date, hours_per_week, amount_cents, hours, count, bonuses, subsidy_until);
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

  /// Certificates by contract id, in the order given (all contracts when `id` is empty).
  std::map<std::string, PsoCertificates> certificates(const std::string& id) {
    std::map<std::string, PsoCertificates> out;
    SQLite::Statement st(db, std::string("SELECT contract_id, level, issued, valid_until FROM "
                                         "contract_pso") +
                                 (id.empty() ? "" : " WHERE contract_id = ?") +
                                 " ORDER BY contract_id, seq");
    if (!id.empty()) st.bind(1, id);
    while (st.executeStep()) {
      PsoCertificate p;
      p.level = pso_level_from_id(st.getColumn(1).getString()).value_or(PsoLevel::Aspirant);
      if (!st.getColumn(2).isNull()) p.issued = date_from(st.getColumn(2).getString());
      p.valid_until = date_from(st.getColumn(3).getString());
      p.where = SourceLocation{"contract " + st.getColumn(0).getString()};
      out[st.getColumn(0).getString()].push_back(p);
    }
    return out;
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
    c.source_file = st.getColumn(12).getString();
    c.added_at = st.getColumn(13).getString();
    if (!st.getColumn(14).isNull()) {
      PenaltyRule p;
      std::string kind = st.getColumn(14).getString();
      p.kind = kind == "shortfall-factor"    ? PenaltyKind::ShortfallFactor
               : kind == "obligation-factor" ? PenaltyKind::ObligationFactor
                                             : PenaltyKind::None;
      p.factor = ratio_from(st.getColumn(15).getString());
      p.provenance.source = "contract";
      c.contract.penalty = p;
    }
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
                         "pso_level, pso_valid_until, source_file, source_hash, added_at, "
                         "penalty_kind, penalty_factor) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
    st.bind(11);  // certificates live in contract_pso since schema 2
    st.bind(12);
    st.bind(13, source_file);
    st.bind(14, hash);
    st.bind(15, now_utc());
    if (c.penalty) {
      st.bind(16, std::string(c.penalty->kind == PenaltyKind::ShortfallFactor    ? "shortfall-factor"
                              : c.penalty->kind == PenaltyKind::ObligationFactor ? "obligation-factor"
                                                                                 : "none"));
      st.bind(17, ratio_text(c.penalty->factor));
    } else {
      st.bind(16);
      st.bind(17);
    }
    st.exec();
    SQLite::Statement pso(impl_->db,
                          "INSERT INTO contract_pso(contract_id, seq, level, issued, valid_until) "
                          "VALUES (?, ?, ?, ?, ?)");
    int seq = 0;
    for (const auto& p : f.pso) {
      pso.bind(1, c.id);
      pso.bind(2, ++seq);
      pso.bind(3, std::string(pso_level_id(p.level)));
      if (p.issued)
        pso.bind(4, p.issued->iso());
      else
        pso.bind(4);
      pso.bind(5, p.valid_until.iso());
      pso.exec();
      pso.reset();
    }
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
    "threshold_cents, start_date, end_date, pso_level, pso_valid_until, source_file, added_at, "
    "penalty_kind, penalty_factor FROM contracts";
}

std::vector<ContractRecord> Register::contracts(const ContractFilter& filter) const {
  return guarded("read contracts", [&] {
    std::vector<ContractRecord> out;
    SQLite::Statement st(impl_->db, std::string(kContractColumns) + " ORDER BY id");
    while (st.executeStep()) {
      ContractRecord c = impl_->read_contract(st);
      if (filter.matches(c)) out.push_back(std::move(c));
    }
    auto pso = impl_->certificates("");
    for (auto& c : out) {
      auto it = pso.find(c.contract.id);
      if (it != pso.end()) c.pso = std::move(it->second);
    }
    return out;
  });
}

std::optional<ContractRecord> Register::contract(const std::string& id) const {
  return guarded("read contract '" + id + "'", [&]() -> std::optional<ContractRecord> {
    SQLite::Statement st(impl_->db, std::string(kContractColumns) + " WHERE id = ?");
    st.bind(1, id);
    if (!st.executeStep()) return std::nullopt;
    ContractRecord c = impl_->read_contract(st);
    auto pso = impl_->certificates(id);
    if (!pso.empty()) c.pso = std::move(pso.begin()->second);
    return c;
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

namespace {

/// A line as text, for comparing an import with what is stored: every field that matters.
std::string line_key(const std::string& candidate, const std::string& block,
                     const std::string& start, const std::string& end, const std::string& hpw,
                     const std::string& amount, const std::string& hours,
                     const std::string& count, const std::string& bonuses,
                     const std::string& subsidy) {
  std::string k;
  for (const std::string* part :
       {&candidate, &block, &start, &end, &hpw, &amount, &hours, &count, &bonuses, &subsidy})
    k += *part + '\n';
  return k;
}

std::string line_key(const RealisationLine& l) {
  const Quantities& q = l.quantities;
  return line_key(l.candidate, l.block, l.start.iso(), l.end.iso(),
                  q.hours_per_week ? ratio_text(q.hours_per_week->value) : "",
                  q.amount ? std::to_string(q.amount->value.cents()) : "",
                  q.hours ? ratio_text(q.hours->value) : "",
                  q.count ? std::to_string(q.count->value) : "", join_bonuses(q.bonuses),
                  l.subsidy_until ? l.subsidy_until->value.iso() : "");
}

std::string column_text(SQLite::Statement& st, int i) {
  return st.getColumn(i).isNull() ? "" : st.getColumn(i).getString();
}

}  // namespace

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
    if (!known) throw StoreError("unknown contract '" + contract_id + "'");

    // The contract's imports in force: with --replace they all make way for this file (the
    // supplier's complete current list); without it, a file that repeats stored rows is
    // refused, so a cumulative file never counts its earlier rows twice.
    SQLite::Statement& active = impl_->prepared(
        "SELECT id, source_file, source_hash, rows, imported_at FROM imports WHERE contract_id = "
        "? AND replaced_at IS NULL AND removed_at IS NULL ORDER BY id");
    active.bind(1, contract_id);
    std::vector<ImportRecord> earlier;
    while (active.executeStep()) {
      ImportRecord r;
      r.id = active.getColumn(0).getInt64();
      r.contract = contract_id;
      r.source_file = active.getColumn(1).getString();
      r.hash = active.getColumn(2).getString();
      r.rows = active.getColumn(3).getInt64();
      r.imported_at = active.getColumn(4).getString();
      earlier.push_back(std::move(r));
    }
    active.reset();
    if (!replace && !earlier.empty()) {
      for (const auto& e : earlier)
        if (e.hash == hash)
          throw ImportRefused(
              {{SourceLocation{source_file},
                "already imported for contract '" + contract_id + "' (as import " +
                    std::to_string(e.id) + ", " + e.source_file + ", at " + e.imported_at + ", " +
                    std::to_string(e.rows) +
                    " rows); use --replace to make this file the contract's complete list"}});
      std::unordered_map<std::string, std::string> stored;
      SQLite::Statement& st = impl_->prepared(
          "SELECT l.candidate, l.block, l.start_date, l.end_date, l.hours_per_week, "
          "l.amount_cents, l.hours, l.count, l.bonuses, l.subsidy_until, i.source_file, "
          "l.line_no FROM realisation_lines l JOIN imports i ON i.id = l.import_id "
          "WHERE l.contract_id = ?");
      st.bind(1, contract_id);
      while (st.executeStep())
        stored.emplace(line_key(column_text(st, 0), column_text(st, 1), column_text(st, 2),
                                column_text(st, 3), column_text(st, 4), column_text(st, 5),
                                column_text(st, 6), column_text(st, 7), column_text(st, 8),
                                column_text(st, 9)),
                       column_text(st, 10) + ":" + column_text(st, 11));
      st.reset();
      std::vector<Diagnostic> repeats;
      std::size_t total = 0;
      for (const auto& line : lines) {
        auto it = stored.find(line_key(line));
        if (it == stored.end()) continue;
        if (++total <= 10)
          repeats.push_back({line.where, "row repeats a stored row of contract '" + contract_id +
                                             "' (" + it->second + ")"});
      }
      if (total > 0) {
        repeats.push_back(
            {SourceLocation{source_file},
             std::to_string(total) + " of " + std::to_string(lines.size()) +
                 " rows are already stored for contract '" + contract_id +
                 "'; if this file is the complete current list, import it with --replace (it "
                 "then replaces the contract's earlier imports)"});
        throw ImportRefused(std::move(repeats));
      }
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
    std::string replaced;
    if (replace) {
      std::string now = now_utc();
      for (const auto& e : earlier) {
        SQLite::Statement& del =
            impl_->prepared("DELETE FROM realisation_lines WHERE import_id = ?");
        del.bind(1, e.id);
        std::size_t n = static_cast<std::size_t>(del.exec());
        out.replaced_rows += n;
        ++out.replaced_imports;
        SQLite::Statement& mark =
            impl_->prepared("UPDATE imports SET replaced_at = ?, replaced_by = ? WHERE id = ?");
        mark.bind(1, now);
        mark.bind(2, out.import_id);
        mark.bind(3, e.id);
        mark.exec();
        replaced += (replaced.empty() ? "" : "; ") + std::string("import ") +
                    std::to_string(e.id) + " " + e.source_file + " sha256 " + e.hash + " " +
                    std::to_string(n) + " rows";
      }
    }
    SQLite::Statement& st = impl_->prepared(
        "INSERT INTO realisation_lines(import_id, contract_id, line_no, candidate, block, "
        "start_date, end_date, hours_per_week, amount_cents, hours, count, bonuses, "
        "subsidy_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
      if (line.subsidy_until)
        st.bind(13, line.subsidy_until->value.iso());
      else
        st.bind(13);
      st.exec();
      st.reset();
      ++out.rows;
    }
    std::string detail = std::to_string(out.rows) + " rows";
    if (replace)
      detail += replaced.empty() ? ", replacing nothing (no earlier import)"
                                 : ", replacing " + std::to_string(out.replaced_rows) +
                                       " rows of " + std::to_string(out.replaced_imports) +
                                       " import(s): " + replaced;
    impl_->audit(replace ? "import.replace" : "import", contract_id, detail, source_file, hash);
    if (sp)
      sp->release();
    else
      tx->commit();
    return out;
  });
}

std::vector<ImportRecord> Register::imports(const std::optional<std::string>& contract) const {
  return guarded("read imports", [&] {
    std::vector<ImportRecord> out;
    SQLite::Statement st(impl_->db,
                         std::string("SELECT id, contract_id, source_file, source_hash, rows, "
                                     "user_name, imported_at, replaced_at, replaced_by, "
                                     "removed_at FROM imports") +
                             (contract ? " WHERE contract_id = ?" : "") + " ORDER BY id");
    if (contract) st.bind(1, *contract);
    while (st.executeStep()) {
      ImportRecord r;
      r.id = st.getColumn(0).getInt64();
      r.contract = st.getColumn(1).getString();
      r.source_file = st.getColumn(2).getString();
      r.hash = st.getColumn(3).getString();
      r.rows = st.getColumn(4).getInt64();
      r.user = st.getColumn(5).getString();
      r.imported_at = st.getColumn(6).getString();
      r.replaced_at = column_text(st, 7);
      if (!st.getColumn(8).isNull()) r.replaced_by = st.getColumn(8).getInt64();
      r.removed_at = column_text(st, 9);
      out.push_back(std::move(r));
    }
    return out;
  });
}

ImportRecord Register::remove_import(int64_t id) {
  return guarded("remove import " + std::to_string(id), [&] {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    ImportRecord found;
    bool any = false;
    for (auto& r : imports(std::nullopt))
      if (r.id == id) found = std::move(r), any = true;
    if (!any) throw StoreError("no import " + std::to_string(id) + " (see 'sroi imports')");
    if (!found.removed_at.empty())
      throw StoreError("import " + std::to_string(id) + " was already removed at " +
                       found.removed_at);
    if (!found.replaced_at.empty())
      throw StoreError("import " + std::to_string(id) + " was replaced by import " +
                       std::to_string(found.replaced_by.value_or(0)) + " at " +
                       found.replaced_at + "; its rows are no longer in the register");
    SQLite::Statement del(impl_->db, "DELETE FROM realisation_lines WHERE import_id = ?");
    del.bind(1, id);
    int n = del.exec();
    SQLite::Statement mark(impl_->db, "UPDATE imports SET removed_at = ? WHERE id = ?");
    found.removed_at = now_utc();
    mark.bind(1, found.removed_at);
    mark.bind(2, id);
    mark.exec();
    impl_->audit("import.remove", found.contract,
                 "import " + std::to_string(id) + ", " + std::to_string(n) + " rows removed",
                 found.source_file, found.hash);
    tx.commit();
    return found;
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
    "amount_cents, hours, count, bonuses, subsidy_until FROM realisation_lines";

void stream_lines(SQLite::Statement& st, const std::function<void(LineRecord&&)>& fn) {
  while (st.executeStep()) {
    LineRecord r;
    r.id = st.getColumn(0).getInt64();
    r.contract = st.getColumn(1).getString();
    RealisationLine& line = r.line;
    // Where it came from, for messages: the contract and the row of its import file.
    SourceLocation at{"contract " + r.contract, st.getColumn(2).getInt()};
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
    if (!st.getColumn(12).isNull())
      line.subsidy_until = Given<Date>{date_from(st.getColumn(12).getString()), at.line, at.column};
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
