// SPDX-License-Identifier: EUPL-1.2
// The register's schema and migrations, contracts, offers and the audit log. Realisation lines
// (imports and the reads that stream them) are in register_lines.cpp.
#include "sroi/store/register.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>

#include "sroi/model/enum_ids.hpp"
#include "sroi/store/register_impl.hpp"

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
    // 2 -> 3: a tamper-evident audit log. Each entry stores the hash of the previous one and a
    // hash over its own content and that (entry_hash; see audit_entry_hash); the entries
    // written before are chained by the migration itself. Ids only grow: an insert that reuses
    // or skips back (INSERT OR REPLACE) is refused.
    R"sql(
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN entry_hash TEXT;
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
  WHEN NEW.id <= COALESCE((SELECT MAX(id) FROM audit_log), 0)
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
};
constexpr int kMigrationCount = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);
static_assert(kMigrationCount == Register::kSchemaVersion);
}  // namespace

bool ContractFilter::matches(const ContractRecord& c) const {
  return (!contract || c.contract.id == *contract) && (!supplier || c.supplier == *supplier) &&
         (!buyer || c.buyer == *buyer);
}

std::string default_db_path() {
  if (const char* env = std::getenv("SROI_DB")) return env;
  return "sroi.db";
}

Register::Register(const std::string& path, Access access, std::string user, int busy_ms) {
  bool create = access == Access::Create;
  if (!create && !std::filesystem::exists(path))
    throw StoreError("database '" + path + "' does not exist", Remedy::CreateRegister);
  // Opening can meet SQLITE_BUSY without SQLite's busy handler being asked (switching a new
  // file to WAL while another first 'db init' does the same): then it is tried again, after a
  // short random pause, until busy_ms have passed.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_ms);
  std::minstd_rand jitter(static_cast<unsigned>(
      std::chrono::steady_clock::now().time_since_epoch().count() ^ ::getpid()));
  for (;;) {
    try {
      open_once(path, access, user, busy_ms);
      return;
    } catch (const SQLite::Exception& e) {
      bool busy = e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
      if (!busy || std::chrono::steady_clock::now() >= deadline)
        guarded("open database '" + path + "'", [&]() -> int { throw; });
      impl_.reset();
      std::this_thread::sleep_for(std::chrono::milliseconds(5 + jitter() % 45));
    }
  }
}

void Register::open_once(const std::string& path, Access access, const std::string& user,
                         int busy_ms) {
  bool create = access == Access::Create;
  {
    int flags = access == Access::ReadOnly ? SQLite::OPEN_READONLY
                : create                   ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE
                                           : SQLite::OPEN_READWRITE;
    impl_ = std::make_unique<Impl>(path, flags, user, busy_ms);
    impl_->db.exec("PRAGMA foreign_keys = ON");
    if (access != Access::ReadOnly) {
      impl_->db.exec("PRAGMA journal_mode = WAL");
      impl_->db.exec("PRAGMA synchronous = NORMAL");
    }
    // Reading the whole register (status) is mostly page reads: keep more of them (16 MB).
    impl_->db.exec("PRAGMA cache_size = -16384");
    int version = impl_->db.execAndGet("PRAGMA user_version").getInt();
    if (version > kSchemaVersion)
      throw StoreError("database '" + path + "' has schema version " + std::to_string(version) +
                       ", newer than this sroi (" + std::to_string(kSchemaVersion) + ")");
    if (!create) {
      // Only Access::Create (sroi db init) makes or migrates a register: any other use of a file
      // that is not one (or an older one) says so and changes nothing.
      bool ours =
          version > 0 && impl_->db.tableExists("contracts") && impl_->db.tableExists("audit_log");
      if (!ours) throw StoreError("'" + path + "' is not an sroi register", Remedy::InitRegister);
      if (version < kSchemaVersion)
        throw StoreError("register '" + path + "' has schema version " + std::to_string(version),
                         Remedy::MigrateRegister);
    }
    if (version < kSchemaVersion) {
      SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
      version = impl_->db.execAndGet("PRAGMA user_version").getInt();  // another may have won
      for (int v = version; v < kSchemaVersion; ++v) {
        impl_->db.exec(kMigrations[v]);
        impl_->db.exec("PRAGMA user_version = " + std::to_string(v + 1));
      }
      if (version < 3) impl_->chain_existing_entries();
      // Recorded once the log has its current shape (and chain).
      for (int v = version; v < kSchemaVersion; ++v)
        impl_->audit("db.migrate", "schema",
                     "version " + std::to_string(v) + " -> " + std::to_string(v + 1));
      tx.commit();
    }
    impl_->version = kSchemaVersion;
  }
}

Register::~Register() = default;

int Register::schema_version() const { return impl_->version; }
const std::string& Register::path() const { return impl_->path; }

void Register::note_init() {
  guarded("write the audit log", [&] {
    // Every audit entry is written under the write lock: it takes the next id and links to the
    // last entry, which two processes must not read at the same time.
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    impl_->audit("db.init", "database", "schema version " + std::to_string(impl_->version));
    tx.commit();
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
    bind_optional(st, 5, f.region.version);
    st.bind(6, c.value.cents());
    bind_optional(st, 7, c.percentage);
    bind_optional(st, 8, c.threshold);
    st.bind(9, c.start.iso());
    st.bind(10, c.end.iso());
    st.bind(11);  // certificates live in contract_pso since schema 2
    st.bind(12);
    st.bind(13, source_file);
    st.bind(14, hash);
    st.bind(15, now_utc());
    if (c.penalty) {
      st.bind(16, std::string(id_of(c.penalty->kind)));
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
      bind_optional(pso, 4, p.issued);
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
      throw StoreError("unknown contract '" + contract_id + "'", Remedy::AddContract);
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
      line.quantities = read_quantities(st, {2, 3, 4, 5, 6, 7, 8, 9}, at);
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

std::optional<AuditBreak> Register::verify_audit(int64_t* entries) const {
  return guarded("verify the audit log", [&]() -> std::optional<AuditBreak> {
    SQLite::Statement st(impl_->db,
                         "SELECT id, at, user_name, action, entity, detail, source_file, "
                         "source_hash, prev_hash, entry_hash FROM audit_log ORDER BY id");
    std::string prev = kChainStart;
    int64_t last_id = 0, n = 0;
    std::optional<AuditBreak> broken;
    while (st.executeStep()) {
      ++n;
      if (broken) continue;
      int64_t id = st.getColumn(0).getInt64();
      std::string stored_prev = column_text(st, 8), stored = column_text(st, 9);
      if (id != last_id + 1)
        broken = AuditBreak{last_id + 1, "entries " + std::to_string(last_id + 1) + " to " +
                                             std::to_string(id - 1) + " are missing"};
      else if (stored_prev != prev)
        broken = AuditBreak{id, "its link to entry " + std::to_string(last_id) +
                                    " does not match (an entry before it was changed, removed or "
                                    "inserted)"};
      else if (stored != audit_entry_hash(id, column_text(st, 1), column_text(st, 2),
                                          column_text(st, 3), column_text(st, 4),
                                          column_text(st, 5), column_text(st, 6),
                                          column_text(st, 7), stored_prev))
        broken = AuditBreak{id, "its content does not match its hash (it was changed)"};
      prev = stored;
      last_id = id;
    }
    if (entries) *entries = n;
    return broken;
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
