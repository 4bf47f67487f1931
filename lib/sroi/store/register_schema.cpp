// SPDX-License-Identifier: EUPL-1.2
// The register's schema and its migrations, and opening a register (creating or migrating it
// only for Access::Create). Contracts, offers and the audit log are in register.cpp,
// realisation lines in register_lines.cpp.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>

#include "sroi/msg/store.hpp"
#include "sroi/store/register.hpp"
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
    // 3 -> 4: accounts of the portal (password hashes only), their API tokens (hashes only).
    R"sql(
CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  role           TEXT NOT NULL CHECK (role IN ('coordinator', 'buyer', 'supplier')),
  org            TEXT NOT NULL,
  password_hash  TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  disabled_at    TEXT
);
CREATE TABLE api_tokens (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  token_hash  TEXT NOT NULL UNIQUE,
  label       TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);
)sql",
    // 4 -> 5: that a candidate's target-group evidence was seen: its kind, the day, who.
    R"sql(
CREATE TABLE evidence (
  id           INTEGER PRIMARY KEY,
  contract_id  TEXT NOT NULL REFERENCES contracts(id),
  candidate    TEXT NOT NULL,
  kind         TEXT NOT NULL,
  seen_on      TEXT NOT NULL,
  recorded_by  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL
);
CREATE INDEX evidence_by_contract ON evidence(contract_id);
)sql",
    // 5 -> 6: records that can be trusted. The anchor (audit_head) keeps the log's count and
    // last hash, written with each entry, so that a removed tail shows; an entry can be keyed
    // (chained with the audit key) and can record the hash of the rows it wrote (rows_of,
    // rows_hash); each realisation line keeps the hash of its values (row_hash) so that `db
    // verify` can name a row changed outside sroi. The anchor and row hashes of what is already
    // there are filled in by the migration itself.
    R"sql(
ALTER TABLE audit_log ADD COLUMN rows_of TEXT;
ALTER TABLE audit_log ADD COLUMN rows_hash TEXT;
ALTER TABLE audit_log ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
CREATE TABLE audit_head (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  entries     INTEGER NOT NULL,
  last_hash   TEXT NOT NULL,
  keyed_from  INTEGER
);
INSERT INTO audit_head(id, entries, last_hash) VALUES (1, 0, '');
ALTER TABLE realisation_lines ADD COLUMN row_hash BLOB;
)sql",
    // 6 -> 7: figures that follow the data. Each line keeps the value the register-wide
    // valuation gave it on the figures' day (value_cents; NULL: not valued) and its flags (1:
    // a provisional value used, 2: hours reduced by another line of the candidate); each
    // contract the sums of its lines' figures and the region fingerprint they were valued
    // with; `candidates` the candidates that wait for re-valuation (1) or met a problem (2)
    // (one in step has no row). What exists waits until `sroi db revalue` (readers value it
    // meanwhile).
    R"sql(
ALTER TABLE realisation_lines ADD COLUMN value_cents INTEGER;
ALTER TABLE realisation_lines ADD COLUMN figure_flags INTEGER;
DROP INDEX lines_by_candidate;
CREATE INDEX lines_by_candidate ON realisation_lines(candidate, id, contract_id, line_no, block,
  start_date, end_date, hours_per_week, amount_cents, hours, count, bonuses, subsidy_until,
  value_cents, figure_flags);
CREATE TABLE candidates (
  candidate  TEXT PRIMARY KEY,
  state      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE contract_figures (
  contract_id     TEXT PRIMARY KEY REFERENCES contracts(id),
  realised_cents  INTEGER NOT NULL DEFAULT 0,
  lines           INTEGER NOT NULL DEFAULT 0,
  reduced         INTEGER NOT NULL DEFAULT 0,
  provisional     INTEGER NOT NULL DEFAULT 0,
  valued_with     TEXT
) WITHOUT ROWID;
CREATE TABLE figures_meta (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  day  TEXT
);
INSERT INTO figures_meta(id, day) VALUES (1, NULL);
INSERT INTO candidates(candidate, state) SELECT DISTINCT candidate, 1 FROM realisation_lines;
INSERT INTO contract_figures(contract_id) SELECT id FROM contracts;
)sql",
    // 7 -> 8: what a contract is about, in the buyer's words ("Schoonmaak stadskantoor"), so
    // that a list of contracts reads as more than numbers; empty where the file gave none.
    R"sql(
