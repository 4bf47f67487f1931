// SPDX-License-Identifier: EUPL-1.2
// `sroi db copy`: a register moved from one store to another (SQLite to PostgreSQL, or back),
// row for row, so that its audit chain, row hashes and stored figures hold unchanged.
#include "sroi/msg/store.hpp"
#include "sroi/store/register.hpp"
#include "sroi/store/register_impl.hpp"

namespace sroi::store {

namespace {

/// Every table of the current schema, each after the tables it refers to; the one-row tables
/// (audit_head, figures_meta) are replaced rather than added to.
const char* const kTables[] = {
    "contracts",         "contract_pso", "offers",           "offer_lines",  "imports",
    "realisation_lines", "audit_log",    "audit_head",       "users",        "api_tokens",
    "evidence",          "candidates",   "contract_figures", "figures_meta", "notices_sent",
    "settlements",       "line_reviews", "kept_days",        "kept_figures", "kpi_lines"};
/// The tables whose ids the store hands out (new rows continue after the copied ones).
const char* const kNumbered[] = {"offers",     "imports",  "users",
                                 "api_tokens", "evidence", "realisation_lines"};

/// Copies one table's rows, each column by its name and kind; returns how many. Into
/// PostgreSQL they go by COPY (sql::Statement::rows_into), 50,000 at a time; into SQLite a
/// statement each.
int64_t copy_table(sql::Connection& from, sql::Connection& to, const std::string& table,
                   const std::function<void(const std::string&, int64_t)>& progress) {
  sql::Statement rows(from, "SELECT * FROM " + table, sql::Stream::Rows);
  std::optional<sql::Statement> insert;
  int64_t n = 0;
  while (rows.executeStep()) {
    sql::Cursor& c = rows.cursor();
    if (!insert) {
      std::string names, marks;
      for (int i = 0; i < c.columns(); ++i) {
        names += (i ? ", " : "") + c.name(i);
        marks += i ? ", ?" : "?";
      }
      insert = sql::Statement::rows_into(to, table + "(" + names + ")");
      if (!insert)
        insert.emplace(to, "INSERT INTO " + table + "(" + names + ") VALUES (" + marks + ")");
    }
    for (int i = 0; i < c.columns(); ++i) {
      switch (c.kind(i)) {
        case sql::Kind::Null:
          insert->bind(i + 1);
          break;
        case sql::Kind::Integer:
          insert->bind(i + 1, c.int64(i));
          break;
        case sql::Kind::Blob:
          insert->bind_blob(i + 1, c.text(i));
          break;
        case sql::Kind::Text:
          insert->bind(i + 1, c.text(i));
          break;
      }
    }
    insert->exec();
    insert->reset();
    if (++n % 50000 == 0) {
      insert->end_rows();
      if (progress) progress(table, n);
    }
  }
  if (insert) insert->end_rows();
  if (progress) progress(table, n);
  return n;
}

}  // namespace

Counts Register::copy(const std::string& from, const std::string& to, const std::string& user,
                      const std::function<void(const std::string&, int64_t)>& progress) {
  Register source(from, Access::ReadOnly, user);
  return guarded(msg(Msg::DoingCopy, as_is(sql::shown(to))), [&] {
    bool shared = sql::is_postgres(to);
    Impl target(to,
                shared ? sql::open_postgres(to, sql::Mode::Create, 60000)
                       : sql::open_sqlite(to, sql::Mode::Create, 60000),
                user);
    if (target.db.schema_version() != 0 || target.db.has_table("contracts"))
      throw StoreError(msg(Msg::CopyTargetInUse, as_is(sql::shown(to))));
    Snapshot same(source);
    sql::Transaction tx(target.db);
    target.migrate(0, shared);
    // The new schema's one-row tables (and anything a migration wrote) make way for the
    // source's rows.
    for (const char* table : {"audit_head", "figures_meta"})
      target.db.exec(std::string("DELETE FROM ") + table);
    for (const char* table : kTables) copy_table(source.impl_->db, target.db, table, progress);
    for (const char* table : kNumbered) target.db.continue_ids(table);
    Counts copied = target.count_rows();
    target.audit("db.copy", "database",
                 facts({{"from", sql::shown(from)},
                        {"contracts", copied.contracts},
                        {"lines", copied.lines},
                        {"audit_entries", copied.audit}}));
    ++copied.audit;  // the entry just written
    tx.commit();
    target.db.after_bulk_write();
    return copied;
  });
}

}  // namespace sroi::store
