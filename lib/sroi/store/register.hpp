// SPDX-License-Identifier: EUPL-1.2
// The register: contracts, offers and realisation lines in one SQLite file (the embedded
// default) or one PostgreSQL database (the shared store, postgresql://…), the same schema and
// verbs in both (store/sql.hpp, only in the .cpp files). Inputs are stored, derived values are
// computed (see portfolio.hpp). Every change is one transaction and leaves an append-only audit
// entry.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/model/contract.hpp"
#include "sroi/model/enum_ids.hpp"
#include "sroi/store/figures.hpp"

namespace sroi::store {

/// The database could not be opened, read or written (exit code 1).
using sroi::StoreError;

struct ContractRecord {
  Contract contract;
  std::string buyer;
  std::string supplier;
  RegionChoice region;  ///< as given: a version only when the file named one
  PsoCertificates pso;
  std::string source_file;
  std::string added_at;
};

/// Which contracts a listing shows: the contract id in any case; a supplier or buyer whose
/// name contains the text, in any case ("voorbeeld" finds "Bouwbedrijf De Voorbeeld BV").
struct ContractFilter {
  std::optional<std::string> contract;
  std::optional<std::string> supplier;
  std::optional<std::string> buyer;
  bool matches(const ContractRecord& c) const;
};

/// An import would store rows the register already holds for the contract (exit code 1):
/// the repeated rows, each at its file:line, and the hint to use --replace.
using sroi::ImportRefused;

/// How an import treats the contract's earlier imports: keep them and refuse a file that
/// repeats their rows (Add), or let the file replace them all (Replace: the file is the
/// contract's complete current list).
enum class ImportMode { Add, Replace };

struct ImportOutcome {
  int64_t import_id = 0;
  std::size_t rows = 0;
  std::size_t replaced_rows = 0;     ///< lines of the contract's earlier imports (--replace)
  std::size_t replaced_imports = 0;  ///< how many earlier imports made way
};

/// One imported file, and what became of it.
struct ImportRecord {
  int64_t id = 0;
  std::string contract, source_file, hash, user, imported_at;
  int64_t rows = 0;
  std::string replaced_at;  ///< empty while in force
  std::optional<int64_t> replaced_by;
  std::string removed_at;  ///< empty unless taken out with remove_import
  /// The buyer's review (schema 9): "submitted" (not yet reviewed), "accepted" or "rejected",
  /// with who and when, and the reason the supplier sees.
  std::string review = "submitted";
  std::string reviewed_by, reviewed_at, review_reason;
  bool in_force() const { return replaced_at.empty() && removed_at.empty(); }
  bool rejected() const { return review == "rejected"; }
  bool accepted() const { return review == "accepted"; }
};

/// The buyer's review of one line of a delivery (schema 10), where it differs from the
/// delivery's own: "accepted" or "rejected" with the reason the supplier sees.
struct LineReview {
  int64_t line = 0, import = 0;
  std::string contract, review, reason, reviewed_by, reviewed_at;
};

struct AuditEntry {
  int64_t id = 0;
  std::string at, user, action, entity, detail, file, hash;
};

/// Where the audit chain breaks: the first entry that is missing, changed or out of line.
struct AuditBreak {
  int64_t entry = 0;
  Message why;
};

/// The audit log's anchor: its count and last hash, written with every entry (so that a
/// removed tail shows, and so that they can be noted outside the register), and the first
/// entry chained with a key.
struct AuditHead {
  int64_t entries = 0;
  std::string last_hash;
  std::optional<int64_t> keyed_from;
};

/// What walking the audit log found.
struct AuditCheck {
  int64_t entries = 0;                      ///< entries in the log
  AuditHead head;                           ///< the anchor as stored
  int64_t keyed_first = 0, keyed_last = 0;  ///< entries chained with a key (0: none)
  bool key_used = false;  ///< the keyed entries were proven with this process's audit key
  std::optional<AuditBreak> broken;  ///< the first break: changed, missing, shortened, unkeyed
};

/// Stored rows compared with the hashes their audit entries recorded.
struct RowsCheck {
  int64_t contracts = 0;         ///< contracts compared (row and lines)
  std::vector<Message> changed;  ///< per contract, the first row that differs
};

struct Counts {
  int64_t contracts = 0, offers = 0, imports = 0, lines = 0, audit = 0;
};

/// What an account may do in the portal: a region's coordinator, a buyer (public body) or a
/// supplier; its organisation decides which contracts it sees.
enum class Role { Coordinator, Buyer, Supplier };

}  // namespace sroi::store