ALTER TABLE contracts ADD COLUMN description TEXT NOT NULL DEFAULT '';
)sql",
    // 8 -> 9: contract management. A contract's reporting rhythm ('quarter', 'half-year',
    // 'year') and days of grace after each period, where its file gave them (NULL: the
    // region's rule, else quarterly with 30 days) and whether only accepted deliveries count
    // (count_rule 'accepted'; NULL: the region's rule, else every one submitted); each import's
    // review by the buyer (submitted, accepted, rejected with a reason, by whom, when); an
    // account's e-mail address and language; the settlement at a contract's end (the figures
    // it was made on, the penalty the rule gives and the buyer's decision)
    // for reminders; the reminders sent, one row per account and notice (never twice).
    R"sql(
ALTER TABLE contracts ADD COLUMN report_every TEXT;
ALTER TABLE contracts ADD COLUMN grace_days INTEGER;
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'nl';
ALTER TABLE contracts ADD COLUMN count_rule TEXT;
ALTER TABLE imports ADD COLUMN review TEXT NOT NULL DEFAULT 'submitted';
ALTER TABLE imports ADD COLUMN reviewed_by TEXT;
ALTER TABLE imports ADD COLUMN reviewed_at TEXT;
ALTER TABLE imports ADD COLUMN review_reason TEXT NOT NULL DEFAULT '';
CREATE TABLE notices_sent (
  user_name   TEXT NOT NULL,
  notice      TEXT NOT NULL,
  sent_at     TEXT NOT NULL,
  PRIMARY KEY (user_name, notice)
) WITHOUT ROWID;
CREATE TABLE settlements (
  contract_id        TEXT PRIMARY KEY REFERENCES contracts(id),
  obligation_cents   INTEGER NOT NULL,
  realised_cents     INTEGER NOT NULL,
  shortfall_cents    INTEGER NOT NULL,
  rule_penalty_cents INTEGER NOT NULL,
  decision           TEXT NOT NULL CHECK (decision IN ('impose', 'reduce', 'waive')),
  penalty_cents      INTEGER NOT NULL CHECK (penalty_cents >= 0),
  reason             TEXT NOT NULL,
  decided_by         TEXT NOT NULL,
  decided_at         TEXT NOT NULL
);
)sql",
    // 9 -> 10: a buyer reviews a delivery line by line too: a line's own review, where it
    // differs from its import's (removed with the line when its import is replaced or removed).
    R"sql(
CREATE TABLE line_reviews (
  line_id      INTEGER PRIMARY KEY,
  import_id    INTEGER NOT NULL REFERENCES imports(id),
  contract_id  TEXT NOT NULL REFERENCES contracts(id),
  review       TEXT NOT NULL CHECK (review IN ('accepted', 'rejected')),
  reason       TEXT NOT NULL DEFAULT '',
  reviewed_by  TEXT NOT NULL,
  reviewed_at  TEXT NOT NULL
);
)sql",
    // 10 -> 11: kept days (docs/store.md). Besides the figures' day, days on which every line's
    // figure is kept too (a year's end for kpi), one row per line whose figure there differs
    // from its figure on the figures' day, by candidate so that a candidate's rows are
    // replaced together and read in the lines' order.
    R"sql(
CREATE TABLE kept_days (
  day  TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TABLE kept_figures (
  day           TEXT NOT NULL,
  candidate     TEXT NOT NULL,
  line_id       INTEGER NOT NULL,
  value_cents   INTEGER,
  figure_flags  INTEGER,
  PRIMARY KEY (day, candidate, line_id)
) WITHOUT ROWID;
)sql",
    // 11 -> 12: what changed since a reader's version (Register::changes_since). Each contract's
    // figures row records the audit log's entry count, plus one, of the write that last moved
    // them: a portal that showed the register at entry N values again only the contracts
    // moved after N, not the whole register.
    R"sql(
ALTER TABLE contract_figures ADD COLUMN moved INTEGER NOT NULL DEFAULT 0;
CREATE INDEX contract_figures_moved ON contract_figures(moved);
)sql",
    // 12 -> 13: imports of different contracts and candidates side by side on the shared store
    // (docs/store.md), whose lines take their ids from a sequence there. SQLite has one writer:
    // its lines continue after the largest id, and nothing changes.
    R"sql(
-- nothing in SQLite
)sql",
    // 13 -> 14: kpi lines (docs/store.md): per candidate, its lines packed narrow with only
    // what kpi counts and their figures on the figures' day, replaced by every write that
    // values the candidate. Filled from the lines by the migration (fill_kpi_lines).
    R"sql(
