// SPDX-License-Identifier: EUPL-1.2
// Realisation lines in and out of the register: imports (all or nothing per file, --replace,
// repeated rows refused), the list of imports and their removal, and the streamed reads that
// value the whole register per candidate.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "sroi/msg/register.hpp"
#include "sroi/msg/store.hpp"
#include "sroi/store/register.hpp"
#include "sroi/store/register_impl.hpp"

namespace {
/// A stored line's row, by its file's name (not the path it was imported from): "U-2027-003.csv,
/// rij 2".
sroi::SourceLocation stored_row(const std::string& file, int row) {
  sroi::SourceLocation at{std::filesystem::path(file).filename().string(), row};
  at.table_row = true;
  return at;
}
}  // namespace

namespace sroi::store {

namespace {

/// A line as text, for comparing an import with what is stored: every field that matters.
std::string line_key(const std::string& candidate, const std::string& block,
                     const std::string& start, const std::string& end, const std::string& hpw,
                     const std::string& amount, const std::string& hours, const std::string& count,
                     const std::string& bonuses, const std::string& subsidy) {
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

}  // namespace

ImportOutcome Register::import_lines(const std::string& contract_id,
                                     std::vector<RealisationLine> lines,
                                     const std::string& source_file, const std::string& hash,
                                     ImportMode mode) {
  bool replace = mode == ImportMode::Replace;
  return guarded(msg(Msg::DoingImport, as_is(source_file)), [&] {
    Impl& m = *impl_;
    ImportOutcome out;
    // The contract's stored lines and imports are read (repeats) and replaced below: what a
    // batch keeps waiting of it is written first, outside this file's savepoint.
    if (m.batch_contracts.count(contract_id)) m.flush_batch();
    // Lines without a candidate (invoices) are kept under their contract (candidate_key).
    for (auto& line : lines) line.candidate = candidate_key(line.candidate, contract_id);
    // One transaction per file; inside a batch the file writes nothing until it is accepted
    // (below), so that a refused file leaves the batch as it was. On its own, a file of a few
    // candidates is imported beside the imports of other contracts and candidates (on the
    // shared store), a larger one alone.
    std::optional<sql::AllOrNothing> tx;
    const bool beside =
        !m.batch && m.db.dialect().shared && m.few_candidates(contract_id, lines, replace);
    if (!m.batch)
      tx.emplace(m.db, false, "import_file", beside ? sql::Beside::Others : sql::Beside::None);
    if (beside) m.lock_for_import(contract_id, lines, replace);
    // The contract's imports in force (refused when there is no such contract): with
    // ImportMode::Replace they all make way for this file (the supplier's complete current
    // list); without it, a file that repeats stored rows is refused, so a cumulative file never
    // counts its earlier rows twice.
    std::vector<ImportRecord> earlier = m.active_imports(contract_id);
    if (!replace) m.refuse_repeats(contract_id, earlier, lines, source_file, hash);
    for (const auto& line : lines) {
      refuse_bsn(line.candidate, "candidate");
      refuse_bsn(line.block, "block");
      for (const auto& b : line.quantities.bonuses) refuse_bsn(b.value, "bonus");
    }
    // Inside a batch a file that replaces nothing stored waits whole (its import row, lines and
    // audit entry) and is written when the batch commits, a few dozen rows per statement; one
    // that replaces stored imports writes them now, in a savepoint of its own (its lines wait).
    const bool waits = m.batch && (!replace || earlier.empty());
    if (m.batch && !waits) {
      m.flush_batch();  // its audit entry follows the batch's waiting ones
      tx.emplace(m.db, true, "import_file");
    }
    out.import_id =
        waits ? m.next_import_id() : m.add_import(contract_id, source_file, hash, lines.size());
    nlohmann::json replaced = nlohmann::json::array();  // the audit entry lists them
    FigureDeltas deltas;
    std::vector<std::string> touched;   // candidates whose figures may change
    const std::string now = now_utc();  // one time for every import this one replaces
    if (replace)
      for (const auto& e : earlier) {
        std::size_t n = m.replace_import(e.id, out.import_id, now, deltas, touched);
        out.replaced_rows += n;
        ++out.replaced_imports;
        replaced.push_back(
            {{"import", e.id}, {"file", e.source_file}, {"sha256", e.hash}, {"rows", n}});
      }
    // The new lines take the next ids, in the file's order: their registration order.
    Impl::FreshLines fresh;
    fresh.push_back(m.fresh_file(contract_id, out.import_id, std::move(lines)));
    m.refigure(std::move(touched), fresh, deltas);
    out.rows = fresh.front().lines.size();
    nlohmann::json detail = {{"rows", out.rows}};
    if (replace) {
      detail["replaced_rows"] = out.replaced_rows;
      detail["replaced"] = std::move(replaced);
    }
    const char* action = replace ? "import.replace" : "import";
    if (!m.batch) {
      // What the contract's lines are (a contract without imports in force has none stored),
      // before its fresh ones are written. Then the audit log's tail, which imports beside this
      // one take in turn: the contract sums, marked with the entry that moves them, and the
      // entry.
      std::string rows_hash =
          m.lines_rows_hash(contract_id, fresh.front().row_hashes, !earlier.empty());
      m.write_lines(fresh);
      m.db.lock_tail();
      m.apply(deltas);
      m.write_entries({m.chained_entry(action, contract_id, detail.dump(), source_file, hash,
                                       "lines:" + contract_id, rows_hash)});
    } else {
      m.apply(deltas);
      Impl::ChainedEntry entry = m.lines_entry(action, contract_id, detail.dump(), source_file,
                                               hash, fresh.front().row_hashes, !earlier.empty());
      if (waits) {  // accepted: the batch keeps it, to be written when it commits
        m.batch_imports.push_back(
            {out.import_id, contract_id, source_file, hash, static_cast<int64_t>(out.rows), now});
        m.batch_audit.push_back(std::move(entry));
      } else {
        m.write_entries({entry});
      }
    }
    if (tx) tx->commit();
    if (m.batch) {
      m.batch_contracts.insert(contract_id);
      m.batch_fresh.push_back(std::move(fresh.front()));
    }
    return out;
  });
}

bool Register::Impl::few_candidates(const std::string& contract_id,
                                    const std::vector<RealisationLine>& fresh, bool replace) {
  constexpr std::size_t most = Register::kBesideCandidates;
  std::unordered_set<std::string> names;
  for (const RealisationLine& line : fresh)
    if (names.insert(line.candidate).second && names.size() > most) return false;
  // Read before the import's transaction: only an import of this contract (which waits for
  // this one) changes them, and a count that grows meanwhile only takes more locks.
  if (replace)
    for (auto& name : candidates_in(db, {contract_id}))
      if (names.insert(std::move(name)).second && names.size() > most) return false;
  return true;
}

void Register::Impl::lock_for_import(const std::string& contract_id,
                                     const std::vector<RealisationLine>& fresh, bool replace) {
  db.lock_names(sql::Names::Contract, {contract_id});
  // Its candidates, whose stored lines it values (in any contract), and with a replacement
  // those of the lines that make way: no other import adds or removes any of them meanwhile.
  std::vector<std::string> names;
  names.reserve(fresh.size());
  for (const RealisationLine& line : fresh) names.push_back(line.candidate);
  if (replace)
    for (auto& name : candidates_in(db, {contract_id})) names.push_back(std::move(name));
  db.lock_names(sql::Names::Candidate, names);
}

void Register::Impl::require_contract(const std::string& contract_id) {
  sql::Statement& exists = prepared("SELECT 1 FROM contracts WHERE id = ?");
  exists.bind(1, contract_id);
  bool known = exists.executeStep();
  exists.reset();  // no statement stays active between imports
  if (!known) throw StoreError(msg(Msg::UnknownContract, as_is(contract_id)));
}

std::vector<ImportRecord> Register::Impl::active_imports(const std::string& contract_id) {
  // The contract and its imports in one round trip: a row per import, or one of NULLs.
  sql::Statement& active = prepared(
      "SELECT i.id, i.source_file, i.source_hash, i.rows, i.imported_at FROM contracts c LEFT "
      "JOIN imports i ON i.contract_id = c.id AND i.replaced_at IS NULL AND i.removed_at IS "
      "NULL WHERE c.id = ? ORDER BY i.id");
  active.bind(1, contract_id);
  std::vector<ImportRecord> earlier;
  bool known = false;
  while (active.executeStep()) {
    known = true;
    if (active.getColumn(0).isNull()) continue;  // the contract has none
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
  if (!known) throw StoreError(msg(Msg::UnknownContract, as_is(contract_id)));
  return earlier;
}

void Register::Impl::refuse_repeats(const std::string& contract_id,
                                    const std::vector<ImportRecord>& earlier,
                                    const std::vector<RealisationLine>& lines,
                                    const std::string& source_file, const std::string& hash) {
  if (earlier.empty()) return;
  for (const auto& e : earlier)
    if (e.hash == hash)
      throw ImportRefused(
          {{SourceLocation{source_file}, msg(Msg::AlreadyImported, as_is(contract_id), e.id,
                                             as_is(e.source_file), as_is(e.imported_at), e.rows)}},
          Remedy::ReplaceSameFile);
  std::unordered_map<std::string, SourceLocation> stored;  // line → the row it came from
  sql::Statement& st = prepared(
      "SELECT l.candidate, l.block, l.start_date, l.end_date, l.hours_per_week, "
      "l.amount_cents, l.hours, l.count, l.bonuses, l.subsidy_until, i.source_file, "
      "l.line_no FROM realisation_lines l JOIN imports i ON i.id = l.import_id "
      "WHERE l.contract_id = ?");
  st.bind(1, contract_id);
  while (st.executeStep())
    stored.emplace(
        line_key(column_text(st, 0), column_text(st, 1), column_text(st, 2), column_text(st, 3),
                 column_text(st, 4), column_text(st, 5), column_text(st, 6), column_text(st, 7),
                 column_text(st, 8), column_text(st, 9)),
        stored_row(column_text(st, 10), static_cast<int>(st.getColumn(11).getInt())));
  st.reset();
  std::vector<Diagnostic> repeats;
  std::size_t total = 0;
  for (const auto& line : lines) {
    auto it = stored.find(line_key(line));
    if (it == stored.end()) continue;
    if (++total <= 10)
      repeats.push_back(
          {line.where, msg(Msg::RowRepeatsStored, as_is(contract_id), phrase(place(it->second)))});
  }
  if (total == 0) return;
  repeats.push_back(
      {SourceLocation{source_file}, msg(Msg::RowsAlreadyStored, static_cast<int64_t>(total),
                                        static_cast<int64_t>(lines.size()), as_is(contract_id))});
  throw ImportRefused(std::move(repeats), Remedy::ReplaceRepeatedRows);
}

int64_t Register::Impl::add_import(const std::string& contract_id, const std::string& source_file,
                                   const std::string& hash, std::size_t rows) {
  sql::Statement& imp = prepared(
      "INSERT INTO imports(contract_id, source_file, source_hash, rows, user_name, "
      "imported_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  imp.bind(1, contract_id);
  imp.bind(2, source_file);
  imp.bind(3, hash);
  imp.bind(4, static_cast<int64_t>(rows));
  imp.bind(5, user);
  imp.bind(6, now_utc());
  imp.executeStep();
  int64_t id = imp.getColumn(0).getInt64();
  imp.reset();
  return id;
}

std::size_t Register::Impl::replace_import(int64_t import_id, int64_t by, const std::string& at,
                                           FigureDeltas& deltas,
                                           std::vector<std::string>& touched) {
  take_out_import(import_id, deltas, touched);
  sql::Statement& reviews = prepared("DELETE FROM line_reviews WHERE import_id = ?");
  reviews.bind(1, import_id);
  reviews.exec();
  sql::Statement& del = prepared("DELETE FROM realisation_lines WHERE import_id = ?");
  del.bind(1, import_id);
  std::size_t n = static_cast<std::size_t>(del.exec());
  sql::Statement& mark =
      prepared("UPDATE imports SET replaced_at = ?, replaced_by = ? WHERE id = ?");
  mark.bind(1, at);
  mark.bind(2, by);
  mark.bind(3, import_id);
  mark.exec();
  return n;
}

int64_t Register::Impl::after_largest_id(const std::string& table) {
  sql::Statement& top = prepared("SELECT COALESCE(MAX(id), 0) FROM " + table);
  top.executeStep();
  int64_t next = top.getColumn(0).getInt64() + 1;
  top.reset();
  return next;
}

int64_t Register::Impl::next_line_id() {
  if (batch_fresh.empty()) return after_largest_id("realisation_lines");
  const FreshFile& last = batch_fresh.back();  // after the batch's unwritten lines
  return last.first_id + static_cast<int64_t>(last.lines.size());
}

Register::Impl::FreshFile Register::Impl::fresh_file(const std::string& contract_id,
                                                     int64_t import_id,
                                                     std::vector<RealisationLine> lines) {
  FreshFile f{contract_id, import_id, 0, std::move(lines), {}, {}, {}};
  // A batch writes alone; an import of its own takes its ids from the store, which gives none
  // when it has one writer (SQLite): then they follow the largest.
  if (!batch) f.ids = db.take_line_ids(f.lines.size());
  if (f.ids.empty()) f.first_id = next_line_id();
  f.row_hashes.reserve(f.lines.size());
  for (const RealisationLine& line : f.lines) {
    const Quantities& q = line.quantities;
    // The row's values as `db verify` reads them back (kLineRowColumns), hashed.
    RowText row;
    row.add(import_id).add(contract_id).add(int64_t{line.where.line}).add(line.candidate);
    row.add(line.block).add(line.start.iso()).add(line.end.iso()).add(q.hours_per_week);
    row.add(q.amount).add(q.hours).add(q.count).add(join_bonuses(q.bonuses));
    row.add(line.subsidy_until);
    f.row_hashes.push_back(row_hash(row.str()));
  }
  f.figures.assign(f.lines.size(), std::nullopt);
  return f;
}

void Register::Impl::write_lines(const FreshLines& fresh) {
  std::vector<FreshPlace> all;  // every file's lines, in id order
  for (std::size_t f = 0; f < fresh.size(); ++f)
    for (std::size_t k = 0; k < fresh[f].lines.size(); ++k) all.emplace_back(f, k);
  write_rows(
      "INSERT INTO realisation_lines(id, import_id, contract_id, line_no, candidate, block, "
      "start_date, end_date, hours_per_week, amount_cents, hours, count, bonuses, "
      "subsidy_until, row_hash, value_cents, figure_flags) VALUES ",
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "", all.size(), 32,
      [&](sql::Statement& st, std::size_t n, int first) {
        const int at = first - 1;  // the row's parameters are at + 1 … at + 17
        const FreshFile& file = fresh[all[n].first];
        const std::size_t k = all[n].second;
        const RealisationLine& line = file.lines[k];
        const Quantities& q = line.quantities;
        st.bind(at + 1, file.id(k));
        st.bind(at + 2, file.import_id);
        st.bind(at + 3, file.contract);
        st.bind(at + 4, line.where.line);
        st.bind(at + 5, line.candidate);
        st.bind(at + 6, line.block);
        st.bind(at + 7, line.start.iso());
        st.bind(at + 8, line.end.iso());
        bind_given(st, at + 9, q.hours_per_week);
        bind_given(st, at + 10, q.amount);
        bind_given(st, at + 11, q.hours);
        bind_given(st, at + 12, q.count);
        st.bind(at + 13, join_bonuses(q.bonuses));
        bind_given(st, at + 14, line.subsidy_until);
        st.bind_blob(at + 15, file.row_hashes[k]);
        bind_figure(st, at + 16, file.figures[k]);
      });
}

int64_t Register::Impl::next_import_id() {
  if (batch_imports.empty()) return after_largest_id("imports");
  return batch_imports.back().id + 1;  // after the batch's waiting import rows
}

void Register::Impl::flush_batch() {
  write_rows(
      "INSERT INTO imports(id, contract_id, source_file, source_hash, rows, user_name, "
      "imported_at) VALUES ",
      "(?, ?, ?, ?, ?, ?, ?)", "", batch_imports.size(), 64,
      [&](sql::Statement& st, std::size_t k, int first) {
        const WaitingImport& w = batch_imports[k];
        st.bind(first, w.id);
        st.bind(first + 1, w.contract);
        st.bind(first + 2, w.file);
        st.bind(first + 3, w.hash);
        st.bind(first + 4, w.rows);
        st.bind(first + 5, user);
        st.bind(first + 6, w.at);
      });
  if (!batch_imports.empty()) db.continue_ids("imports");  // ids given here, not by the store
  write_lines(batch_fresh);
  if (!batch_fresh.empty()) db.continue_ids("realisation_lines");
  write_entries(batch_audit);
  batch_imports.clear();
  batch_fresh.clear();
  batch_contracts.clear();
  batch_audit.clear();
}

namespace {

constexpr const char* kImportColumns =
    "SELECT id, contract_id, source_file, source_hash, rows, user_name, imported_at, "
    "replaced_at, replaced_by, removed_at, review, COALESCE(reviewed_by, ''), "
    "COALESCE(reviewed_at, ''), review_reason FROM imports";

std::vector<ImportRecord> read_imports(sql::Statement& st) {
  std::vector<ImportRecord> out;
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
    r.review = st.getColumn(10).getString();
    r.reviewed_by = st.getColumn(11).getString();
    r.reviewed_at = st.getColumn(12).getString();
    r.review_reason = st.getColumn(13).getString();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::vector<ImportRecord> Register::imports(const std::optional<std::string>& contract) const {
  return guarded(msg(Msg::DoingReadImports), [&] {
    sql::Statement st(impl_->db, std::string(kImportColumns) +
                                     (contract ? " WHERE contract_id = ?" : "") + " ORDER BY id");
    if (contract) st.bind(1, *contract);
    return read_imports(st);
  });
}

std::vector<ImportRecord> Register::imports_of(const std::vector<std::string>& contracts) const {
  return guarded(msg(Msg::DoingReadImports), [&] {
    sql::Statement st(impl_->db, std::string(kImportColumns) + " WHERE contract_id IN (" +
                                     impl_->db.dialect().text_list + ") ORDER BY id");
    st.bind(1, json_list(contracts));
    return read_imports(st);
  });
}

ImportRecord Register::review_import(int64_t id, const std::string& review,
                                     const std::string& reason) {
  return guarded(msg(Msg::DoingReviewImport, id), [&] {
    refuse_bsn(reason, "reason");
    sql::Transaction tx(impl_->db);
    std::optional<ImportRecord> found;
    for (auto& r : imports(std::nullopt))
      if (r.id == id) found = std::move(r);
    if (!found) throw StoreError(msg(Msg::NoImport, id), Remedy::ListImports);
    if (!found->in_force()) throw StoreError(msg(Msg::ImportNotInForce, id));
    const std::string now = now_utc();
    sql::Statement st(impl_->db,
                      "UPDATE imports SET review = ?, reviewed_by = ?, reviewed_at = ?, "
                      "review_reason = ? WHERE id = ?");
    st.bind(1, review);
    st.bind(2, impl_->user);
    st.bind(3, now);
    st.bind(4, reason);
    st.bind(5, id);
    st.exec();
    impl_->audit("import.review", found->contract,
                 facts({{"import", id}, {"review", review}, {"reason", reason}}));
    tx.commit();
    found->review = review;
    found->reviewed_by = impl_->user;
    found->reviewed_at = now;
    found->review_reason = reason;
    return *found;
  });
}

LineReview Register::review_line(int64_t line_id, const std::string& review,
                                 const std::string& reason, std::optional<int64_t> of_import) {
  return guarded(msg(Msg::DoingReviewLine, line_id), [&] {
    refuse_bsn(reason, "reason");
    sql::Transaction tx(impl_->db);
    // The line's import and contract: a line exists only while its import is in force (a
    // replaced or removed import's lines are gone), so the line's row says all.
    sql::Statement line(impl_->db,
                        "SELECT import_id, contract_id FROM realisation_lines WHERE id = ?");
    line.bind(1, line_id);
    std::optional<int64_t> import_of;
    std::string contract;
    if (line.executeStep()) {
      import_of = line.getColumn(0).getInt64();
      contract = line.getColumn(1).getString();
    }
    if (of_import) {
      std::optional<ImportRecord> named;
      for (auto& r : imports(std::nullopt))
        if (r.id == *of_import) named = std::move(r);
      if (!named) throw StoreError(msg(Msg::NoImport, *of_import), Remedy::ListImports);
      if (!named->in_force()) throw StoreError(msg(Msg::ImportNotInForce, *of_import));
      if (import_of != *of_import) throw StoreError(msg(Msg::NoLineInImport, line_id, *of_import));
    }
    if (!import_of) throw StoreError(msg(Msg::NoLine, line_id));
    const int64_t import_id = *import_of;
    LineReview out{line_id, import_id, contract, review, reason, impl_->user, now_utc()};
    sql::Statement del(impl_->db, "DELETE FROM line_reviews WHERE line_id = ?");
    del.bind(1, line_id);
    del.exec();
    if (review != "submitted") {
      sql::Statement st(impl_->db,
                        "INSERT INTO line_reviews(line_id, import_id, contract_id, review, reason, "
                        "reviewed_by, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
      st.bind(1, line_id);
      st.bind(2, import_id);
      st.bind(3, out.contract);
      st.bind(4, review);
      st.bind(5, reason);
      st.bind(6, out.reviewed_by);
      st.bind(7, out.reviewed_at);
      st.exec();
    }
    impl_->audit(
        "line.review", contract,
        facts({{"import", import_id}, {"line", line_id}, {"review", review}, {"reason", reason}}));
    tx.commit();
    return out;
  });
}

std::map<int64_t, LineReview> Register::line_reviews(const std::string& contract_id) const {
  return guarded(msg(Msg::DoingReadImports), [&] {
    std::map<int64_t, LineReview> out;
    sql::Statement st(impl_->db,
                      "SELECT line_id, import_id, contract_id, review, reason, reviewed_by, "
                      "reviewed_at FROM line_reviews WHERE contract_id = ?");
    st.bind(1, contract_id);
    while (st.executeStep()) {
      LineReview r;
      r.line = st.getColumn(0).getInt64();
      r.import = st.getColumn(1).getInt64();
      r.contract = st.getColumn(2).getString();
      r.review = st.getColumn(3).getString();
      r.reason = st.getColumn(4).getString();
      r.reviewed_by = st.getColumn(5).getString();
      r.reviewed_at = st.getColumn(6).getString();
      out[r.line] = std::move(r);
    }
    return out;
  });
}

std::map<int64_t, int64_t> Register::line_imports(const std::string& contract_id) const {
  return guarded(msg(Msg::DoingReadImports), [&] {
    std::map<int64_t, int64_t> out;
    sql::Statement st(impl_->db,
                      "SELECT id, import_id FROM realisation_lines WHERE contract_id = ?");
    st.bind(1, contract_id);
    while (st.executeStep()) out[st.getColumn(0).getInt64()] = st.getColumn(1).getInt64();
    return out;
  });
}

std::set<int64_t> Register::accepted_lines(const std::string& contract_id) const {
  return guarded(msg(Msg::DoingReadImports), [&] {
    std::set<int64_t> out;
    sql::Statement st(impl_->db,
                      "SELECT l.id FROM realisation_lines l JOIN imports i ON i.id = l.import_id "
                      "LEFT JOIN line_reviews r ON r.line_id = l.id "
                      "WHERE l.contract_id = ? AND COALESCE(r.review, i.review) = 'accepted'");
    st.bind(1, contract_id);
    while (st.executeStep()) out.insert(st.getColumn(0).getInt64());
    return out;
  });
}

ImportRecord Register::remove_import(int64_t id) {
  return guarded(msg(Msg::DoingRemoveImport, id), [&] {
    sql::Transaction tx(impl_->db);
    ImportRecord found;
    bool any = false;
    for (auto& r : imports(std::nullopt))
      if (r.id == id) found = std::move(r), any = true;
    if (!any) throw StoreError(msg(Msg::NoImport, id), Remedy::ListImports);
    if (!found.removed_at.empty())
      throw StoreError(msg(Msg::ImportAlreadyRemoved, id, as_is(found.removed_at)));
    if (!found.replaced_at.empty())
      throw StoreError(
          msg(Msg::ImportReplaced, id, found.replaced_by.value_or(0), as_is(found.replaced_at)));
    FigureDeltas deltas;
    std::vector<std::string> touched;
    impl_->take_out_import(id, deltas, touched);
    sql::Statement reviews(impl_->db, "DELETE FROM line_reviews WHERE import_id = ?");
    reviews.bind(1, id);
    reviews.exec();
    sql::Statement del(impl_->db, "DELETE FROM realisation_lines WHERE import_id = ?");
    del.bind(1, id);
    int64_t n = del.exec();
    Impl::FreshLines none;
    impl_->refigure(std::move(touched), none, deltas);
    impl_->apply(deltas);
    sql::Statement mark(impl_->db, "UPDATE imports SET removed_at = ? WHERE id = ?");
    found.removed_at = now_utc();
    mark.bind(1, found.removed_at);
    mark.bind(2, id);
    mark.exec();
    impl_->audit_lines("import.remove", found.contract,
                       facts({{"import", id}, {"rows_removed", n}}), found.source_file, found.hash);
    tx.commit();
    return found;
  });
}

void Register::begin_batch() {
  guarded(msg(Msg::DoingStartBatch), [&] {
    impl_->db.before_bulk_write();
    impl_->batch = std::make_unique<sql::Transaction>(impl_->db);
    impl_->batch_touched.clear();
    impl_->batch_fresh.clear();
    impl_->batch_contracts.clear();
    impl_->batch_imports.clear();
    impl_->batch_audit.clear();
    return 0;
  });
}

void Register::commit_batch() {
  guarded(msg(Msg::DoingCommitBatch), [&] {
    if (impl_->batch) {
      // The batch's candidates (refigure): valued now, each once, on the figures' day, before
      // the batch is committed with them — outside any file's savepoint.
      auto batch = std::move(impl_->batch);
      std::vector<std::string> touched = std::move(impl_->batch_touched);
      impl_->batch_touched.clear();
      // Lines came or went (also those written early, before a file of their contract): a
      // batch of contracts touches no candidate.
      const bool lines = !touched.empty();
      if (!touched.empty()) {  // a batch of contracts touches none: no figures' day is set
        FigureDeltas deltas;
        impl_->refigure(std::move(touched), impl_->batch_fresh, deltas);
        impl_->apply(deltas);
      }
      impl_->flush_batch();  // the lines once, with their figures
      batch->commit();
      if (lines) impl_->db.after_batch_of_lines();
    }
    return 0;
  });
}

namespace {

void stream_lines(sql::Statement& st, const std::function<void(LineRecord&&)>& fn) {
  LineReader read(st);
  while (st.executeStep()) {
    LineRecord r;
    read(r);
    fn(std::move(r));
  }
}

}  // namespace

void Register::for_each_line_by_candidate(const std::function<void(LineRecord&&)>& fn) const {
  guarded(msg(Msg::DoingReadLines), [&] {
    sql::Statement st(impl_->db, std::string(kLineColumns) + " ORDER BY candidate, id",
                      sql::Stream::Rows);
    stream_lines(st, fn);
    return 0;
  });
}

void Register::for_each_line_of_candidates_in(const std::string& contract_id,
                                              const std::function<void(LineRecord&&)>& fn) const {
  guarded(msg(Msg::DoingReadLines), [&] {
    sql::Statement st(impl_->db,
                      std::string(kLineColumns) +
                          " WHERE candidate IN (SELECT candidate FROM realisation_lines WHERE "
                          "contract_id = ?) ORDER BY candidate, id",
                      sql::Stream::Rows);
    st.bind(1, contract_id);
    stream_lines(st, fn);
    return 0;
  });
}

Register::Snapshot::Snapshot(const Register& reg) : reg_(reg) {
  // Within another snapshot (a reader that reads its version beside a status): that one.
  if (reg_.impl_->snapshots > 0) {
    ++reg_.impl_->snapshots;
    return;
  }
  guarded(msg(Msg::DoingReadRegister), [&] {
    reg_.impl_->db.begin_read();
    return 0;
  });
  reg_.impl_->snapshots = 1;
}

std::unique_ptr<Register> Register::reader_beside() const {
  if (!sql::is_postgres(impl_->path) || impl_->snapshots == 0) return nullptr;
  return guarded(msg(Msg::DoingReadRegister), [&] {
    sql::Statement st(impl_->db, "SELECT pg_export_snapshot()");
    st.executeStep();
    std::string id = st.getColumn(0).getString();
    // The server's name for it ("00000003-0000001B-1"): nothing else goes into the statement.
    if (id.empty() || id.find_first_not_of("0123456789ABCDEFabcdef-") != std::string::npos)
      throw sql::Error(sql::Fault::Other, 0, "unexpected snapshot name " + id);
    auto other = std::make_unique<Register>(impl_->path, Access::ReadOnly, impl_->user);
    other->impl_->db.exec(
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '" + id + "'");
    other->impl_->snapshots = 1;  // its reads lie in that transaction, ended when it closes
    return other;
  });
}

Register::Snapshot::~Snapshot() {
  if (--reg_.impl_->snapshots > 0) return;
  try {
    reg_.impl_->db.commit();
  } catch (...) {  // a read transaction has nothing to lose; never throw from here
  }
}

std::map<std::string, int64_t> Register::line_counts() const {
  return guarded(msg(Msg::DoingCountLines), [&] {
    std::map<std::string, int64_t> out;
    sql::Statement st(impl_->db,
                      "SELECT contract_id, COUNT(*) FROM realisation_lines GROUP BY contract_id");
    while (st.executeStep()) out[st.getColumn(0).getString()] = st.getColumn(1).getInt64();
    return out;
  });
}

}  // namespace sroi::store