namespace sroi {
template <>
struct EnumIds<store::Role> {
  /// A portal account's role, as the register stores it.
  static constexpr std::pair<store::Role, const char*> table[] = {
      {store::Role::Coordinator, "coordinator"},
      {store::Role::Buyer, "buyer"},
      {store::Role::Supplier, "supplier"}};
};
}  // namespace sroi

namespace sroi::store {
/// "coordinator", "buyer", "supplier".
const char* role_id(Role r);
std::optional<Role> parse_role(std::string_view id);

/// An account of the portal. Only the password's Argon2id hash is kept, never the password.
struct UserRecord {
  int64_t id = 0;
  std::string name;
  Role role = Role::Supplier;
  std::string org;  ///< the supplier's or buyer's name as contracts give it, or a region id
  std::string password_hash;
  std::string created_at;
  std::string disabled_at;  ///< empty while the account may log in
  std::string email;        ///< where reminders go; empty: none (schema 9)
  std::string lang = "nl";  ///< the language of its reminders: "nl" or "en"
  bool active() const { return disabled_at.empty(); }
};

/// A key for API clients: only its SHA-256 is kept.
struct ApiTokenRecord {
  int64_t id = 0;
  std::string user, label, created_at, revoked_at;
};

/// That a buyer saw a candidate's target-group evidence (schema 5): the kind of document, the
/// day it was seen, who recorded it. The document itself is never stored (data minimisation
/// under the AVG), nor any number from it.
struct EvidenceRecord {
  int64_t id = 0;
  std::string contract, candidate, kind;
  Date seen_on;
  std::string recorded_by, recorded_at;
};

/// The settlement of a contract after its end: the figures it was made on, the penalty its
/// rule gives, and the buyer's decision (impose it, reduce it, waive it; the last two with a
/// reason), by whom and when (schema 9).
struct SettlementRecord {
  std::string contract;
  Money obligation, realised, shortfall, rule_penalty;
  std::string decision;  ///< "impose", "reduce", "waive"
  Money penalty;         ///< what the buyer imposes
  std::string reason, decided_by, decided_at;
};

/// What changed in the register after a reader's version (Register::changes_since).
struct RegisterChanges {
  int64_t entries = 0;  ///< the audit log's entries now: the version to ask from next time
  /// A change that is not one contract's (figures valued again, a region model activated, a
  /// copy, a migration, an action this list does not know, or more entries than are worth
  /// reading one by one): every contract's status may have moved.
  bool whole = false;
  /// The contracts whose status may have moved, by id in order: those a write named (an
  /// import, a removal, a review, an offer, a settlement, evidence, a new contract) and those
  /// whose stored figures moved with it (they share a candidate with its lines).
  std::vector<std::string> contracts;
};

/// The register in one SQLite file or one PostgreSQL database. A Register is used by one thread
/// at a time (its connection does not lock itself); open another Register for another thread.
class Register {
 public:
  static constexpr int kSchemaVersion = 15;

  /// How a verb opens the register: only `Create` (sroi db init) makes a database or migrates
  /// it; the others need an sroi register at the current schema, and `ReadOnly` writes nothing
  /// at all (no journal, no audit entry).
  enum class Access { ReadOnly, ReadWrite, Create };

  /// Opens the register at `path`, turns on foreign keys (and WAL when writing), and waits up
  /// to `busy_ms` for another writer. Throws StoreError: no such file, not an sroi register
  /// ("run sroi db init"), an older schema ("run sroi db init to migrate"), a newer one.
  /// `migrating` sees, while a migration to schema 14 packs every candidate's kpi lines, how
  /// many it packed (every 10,000: a register of 10 M lines takes minutes on PostgreSQL).
  Register(const std::string& path, Access access, std::string user, int busy_ms = 60000,
           const std::function<void(int64_t)>& migrating = {});
  ~Register();
  Register(const Register&) = delete;
  Register& operator=(const Register&) = delete;

