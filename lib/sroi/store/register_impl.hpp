// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/store/*.cpp (it includes SQLiteCpp, which public headers never do): the
// register's connection and the helpers its two halves share — register.cpp (schema,
// migrations, contracts, offers, audit) and register_lines.cpp (realisation lines in and out).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sroi/model/enum_ids.hpp"
#include "sroi/store/register.hpp"
#include "sroi/store/sha256.hpp"

namespace sroi::store {

inline std::string now_utc() { return utc_timestamp(); }

/// An audit entry's detail: facts as a JSON object ({"rows": 4, "supplier": "…"}), never a
/// sentence, so that any edge can word it in its language and tools can read it.
inline std::string facts(const nlohmann::json& fields) { return fields.dump(); }

inline std::string ratio_text(const Ratio& r) { return r.str(); }

/// A column's text without copying it (valid until the statement steps on).
inline std::string_view text_of(SQLite::Statement& st, int col) {
  SQLite::Column c = st.getColumn(col);
  const char* p = c.getText();
  return std::string_view(p, static_cast<std::size_t>(c.getBytes()));
}

/// A stored exact number: "36" or "75/2".
inline Ratio ratio_from(std::string_view s) {
  auto whole = [&](std::string_view part) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec != std::errc() || end != part.data() + part.size())
      throw StoreError(msg(Msg::StoredNumberBad, as_is(std::string(s))));
    return v;
  };
  auto slash = s.find('/');
  if (slash == std::string_view::npos) return Ratio(whole(s));
  return Ratio(whole(s.substr(0, slash)), whole(s.substr(slash + 1)));
}

inline Date date_from(std::string_view s) {
  auto d = parse_date(s);
  if (!d) throw StoreError(msg(Msg::StoredDateBad, as_is(std::string(s))));
  return *d;
}

inline std::string join_bonuses(const std::vector<Given<std::string>>& bonuses) {
  std::string out;
  for (const auto& b : bonuses) out += (out.empty() ? "" : ";") + b.value;
  return out;
}

inline void split_bonuses(std::string_view text, const SourceLocation& at,
                          std::vector<Given<std::string>>& out) {
  for (std::size_t from = 0; from < text.size();) {
    std::size_t semi = std::min(text.find(';', from), text.size());
    if (semi > from)
      out.push_back({std::string(text.substr(from, semi - from)), at.line, at.column});
    from = semi + 1;
  }
}

/// How each quantity is stored: ratios as exact text, money in cents, dates as ISO text.
inline std::string column_value(const Ratio& r) { return ratio_text(r); }
inline int64_t column_value(const Money& m) { return m.cents(); }
inline int64_t column_value(int64_t n) { return n; }
inline std::string column_value(const Date& d) { return d.iso(); }
inline const std::string& column_value(const std::string& s) { return s; }

/// Binds a value, or NULL when there is none.
template <typename T>
void bind_optional(SQLite::Statement& st, int index, const std::optional<T>& v) {
  if (v)
    st.bind(index, column_value(*v));
  else
    st.bind(index);
}

/// Binds a quantity, or NULL when the line has none: one place for every optional column.
template <typename T>
void bind_given(SQLite::Statement& st, int index, const std::optional<Given<T>>& v) {
  if (v)
    st.bind(index, column_value(v->value));
  else
    st.bind(index);
}

/// Binds text, or NULL for "" (an audit entry without a file).
inline void bind_text_or_null(SQLite::Statement& st, int index, const std::string& text) {
  if (text.empty())
    st.bind(index);
  else
    st.bind(index, text);
}

/// Where each quantity is in a result row (-1: the query has no such column).
struct QuantityColumns {
  int persons = -1, hours_per_week = -1, months = -1, amount = -1, hours = -1, years = -1,
      count = -1, bonuses = -1;
};

/// Reads a line's quantities from a result row: one decoder for offers and realisations.
inline Quantities read_quantities(SQLite::Statement& st, const QuantityColumns& c,
                                  const SourceLocation& at) {
  Quantities q;
  auto has = [&](int col) { return col >= 0 && !st.getColumn(col).isNull(); };
  auto ratio = [&](int col) {
    return Given<Ratio>{ratio_from(text_of(st, col)), at.line, at.column};
  };
  auto integer = [&](int col) {
    return Given<int64_t>{st.getColumn(col).getInt64(), at.line, at.column};
  };
  if (has(c.persons)) q.persons = integer(c.persons);
  if (has(c.hours_per_week)) q.hours_per_week = ratio(c.hours_per_week);
  if (has(c.months)) q.months = ratio(c.months);
  if (has(c.amount))
    q.amount = Given<Money>{Money::cents(st.getColumn(c.amount).getInt64()), at.line, at.column};
  if (has(c.hours)) q.hours = ratio(c.hours);
  if (has(c.years)) q.years = ratio(c.years);
  if (has(c.count)) q.count = integer(c.count);
  if (c.bonuses >= 0) split_bonuses(text_of(st, c.bonuses), at, q.bonuses);
  return q;
}

