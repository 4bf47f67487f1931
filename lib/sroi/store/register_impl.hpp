// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/store/*.cpp: the register's connection (sql.hpp: SQLite or PostgreSQL)
// and the helpers its parts share — register_schema.cpp (opening, schema, migrations),
// register.cpp (contracts, offers), register_lines.cpp (realisation lines in and out),
// register_figures.cpp, register_audit.cpp, register_users.cpp, register_evidence.cpp.
#pragma once

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sroi/io/text_input.hpp"
#include "sroi/model/enum_ids.hpp"
#include "sroi/msg/store.hpp"
#include "sroi/store/facts.hpp"
#include "sroi/store/hash.hpp"
#include "sroi/store/register.hpp"
#include "sroi/store/sql.hpp"

namespace sroi::store {

inline std::string now_utc() { return utc_timestamp(); }

inline std::string ratio_text(const Ratio& r) { return r.str(); }

/// A column's text without copying it (valid until the statement steps on).
inline std::string_view text_of(sql::Statement& st, int col) { return st.getColumn(col).view(); }

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

/// The first column of `select` followed by a list of `in` (bound as one parameter), e.g.
/// "SELECT DISTINCT candidate FROM realisation_lines WHERE contract_id IN "
/// (register_figures.cpp).
std::vector<std::string> column_for(sql::Connection& db, const std::string& select,
                                    const std::vector<std::string>& in);
/// The candidates with a line in one of the contracts `ids`.
std::vector<std::string> candidates_in(sql::Connection& db, const std::vector<std::string>& ids);

/// Binds a value, or NULL when there is none.
template <typename T>
void bind_optional(sql::Statement& st, int index, const std::optional<T>& v) {
  if (v)
    st.bind(index, column_value(*v));
  else
    st.bind(index);
}

/// Binds a quantity, or NULL when the line has none: one place for every optional column.
template <typename T>
void bind_given(sql::Statement& st, int index, const std::optional<Given<T>>& v) {
  if (v)
    st.bind(index, column_value(v->value));
  else
    st.bind(index);
}

/// Binds text, or NULL for "" (an audit entry without a file).
inline void bind_text_or_null(sql::Statement& st, int index, const std::string& text) {
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
inline Quantities read_quantities(sql::Statement& st, const QuantityColumns& c,
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

/// A realisation line as the streamed reads select it (columns 0–12), with its stored figure
/// (13–14).
inline const char* const kLineColumns =
    "SELECT id, contract_id, line_no, candidate, block, start_date, end_date, hours_per_week, "
    "amount_cents, hours, count, bonuses, subsidy_until, value_cents, figure_flags FROM "
    "realisation_lines";

/// Streams candidates from a statement of kLineColumns ordered by candidate and id: `fn`
/// receives each candidate's lines (registration order).
void each_candidate(sql::Statement& st, const std::function<void(std::vector<FiguredLine>&)>& fn);

/// A line figure's flags as stored: 1 provisional, 2 reduced.
inline int64_t figure_flags(const LineFigure& f) {
  return (f.provisional ? 1 : 0) | (f.reduced ? 2 : 0);
}
inline LineFigure figure_from(int64_t cents, int64_t flags) {
  return {cents, (flags & 1) != 0, (flags & 2) != 0};
}

/// Reads the lines a statement selects with kLineColumns, one per step. Lines that follow one
/// another in one contract share its name as their location's file (a million lines hold each
/// contract's name once, not once each).
class LineReader {
 public:
  explicit LineReader(sql::Statement& st) : st_(st) {}

  void operator()(LineRecord& r) {
    r.id = st_.getColumn(0).getInt64();
    std::string_view contract = st_.getColumn(1).view();
    if (contract != last_.str()) last_ = std::string(contract);
    r.contract = last_.str();
    RealisationLine& line = r.line;
    // Where it came from, for messages: the contract and the row of its import file.
    line.where = SourceLocation{last_, st_.getColumn(2).getInt()};
    const SourceLocation& at = line.where;
    line.block_at = Spot::of(at);
    line.candidate = st_.getColumn(3).getString();
    line.block = st_.getColumn(4).getString();
    line.start = date_from(text_of(st_, 5));
    line.end = date_from(text_of(st_, 6));
    QuantityColumns columns;
    columns.hours_per_week = 7, columns.amount = 8, columns.hours = 9, columns.count = 10,
    columns.bonuses = 11;
    line.quantities = read_quantities(st_, columns, at);
    if (!st_.getColumn(12).isNull())
      line.subsidy_until = Given<Date>{date_from(text_of(st_, 12)), at.line, at.column};
  }

  /// A line and its stored figure.
  void operator()(FiguredLine& r) {
    (*this)(static_cast<LineRecord&>(r));
    if (!st_.getColumn(13).isNull())
      r.figure = figure_from(st_.getColumn(13).getInt64(), st_.getColumn(14).getInt64());
  }

 private:
  sql::Statement& st_;
  SharedName last_;
};

/// What a store's error means to the person at the keyboard, in our words (the store's own
/// text, "attempt to write a readonly database", never reaches a user).
inline Message store_problem(const sql::Error& e) {
  switch (e.fault()) {
    case sql::Fault::Busy:
      return msg(Msg::DatabaseBusy);
    case sql::Fault::ReadOnly:
      return msg(Msg::DatabaseReadOnly);
    case sql::Fault::CannotOpen:
      return msg(Msg::DatabaseCannotOpen);
    case sql::Fault::Damaged:
      return msg(Msg::DatabaseDamaged);
    case sql::Fault::Full:
      return msg(Msg::DatabaseFull);
    case sql::Fault::Io:
      return msg(Msg::DatabaseIo);
    case sql::Fault::Constraint:
      return msg(Msg::DatabaseConstraint);
    case sql::Fault::Unreachable:
      return msg(Msg::PostgresCannotConnect, as_is(e.what()));
    case sql::Fault::Other:
      break;
  }
  return msg(Msg::DatabaseOther, int64_t{e.code()});
}

/// Runs `fn` and turns the store's errors into StoreErrors that say what was being done.
template <typename Fn>
auto guarded(Message doing, Fn&& fn) {
  try {
    return fn();
  } catch (const sql::Error& e) {
    throw StoreError(msg(Msg::StoreCannot, phrase(std::move(doing)), phrase(store_problem(e))));
  }
}

/// The last guard of "no BSN in the register": every text a person chose (a candidate, a name,
/// an id, a file name) is refused here too, whichever reader let it through. `what` names the
/// field ("candidate", "supplier").
inline void refuse_bsn(std::string_view text, const char* what) {
  if (io::holds_bsn(text)) throw StoreError(msg(Msg::StoreRefusesBsn, as_is(what)));
}

/// The link before the first audit entry.
inline const std::string kChainStart(64, '0');

inline std::string column_text(sql::Statement& st, int i) {
  return st.getColumn(i).isNull() ? "" : st.getColumn(i).getString();
}

/// A stored row written as text for hashing: each value as its length and its text, NULL as
/// "~" (so no two different rows write the same bytes). One writer for what the register
/// writes and what `db verify` reads back.
class RowText {
 public:
  RowText& add(std::string_view s) {
    out_ += std::to_string(s.size());
    out_ += ':';
    out_ += s;
    out_ += ';';
    return *this;
  }
  RowText& add(const std::string& s) { return add(std::string_view(s)); }
  RowText& add(const char* s) { return add(std::string_view(s)); }
  RowText& add(int64_t v) { return add(std::to_string(v)); }
  RowText& null() {
    out_ += "~;";
    return *this;
  }
  template <typename T>
  RowText& add(const std::optional<Given<T>>& v) {
    return v ? add(column_value(v->value)) : null();
  }
  /// Column `i` of a result row as stored (integers as their decimal text).
  RowText& column(sql::Statement& st, int i) {
    return st.getColumn(i).isNull() ? null() : add(text_of(st, i));
  }
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

/// What an audit entry's hash covers: its fields, the previous hash and, from schema 6, the
/// rows it recorded (which table and key, and their hash; empty for other entries).
struct AuditFields {
  int64_t id = 0;
  std::string at, user, action, entity, detail, file, hash, prev, rows_of, rows_hash;
};

/// The hash that chains an audit entry: SHA-256 over its fields, each written as its length
/// and its text, or with `key` BLAKE2b keyed (only the key holder can write it).
inline std::string audit_entry_hash(const AuditFields& f, const std::string& key = "") {
  RowText data;
  for (const std::string& part :
       {std::to_string(f.id), f.at, f.user, f.action, f.entity, f.detail, f.file, f.hash, f.prev})
    data.add(part);
  if (!f.rows_of.empty()) data.add(f.rows_of).add(f.rows_hash);
  return key.empty() ? sha256_hex(data.str()) : keyed_hash_hex(key, data.str());
}

/// A realisation line's stored values as text (not its id, known only once it is written).
inline void line_row_text(sql::Statement& st, int first, RowText& out) {
  for (int i = first; i < first + 13; ++i) out.column(st, i);
}
/// The columns line_row_text reads, in its order.
inline const char* const kLineRowColumns =
    "import_id, contract_id, line_no, candidate, block, start_date, end_date, hours_per_week, "
    "amount_cents, hours, count, bonuses, subsidy_until";

/// The columns read_contract reads, in its order.
inline const std::string kContractFields =
    "id, buyer, supplier, region, region_version, value_cents, percentage, threshold_cents, "
    "start_date, end_date, pso_level, pso_valid_until, source_file, added_at, penalty_kind, "
    "penalty_factor, description, report_every, grace_days, count_rule";
inline const std::string kContractColumns = "SELECT " + kContractFields + " FROM contracts";
/// A contract's columns, then one certificate's (pso_from: 20 to 22), one row per certificate,
/// or one with none.
inline const std::string kContractWithPsoColumns =
    "SELECT " + kContractFields +
    ", contract_pso.level, contract_pso.issued, contract_pso.valid_until FROM contracts LEFT "
    "JOIN contract_pso ON contract_pso.contract_id = contracts.id";

/// `column` among the ids bound to one parameter (bind_ids). One id is compared directly:
/// PostgreSQL plans that in a fraction of a list's time, and one contract's status, in a
/// session of its own, pays for every plan.
inline std::string among(const sql::Dialect& d, const char* column, std::size_t ids) {
  return std::string(column) + (ids == 1 ? " = ?" : std::string(" IN (") + d.text_list + ")");
}
/// Binds the ids `among` compares with.
inline void bind_ids(sql::Statement& st, int at, const std::vector<std::string>& ids) {
  if (ids.size() == 1)
    st.bind(at, ids.front());
  else
    st.bind(at, json_list(ids));
}

/// How the contract sums change in one write: per contract, added or taken away line figures.
struct FigureDeltas {
  struct Delta {
    int64_t cents = 0, lines = 0, reduced = 0, provisional = 0;
  };
  using Entry = std::pair<const std::string, Delta>;
  /// Adds (sign 1) or takes away (sign -1) one line's figure.
  void add(const std::string& contract, const LineFigure& f, int sign) {
    Delta& d = by_contract_[contract];
    d.cents += sign * f.cents;
    d.lines += sign;
    d.reduced += f.reduced ? sign : 0;
    d.provisional += f.provisional ? sign : 0;
  }
  /// Each contract's change, in the order of their ids: the order writes take their rows in.
  std::vector<const Entry*> in_order() const {
    std::vector<const Entry*> out;
    out.reserve(by_contract_.size());
    for (const Entry& e : by_contract_) out.push_back(&e);
    std::sort(out.begin(), out.end(),
              [](const Entry* a, const Entry* b) { return a->first < b->first; });
    return out;
  }

 private:
  // By hash: an import of a million lines adds a million figures, and a tree of 20,000
  // contracts cost a cache miss at every level.
  std::unordered_map<std::string, Delta> by_contract_;
};

/// "table(columns)" of a plain insert of parameters (`INSERT INTO table(columns) VALUES `, rows
/// of `?` only, nothing after them), or none.
inline std::optional<std::string> plain_insert(std::string_view head, std::string_view tuple,
                                               std::string_view tail) {
  constexpr std::string_view kInsert = "INSERT INTO ", kValues = " VALUES ";
  if (!tail.empty() || !head.starts_with(kInsert) || !head.ends_with(kValues)) return std::nullopt;
  for (char c : tuple)
    if (c != '(' && c != ')' && c != '?' && c != ',' && c != ' ') return std::nullopt;
  return std::string(head.substr(kInsert.size(), head.size() - kInsert.size() - kValues.size()));
}

/// Binds a line's figure to two parameters (value, flags), or NULLs when it has none.
inline void bind_figure(sql::Statement& st, int index, const std::optional<LineFigure>& f) {
  if (f) {
    st.bind(index, f->cents);
    st.bind(index + 1, figure_flags(*f));
  } else {
    st.bind(index);
    st.bind(index + 1);
  }
}

struct Register::Impl {
  std::string path;
  std::string user;
  std::unique_ptr<sql::Connection> connection;
  sql::Connection& db;
  int version = 0;
  /// The schema version the store had when it was opened (0: none, a new register).
  int opened_version = 0;
  /// Snapshots open on this connection: only the outermost begins and ends the read.
  int snapshots = 0;
  std::unique_ptr<sql::Transaction> batch;
  /// The candidates a batch's files touched: valued together when the batch commits, each
  /// once however many files touched it (a file rolled back leaves its names here, which
  /// only values them again unchanged).
  std::vector<std::string> batch_touched;
  std::map<std::string, std::unique_ptr<sql::Statement>> statements;
  const Valuer* valuer = nullptr;
  /// Contracts met while valuing (a contract never changes once added).
  std::unordered_map<std::string, ContractRecord> contract_cache;

  /// A prepared statement kept for reuse (imports of many files prepare each once).
  sql::Statement& prepared(const std::string& sql) {
    auto& st = statements[sql];
    if (!st) st = std::make_unique<sql::Statement>(db, sql);
    st->reset();
    st->clearBindings();
    return *st;
  }
  /// Writes `count` rows a few dozen (`per`) to a statement, each statement one step (one
  /// round trip to a PostgreSQL server): `head`, then as many `tuple`s as rows, then `tail`,
  /// prepared once per size. `bind(st, row, first)` binds row `row` from parameter `first`.
  /// A plain insert (`INSERT INTO t(…) VALUES `, parameters only, no tail) goes in one go
  /// where the store has a way (PostgreSQL's COPY: sql::Statement::rows_into).
  template <typename Bind>
  void write_rows(std::string_view head, std::string_view tuple, std::string_view tail,
                  std::size_t count, std::size_t per, const Bind& bind) {
    const auto params = static_cast<int>(std::count(tuple.begin(), tuple.end(), '?'));
    if (std::optional<std::string> into = plain_insert(head, tuple, tail); into && count > 0) {
      if (std::optional<sql::Statement> in = sql::Statement::rows_into(db, *into)) {
        for (std::size_t r = 0; r < count; ++r) {
          bind(*in, r, 1);
          in->exec();
        }
        in->end_rows();
        return;
      }
    }
    for (std::size_t from = 0; from < count; from += per) {
      std::size_t n = std::min(per, count - from);
      std::string sql(head);
      for (std::size_t r = 0; r < n; ++r) (sql += r ? ", " : "") += tuple;
      sql += tail;
      sql::Statement& st = prepared(sql);
      for (std::size_t r = 0; r < n; ++r) bind(st, from + r, static_cast<int>(r) * params + 1);
      st.exec();
      st.reset();
    }
  }

  Impl(std::string p, std::unique_ptr<sql::Connection> c, std::string u)
      : path(std::move(p)), user(std::move(u)), connection(std::move(c)), db(*connection) {}

  /// An audit entry and its hash.
  struct ChainedEntry {
    AuditFields f;
    std::string hash;
    bool keyed = false;
  };
  /// A batch's audit entries not yet written, chained in memory after the log's last.
  std::vector<ChainedEntry> batch_audit;

  /// The next audit entry, chained to the one before it: the last of a batch's entries not yet
  /// written, else the log's last. Keyed when this process has the audit key; refused without
  /// it when the log is keyed. `rows_of` ("lines:C-1", "contract:C-1") names rows whose hash
  /// `rows_hash` it records.
  ChainedEntry chained_entry(const std::string& action, const std::string& entity,
                             const std::string& detail, const std::string& file = "",
                             const std::string& hash = "", const std::string& rows_of = "",
                             const std::string& rows_hash = "");

  /// Writes chained entries (in their order, following the log's last) and moves the anchor
  /// (audit_head) past them. Call it inside a write transaction.
  void write_entries(const std::vector<ChainedEntry>& entries);

  /// Appends an audit entry now, chained to the one before it, and moves the anchor with it.
  /// Call it inside a write transaction. A batch's entries not yet written go first.
  void audit(const std::string& action, const std::string& entity, const std::string& detail,
             const std::string& file = "", const std::string& hash = "",
             const std::string& rows_of = "", const std::string& rows_hash = "");

  /// The hash of a contract's stored row and its certificates (what `db verify` compares).
  std::string contract_rows_hash(const std::string& id);

  /// The hash of a contract's realisation lines: the row hashes of those written, in order
  /// (unless `stored` says it has none), then those of `unwritten` (lines about to be written
  /// after them, with larger ids).
  std::string lines_rows_hash(const std::string& contract_id,
                              const std::vector<std::string>& unwritten, bool stored = true);

  /// The audit entry that records what a contract's lines now are (after an import, a
  /// replacement or a removal), with the row hashes of its lines not yet written.
  ChainedEntry lines_entry(const std::string& action, const std::string& contract_id,
                           const std::string& detail, const std::string& file,
                           const std::string& hash, const std::vector<std::string>& unwritten,
                           bool stored);

  /// Records in the audit log, now, what a contract's lines are.
  void audit_lines(const std::string& action, const std::string& contract_id,
                   const std::string& detail, const std::string& file, const std::string& hash);

  /// Chains the entries written before the log had a chain (migration to schema 3): the
  /// update guard is lifted for that one pass, inside the migration's transaction.
  void chain_existing_entries();

  /// Fills in what schema 6 keeps for a register written before it: each line's row hash and
  /// the anchor (count and last hash of the log as it is). Inside the migration's transaction.
  void anchor_existing();

  int64_t insert_offer(const std::string& contract_id, const std::vector<OfferLine>& lines,
                       const std::string& file, const std::string& hash) {
    sql::Statement o(db,
                     "INSERT INTO offers(contract_id, source_file, source_hash, saved_at) "
                     "VALUES (?, ?, ?, ?) RETURNING id");
    o.bind(1, contract_id);
    o.bind(2, file);
    o.bind(3, hash);
    o.bind(4, now_utc());
    o.executeStep();
    int64_t offer_id = o.getColumn(0).getInt64();
    o.reset();
    sql::Statement l(db,
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

  /// Every contract's certificates by its id, each contract's in their order (those of
  /// contracts named: read_contracts).
  std::map<std::string, PsoCertificates> certificates() {
    std::map<std::string, PsoCertificates> out;
    sql::Statement st(db,
                      "SELECT contract_id, level, issued, valid_until FROM contract_pso ORDER BY "
                      "contract_id, seq");
    while (st.executeStep()) {
      std::string id = st.getColumn(0).getString();
      out[id].push_back(pso_from(st, 1, id));
    }
    return out;
  }
  /// The certificate in columns `first` (level, issued, valid until) of contract `id`'s row.
  static PsoCertificate pso_from(sql::Statement& st, int first, const std::string& id) {
    PsoCertificate p;
    p.level = pso_level_from_id(st.getColumn(first).getString()).value_or(PsoLevel::Aspirant);
    if (!st.getColumn(first + 1).isNull())
      p.issued = date_from(st.getColumn(first + 1).getString());
    p.valid_until = date_from(st.getColumn(first + 2).getString());
    p.where = SourceLocation{"contract " + id};
    return p;
  }

  /// How many rows the register's main tables hold.
  Counts count_rows() {
    auto count = [&](const char* table) {
      return db.scalar(std::string("SELECT COUNT(*) FROM ") + table);
    };
    return {count("contracts"), count("offers"), count("imports"), count("realisation_lines"),
            count("audit_log")};
  }

  /// A contract with its certificates, or none.
  std::optional<ContractRecord> find_contract(const std::string& id) {
    std::vector<ContractRecord> found = read_contracts({id});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  }

  /// Takes the schema from version `from` to the current one, in the caller's transaction: the
  /// SQLite migrations in turn, or PostgreSQL's tables at once (register_schema.cpp).
  void migrate(int from, bool shared);

  // Imports (register_lines.cpp), inside the import's transaction.
  /// Refuses an id no contract has.
  void require_contract(const std::string& contract_id);
  /// The contract's imports in force (neither replaced nor removed), oldest first; refuses an id
  /// no contract has.
  std::vector<ImportRecord> active_imports(const std::string& contract_id);
  /// Refuses a file already imported, or one that repeats stored rows (the first ten named).
  void refuse_repeats(const std::string& contract_id, const std::vector<ImportRecord>& earlier,
                      const std::vector<RealisationLine>& lines, const std::string& source_file,
                      const std::string& hash);
  /// Records a new import and gives its id.
  int64_t add_import(const std::string& contract_id, const std::string& source_file,
                     const std::string& hash, std::size_t rows);
  /// Takes an import's lines out (figures first) and marks it replaced by import `by` at time
  /// `at`; gives the number of its rows.
  std::size_t replace_import(int64_t import_id, int64_t by, const std::string& at,
                             FigureDeltas& deltas, std::vector<std::string>& touched);
  /// One more than the largest id `table` holds (1 when it is empty).
  int64_t after_largest_id(const std::string& table);
  /// The id the next realisation line takes (after a batch's unwritten ones).
  int64_t next_line_id();

  // Figures that follow the data (register_figures.cpp). Each runs inside a write transaction.
  /// The contract record a line belongs to, read once.
  const ContractRecord& contract_record(const std::string& id);
  /// The contracts of `ids` (those that exist), in the order of their ids, with their
  /// certificates, in one statement.
  std::vector<ContractRecord> read_contracts(std::vector<std::string> ids);
  /// Reads the contracts of `ids` not yet in the cache in one go (read_contracts), rather
  /// than one contract_record at a time.
  void cache_contracts(std::vector<std::string> ids);
  /// The figures' day: set on the first valuation of a register without one.
  std::optional<Date> figures_day();
  /// Takes the figures of an import's lines out of the contract sums (before they are
  /// deleted) and adds their candidates to `touched`.
  void take_out_import(int64_t import_id, FigureDeltas& deltas, std::vector<std::string>& touched);
  /// One file's lines about to be written: one contract's, taking the ids from `first_id` in
  /// their order, each with its row hash (what `db verify` checks); refigure gives each its
  /// figure. Inside a batch they wait in `batch_fresh` until the batch commits, and are then
  /// valued and written once, with their figures.
  struct FreshFile {
    std::string contract;
    int64_t import_id = 0;
    int64_t first_id = 0;
    std::vector<RealisationLine> lines;
    std::vector<std::string> row_hashes;
    std::vector<std::optional<LineFigure>> figures;
    /// The lines' ids when the store gave them (a write beside others on PostgreSQL), else
    /// none: they follow from `first_id`.
    std::vector<int64_t> ids;
    int64_t id(std::size_t k) const {
      return ids.empty() ? first_id + static_cast<int64_t>(k) : ids[k];
    }
  };
  using FreshLines = std::vector<FreshFile>;
  /// A batch's files whose lines are not written yet.
  FreshLines batch_fresh;
  /// Their contracts: a file of one of them writes the batch first (a look-up per file, where
  /// going through the batch's files made a batch of 20,000 files take 200 million steps).
  std::unordered_set<std::string> batch_contracts;
  /// An import row not written yet (a batch's, with the id it will have).
  struct WaitingImport {
    int64_t id = 0;
    std::string contract, file, hash;
    int64_t rows = 0;
    std::string at;
  };
  /// A batch's import rows not written yet.
  std::vector<WaitingImport> batch_imports;
  /// The id the next import row takes (after a batch's waiting ones).
  int64_t next_import_id();
  /// Writes what a batch keeps waiting, in this order: its import rows, its lines (with the
  /// figures they have: none before the batch commits, their candidates then valued at
  /// commit), its audit entries. Before anything that reads them back, and at commit; outside
  /// any file's savepoint, so that a file rolled back keeps them.
  void flush_batch();
  /// A file's lines taking the next ids (after the batch's unwritten ones, or the store's
  /// when the import runs beside others), with their row hashes.
  FreshFile fresh_file(const std::string& contract_id, int64_t import_id,
                       std::vector<RealisationLine> lines);
  /// Whether an import of `fresh` lines for a contract (with `replace`, making way for its
  /// stored lines) touches at most Register::kBesideCandidates candidates: then it can run
  /// beside others.
  bool few_candidates(const std::string& contract_id, const std::vector<RealisationLine>& fresh,
                      bool replace);
  /// An import beside others (its own transaction, begun with sql::Beside::Others): waits
  /// for the other imports of its contract and of any of its candidates (`fresh`, and with
  /// `replace` those of the contract's stored lines) and holds them off until it ends. Before
  /// anything of theirs is read.
  void lock_for_import(const std::string& contract_id, const std::vector<RealisationLine>& fresh,
                       bool replace);
  /// Values the stored lines of `touched` candidates together with the fresh lines of theirs,
  /// updates the stored figures that changed, gives each fresh line its figure, and records
  /// each candidate's span and state (waiting, without a valuer).
  void refigure(std::vector<std::string> touched, FreshLines& fresh, FigureDeltas& deltas);
  /// Line figures to write: (line id, figure or none).
  using FigureChanges = std::vector<std::pair<int64_t, std::optional<LineFigure>>>;
  /// One candidate's lines to value, their contracts and figures: kept from one candidate to
  /// the next, so that valuing a register does not allocate them per candidate.
  struct Valuing {
    std::vector<LineRef> refs;
    std::vector<const ContractRecord*> contracts;
    std::vector<std::optional<LineFigure>> figures;
  };
  /// The figures on the kept days that a write replaces: the candidates it valued (their rows
  /// go) and, for each, its lines whose figure on a kept day differs from the figures' day's.
  struct KeptRows {
    std::vector<Date> days;               ///< the kept days (none on most registers)
    std::vector<std::string> candidates;  ///< whose rows are replaced
    struct Row {
      std::size_t day = 0;  ///< in `days`
      std::string candidate;
      int64_t line = 0;
      std::optional<LineFigure> figure;
    };
    std::vector<Row> rows;
    std::vector<std::optional<LineFigure>> on_day;  ///< scratch, kept between candidates
  };
  /// The kpi lines a write replaces (kpi_lines.hpp): the candidates it valued or whose lines
  /// went (their rows go), and the packed lines of each that has lines.
  struct KpiRows {
    std::vector<std::string> candidates;
    std::vector<std::pair<std::string, std::string>> rows;  ///< (candidate, packed)
    /// One candidate just valued (`v.refs` with `v.figures`): its row.
    void add(const Valuing& v);
  };
  /// Replaces the kpi lines of `kpi.candidates` with `kpi.rows` (`all`: every row).
  void write_kpi(const KpiRows& kpi, bool all);
  /// Every candidate's kpi lines anew from its lines and stored figures (a migration to
  /// schema 14), a few thousand candidates at a time; `migrating` sees how many, every 10,000.
  void fill_kpi_lines();
  std::function<void(int64_t)> migrating;
  /// The kept days, in order.
  std::vector<Date> kept_days();
  /// One candidate just valued on the figures' day `main` (`v.refs`, `v.contracts`,
  /// `v.figures`): valued on each kept day where its figures can differ (figures_differ), its
  /// lines whose figure there differs into `kept.rows`.
  void keep_candidate(Valuing& v, const Date& main, KeptRows& kept);
  /// Replaces the kept rows of `kept.candidates` with `kept.rows`.
  void write_kept(const KeptRows& kept);
  /// Each of `v.refs`' contract records, in `v.contracts`.
  void contracts_of(Valuing& v);
  /// Values `v.refs` on `day` (each line with its contract's record) into `v.figures`; false
  /// when the valuer met a problem. One place for the import's and the revaluation's valuing.
  bool value_refs(Valuing& v, const Date& day);
  /// A fresh line's place: (file in FreshLines, line in that file).
  using FreshPlace = std::pair<std::size_t, std::size_t>;
  /// The fresh lines by candidate, in the order of `touched` (sorted, each once, every fresh
  /// line's among them), each candidate's in registration (id) order: the files in their order,
  /// each file's lines in its order.
  static std::vector<FreshPlace> by_candidate(const std::vector<std::string>& touched,
                                              const FreshLines& fresh);
  /// Values one candidate's stored lines with its fresh ones (given by their place in
  /// `fresh`): the stored lines' changes and the fresh lines' figures. False when the valuer
  /// met a problem.
  bool refigure_candidate(std::span<const FiguredLine> stored, FreshLines& fresh,
                          std::span<const FreshPlace> fresh_lines, const Date& day, Valuing& v,
                          FigureDeltas& deltas, FigureChanges& changes, KeptRows& kept,
                          KpiRows& kpi);
  /// A stored line's new figure: when it differs, the contract sums' change and the row to
  /// write.
  static void book(const FiguredLine& l, const std::optional<LineFigure>& now, FigureDeltas& deltas,
                   FigureChanges& changes);
  /// Candidates wait for valuation (state 1) or have no valuer's figure (state 2): one
  /// statement for them all, however many (a batch of files touches thousands).
  void mark_candidates(const std::vector<std::string>& names, int state);
  /// Candidates' figures are in step: their waiting rows go (one statement).
  void clear_candidates(const std::vector<std::string>& names);
  /// The rows of `names` in a table keyed by candidate go (one statement, however many).
  void delete_candidates(const char* table, const std::vector<std::string>& names);
  /// Whether any candidate waits (candidates in step have no row).
  bool some_candidate_waits();
  /// Every contract's sums anew from its stored line figures.
  void sum_contract_figures();
  /// The figures' day, and the region fingerprint each re-valued contract was valued with.
  /// Every contract is then valued with the valuer's models: their print is recorded too.
  void record_valuation(const Date& day, const std::map<std::string, std::string>& prints);
  /// Records the valuer's models as those every contract was valued with (FiguresState::models),
  /// writing only when they were not.
  void note_models();
  /// Writes the fresh lines with their figures and row hashes, a few dozen rows per statement
  /// whichever file they come from (register_lines.cpp).
  void write_lines(const FreshLines& fresh);
  /// Writes changed line figures (line id, figure or none).
  void store_figures(const FigureChanges& changes);
  /// Adds the deltas to the contract sums.
  void apply(const FigureDeltas& deltas);
  /// A new contract's (empty) figures, valued with its region's fingerprint when there is a
  /// valuer.
  void start_figures(const std::string& contract_id);

  ContractRecord read_contract(sql::Statement& st) const {
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
    c.contract.description = st.getColumn(16).getString();
    if (!st.getColumn(17).isNull())
      c.contract.report_every = from_id<ReportEvery>(st.getColumn(17).getString());
    if (!st.getColumn(18).isNull())
      c.contract.grace_days = static_cast<int>(st.getColumn(18).getInt64());
    if (!st.getColumn(19).isNull())
      c.contract.count_accepted_only = st.getColumn(19).getString() == "accepted";
    c.contract.where = SourceLocation{"contract " + c.contract.id};
    c.region.where = c.contract.where;
    return c;
  }
};

}  // namespace sroi::store