  int schema_version() const;
  /// The schema version the store had before this opening migrated it (Access::Create): 0
  /// for a new register, schema_version() for one already current.
  int opened_version() const;

  /// Accounts of the portal (schema 4). Each change is audited with the account's name, role
  /// and organisation, never a password or its hash. add_user throws StoreError when the name
  /// is taken; the others when there is no such account.
  void add_user(const std::string& name, Role role, const std::string& org,
                const std::string& password_hash);
  void set_password(const std::string& name, const std::string& password_hash);
  void disable_user(const std::string& name);
  /// Sets an account's e-mail address (empty: none) and the language of its reminders ("nl"
  /// or "en"); audited without the address itself.
  void set_contact(const std::string& name, const std::string& email, const std::string& lang);
  /// The notices already sent to an account (their keys), so that none goes twice.
  std::set<std::string> notices_sent(const std::string& user) const;
  /// Records that `notices` were sent to `user` in one mail (audited with their count).
  void record_notices_sent(const std::string& user, const std::vector<std::string>& notices);
  std::vector<UserRecord> users() const;
  std::optional<UserRecord> find_user(const std::string& name) const;
  /// Stores an API token's SHA-256 for an account; returns its id.
  int64_t add_api_token(const std::string& user, const std::string& token_sha256,
                        const std::string& label);
  std::vector<ApiTokenRecord> api_tokens() const;
  /// Revokes API key `id` (audited; revoking it again changes nothing) and returns its
  /// record. Throws StoreError when there is no such key.
  ApiTokenRecord revoke_api_token(int64_t id);
  /// The active account an API token acts as (by the token's SHA-256): none when there is no
  /// such token, it was revoked, or its account is disabled.
  std::optional<UserRecord> user_of_token(const std::string& token_sha256) const;
  const std::string& path() const;
  void note_init();
  /// An audit entry for a change made outside the register's tables (a region model
  /// activated in the portal): the action, what it concerns and its facts as JSON.
  void note_event(const std::string& action, const std::string& entity,
                  const std::string& facts_json);
  /// Changes whenever another connection commits a change to the file: a cheap test whether
  /// figures computed from it are still current.
  int64_t data_version() const;
  /// How many entries the audit log holds: the version of what is read beside it (in one
  /// Snapshot), to ask changes_since with later.
  int64_t audit_entries() const;
  /// What changed after the audit log held `entries` entries: the contracts whose status may
  /// have moved, or `whole` (also when more than `most` entries came since). A contract can be
  /// named once more after the write that moved it. One snapshot.
  RegisterChanges changes_since(int64_t entries, int64_t most = 10000) const;

  /// Records that a candidate's target-group evidence was seen (audited). Throws StoreError
  /// when the contract has no lines of that candidate.
  int64_t record_evidence(const std::string& contract_id, const std::string& candidate,
                          const std::string& kind, const Date& seen_on);
  /// The evidence recorded for a contract, oldest first.
  std::vector<EvidenceRecord> evidence(const std::string& contract_id) const;

  /// Adds a contract, and its lines (if any) as its first offer. Throws StoreError when the id
  /// exists.
  void add_contract(const Offer& file, const std::string& source_file, const std::string& hash);
  std::vector<ContractRecord> contracts(const ContractFilter& filter = {}) const;
  /// Every contract in id order, one at a time (a register-wide status builds its rows from
  /// them without holding the records twice), and how many there are.
  void each_contract(const std::function<void(ContractRecord&&)>& fn) const;
  int64_t contract_count() const;
  /// The contracts with these ids that the register holds (any order; unknown ids are left
  /// out): what an import of a few files reads, rather than every contract.
  std::vector<ContractRecord> contracts_named(std::vector<std::string> ids) const;
  std::optional<ContractRecord> contract(const std::string& id) const;