/// Runs `fn` and turns SQLite's errors into StoreErrors that say what was being done.
template <typename Fn>
auto guarded(Message doing, Fn&& fn) {
  try {
    return fn();
  } catch (const SQLite::Exception& e) {
    bool busy = e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
    // SQLite's own words for anything else (like strerror, they are the system's text).
    Message why = busy ? msg(Msg::DatabaseBusy) : msg(Msg::Value, as_is(e.what()));
    throw StoreError(msg(Msg::StoreCannot, phrase(std::move(doing)), phrase(std::move(why))));
  }
}

/// The link before the first audit entry.
inline const std::string kChainStart(64, '0');

inline std::string column_text(SQLite::Statement& st, int i) {
  return st.getColumn(i).isNull() ? "" : st.getColumn(i).getString();
}

/// The hash that chains an audit entry: SHA-256 over its fields, each written as its length
/// and its text (so no two different entries write the same bytes), and the previous hash.
inline std::string audit_entry_hash(int64_t id, const std::string& at, const std::string& user,
                                    const std::string& action, const std::string& entity,
                                    const std::string& detail, const std::string& file,
                                    const std::string& hash, const std::string& prev) {
  std::string data;
  for (const std::string& part :
       {std::to_string(id), at, user, action, entity, detail, file, hash, prev})
    data += std::to_string(part.size()) + ":" + part + ";";
  return sha256_hex(data);
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

  Impl(const std::string& p, int flags, std::string u, int busy_ms)
      : path(p), user(std::move(u)), db(p, flags, busy_ms) {}

  /// Appends an audit entry, chained to the one before it. Call it inside a write
  /// transaction (the next id and the link are read first).
  void audit(const std::string& action, const std::string& entity, const std::string& detail,
             const std::string& file = "", const std::string& hash = "") {
    SQLite::Statement& last =
        prepared("SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1");
    int64_t id = 1;
    std::string prev = kChainStart;
    if (last.executeStep()) {
      id = last.getColumn(0).getInt64() + 1;
      prev = column_text(last, 1);
    }
    last.reset();
    std::string at = now_utc();
    SQLite::Statement& st = prepared(
        "INSERT INTO audit_log(id, at, user_name, action, entity, detail, source_file, "
        "source_hash, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, id);
    st.bind(2, at);
    st.bind(3, user);
    st.bind(4, action);
    st.bind(5, entity);
    st.bind(6, detail);
    bind_text_or_null(st, 7, file);
    bind_text_or_null(st, 8, hash);
    st.bind(9, prev);
    st.bind(10, audit_entry_hash(id, at, user, action, entity, detail, file, hash, prev));
    st.exec();
  }

  /// Chains the entries written before the log had a chain (migration to schema 3): the
  /// update guard is lifted for that one pass, inside the migration's transaction.
  void chain_existing_entries() {
    db.exec("DROP TRIGGER audit_log_no_update");
    std::string prev = kChainStart;
    SQLite::Statement rows(db,
                           "SELECT id, at, user_name, action, entity, detail, source_file, "
                           "source_hash FROM audit_log ORDER BY id");
    SQLite::Statement set(db, "UPDATE audit_log SET prev_hash = ?, entry_hash = ? WHERE id = ?");
    while (rows.executeStep()) {
      int64_t id = rows.getColumn(0).getInt64();
      std::string h =
          audit_entry_hash(id, column_text(rows, 1), column_text(rows, 2), column_text(rows, 3),
                           column_text(rows, 4), column_text(rows, 5), column_text(rows, 6),
                           column_text(rows, 7), prev);
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
      bind_given(l, 4, q.persons);
      bind_given(l, 5, q.hours_per_week);
      bind_given(l, 6, q.months);
      bind_given(l, 7, q.amount);
      bind_given(l, 8, q.hours);
      bind_given(l, 9, q.years);
      bind_given(l, 10, q.count);
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
      p.kind = from_id<PenaltyKind>(kind).value_or(PenaltyKind::None);
      p.factor = ratio_from(st.getColumn(15).getString());
      p.provenance.source = "contract";
      c.contract.penalty = p;
    }
    c.contract.where = SourceLocation{"contract " + c.contract.id};
    c.region.where = c.contract.where;
    return c;
  }
};

}  // namespace sroi::store
