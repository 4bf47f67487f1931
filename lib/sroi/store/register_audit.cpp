// SPDX-License-Identifier: EUPL-1.2
// The register's audit log: writing it (each entry chained to the one before it, keyed with
// the audit key, the anchor moved past it; a batch's entries chained in memory and written at
// its commit), and checking the register against it: the chain (each entry's hash and link,
// keyed entries with the audit key, the anchor at the end) and the stored rows against the
// hashes their entries recorded.
#include <map>

#include "sroi/msg/store.hpp"
#include "sroi/store/register.hpp"
#include "sroi/store/register_impl.hpp"

namespace sroi::store {

namespace {

AuditHead read_head(sql::Connection& db) {
  AuditHead h;
  sql::Statement st(db, "SELECT entries, last_hash, keyed_from FROM audit_head WHERE id = 1");
  if (st.executeStep()) {
    h.entries = st.getColumn(0).getInt64();
    h.last_hash = column_text(st, 1);
    if (!st.getColumn(2).isNull()) h.keyed_from = st.getColumn(2).getInt64();
  }
  return h;
}

/// The first 16 hex digits of a hash: enough to compare with a noted anchor.
std::string shown(const std::string& hash) { return hash.substr(0, 16); }

}  // namespace

AuditCheck Register::check_audit() const {
  // The anchor and the entries from one snapshot: an entry appended between the two reads
  // would look like a log that does not end where its anchor says.
  Snapshot snapshot(*this);
  return guarded(msg(Msg::DoingVerifyAudit), [&] {
    AuditCheck out;
    out.head = read_head(impl_->db);
    const std::string& key = audit_key();
    out.key_used = !key.empty();
    sql::Statement st(impl_->db,
                      "SELECT id, at, user_name, action, entity, detail, source_file, "
                      "source_hash, prev_hash, entry_hash, rows_of, rows_hash, keyed "
                      "FROM audit_log ORDER BY id");
    std::string prev = kChainStart;
    int64_t last_id = 0;
    auto& broken = out.broken;
    // A keyed chain never goes back to unkeyed: from its first keyed entry (or the one the
    // anchor names, if earlier) on, every entry must be keyed.
    std::optional<int64_t> keyed_from = out.head.keyed_from;
    while (st.executeStep()) {
      ++out.entries;
      if (broken) continue;
      AuditFields f{st.getColumn(0).getInt64(), column_text(st, 1), column_text(st, 2),
                    column_text(st, 3),         column_text(st, 4), column_text(st, 5),
                    column_text(st, 6),         column_text(st, 7), column_text(st, 8),
                    column_text(st, 10),        column_text(st, 11)};
      std::string stored = column_text(st, 9);
      bool keyed = st.getColumn(12).getInt() != 0;
      if (keyed) {
        if (out.keyed_first == 0) {
          out.keyed_first = f.id;
          if (!keyed_from || f.id < *keyed_from) keyed_from = f.id;
        }
        out.keyed_last = f.id;
      }
      if (f.id != last_id + 1)
        broken = AuditBreak{last_id + 1, msg(Msg::AuditEntriesMissing, last_id + 1, f.id - 1)};
      else if (f.prev != prev)
        broken = AuditBreak{f.id, msg(Msg::AuditLinkBroken, last_id)};
      else if (keyed_from && f.id >= *keyed_from && !keyed)
        broken = AuditBreak{f.id, msg(Msg::AuditNotKeyed, *keyed_from)};
      else if (!keyed && stored != audit_entry_hash(f))
        broken = AuditBreak{f.id, msg(Msg::AuditContentChanged)};
      else if (keyed && !key.empty() && stored != audit_entry_hash(f, key))
        broken = AuditBreak{f.id, msg(Msg::AuditKeyedContentChanged)};
      prev = stored;
      last_id = f.id;
    }
    // With the key, the log must end keyed: else it is not the key holder's.
    if (!broken && out.key_used && out.entries > 0 && out.keyed_last != last_id)
      broken = AuditBreak{last_id, msg(Msg::AuditEndNotKeyed)};
    // The anchor: a log that ends before it, or at another hash, lost or replaced its tail.
    if (!broken && out.head.entries > last_id)
      broken = AuditBreak{last_id + 1, msg(Msg::AuditShortened, last_id, out.head.entries,
                                           as_is(shown(out.head.last_hash)))};
    else if (!broken && (out.head.entries != last_id || out.head.last_hash != prev))
      broken = AuditBreak{last_id, msg(Msg::AuditHeadMismatch, as_is(shown(out.head.last_hash)),
                                       as_is(shown(prev)))};
    return out;
  });
}

std::optional<AuditBreak> Register::verify_audit(int64_t* entries) const {
  AuditCheck c = check_audit();
  if (entries) *entries = c.entries;
  return c.broken;
}

RowsCheck Register::check_rows() const {
  // The recorded hashes and the rows from one snapshot (an import between would change both).
  Snapshot snapshot(*this);
  return guarded(msg(Msg::DoingVerifyAudit), [&] {
    RowsCheck out;
    // The last recorded hash of each contract's row and of its lines, and the entry.
    std::map<std::string, std::pair<int64_t, std::string>> recorded;
    sql::Statement st(impl_->db,
                      "SELECT id, rows_of, rows_hash FROM audit_log WHERE rows_of IS NOT NULL "
                      "ORDER BY id");
    while (st.executeStep())
      recorded[column_text(st, 1)] = {st.getColumn(0).getInt64(), column_text(st, 2)};
    sql::Statement ids(impl_->db, "SELECT id FROM contracts ORDER BY id");
    while (ids.executeStep()) {
      std::string id = ids.getColumn(0).getString();
      auto row = recorded.find("contract:" + id);
      if (row == recorded.end()) continue;  // added before schema 6: nothing recorded yet
      ++out.contracts;
      if (impl_->contract_rows_hash(id) != row->second.second)
        out.changed.push_back(msg(Msg::ContractRowChanged, as_is(id), row->second.first));
      // Its lines: each row against its own hash (naming it), then the whole set against the
      // entry (rows added, removed, or rewritten with their hashes).
      auto lines = recorded.find("lines:" + id);
      int64_t entry = lines == recorded.end() ? row->second.first : lines->second.first;
      std::string expected = lines == recorded.end() ? rows_hash_hex("") : lines->second.second;
      sql::Statement& rows =
          impl_->prepared(std::string("SELECT id, row_hash, ") + kLineRowColumns +
                          " FROM realisation_lines WHERE contract_id = ? ORDER BY id");
      rows.bind(1, id);
      std::string all;
      int64_t n = 0;
      bool named = false;
      while (rows.executeStep()) {
        ++n;
        RowText t;
        line_row_text(rows, 2, t);
        std::string h = row_hash(t.str());
        all += h;
        if (!named && h != column_text(rows, 1)) {
          out.changed.push_back(msg(Msg::RowChanged, rows.getColumn(0).getInt64(), as_is(id),
                                    rows.getColumn(2).getInt64(), rows.getColumn(4).getInt64(),
                                    entry));
          named = true;
        }
      }
      if (!named && rows_hash_hex(all) != expected)
        out.changed.push_back(msg(Msg::RowsChanged, as_is(id), entry, n));
    }
    return out;
  });
}

// Writing the log (Register::Impl, register_impl.hpp).

Register::Impl::ChainedEntry Register::Impl::chained_entry(
    const std::string& action, const std::string& entity, const std::string& detail,
    const std::string& file, const std::string& hash, const std::string& rows_of,
    const std::string& rows_hash) {
  AuditFields f{1,    now_utc(), user,        action,  entity,   detail,
                file, hash,      kChainStart, rows_of, rows_hash};
  refuse_bsn(user, "user");
  refuse_bsn(entity, "entity");
  refuse_bsn(file, "file");
  const std::string& key = audit_key();
  if (!batch_audit.empty()) {  // the anchor's key was checked for the first of them
    f.id = batch_audit.back().f.id + 1;
    f.prev = batch_audit.back().hash;
    std::string h = audit_entry_hash(f, key);
    return {std::move(f), std::move(h), !key.empty()};
  }
  // The last entry (none in a new log) and whether the anchor asks for keyed entries, in
  // one round trip.
  sql::Statement& last = prepared(
      "SELECT l.id, l.entry_hash, (SELECT keyed_from FROM audit_head WHERE id = 1) "
      "FROM (SELECT 1 AS one) AS one LEFT JOIN (SELECT id, entry_hash FROM audit_log "
      "ORDER BY id DESC LIMIT 1) AS l ON true");
  std::optional<int64_t> keyed_from;
  if (last.executeStep()) {
    if (!last.getColumn(0).isNull()) {
      f.id = last.getColumn(0).getInt64() + 1;
      f.prev = column_text(last, 1);
    }
    if (!last.getColumn(2).isNull()) keyed_from = last.getColumn(2).getInt64();
  }
  last.reset();
  if (keyed_from && key.empty()) throw StoreError(msg(Msg::AuditKeyNeeded, *keyed_from));
  std::string h = audit_entry_hash(f, key);
  return {std::move(f), std::move(h), !key.empty()};
}

void Register::Impl::write_entries(const std::vector<ChainedEntry>& entries) {
  if (entries.empty()) return;
  write_rows(
      "INSERT INTO audit_log(id, at, user_name, action, entity, detail, source_file, "
      "source_hash, prev_hash, entry_hash, rows_of, rows_hash, keyed) VALUES ",
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "", entries.size(), 32,
      [&](sql::Statement& st, std::size_t k, int first) {
        const AuditFields& f = entries[k].f;
        const int at = first - 1;  // the entry's parameters are at + 1 … at + 13
        st.bind(at + 1, f.id);
        st.bind(at + 2, f.at);
        st.bind(at + 3, f.user);
        st.bind(at + 4, f.action);
        st.bind(at + 5, f.entity);
        st.bind(at + 6, f.detail);
        bind_text_or_null(st, at + 7, f.file);
        bind_text_or_null(st, at + 8, f.hash);
        st.bind(at + 9, f.prev);
        st.bind(at + 10, entries[k].hash);
        bind_text_or_null(st, at + 11, f.rows_of);
        bind_text_or_null(st, at + 12, f.rows_hash);
        st.bind(at + 13, entries[k].keyed ? 1 : 0);
      });
  sql::Statement& anchor = prepared(
      "UPDATE audit_head SET entries = entries + ?, last_hash = ?, "
      "keyed_from = COALESCE(keyed_from, CAST(? AS BIGINT)) WHERE id = 1");
  anchor.bind(1, static_cast<int64_t>(entries.size()));
  anchor.bind(2, entries.back().hash);
  if (entries.front().keyed)
    anchor.bind(3, entries.front().f.id);
  else
    anchor.bind(3);  // unkeyed: the anchor keeps what it had
  anchor.exec();
}

void Register::Impl::audit(const std::string& action, const std::string& entity,
                           const std::string& detail, const std::string& file,
                           const std::string& hash, const std::string& rows_of,
                           const std::string& rows_hash) {
  if (!batch_audit.empty()) flush_batch();
  write_entries({chained_entry(action, entity, detail, file, hash, rows_of, rows_hash)});
}

std::string Register::Impl::contract_rows_hash(const std::string& id) {
  RowText t;
  sql::Statement& c = prepared(
      "SELECT id, buyer, supplier, region, region_version, value_cents, percentage, "
      "threshold_cents, start_date, end_date, source_file, source_hash, added_at, "
      "penalty_kind, penalty_factor, report_every, grace_days, count_rule FROM contracts "
      "WHERE id = ?");
  c.bind(1, id);
  if (!c.executeStep()) return "";
  for (int i = 0; i < 15; ++i) t.column(c, i);
  // The reporting terms (schema 9) join the hash where a contract has them, so that the
  // hashes of contracts stored before stay as they were.
  if (!c.getColumn(15).isNull() || !c.getColumn(16).isNull() || !c.getColumn(17).isNull())
    for (int i = 15; i < 18; ++i) t.column(c, i);
  c.reset();  // a kept statement left on a row would hold its read open
  sql::Statement& p = prepared(
      "SELECT seq, level, issued, valid_until FROM contract_pso WHERE contract_id = ? "
      "ORDER BY seq");
  p.bind(1, id);
  while (p.executeStep())
    for (int i = 0; i < 4; ++i) t.column(p, i);
  return rows_hash_hex(t.str());
}

std::string Register::Impl::lines_rows_hash(const std::string& contract_id,
                                            const std::vector<std::string>& unwritten,
                                            bool stored) {
  std::string all;
  if (stored) {
    sql::Statement& st =
        prepared("SELECT row_hash FROM realisation_lines WHERE contract_id = ? ORDER BY id");
    st.bind(1, contract_id);
    while (st.executeStep()) all += column_text(st, 0);
  }
  for (const std::string& h : unwritten) all += h;
  return rows_hash_hex(all);
}

Register::Impl::ChainedEntry Register::Impl::lines_entry(
    const std::string& action, const std::string& contract_id, const std::string& detail,
    const std::string& file, const std::string& hash, const std::vector<std::string>& unwritten,
    bool stored) {
  return chained_entry(action, contract_id, detail, file, hash, "lines:" + contract_id,
                       lines_rows_hash(contract_id, unwritten, stored));
}

void Register::Impl::audit_lines(const std::string& action, const std::string& contract_id,
                                 const std::string& detail, const std::string& file,
                                 const std::string& hash) {
  audit(action, contract_id, detail, file, hash, "lines:" + contract_id,
        lines_rows_hash(contract_id, {}));
}

void Register::Impl::chain_existing_entries() {
  db.exec("DROP TRIGGER audit_log_no_update");
  std::string prev = kChainStart;
  sql::Statement rows(db,
                      "SELECT id, at, user_name, action, entity, detail, source_file, "
                      "source_hash FROM audit_log ORDER BY id");
  sql::Statement set(db, "UPDATE audit_log SET prev_hash = ?, entry_hash = ? WHERE id = ?");
  while (rows.executeStep()) {
    int64_t id = rows.getColumn(0).getInt64();
    AuditFields f{id,
                  column_text(rows, 1),
                  column_text(rows, 2),
                  column_text(rows, 3),
                  column_text(rows, 4),
                  column_text(rows, 5),
                  column_text(rows, 6),
                  column_text(rows, 7),
                  prev,
                  "",
                  ""};
    std::string h = audit_entry_hash(f);
    set.bind(1, prev);
    set.bind(2, h);
    set.bind(3, id);
    set.exec();
    set.reset();
    prev = h;
  }
  db.exec(
      "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
      "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");
}

void Register::Impl::anchor_existing() {
  sql::Statement rows(
      db, std::string("SELECT id, ") + kLineRowColumns + " FROM realisation_lines ORDER BY id");
  sql::Statement set(db, "UPDATE realisation_lines SET row_hash = ? WHERE id = ?");
  while (rows.executeStep()) {
    RowText t;
    line_row_text(rows, 1, t);
    std::string h = row_hash(t.str());
    set.bind_blob(1, h);
    set.bind(2, rows.getColumn(0).getInt64());
    set.exec();
    set.reset();
  }
  db.exec(
      "UPDATE audit_head SET entries = (SELECT COUNT(*) FROM audit_log), last_hash = "
      "COALESCE((SELECT entry_hash FROM audit_log ORDER BY id DESC LIMIT 1), '" +
      kChainStart + "') WHERE id = 1");
}

}  // namespace sroi::store