  /// Attaches an offer to an existing contract; returns the offer id.
  int64_t save_offer(const std::string& contract_id, const std::vector<OfferLine>& lines,
                     const std::string& source_file, const std::string& hash);
  /// The latest offer of each contract (of those named, when `only` is given), by contract id.
  std::map<std::string, std::vector<OfferLine>> latest_offers(
      const std::optional<std::vector<std::string>>& only = std::nullopt) const;
  /// The same one contract at a time, in no particular order: `fn(contract id, its lines)`
  /// (which it may take). A register-wide status holds no more than one offer this way.
  void each_latest_offer(
      const std::optional<std::vector<std::string>>& only,
      const std::function<void(const std::string&, std::vector<OfferLine>&)>& fn) const;
  /// Offers per contract id.
  std::map<std::string, int64_t> offer_counts() const;

  /// Imports realisation lines for a contract in one transaction: all or nothing. With
  /// ImportMode::Replace the file is the contract's complete current list: every earlier import of
  /// the contract makes way (audited with counts and hashes). Without it, a file already imported,
  /// or one that repeats rows stored for the contract, is refused with ImportRefused.
  /// The lines are taken (moved into the register's own records): a large file is not held
  /// twice. On the shared store a file of at most kBesideCandidates candidates is imported
  /// beside the imports of other contracts and candidates (docs/store.md); a larger one, or
  /// one of a batch, writes alone.
  ImportOutcome import_lines(const std::string& contract_id, std::vector<RealisationLine> lines,
                             const std::string& source_file, const std::string& hash,
                             ImportMode mode);
  /// Every import (of one contract), oldest first, with what became of it.
  std::vector<ImportRecord> imports(const std::optional<std::string>& contract) const;
  /// The imports of these contracts, oldest first, in one read (a buyer's dashboard).
  std::vector<ImportRecord> imports_of(const std::vector<std::string>& contracts) const;
  /// Records the buyer's review of an import in force: "accepted", "rejected" (with a reason)
  /// or "submitted" again; audited with the reason. Throws StoreError when there is no such
  /// import in force.
  ImportRecord review_import(int64_t id, const std::string& review, const std::string& reason);
  /// Records a contract's settlement (audited with its figures and reason). Throws StoreError
  /// when the contract is unknown or already settled.
  void record_settlement(const SettlementRecord& s);
  /// The contract's settlement, when it was made.
  std::optional<SettlementRecord> settlement(const std::string& contract_id) const;
  /// Records the buyer's review of one line of an import in force ("accepted", "rejected" with
  /// a reason, or "submitted": the line follows its import again); audited with the reason.
  /// Throws StoreError when there is no such import in force or the line is not one of its.
  /// `of_import`, when given, is the import the line must belong to (the command line names
  /// both); without it the line's own import is taken.
  LineReview review_line(int64_t line_id, const std::string& review, const std::string& reason,
                         std::optional<int64_t> of_import = std::nullopt);
  /// A contract's line reviews, by line id.
  std::map<int64_t, LineReview> line_reviews(const std::string& contract_id) const;
  /// The import each line of a contract came in with, by line id.
  std::map<int64_t, int64_t> line_imports(const std::string& contract_id) const;
  /// The ids of a contract's lines the buyer accepted: by their own review, else their
  /// import's.
  std::set<int64_t> accepted_lines(const std::string& contract_id) const;
  /// Takes an import's rows out of the register (audited); the record stays, marked removed.
  /// Throws StoreError when there is no such import in force.
  ImportRecord remove_import(int64_t id);

  /// Groups the following imports and contract additions into one transaction (each stays all
  /// or nothing, as a savepoint) until commit_batch(): far fewer disk writes for many small files.
  /// A crash before commit_batch() leaves the register as before the batch. With a valuer, the
  /// batch's candidates are valued at commit_batch(), each once, in the same transaction.
  void begin_batch();
  void commit_batch();

  /// Calls `fn` with every realisation line, ordered by candidate and then registration order
  /// (streamed: memory does not grow with the register).
  void for_each_line_by_candidate(const std::function<void(LineRecord&&)>& fn) const;
  /// Every line (of any contract) of the candidates who have a line in `contract_id`, ordered
  /// as for_each_line_by_candidate: what values that contract's lines exactly.
  void for_each_line_of_candidates_in(const std::string& contract_id,
                                      const std::function<void(LineRecord&&)>& fn) const;

