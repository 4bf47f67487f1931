// SPDX-License-Identifier: EUPL-1.2
// Figures that follow the data (schema 7): each line's stored figure, each contract's sums and
// the candidates waiting for re-valuation, kept in step by the writes in register_lines.cpp,
// read by status and kpi, and made anew by `sroi db revalue`.
#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <unordered_set>

#include "sroi/msg/register.hpp"
#include "sroi/msg/store.hpp"
#include "sroi/store/register.hpp"
#include "sroi/store/register_impl.hpp"

namespace sroi::store {

namespace {

/// The earliest start and latest end of a candidate's lines (what decides whether its figures
/// depend on the day counted up to).
std::pair<Date, Date> span_of(const std::vector<LineRef>& lines) {
  Date first = lines.front().line->start, last = lines.front().line->end;
  for (const LineRef& l : lines) {
    first = std::min(first, l.line->start);
    last = std::max(last, l.line->end);
  }
  return {first, last};
}

/// The lines a scope selects, as the WHERE of kLineColumns (see RevalueScope). On the
/// figures' day: the waiting candidates' and those with a line in an affected contract (the
/// first parameter, a JSON array of ids); on a kept day (`kept`) also those with a figure of
/// their own on it (the next parameter, the day). On another day, or without a figures' day,
/// which candidates differ is decided per candidate by whoever reads (figures_differ): every
/// line. `within` keeps the candidates with a line in some contracts (the next parameter, a
/// JSON array of ids).
std::string scope_where(const sql::Dialect& d, bool all, bool kept, bool within) {
  std::string out;
  if (!all)
    out = std::string(
              " WHERE candidate IN (SELECT candidate FROM candidates UNION SELECT candidate FROM "
              "realisation_lines WHERE contract_id IN (") +
          d.text_list + ")" +
          (kept ? " UNION SELECT candidate FROM kept_figures WHERE day = ?" : "") + ")";
  if (within)
    out += std::string(all ? " WHERE" : " AND") +
           " candidate IN (SELECT candidate FROM realisation_lines WHERE contract_id IN (" +
           d.text_list + "))";
  return out + " ORDER BY candidate, id";
}

/// Binds a scope's parameters to a statement made with scope_where.
void bind_scope(sql::Statement& st, bool all, bool kept, const RevalueScope& scope) {
  int next = 1;
  if (!all) st.bind(next++, json_list(scope.affected));
  if (!all && kept) st.bind(next++, scope.day.iso());
  if (scope.within) st.bind(next, json_list(*scope.within));
}

/// Streams the lines `lines` selects (kLineColumns, ordered by candidate and id) to `fn`; with
/// a kept day, each with its figure on that day where one is kept: the day's rows are read in
/// the same order beside them (two ordered scans, no lookup per line).
void stream_lines(sql::Connection& db, sql::Statement& lines, const std::optional<Date>& kept_day,
                  const std::function<void(FiguredLine&&)>& fn) {
  std::optional<sql::Statement> kept;
  bool more = false;
  std::string candidate;
  int64_t line = 0;
  auto next = [&] {
    more = kept->executeStep();
    if (!more) return;
    candidate = kept->getColumn(0).getString();
    line = kept->getColumn(1).getInt64();
  };
  if (kept_day) {
    kept.emplace(db,
                 "SELECT candidate, line_id, value_cents, figure_flags FROM kept_figures WHERE "
                 "day = ? ORDER BY candidate, line_id",
                 sql::Stream::Rows);
    kept->bind(1, kept_day->iso());
    next();
  }
  LineReader read(lines);
  while (lines.executeStep()) {
    FiguredLine r;
    read(r);
    while (more && (candidate < r.line.candidate || (candidate == r.line.candidate && line < r.id)))
      next();
    if (more && candidate == r.line.candidate && line == r.id) {
      r.on_kept_day = true;
      if (!kept->getColumn(2).isNull())
        r.kept = figure_from(kept->getColumn(2).getInt64(), kept->getColumn(3).getInt64());
      next();
    }
    fn(std::move(r));
  }
}

}  // namespace

std::vector<Register::Impl::FreshPlace> Register::Impl::by_candidate(
    const std::vector<std::string>& touched, const FreshLines& fresh) {
  // A place per candidate, then each line into its candidate's run in the files' order: a
  // stable sort of a million lines by their candidates' names took a second.
  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(touched.size());
  for (std::size_t t = 0; t < touched.size(); ++t) index.emplace(touched[t], t);
  std::vector<std::size_t> starts(touched.size() + 1, 0);
  std::vector<std::size_t> of;  // each fresh line's candidate, in the files' order
  for (const FreshFile& file : fresh)
    for (const RealisationLine& l : file.lines) {
      of.push_back(index.at(l.candidate));
      ++starts[of.back() + 1];
    }
  for (std::size_t t = 0; t < touched.size(); ++t) starts[t + 1] += starts[t];
  std::vector<FreshPlace> order(of.size());
  std::size_t n = 0;
  for (std::size_t f = 0; f < fresh.size(); ++f)
    for (std::size_t k = 0; k < fresh[f].lines.size(); ++k) order[starts[of[n++]]++] = {f, k};
  return order;
}

void each_candidate(sql::Statement& st, const std::function<void(std::vector<FiguredLine>&)>& fn) {
  std::vector<FiguredLine> group;
  LineReader read(st);
  while (st.executeStep()) {
    FiguredLine r;
    read(r);
    if (!group.empty() && group.front().line.candidate != r.line.candidate) {
      fn(group);
      group.clear();
    }
    group.push_back(std::move(r));
  }
  if (!group.empty()) fn(group);
}

std::vector<ContractRecord> Register::Impl::read_contracts(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<ContractRecord> found;
  if (ids.empty()) return found;
  // Each with its certificates in one statement (a server's round trip each): a row per
  // certificate, a contract's rows one after another.
  sql::Statement st(db, kContractWithPsoColumns + " WHERE " +
                            among(db.dialect(), "contracts.id", ids.size()) +
                            " ORDER BY contracts.id, contract_pso.seq");
  bind_ids(st, 1, ids);
  while (st.executeStep()) {
    if (found.empty() || found.back().contract.id != text_of(st, 0))
      found.push_back(read_contract(st));
    if (!st.getColumn(20).isNull())
      found.back().pso.push_back(pso_from(st, 20, found.back().contract.id));
  }
  return found;
}

void Register::Impl::cache_contracts(std::vector<std::string> ids) {
  std::erase_if(ids, [&](const std::string& id) { return contract_cache.contains(id); });
  for (ContractRecord& c : read_contracts(std::move(ids))) {
    std::string id = c.contract.id;
    contract_cache.emplace(std::move(id), std::move(c));
  }
}

const ContractRecord& Register::Impl::contract_record(const std::string& id) {
  auto it = contract_cache.find(id);
  if (it != contract_cache.end()) return it->second;
  auto found = find_contract(id);
  if (!found) throw StoreError(msg(Msg::UnknownContract, as_is(id)));
  return contract_cache.emplace(id, std::move(*found)).first->second;
}

std::optional<Date> Register::Impl::figures_day() {
  sql::Statement& st = prepared("SELECT day FROM figures_meta WHERE id = 1");
  std::optional<Date> day;
  if (st.executeStep() && !st.getColumn(0).isNull()) day = date_from(text_of(st, 0));
  st.reset();
  if (!day && valuer) {
    // The first valuation of a register without figures: it counts up to today from now on.
    day = valuer->today();
    sql::Statement& set = prepared("UPDATE figures_meta SET day = ? WHERE id = 1");
    set.bind(1, day->iso());
    set.exec();
  }
  return day;
}

void Register::Impl::take_out_import(int64_t import_id, FigureDeltas& deltas,
                                     std::vector<std::string>& touched) {
  sql::Statement& st = prepared(
      "SELECT candidate, contract_id, value_cents, figure_flags FROM realisation_lines WHERE "
      "import_id = ?");
  st.bind(1, import_id);
  while (st.executeStep()) {
    touched.push_back(st.getColumn(0).getString());
    if (!st.getColumn(2).isNull())
      deltas.add(st.getColumn(1).getString(),
                 figure_from(st.getColumn(2).getInt64(), st.getColumn(3).getInt64()), -1);
  }
  st.reset();
}

void Register::Impl::refigure(std::vector<std::string> touched, FreshLines& fresh,
                              FigureDeltas& deltas) {
  for (FreshFile& file : fresh) {
    file.figures.assign(file.lines.size(), std::nullopt);
    for (const RealisationLine& l : file.lines) touched.push_back(l.candidate);
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  if (batch) {
    // Inside a batch of files the lines wait (batch_fresh); their candidates are valued at
    // commit_batch, each once however many files touched it.
    batch_touched.insert(batch_touched.end(), touched.begin(), touched.end());
    return;
  }
  if (!valuer) {
    // Nothing values here: the lines are written without figures and their candidates wait
    // (readers value them; `sroi db revalue` stores them).
    mark_candidates(touched, 1);
    return;
  }
  Date day = *figures_day();
  std::vector<FreshPlace> order = by_candidate(touched, fresh);
  auto candidate_of = [&](const FreshPlace& p) -> const std::string& {
    return fresh[p.first].lines[p.second].candidate;
  };
  FigureChanges changes;
  KeptRows kept;
  kept.days = kept_days();
  if (!kept.days.empty()) kept.candidates = touched;  // also those whose lines are all gone
  KpiRows kpi;
  kpi.candidates = touched;
  const bool some_wait = some_candidate_waits();
  sql::Statement& st = prepared(std::string(kLineColumns) + " WHERE candidate IN (" +
                                db.dialect().text_list + ") ORDER BY candidate, id");
  std::size_t b = 0;  // the next fresh line (in `order`)
  std::vector<FiguredLine> stored;
  std::vector<std::string> contracts;  // to read before valuing, all in one go
  for (const FreshFile& f : fresh) contracts.push_back(f.contract);
  Valuing valuing;  // kept from one candidate to the next
  std::vector<std::string> in_step, problems;
  // A few thousand candidates at a time: their stored lines (in candidate and registration
  // order), each candidate's fresh lines after them (their ids are larger).
  constexpr std::size_t kChunk = 4096;
  for (std::size_t from = 0; from < touched.size(); from += kChunk) {
    std::size_t to = std::min(touched.size(), from + kChunk);
    st.bind(1, json_list(std::vector<std::string>(touched.begin() + static_cast<long>(from),
                                                  touched.begin() + static_cast<long>(to))));
    stored.clear();
    LineReader read(st);
    while (st.executeStep()) {
      FiguredLine r;
      read(r);
      if (contracts.empty() || contracts.back() != r.contract) contracts.push_back(r.contract);
      stored.push_back(std::move(r));
    }
    st.reset();
    cache_contracts(std::move(contracts));
    contracts.clear();
    std::size_t a = 0;
    for (std::size_t t = from; t < to; ++t) {
      const std::string& name = touched[t];
      std::size_t stored_from = a, fresh_from = b;
      while (a < stored.size() && stored[a].line.candidate == name) ++a;
      while (b < order.size() && candidate_of(order[b]) == name) ++b;
      bool ok = refigure_candidate(std::span(stored).subspan(stored_from, a - stored_from), fresh,
                                   std::span(order).subspan(fresh_from, b - fresh_from), day,
                                   valuing, deltas, changes, kept, kpi);
      if (!ok)
        problems.push_back(name);
      else if (some_wait)
        in_step.push_back(name);
    }
  }
  store_figures(changes);
  write_kept(kept);
  write_kpi(kpi, false);
  clear_candidates(in_step);
  mark_candidates(problems, 2);
}

bool Register::Impl::refigure_candidate(std::span<const FiguredLine> stored, FreshLines& fresh,
                                        std::span<const FreshPlace> fresh_lines, const Date& day,
                                        Valuing& v, FigureDeltas& deltas, FigureChanges& changes,
                                        KeptRows& kept, KpiRows& kpi) {
  if (stored.empty() && fresh_lines.empty()) return true;  // all its lines are gone
  v.refs.clear();
  for (const FiguredLine& l : stored) v.refs.push_back({l.id, &l.contract, &l.line});
  // Fresh lines only come with imports (a removal has none).
  for (auto [f, k] : fresh_lines)
    v.refs.push_back({fresh[f].id(k), &fresh[f].contract, &fresh[f].lines[k]});
  bool ok = value_refs(v, day);
  if (!kept.days.empty()) keep_candidate(v, day, kept);
  kpi.add(v);
  const auto& figures = v.figures;
  for (std::size_t k = 0; k < stored.size(); ++k) book(stored[k], figures[k], deltas, changes);
  for (std::size_t n = 0; n < fresh_lines.size(); ++n) {
    const auto& figure = figures[stored.size() + n];
    FreshFile& file = fresh[fresh_lines[n].first];
    if (figure) deltas.add(file.contract, *figure, 1);
    file.figures[fresh_lines[n].second] = figure;
  }
  return ok;
}

void Register::Impl::contracts_of(Valuing& v) {
  v.contracts.clear();
  const ContractRecord* last = nullptr;
  for (const LineRef& r : v.refs) {
    // A candidate's lines mostly come one contract at a time: one look-up for each run.
    if (!last || last->contract.id != *r.contract) last = &contract_record(*r.contract);
    v.contracts.push_back(last);
  }
}

bool Register::Impl::value_refs(Valuing& v, const Date& day) {
  contracts_of(v);
  v.figures.clear();
  return valuer->value(v.refs, v.contracts, day, v.figures);
}

std::vector<Date> Register::Impl::kept_days() {
  sql::Statement& st = prepared("SELECT day FROM kept_days ORDER BY day");
  std::vector<Date> out;
  while (st.executeStep()) out.push_back(date_from(text_of(st, 0)));
  st.reset();
  return out;
}

void Register::Impl::keep_candidate(Valuing& v, const Date& main, KeptRows& kept) {
  if (v.refs.empty()) return;
  auto [first, last] = span_of(v.refs);
  for (std::size_t d = 0; d < kept.days.size(); ++d) {
    // Where the rule says the figures hold on both days, none differs: nothing to value.
    if (!figures_differ(main, kept.days[d], first, last)) continue;
    kept.on_day.clear();
    valuer->value(v.refs, v.contracts, kept.days[d], kept.on_day);
    for (std::size_t k = 0; k < v.refs.size(); ++k)
      if (kept.on_day[k] != v.figures[k])
        kept.rows.push_back({d, v.refs[k].line->candidate, v.refs[k].id, kept.on_day[k]});
  }
}

void Register::Impl::write_kept(const KeptRows& kept) {
  if (kept.days.empty()) return;
  if (!kept.candidates.empty()) {
    sql::Statement& del =
        prepared(std::string("DELETE FROM kept_figures WHERE day = ? AND candidate IN (") +
                 db.dialect().text_list + ")");
    std::string names = json_list(kept.candidates);
    for (const Date& d : kept.days) {
      del.bind(1, d.iso());
      del.bind(2, names);
      del.exec();
      del.reset();
    }
  }
  write_rows("INSERT INTO kept_figures(day, candidate, line_id, value_cents, figure_flags) VALUES ",
             "(?, ?, ?, ?, ?)", "", kept.rows.size(), 64,
             [&](sql::Statement& st, std::size_t k, int first) {
               const KeptRows::Row& row = kept.rows[k];
               st.bind(first, kept.days[row.day].iso());
               st.bind(first + 1, row.candidate);
               st.bind(first + 2, row.line);
               bind_figure(st, first + 3, row.figure);
             });
}

void Register::Impl::book(const FiguredLine& l, const std::optional<LineFigure>& now,
                          FigureDeltas& deltas, FigureChanges& changes) {
  if (l.figure == now) return;
  if (l.figure) deltas.add(l.contract, *l.figure, -1);
  if (now) deltas.add(l.contract, *now, 1);
  changes.emplace_back(l.id, now);
}

void Register::Impl::mark_candidates(const std::vector<std::string>& names, int state) {
  if (names.empty()) return;
  // A candidate in step has no row. (SQLite reads `ON CONFLICT` after a SELECT only behind a
  // WHERE.)
  sql::Statement& mark =
      prepared(std::string("INSERT INTO candidates(candidate, state) SELECT DISTINCT t.*, ") +
               std::to_string(state) + " FROM (" + db.dialect().text_list +
               ") AS t WHERE true ON CONFLICT(candidate) DO UPDATE SET state = excluded.state");
  mark.bind(1, json_list(names));
  mark.exec();
  mark.reset();
}

void Register::Impl::clear_candidates(const std::vector<std::string>& names) {
  delete_candidates("candidates", names);
}

void Register::Impl::delete_candidates(const char* table, const std::vector<std::string>& names) {
  if (names.empty()) return;
  sql::Statement& del = prepared(std::string("DELETE FROM ") + table + " WHERE candidate IN (" +
                                 db.dialect().text_list + ")");
  del.bind(1, json_list(names));
  del.exec();
  del.reset();
}

bool Register::Impl::some_candidate_waits() {
  sql::Statement& any =
      prepared("SELECT COUNT(*) FROM (SELECT 1 FROM candidates LIMIT 1) AS waiting");
  any.executeStep();
  bool some = any.getColumn(0).getInt() != 0;
  any.reset();
  return some;
}

void Register::Impl::store_figures(const FigureChanges& changes) {
  // A few dozen rows per statement; the values' columns are column1… in both stores, typed by
  // CAST for PostgreSQL.
  write_rows(
      "UPDATE realisation_lines SET value_cents = v.column2, figure_flags = v.column3 FROM "
      "(VALUES ",
      "(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))",
      ") AS v WHERE realisation_lines.id = v.column1", changes.size(), 64,
      [&](sql::Statement& st, std::size_t k, int first) {
        st.bind(first, changes[k].first);
        bind_figure(st, first + 1, changes[k].second);
      });
}

void Register::Impl::apply(const FigureDeltas& deltas) {
  // Every contract a valued line belongs to is marked as moved by this write (the audit log's
  // count, plus one, before its entries: changes_since), also where its sums stay: where only
  // accepted deliveries count, value can pass between its lines. A few dozen contracts per
  // statement (a batch of files moves thousands).
  std::vector<const FigureDeltas::Entry*> moved = deltas.in_order();
  write_rows(
      "UPDATE contract_figures SET realised_cents = realised_cents + v.column2, "
      "lines = lines + v.column3, reduced = reduced + v.column4, "
      "provisional = provisional + v.column5, moved = (SELECT entries + 1 FROM audit_head "
      "WHERE id = 1) FROM (VALUES ",
      "(CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), "
      "CAST(? AS BIGINT))",
      ") AS v WHERE contract_figures.contract_id = v.column1", moved.size(), 64,
      [&](sql::Statement& st, std::size_t k, int first) {
        const auto& [contract, d] = *moved[k];
        st.bind(first, contract);
        st.bind(first + 1, d.cents);
        st.bind(first + 2, d.lines);
        st.bind(first + 3, d.reduced);
        st.bind(first + 4, d.provisional);
      });
}

void Register::Impl::start_figures(const std::string& contract_id) {
  sql::Statement& st =
      prepared("INSERT INTO contract_figures(contract_id, valued_with) VALUES (?, ?)");
  st.bind(1, contract_id);
  if (valuer)
    st.bind(2, valuer->fingerprint(contract_record(contract_id)));
  else
    st.bind(2);
  st.exec();
  // The register's first contract: every contract is valued with these models. Else valued
  // with other models than the others (or none): no longer one print for all, until `db
  // revalue`. Only a row that changes is written (and locked); in this order, so that two
  // first contracts added at once with different models leave none.
  if (valuer) {
    sql::Statement& first = prepared(
        "UPDATE figures_meta SET models = ? WHERE id = 1 AND models IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM contracts WHERE id <> ?)");
    first.bind(1, valuer->models());
    first.bind(2, contract_id);
    first.exec();
    sql::Statement& other =
        prepared("UPDATE figures_meta SET models = NULL WHERE id = 1 AND models <> ?");
    other.bind(1, valuer->models());
    other.exec();
  } else {
    prepared("UPDATE figures_meta SET models = NULL WHERE id = 1 AND models IS NOT NULL").exec();
  }
}

void Register::set_valuer(const Valuer* valuer) { impl_->valuer = valuer; }

FiguresState Register::figures_state() const {
  return guarded(msg(Msg::DoingReadFigures), [&] {
    FiguresState out;
    // One round trip: the figures' row, then the kept days in order (one contract's status on
    // a server pays for each statement).
    sql::Statement st(impl_->db,
                      "SELECT 0, day, models, (SELECT COUNT(*) FROM candidates) FROM figures_meta "
                      "WHERE id = 1 UNION ALL SELECT 1, day, NULL, 0 FROM kept_days ORDER BY 1, 2");
    while (st.executeStep()) {
      if (st.getColumn(0).getInt64() == 1) {
        out.kept_days.push_back(date_from(text_of(st, 1)));
        continue;
      }
      if (!st.getColumn(1).isNull()) out.day = date_from(text_of(st, 1));
      if (!st.getColumn(2).isNull()) out.models = st.getColumn(2).getString();
      out.waiting = st.getColumn(3).getInt64();
    }
    return out;
  });
}

std::map<std::string, ContractFigures> Register::contract_figures(
    const std::optional<std::vector<std::string>>& only) const {
  return guarded(msg(Msg::DoingReadFigures), [&] {
    std::map<std::string, ContractFigures> out;
    sql::Statement st(
        impl_->db, std::string("SELECT contract_id, realised_cents, lines, reduced, "
                               "provisional, valued_with FROM contract_figures") +
                       (only ? " WHERE " + among(impl_->db.dialect(), "contract_id", only->size())
                             : std::string()));
    if (only) bind_ids(st, 1, *only);
    while (st.executeStep()) {
      ContractFigures f;
      f.cents = st.getColumn(1).getInt64();
      f.lines = st.getColumn(2).getInt64();
      f.reduced = st.getColumn(3).getInt64();
      f.provisional = st.getColumn(4).getInt64();
      if (!st.getColumn(5).isNull()) f.valued_with = st.getColumn(5).getString();
      out.emplace(st.getColumn(0).getString(), std::move(f));
    }
    return out;
  });
}

void Register::for_each_line_to_revalue(const RevalueScope& scope,
                                        const std::function<void(FiguredLine&&)>& fn) const {
  guarded(msg(Msg::DoingReadLines), [&] {
    FiguresState state = figures_state();
    bool kept = state.day && *state.day != scope.day && state.keeps(scope.day);
    bool all = !state.day || (*state.day != scope.day && !kept);
    sql::Statement st(impl_->db,
                      std::string(kLineColumns) +
                          scope_where(impl_->db.dialect(), all, kept, scope.within.has_value()),
                      sql::Stream::Rows);
    bind_scope(st, all, kept, scope);
    stream_lines(impl_->db, st, kept ? std::optional<Date>(scope.day) : std::nullopt, fn);
    return 0;
  });
}

void Register::for_each_figured_line(const std::function<void(FiguredLine&&)>& fn,
                                     const std::optional<Date>& kept_day) const {
  guarded(msg(Msg::DoingReadLines), [&] {
    sql::Statement st(impl_->db, std::string(kLineColumns) + " ORDER BY candidate, id",
                      sql::Stream::Rows);
    stream_lines(impl_->db, st, kept_day, fn);
    return 0;
  });
}

std::vector<std::string> column_for(sql::Connection& db, const std::string& select,
                                    const std::vector<std::string>& in) {
  std::vector<std::string> out;
  sql::Statement st(db, select + "(" + db.dialect().text_list + ")");
  st.bind(1, json_list(in));
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

std::vector<std::string> candidates_in(sql::Connection& db, const std::vector<std::string>& ids) {
  return column_for(db, "SELECT DISTINCT candidate FROM realisation_lines WHERE contract_id IN ",
                    ids);
}

namespace {

/// The contracts with a line of a candidate who works on one of the contracts `ids` (those of
/// `ids` with lines among them). Two reads, each a list of ids against an index: as one
/// statement PostgreSQL guessed thousands of contracts from the join and scanned the whole
/// contracts table (8 ms at 20,000 contracts, growing with the register).
std::vector<std::string> contracts_sharing(sql::Connection& db,
                                           const std::vector<std::string>& ids) {
  std::vector<std::string> candidates = candidates_in(db, ids);
  if (candidates.empty()) return {};
  return column_for(db, "SELECT DISTINCT contract_id FROM realisation_lines WHERE candidate IN ",
                    candidates);
}

}  // namespace

void Register::for_each_line_of_candidates_in(const std::vector<std::string>& ids,
                                              const std::function<void(FiguredLine&&)>& fn) const {
  guarded(msg(Msg::DoingReadLines), [&] {
    // Two reads, each a list against an index (as contracts_sharing_candidates below).
    std::vector<std::string> candidates = candidates_in(impl_->db, ids);
    if (candidates.empty()) return 0;
    sql::Statement st(impl_->db,
                      std::string(kLineColumns) + " WHERE candidate IN (" +
                          impl_->db.dialect().text_list + ") ORDER BY candidate, id",
                      sql::Stream::Rows);
    st.bind(1, json_list(candidates));
    stream_lines(impl_->db, st, std::nullopt, fn);
    return 0;
  });
}

std::vector<ContractRecord> Register::contracts_sharing_candidates(
    const std::vector<std::string>& ids) const {
  return guarded(msg(Msg::DoingReadContracts), [&] {
    // The contracts sharing the named ones' candidates, then their records.
    std::vector<std::string> sharing = contracts_sharing(impl_->db, ids);
    std::vector<std::string> named = ids;
    std::sort(named.begin(), named.end());
    std::erase_if(sharing, [&](const std::string& id) {
      return std::binary_search(named.begin(), named.end(), id);
    });
    if (sharing.empty()) return std::vector<ContractRecord>{};
    std::vector<ContractRecord> out = impl_->read_contracts(std::move(sharing));
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.contract.id < b.contract.id; });
    return out;
  });
}

std::vector<ContractPrint> Register::prints_sharing_candidates(
    const std::vector<std::string>& ids) const {
  return guarded(msg(Msg::DoingReadContracts), [&] {
    std::vector<std::string> all = contracts_sharing(impl_->db, ids);
    all.insert(all.end(), ids.begin(), ids.end());
    // Both tables by their keys, a few hundred lookups (measured on PostgreSQL at 20,000
    // contracts: 1.0 ms; a subquery per contract took 2.3 ms).
    sql::Statement st(impl_->db,
                      std::string("SELECT c.id, c.region, c.region_version, c.start_date, "
                                  "f.valued_with FROM contracts c LEFT JOIN contract_figures f "
                                  "ON f.contract_id = c.id WHERE c.id IN (") +
                          impl_->db.dialect().text_list + ") ORDER BY c.id");
    st.bind(1, json_list(all));
    std::vector<ContractPrint> out;
    while (st.executeStep()) {
      ContractPrint p;
      p.id = st.getColumn(0).getString();
      p.region.id = st.getColumn(1).getString();
      if (!st.getColumn(2).isNull()) p.region.version = st.getColumn(2).getString();
      p.start = date_from(st.getColumn(3).getString());
      if (!st.getColumn(4).isNull()) p.valued_with = st.getColumn(4).getString();
      p.region.where = SourceLocation{"contract " + p.id};
      out.push_back(std::move(p));
    }
    return out;
  });
}

std::vector<std::string> Register::waiting_candidates() const {
  return guarded(msg(Msg::DoingReadFigures), [&] {
    std::vector<std::string> out;
    sql::Statement st(impl_->db, "SELECT candidate FROM candidates ORDER BY candidate");
    while (st.executeStep()) out.push_back(st.getColumn(0).getString());
    return out;
  });
}

struct Register::RevaluePlan {
  std::optional<Date> was;  ///< the figures' day before
  RevalueScope scope;       ///< the contracts valued with another region model (or all)
  std::map<std::string, std::string> prints;  ///< their model's fingerprint now
  bool every = false;                         ///< every line is read: everything, or another day
};

Register::RevaluePlan Register::plan_revalue(const Date& day, bool all) {
  Impl& m = *impl_;
  RevaluePlan plan;
  plan.was = m.figures_day();
  plan.scope.day = day;
  // Contracts whose region version changed since their lines were valued.
  std::map<std::string, ContractFigures> stored = contract_figures();
  for (auto& c : contracts()) {
    std::string print = m.valuer->fingerprint(c);
    auto it = stored.find(c.contract.id);
    if (all || it == stored.end() || it->second.valued_with != print) {
      plan.scope.affected.push_back(c.contract.id);
      plan.prints[c.contract.id] = print;
    }
    m.contract_cache.emplace(c.contract.id, std::move(c));
  }
  // Everything, or on another day every line with the choice made per candidate; on the same
  // day only the waiting and affected candidates.
  plan.every = all || !plan.was || *plan.was != day;
  return plan;
}

std::vector<std::string> Register::to_revalue(const RevaluePlan& plan, const Date& day) {
  Impl& m = *impl_;
  std::vector<std::string> todo = waiting_candidates();
  if (plan.every) {
    // Another day: each candidate's span decides (figures_differ), or a line in a changed
    // contract. Dates are ISO text, whose order is the days' order.
    std::unordered_set<std::string> affected(plan.scope.affected.begin(),
                                             plan.scope.affected.end());
    sql::Statement st(m.db,
                      "SELECT candidate, contract_id, start_date, end_date FROM "
                      "realisation_lines ORDER BY candidate",
                      sql::Stream::Rows);
    std::string candidate, first, last;
    bool needed = false, any = false;
    auto decide = [&] {
      if (any && (needed || figures_differ(plan.was, day, date_from(first), date_from(last))))
        todo.push_back(candidate);
    };
    while (st.executeStep()) {
      std::string_view c = text_of(st, 0);
      if (!any || c != candidate) {
        decide();
        candidate = std::string(c);
        first = std::string(text_of(st, 2));
        last = std::string(text_of(st, 3));
        needed = false;
        any = true;
      } else {
        std::string_view a = text_of(st, 2), b = text_of(st, 3);
        if (a < first) first = std::string(a);
        if (b > last) last = std::string(b);
      }
      if (!needed && !affected.empty()) needed = affected.count(std::string(text_of(st, 1))) > 0;
    }
    decide();
  } else if (!plan.scope.affected.empty()) {
    std::vector<std::string> in = candidates_in(m.db, plan.scope.affected);
    todo.insert(todo.end(), in.begin(), in.end());
  }
  std::sort(todo.begin(), todo.end());
  todo.erase(std::unique(todo.begin(), todo.end()), todo.end());
  return todo;
}

RevalueOutcome Register::revalue(const Date& day, bool all,
                                 const std::function<void(int64_t)>& progress, std::size_t part) {
  if (!impl_->valuer) throw std::logic_error("Register::revalue needs a valuer");
  return guarded(msg(Msg::DoingRevalue), [&] {
    Impl& m = *impl_;
    auto audit = [&](const RevalueOutcome& o, std::size_t k, std::size_t parts) {
      m.audit("figures.revalue", "register",
              parts == 1 ? facts({{"day", day.iso()},
                                  {"all", all},
                                  {"candidates", o.candidates},
                                  {"lines", o.lines},
                                  {"changed", o.changed}})
                         : facts({{"day", day.iso()},
                                  {"all", all},
                                  {"candidates", o.candidates},
                                  {"lines", o.lines},
                                  {"changed", o.changed},
                                  {"part", static_cast<int64_t>(k + 1)},
                                  {"parts", static_cast<int64_t>(parts)}}));
    };
    // Many rows change, in parts that each touch most of the lines' pages: kept in memory
    // from one part to the next, and folded into the file less often.
    m.db.before_bulk_write();
    auto tx = std::make_unique<sql::Transaction>(m.db);
    RevaluePlan plan = plan_revalue(day, all);
    part = std::max<std::size_t>(part, 1);
    // What to value is known before a line is valued, so that it can go in parts; but not
    // everything (`all`, or a register valued for the first time), which is one transaction.
    std::optional<std::vector<std::string>> todo;
    if (!all && plan.was) todo = to_revalue(plan, day);
    // Nothing waits, no model changed and the day stays (a second portal that finds the work
    // done, `db revalue` twice): nothing is written, not even an audit entry, which would make
    // every portal compute the whole register's status again (changes_since).
    if (todo && todo->empty() && *plan.was == day && plan.scope.affected.empty()) {
      // Every contract is valued with its model now; a register from before schema 15 learns
      // their print here, once (no row changes when it is known).
      m.note_models();
      tx->commit();
      RevalueOutcome out;
      out.day = day;
      out.in_step = true;
      return out;
    }
    if (!todo || todo->size() <= part) {
      RevalueOutcome out = revalue_part(plan, day, all, todo ? &*todo : nullptr, progress, true);
      audit(out, 0, 1);
      tx->commit();
      m.db.after_bulk_write();  // many rows changed
      return out;
    }
    // From the first part on the day is the new one, the changed contracts count as valued
    // with their new model, and the candidates to value wait (state 1) until their part is
    // done: readers value waiting candidates (the others' figures hold on either day), a crash
    // between parts leaves only those waiting, and another writer's re-valuation meanwhile (a
    // second portal) takes what still waits instead of starting again.
    const std::vector<std::string>& wait = *todo;
    m.mark_candidates(wait, 1);
    m.record_valuation(day, plan.prints);
    RevalueOutcome out;
    out.day = day;
    const std::size_t parts = (wait.size() + part - 1) / part;
    for (std::size_t k = 0; k < parts; ++k) {
      if (k > 0) {
        tx = std::make_unique<sql::Transaction>(m.db);
        // Another writer moved the figures' day meanwhile: its re-valuation valued every
        // waiting candidate on its day, this one's too.
        if (m.figures_day() != day) break;
      }
      auto from = wait.begin() + static_cast<std::ptrdiff_t>(k * part);
      std::vector<std::string> slice = column_for(
          m.db, "SELECT candidate FROM candidates WHERE candidate IN ",
          std::vector<std::string>(
              from, from + static_cast<std::ptrdiff_t>(std::min(part, wait.size() - k * part))));
      if (slice.empty()) {  // valued by another writer meanwhile
        tx->commit();
        continue;
      }
      RevalueOutcome done = revalue_part(plan, day, false, &slice, {}, false);
      audit(done, k, parts);
      tx->commit();
      out.candidates += done.candidates;
      out.lines += done.lines;
      out.changed += done.changed;
      if (progress) progress(out.candidates);
    }
    tx.reset();
    m.db.after_bulk_write();
    return out;
  });
}

RevalueOutcome Register::revalue_within(const Date& day, bool all,
                                        const std::function<void(int64_t)>& progress) {
  return revalue_part(plan_revalue(day, all), day, all, nullptr, progress, true);
}

RevalueOutcome Register::revalue_part(const RevaluePlan& plan, const Date& day, bool all,
                                      const std::vector<std::string>* slice,
                                      const std::function<void(int64_t)>& progress, bool finish) {
  RevalueOutcome out;
  out.day = day;
  Impl& m = *impl_;
  const bool every = plan.every;
  std::optional<sql::Statement> st;
  if (slice) {
    st.emplace(m.db,
               std::string(kLineColumns) + " WHERE candidate IN (" + m.db.dialect().text_list +
                   ") ORDER BY candidate, id",
               sql::Stream::Rows);
    st->bind(1, json_list(*slice));
  } else {
    st.emplace(m.db, std::string(kLineColumns) + scope_where(m.db.dialect(), every, false, false),
               sql::Stream::Rows);
    if (!every) bind_scope(*st, every, false, plan.scope);
  }
  std::unordered_set<std::string> waiting,
      affected(plan.scope.affected.begin(), plan.scope.affected.end());
  if (!all && !slice)
    for (auto& c : waiting_candidates()) waiting.insert(std::move(c));
  // Values streamed per candidate; the writes wait until the read is done.
  Impl::FigureChanges changes;
  std::vector<std::string> valued, problems;
  FigureDeltas deltas;
  Impl::KeptRows kept;
  kept.days = m.kept_days();
  Impl::KpiRows kpi;
  Impl::Valuing v;  // kept from one candidate to the next
  each_candidate(*st, [&](std::vector<FiguredLine>& group) {
    v.refs.clear();
    bool needed = all || slice || !every || waiting.count(group.front().line.candidate) > 0;
    for (const FiguredLine& l : group) {
      v.refs.push_back({l.id, &l.contract, &l.line});
      needed = needed || affected.count(l.contract) > 0;
    }
    auto [first, last] = span_of(v.refs);
    if (!needed && !figures_differ(plan.was, day, first, last)) return;
    bool ok = m.value_refs(v, day);
    if (!kept.days.empty()) m.keep_candidate(v, day, kept);
    kpi.add(v);
    for (std::size_t k = 0; k < group.size(); ++k)
      Impl::book(group[k], v.figures[k], deltas, changes);
    valued.push_back(group.front().line.candidate);
    if (!ok) problems.push_back(group.front().line.candidate);
    ++out.candidates;
    out.lines += static_cast<int64_t>(group.size());
    if (progress && out.candidates % 10000 == 0) progress(out.candidates);
  });
  st->reset();
  out.changed = static_cast<int64_t>(changes.size());
  m.store_figures(changes);
  if (!kept.days.empty()) {
    // Everything anew: no row of a candidate whose lines are all gone survives either.
    if (all)
      m.db.exec("DELETE FROM kept_figures");
    else
      kept.candidates = valued;
    m.write_kept(kept);
  }
  // The valued candidates are in step, but for those that met a problem; so are the waiting
  // ones that no line was read of (their lines are all gone: removed without a valuer, or
  // since a part was planned), which would otherwise wait for ever.
  // The kpi lines of every candidate valued, and of those whose lines are gone, anew.
  if (all) {
    m.db.exec("DELETE FROM candidates");
  } else if (slice) {
    kpi.candidates = *slice;
    m.clear_candidates(*slice);
  } else if (!waiting.empty() || every) {
    valued.insert(valued.end(), waiting.begin(), waiting.end());
    m.clear_candidates(valued);
  }
  if (!slice) kpi.candidates = std::move(valued);
  m.write_kpi(kpi, all);
  m.mark_candidates(problems, 2);
  if (all)
    m.sum_contract_figures();  // everything anew: the sums too, so no earlier drift survives
  else
    m.apply(deltas);
  if (finish) m.record_valuation(day, plan.prints);
  return out;
}

KeepOutcome Register::keep_day(const Date& day, bool drop,
                               const std::function<void(int64_t)>& progress) {
  if (!drop && !impl_->valuer) throw std::logic_error("Register::keep_day needs a valuer");
  return guarded(msg(Msg::DoingKeepDay, day), [&] {
    Impl& m = *impl_;
    sql::Transaction tx(m.db);
    FiguresState state;
    state.kept_days = m.kept_days();
    bool kept = state.keeps(day);
    KeepOutcome out;
    out.day = day;
    out.dropped = drop;
    if (drop) {
      if (!kept) throw StoreError(msg(Msg::DayNotKept, day));
      sql::Statement rows(m.db, "DELETE FROM kept_figures WHERE day = ?");
      rows.bind(1, day.iso());
      out.lines = rows.exec();
      sql::Statement gone(m.db, "DELETE FROM kept_days WHERE day = ?");
      gone.bind(1, day.iso());
      gone.exec();
      m.audit("figures.unkeep", "register", facts({{"day", day.iso()}, {"rows", out.lines}}));
      tx.commit();
      return out;
    }
    Date main = *m.figures_day();
    if (day == main) throw StoreError(msg(Msg::KeepFiguresDay, day));
    // The figures' day's figures in step first (waiting candidates, changed regions): the kept
    // figures are kept as their differences.
    RevalueOutcome in_step = revalue_within(main, false, {});
    sql::Statement old(m.db, "DELETE FROM kept_figures WHERE day = ?");
    old.bind(1, day.iso());
    old.exec();
    if (!kept) {
      sql::Statement add(m.db, "INSERT INTO kept_days(day) VALUES (?)");
      add.bind(1, day.iso());
      add.exec();
    }
    // Every candidate whose figures can differ on `day`, valued there; its lines whose figure
    // differs from the stored one become rows. The writes wait until the read is done.
    Impl::KeptRows rows;
    rows.days = {day};
    Impl::Valuing v;
    sql::Statement st(m.db, std::string(kLineColumns) + " ORDER BY candidate, id",
                      sql::Stream::Rows);
    each_candidate(st, [&](std::vector<FiguredLine>& group) {
      v.refs.clear();
      for (const FiguredLine& l : group) v.refs.push_back({l.id, &l.contract, &l.line});
      auto [first, last] = span_of(v.refs);
      if (!figures_differ(main, day, first, last)) return;
      v.figures.clear();
      for (const FiguredLine& l : group) v.figures.push_back(l.figure);
      m.contracts_of(v);
      m.keep_candidate(v, main, rows);
      ++out.candidates;
      if (progress && out.candidates % 10000 == 0) progress(out.candidates);
    });
    st.reset();
    out.lines = static_cast<int64_t>(rows.rows.size());
    m.write_kept(rows);
    m.audit("figures.keep", "register",
            facts({{"day", day.iso()},
                   {"figures_day", main.iso()},
                   {"candidates", out.candidates},
                   {"rows", out.lines},
                   {"revalued_first", in_step.candidates}}));
    tx.commit();
    m.db.after_bulk_write();  // many rows written
    return out;
  });
}

void Register::Impl::sum_contract_figures() {
  db.exec(
      "UPDATE contract_figures SET realised_cents = 0, lines = 0, reduced = 0, provisional = 0");
  db.exec(
      "INSERT INTO contract_figures(contract_id) SELECT id FROM contracts WHERE id NOT IN "
      "(SELECT contract_id FROM contract_figures)");
  db.exec(
      "UPDATE contract_figures SET (realised_cents, lines, reduced, provisional) = (SELECT "
      "COALESCE(SUM(value_cents), 0), COUNT(value_cents), COALESCE(SUM(CASE WHEN (figure_flags "
      "& 2) <> 0 THEN 1 ELSE 0 END), 0), COALESCE(SUM(figure_flags & 1), 0) FROM "
      "realisation_lines l WHERE "
      "l.contract_id = contract_figures.contract_id)");
}

void Register::Impl::record_valuation(const Date& day,
                                      const std::map<std::string, std::string>& prints) {
  sql::Statement print(db, "UPDATE contract_figures SET valued_with = ? WHERE contract_id = ?");
  for (const auto& [id, p] : prints) {
    print.bind(1, p);
    print.bind(2, id);
    print.exec();
    print.reset();
  }
  // Every contract whose fingerprint differed is valued with its model now (the plan, in this
  // write's transaction, took them all): one print holds for all.
  sql::Statement set_day(db, "UPDATE figures_meta SET day = ?, models = ? WHERE id = 1");
  set_day.bind(1, day.iso());
  set_day.bind(2, valuer->models());
  set_day.exec();
}

void Register::Impl::note_models() {
  sql::Statement& st = prepared(
      "UPDATE figures_meta SET models = ? WHERE id = 1 AND (models IS NULL OR models <> ?)");
  st.bind(1, valuer->models());
  st.bind(2, valuer->models());
  st.exec();
}

}  // namespace sroi::store