CREATE TABLE kpi_lines (
  candidate  TEXT PRIMARY KEY,
  lines      TEXT NOT NULL
) WITHOUT ROWID;
)sql",
    // 14 -> 15: the print of the region models every contract's figures were valued with
    // (FiguresState::models), set by `db revalue` and cleared by a contract added with other
    // models: a reader with the same models knows every contract valued as it would value it
    // without reading their fingerprints. None until the next `db revalue`.
    R"sql(
ALTER TABLE figures_meta ADD COLUMN models TEXT;
)sql",
};
constexpr int kMigrationCount = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);
static_assert(kMigrationCount == Register::kSchemaVersion);

// The shared register (PostgreSQL) at the current schema: the same tables and columns as the
// migrations above leave in SQLite, typed for PostgreSQL (whole numbers as BIGINT, hashes of
// rows as BYTEA, every text compared byte by byte, COLLATE "C", as SQLite compares them: the
// register reads candidates in that order). A change to the schema appends a migration above
// and changes this text with it (tests compare the two stores' figures and audit chains).
const char* const kPostgresSchema = R"sql(
CREATE TABLE contracts (
  id               TEXT COLLATE "C" PRIMARY KEY,
  buyer            TEXT COLLATE "C" NOT NULL,
  supplier         TEXT COLLATE "C" NOT NULL,
  region           TEXT COLLATE "C" NOT NULL,
  region_version   TEXT COLLATE "C",
  value_cents      BIGINT NOT NULL CHECK (value_cents > 0),
  percentage       TEXT COLLATE "C",
  threshold_cents  BIGINT CHECK (threshold_cents >= 0),
  start_date       TEXT COLLATE "C" NOT NULL,
  end_date         TEXT COLLATE "C" NOT NULL CHECK (end_date >= start_date),
  pso_level        TEXT COLLATE "C",
  pso_valid_until  TEXT COLLATE "C",
  source_file      TEXT COLLATE "C" NOT NULL,
  source_hash      TEXT COLLATE "C" NOT NULL,
  added_at         TEXT COLLATE "C" NOT NULL,
  penalty_kind     TEXT COLLATE "C",
  penalty_factor   TEXT COLLATE "C",
  description      TEXT COLLATE "C" NOT NULL DEFAULT '',
  report_every     TEXT COLLATE "C",
  grace_days       BIGINT,
  count_rule       TEXT COLLATE "C"
);
CREATE INDEX contracts_by_supplier ON contracts(supplier);
CREATE INDEX contracts_by_buyer ON contracts(buyer);
CREATE TABLE offers (
  id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  contract_id  TEXT COLLATE "C" NOT NULL REFERENCES contracts(id),
  source_file  TEXT COLLATE "C" NOT NULL,
  source_hash  TEXT COLLATE "C" NOT NULL,
  saved_at     TEXT COLLATE "C" NOT NULL
);
CREATE INDEX offers_by_contract ON offers(contract_id);
CREATE TABLE offer_lines (
  offer_id        BIGINT NOT NULL REFERENCES offers(id),
  line_no         BIGINT NOT NULL,
  block           TEXT COLLATE "C" NOT NULL,
  persons         BIGINT,
  hours_per_week  TEXT COLLATE "C",
  months          TEXT COLLATE "C",
  amount_cents    BIGINT,
  hours           TEXT COLLATE "C",
  years           TEXT COLLATE "C",
  count           BIGINT,
  bonuses         TEXT COLLATE "C" NOT NULL DEFAULT '',
  PRIMARY KEY (offer_id, line_no)
);
CREATE TABLE contract_pso (
  contract_id  TEXT COLLATE "C" NOT NULL REFERENCES contracts(id),
  seq          BIGINT NOT NULL,
  level        TEXT COLLATE "C" NOT NULL,
  issued       TEXT COLLATE "C",
  valid_until  TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (contract_id, seq)
);
CREATE TABLE imports (
  id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  contract_id  TEXT COLLATE "C" NOT NULL REFERENCES contracts(id),
  source_file  TEXT COLLATE "C" NOT NULL,
  source_hash  TEXT COLLATE "C" NOT NULL,
  rows         BIGINT NOT NULL,
  user_name    TEXT COLLATE "C" NOT NULL,
  imported_at  TEXT COLLATE "C" NOT NULL,
  replaced_at  TEXT COLLATE "C",
  removed_at   TEXT COLLATE "C",
  replaced_by  BIGINT,
  review         TEXT COLLATE "C" NOT NULL DEFAULT 'submitted',
  reviewed_by    TEXT COLLATE "C",
  reviewed_at    TEXT COLLATE "C",
  review_reason  TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX imports_by_contract_hash ON imports(contract_id, source_hash);
CREATE TABLE realisation_lines (
  id              BIGINT PRIMARY KEY,
  import_id       BIGINT NOT NULL REFERENCES imports(id),
  contract_id     TEXT COLLATE "C" NOT NULL REFERENCES contracts(id),
  line_no         BIGINT NOT NULL,
  candidate       TEXT COLLATE "C" NOT NULL,
  block           TEXT COLLATE "C" NOT NULL,
  start_date      TEXT COLLATE "C" NOT NULL,
  end_date        TEXT COLLATE "C" NOT NULL CHECK (end_date >= start_date),
  hours_per_week  TEXT COLLATE "C",
  amount_cents    BIGINT CHECK (amount_cents >= 0),
  hours           TEXT COLLATE "C",
  count           BIGINT,
  bonuses         TEXT COLLATE "C" NOT NULL DEFAULT '',
  subsidy_until   TEXT COLLATE "C",
  row_hash        BYTEA,
  value_cents     BIGINT,
  figure_flags    BIGINT
);
-- Covers the register-wide valuation (by candidate, in registration order): status reads every
-- line through it.
CREATE INDEX lines_by_candidate ON realisation_lines(candidate, id) INCLUDE (contract_id,
  line_no, block, start_date, end_date, hours_per_week, amount_cents, hours, count, bonuses,
  subsidy_until, value_cents, figure_flags);
CREATE INDEX lines_by_contract ON realisation_lines(contract_id);
CREATE INDEX lines_by_import ON realisation_lines(import_id);
CREATE TABLE audit_log (
  id           BIGINT PRIMARY KEY,
  at           TEXT COLLATE "C" NOT NULL,
  user_name    TEXT COLLATE "C" NOT NULL,
  action       TEXT COLLATE "C" NOT NULL,
  entity       TEXT COLLATE "C" NOT NULL,
  detail       TEXT COLLATE "C" NOT NULL,
  source_file  TEXT COLLATE "C",
  source_hash  TEXT COLLATE "C",
  prev_hash    TEXT COLLATE "C",
  entry_hash   TEXT COLLATE "C",
  rows_of      TEXT COLLATE "C",
  rows_hash    TEXT COLLATE "C",
  keyed        BIGINT NOT NULL DEFAULT 0
);
CREATE FUNCTION sroi_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' OR NEW.id <= COALESCE((SELECT MAX(id) FROM audit_log), 0) THEN
    RAISE EXCEPTION 'the audit log is append-only';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION sroi_audit_append_only();
CREATE TABLE audit_head (
  id          BIGINT PRIMARY KEY CHECK (id = 1),
  entries     BIGINT NOT NULL,
  last_hash   TEXT COLLATE "C" NOT NULL,
  keyed_from  BIGINT
);
INSERT INTO audit_head(id, entries, last_hash) VALUES (1, 0, '');
CREATE TABLE users (
  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name           TEXT COLLATE "C" NOT NULL UNIQUE,
  role           TEXT COLLATE "C" NOT NULL CHECK (role IN ('coordinator', 'buyer', 'supplier')),
  org            TEXT COLLATE "C" NOT NULL,
  password_hash  TEXT COLLATE "C" NOT NULL,
  created_at     TEXT COLLATE "C" NOT NULL,
  disabled_at    TEXT COLLATE "C",
  email          TEXT COLLATE "C" NOT NULL DEFAULT '',
  lang           TEXT COLLATE "C" NOT NULL DEFAULT 'nl'
);
CREATE TABLE notices_sent (
  user_name   TEXT COLLATE "C" NOT NULL,
  notice      TEXT COLLATE "C" NOT NULL,
  sent_at     TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (user_name, notice)
);
CREATE TABLE settlements (
  contract_id        TEXT COLLATE "C" PRIMARY KEY REFERENCES contracts(id),
  obligation_cents   BIGINT NOT NULL,
  realised_cents     BIGINT NOT NULL,
  shortfall_cents    BIGINT NOT NULL,
  rule_penalty_cents BIGINT NOT NULL,
  decision           TEXT COLLATE "C" NOT NULL CHECK (decision IN ('impose', 'reduce', 'waive')),
  penalty_cents      BIGINT NOT NULL CHECK (penalty_cents >= 0),
  reason             TEXT COLLATE "C" NOT NULL,
  decided_by         TEXT COLLATE "C" NOT NULL,
  decided_at         TEXT COLLATE "C" NOT NULL
);
CREATE TABLE line_reviews (
  line_id      BIGINT PRIMARY KEY,
  import_id    BIGINT NOT NULL REFERENCES imports(id),
  contract_id  TEXT COLLATE "C" NOT NULL REFERENCES contracts(id),
  review       TEXT COLLATE "C" NOT NULL CHECK (review IN ('accepted', 'rejected')),
  reason       TEXT COLLATE "C" NOT NULL DEFAULT '',
  reviewed_by  TEXT COLLATE "C" NOT NULL,
  reviewed_at  TEXT COLLATE "C" NOT NULL
);
CREATE TABLE api_tokens (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users(id),
  token_hash  TEXT COLLATE "C" NOT NULL UNIQUE,
  label       TEXT COLLATE "C" NOT NULL,
  created_at  TEXT COLLATE "C" NOT NULL,
  revoked_at  TEXT COLLATE "C"
);
CREATE TABLE evidence (
  id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  contract_id  TEXT COLLATE "C" NOT NULL REFERENCES contracts(id),
  candidate    TEXT COLLATE "C" NOT NULL,
  kind         TEXT COLLATE "C" NOT NULL,
  seen_on      TEXT COLLATE "C" NOT NULL,
  recorded_by  TEXT COLLATE "C" NOT NULL,
  recorded_at  TEXT COLLATE "C" NOT NULL
);
CREATE INDEX evidence_by_contract ON evidence(contract_id);
CREATE TABLE candidates (
  candidate  TEXT COLLATE "C" PRIMARY KEY,
  state      BIGINT NOT NULL
);
CREATE TABLE contract_figures (
  contract_id     TEXT COLLATE "C" PRIMARY KEY REFERENCES contracts(id),
  realised_cents  BIGINT NOT NULL DEFAULT 0,
  lines           BIGINT NOT NULL DEFAULT 0,
  reduced         BIGINT NOT NULL DEFAULT 0,
  provisional     BIGINT NOT NULL DEFAULT 0,
  valued_with     TEXT COLLATE "C"
);
CREATE TABLE figures_meta (
  id   BIGINT PRIMARY KEY CHECK (id = 1),
  day  TEXT COLLATE "C"
);
INSERT INTO figures_meta(id, day) VALUES (1, NULL);
-- schema 11
CREATE TABLE kept_days (
  day  TEXT COLLATE "C" PRIMARY KEY
);
CREATE TABLE kept_figures (
  day           TEXT COLLATE "C" NOT NULL,
  candidate     TEXT COLLATE "C" NOT NULL,
  line_id       BIGINT NOT NULL,
  value_cents   BIGINT,
  figure_flags  BIGINT,
  PRIMARY KEY (day, candidate, line_id)
);
-- schema 12
ALTER TABLE contract_figures ADD COLUMN moved BIGINT NOT NULL DEFAULT 0;
CREATE INDEX contract_figures_moved ON contract_figures(moved);
-- schema 13
CREATE SEQUENCE realisation_lines_id_seq OWNED BY realisation_lines.id;
SELECT setval('realisation_lines_id_seq', COALESCE(MAX(id), 0) + 1, false) FROM realisation_lines;
-- schema 14
CREATE TABLE kpi_lines (
  candidate  TEXT COLLATE "C" PRIMARY KEY,
  lines      TEXT NOT NULL
);
-- schema 15
ALTER TABLE figures_meta ADD COLUMN models TEXT COLLATE "C";
)sql";
}  // namespace