  /// Figures that follow the data (figures.hpp). With a valuer, every import, replacement and
  /// removal re-values the candidates it touches and keeps the contract sums in step, in its
  /// own transaction; without one (nullptr) those candidates wait for re-valuation and readers
  /// value them. The valuer must outlive its use.
  void set_valuer(const Valuer* valuer);
  /// The day the stored figures count up to, and how many candidates wait.
  FiguresState figures_state() const;
  /// The prints of the contracts `ids` and of those their candidates also work on: what a
  /// status of those contracts from their stored figures alone must know (three small reads,
  /// rather than every record and figure of the contracts sharing their candidates).
  std::vector<ContractPrint> prints_sharing_candidates(const std::vector<std::string>& ids) const;
  /// Each contract's stored figures (only those named, when `only` is given).
  std::map<std::string, ContractFigures> contract_figures(
      const std::optional<std::vector<std::string>>& only = std::nullopt) const;
  /// The lines, with their stored figures, of the candidates `scope` may select (see
  /// RevalueScope: on another day, every candidate's; on a kept day, those with a figure of
  /// their own on it besides the waiting and affected ones, each line with its kept figure),
  /// ordered as for_each_line_by_candidate.
  void for_each_line_to_revalue(const RevalueScope& scope,
                                const std::function<void(FiguredLine&&)>& fn) const;
  /// The other contracts that the candidates of the contracts `ids` work on (what valuing
  /// those contracts' lines reads besides them), by id.
  std::vector<ContractRecord> contracts_sharing_candidates(
      const std::vector<std::string>& ids) const;
  /// Every line, with its stored figure, of the candidates with a line in one of the contracts
  /// `ids` (in whichever contract), ordered as for_each_line_by_candidate: what valuing those
  /// contracts afresh reads.
  void for_each_line_of_candidates_in(const std::vector<std::string>& ids,
                                      const std::function<void(FiguredLine&&)>& fn) const;
  /// Every line with its stored figure, ordered as for_each_line_by_candidate; with a kept
  /// day, each also with its figure on that day where one is kept.
  void for_each_figured_line(const std::function<void(FiguredLine&&)>& fn,
                             const std::optional<Date>& kept_day = std::nullopt) const;
  /// Every candidate's kpi lines (kpi_lines.hpp) as stored, packed (unpack_kpi_lines), in no
  /// particular order: what kpi reads for a period ending on the figures' day when nothing
  /// waits. A waiting candidate's may be stale.
  void for_each_kpi_candidate(
      const std::function<void(std::string_view candidate, std::string_view packed)>& fn) const;
  /// The candidates (none waiting) whose stored kpi lines differ from their lines and stored
  /// figures, or that have kpi lines and no line (`db verify`): how many, and the first few.
  struct KpiLinesCheck {
    int64_t candidates = 0;  ///< compared
    int64_t differing = 0;
    std::vector<std::string> first;
  };
  KpiLinesCheck check_kpi_lines() const;
  /// The candidates waiting for re-valuation (none on a register kept in step).
  std::vector<std::string> waiting_candidates() const;
  /// The most candidates a file may have to be imported beside others (import_lines): each
  /// takes a lock of its own in the server's shared lock table, which holds some thousands.
  static constexpr std::size_t kBesideCandidates = 128;
  /// Candidates a re-valuation values per transaction (see revalue).
  static constexpr std::size_t kRevaluePart = 10'000;
  /// Values again with the valuer (set_valuer) and makes `day` the figures' day: every
  /// candidate (`all`), or only those whose figures differ (waiting, a changed region, a line
  /// running between the old day and `day`). Audited. Everything (`all`, or a register's
  /// first valuation) is one transaction. Otherwise more than `part` candidates go in parts,
  /// each its own transaction and audit entry, so that imports are not held up for the whole
  /// of it: the first moves the day, records the changed contracts' new models and marks the
  /// candidates waiting (readers value those), and each values what of its share still waits.
  /// A part that finds the figures' day moved by another writer (whose re-valuation did the
  /// rest) ends it. `progress` sees the candidates done (between parts, outside any
  /// transaction).
  RevalueOutcome revalue(const Date& day, bool all,
                         const std::function<void(int64_t)>& progress = {},
                         std::size_t part = kRevaluePart);
  /// Keeps the figures of `day` too (see FiguresState::kept_days), or stops keeping them
  /// (`drop`). Keeping brings the figures' day's figures in step first, then values on `day`
  /// every candidate whose figures can differ there. Needs the valuer; one transaction;
  /// audited. Throws StoreError for the figures' day itself, or a day not kept (`drop`).
  KeepOutcome keep_day(const Date& day, bool drop,
                       const std::function<void(int64_t)>& progress = {});

