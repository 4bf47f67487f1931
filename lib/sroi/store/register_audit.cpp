// SPDX-License-Identifier: EUPL-1.2
// Checking the register against its audit log: the chain (each entry's hash and link, keyed
// entries with the audit key, the anchor at the end) and the stored rows against the hashes
// their entries recorded.
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

}  // namespace sroi::store