std::string default_db_path() {
  if (const char* env = std::getenv("SROI_DB"); env && *env) return env;  // "" is unset
  return "sroi.db";
}

void Register::Impl::migrate(int from, bool shared) {
  if (from >= Register::kSchemaVersion) return;  // another process migrated it meanwhile
  if (shared) {
    // A shared register starts at the current schema: its tables as PostgreSQL types them.
    // From schema 9 it gains the line reviews, from 10 the kept days, from 11 the moved
    // figures' mark, from 12 the lines' id sequence, from 13 the kpi lines, from 14 the
    // models' print (the same as in kPostgresSchema).
    if (from >= 9 && from < Register::kSchemaVersion) {
      std::string schema = kPostgresSchema;
      if (from == 9) {
        auto start = schema.find("CREATE TABLE line_reviews");
        db.exec(schema.substr(start, schema.find(");", start) + 2 - start));
      }
      const std::string next = "-- schema " + std::to_string(from < 10 ? 11 : from + 1);
      db.exec(schema.substr(schema.find(next)));
      db.set_schema_version(Register::kSchemaVersion);
      if (from < 14) fill_kpi_lines();
      return;
    }
    if (from != 0)
      throw StoreError(msg(Msg::SchemaOlder, as_is(sql::shown(path)), int64_t{from}),
                       Remedy::MigrateRegister);
    db.exec(kPostgresSchema);
    db.set_schema_version(Register::kSchemaVersion);
    return;
  }
  for (int v = from; v < Register::kSchemaVersion; ++v) {
    db.exec(kMigrations[v]);
    db.set_schema_version(v + 1);
  }
  if (from < 3) chain_existing_entries();
  if (from < 6) anchor_existing();
  if (from < 14) fill_kpi_lines();
}