  /// Copies the register at `from` (SQLite or PostgreSQL) into `to`, an empty database or a
  /// new file: every table row for row, ids, audit chain and stored figures as they are, then
  /// one audit entry "db.copy" that names where it came from. One transaction at the target;
  /// the source is read in one snapshot. `progress` sees each table's rows as they go. Throws
  /// StoreError when `to` already holds tables. Returns the target's counts.
  static Counts copy(const std::string& from, const std::string& to, const std::string& user,
                     const std::function<void(const std::string&, int64_t)>& progress = {});

  /// A second connection to the same shared store that reads in this register's snapshot (a
  /// Snapshot must be open): what kpi reads its kpi lines on while status reads the figures,
  /// the server working for both at once. Nothing on SQLite, whose reader and counting share
  /// the same two cores anyway.
  std::unique_ptr<Register> reader_beside() const;

  /// While it lives, every read of this register sees one snapshot: a writer that commits
  /// meanwhile is seen whole or not at all (a read transaction on the connection).
  class Snapshot {
   public:
    explicit Snapshot(const Register& reg);
    ~Snapshot();
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;

   private:
    const Register& reg_;
  };
  /// Lines per contract id.
  std::map<std::string, int64_t> line_counts() const;

  std::vector<AuditEntry> audit() const;
  /// Walks the audit chain: nothing when every entry matches its hash, links to the one
  /// before and the last matches the anchor, else the first break. `entries` receives how
  /// many entries there are.
  std::optional<AuditBreak> verify_audit(int64_t* entries = nullptr) const;
  /// The same walk with all it found: the anchor and the keyed entries (proven when this
  /// process has the audit key, else only their links checked).
  AuditCheck check_audit() const;
  /// Each contract's stored row and lines against the hash its last audit entry recorded;
  /// names the first row changed outside sroi.
  RowsCheck check_rows() const;
  Counts counts() const;
  /// Nothing when the file is sound; else what the integrity and foreign-key checks found.
  std::vector<Message> integrity() const;

 private:
  /// revalue's work inside the caller's transaction, without its audit entry (commit_batch
  /// values a batch's waiting candidates with it).
  RevalueOutcome revalue_within(const Date& day, bool all,
                                const std::function<void(int64_t)>& progress);
  /// What a re-valuation decides before it reads a line (register_figures.cpp).
  struct RevaluePlan;
  RevaluePlan plan_revalue(const Date& day, bool all);
  /// The candidates a re-valuation by `plan` values on `day` (not everything), sorted: the
  /// waiting ones, those with a line in a changed contract, and on another day those whose
  /// figures can differ there (figures_differ).
  std::vector<std::string> to_revalue(const RevaluePlan& plan, const Date& day);
  /// Values the candidates of `plan` (or only those of `slice`) inside the caller's
  /// transaction; `finish` records the region models the changed contracts were valued with
  /// and the day.
  RevalueOutcome revalue_part(const RevaluePlan& plan, const Date& day, bool all,
                              const std::vector<std::string>* slice,
                              const std::function<void(int64_t)>& progress, bool finish);
  /// One attempt at opening (and, for Access::Create, migrating) the register.
  void open_once(const std::string& path, Access access, const std::string& user, int busy_ms,
                 const std::function<void(int64_t)>& migrating);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The default database path: $SROI_DB, else sroi.db in the current directory.
std::string default_db_path();
/// Whether a register location names the shared store (postgresql://… or postgres://…)
/// rather than an SQLite file.
bool is_shared_store(std::string_view location);
/// A register location as messages and listings show it: a password in it written as ***.
std::string shown_location(const std::string& location);

}  // namespace sroi::store