bool is_shared_store(std::string_view location) { return sql::is_postgres(location); }
std::string shown_location(const std::string& location) { return sql::shown(location); }

Register::Register(const std::string& path, Access access, std::string user, int busy_ms,
                   const std::function<void(int64_t)>& migrating) {
  bool create = access == Access::Create;
  bool shared = sql::is_postgres(path);
  if (!create && !shared && !std::filesystem::exists(path))
    throw StoreError(msg(Msg::DatabaseMissing, as_is(path)), Remedy::CreateRegister);
  // Opening can meet SQLITE_BUSY without SQLite's busy handler being asked (switching a new
  // file to WAL while another first 'db init' does the same): then it is tried again, after a
  // short random pause, until busy_ms have passed.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_ms);
  std::minstd_rand jitter(static_cast<unsigned>(
      std::chrono::steady_clock::now().time_since_epoch().count() ^ ::getpid()));
  for (;;) {
    try {
      open_once(path, access, user, busy_ms, migrating);
      return;
    } catch (const sql::Error& e) {
      if (e.fault() != sql::Fault::Busy || std::chrono::steady_clock::now() >= deadline)
        guarded(msg(Msg::DoingOpenDatabase, as_is(sql::shown(path))), [&]() -> int { throw; });
      impl_.reset();
      std::this_thread::sleep_for(std::chrono::milliseconds(5 + jitter() % 45));
    }
  }
}

void Register::open_once(const std::string& path, Access access, const std::string& user,
                         int busy_ms, const std::function<void(int64_t)>& migrating) {
  bool create = access == Access::Create;
  bool shared = sql::is_postgres(path);
  sql::Mode mode = access == Access::ReadOnly ? sql::Mode::ReadOnly
                   : create                   ? sql::Mode::Create
                                              : sql::Mode::ReadWrite;
  impl_ = std::make_unique<Impl>(
      path,
      shared ? sql::open_postgres(path, mode, busy_ms) : sql::open_sqlite(path, mode, busy_ms),
      user);
  sql::Connection& db = impl_->db;
  std::string shown = sql::shown(path);
  int version = db.schema_version();
  impl_->opened_version = version;
  if (version > kSchemaVersion)
    throw StoreError(
        msg(Msg::SchemaNewer, as_is(shown), int64_t{version}, int64_t{kSchemaVersion}));
  if (!create) {
    // Only Access::Create (sroi db init) makes or migrates a register: any other use of a store
    // that is not one (or an older one) says so and changes nothing.
    bool ours = version > 0 && db.has_table("contracts") && db.has_table("audit_log");
    if (!ours) throw StoreError(msg(Msg::NotARegister, as_is(shown)), Remedy::InitRegister);
    if (version < kSchemaVersion)
      throw StoreError(msg(Msg::SchemaOlder, as_is(shown), int64_t{version}),
                       Remedy::MigrateRegister);
  }
  if (version < kSchemaVersion) {
    sql::Transaction tx(db);
    version = db.schema_version();  // another may have won
    impl_->opened_version = version;
    impl_->migrating = migrating;
    impl_->migrate(version, shared);
    // Recorded once the log has its current shape (and chain).
    for (int v = version; v < kSchemaVersion; ++v)
      impl_->audit("db.migrate", "schema", facts({{"from_version", v}, {"to_version", v + 1}}));
    tx.commit();
  }
  impl_->version = kSchemaVersion;
}

}  // namespace sroi::store
