// SPDX-License-Identifier: EUPL-1.2
// The kpi lines (schema 14, kpi_lines.hpp): each candidate's lines packed narrow with their
// figures on the figures' day, replaced by every write that values the candidate (refigure,
// revalue_part), read whole by kpi and compared with the lines by `db verify`.
#include <string_view>
#include <unordered_set>

#include "sroi/msg/store.hpp"
#include "sroi/store/kpi_lines.hpp"
#include "sroi/store/register.hpp"
#include "sroi/store/register_impl.hpp"

namespace sroi::store {

namespace {

/// A candidate's stored lines packed with their stored figures.
std::string pack_stored(const std::vector<FiguredLine>& group, std::vector<LineRef>& refs,
                        std::vector<std::optional<LineFigure>>& figures) {
  refs.clear();
  figures.clear();
  for (const FiguredLine& l : group) {
    refs.push_back({l.id, &l.contract, &l.line});
    figures.push_back(l.figure);
  }
  return pack_kpi_lines(refs, figures);
}

}  // namespace

void Register::Impl::KpiRows::add(const Valuing& v) {
  if (v.refs.empty()) return;
  rows.emplace_back(v.refs.front().line->candidate, pack_kpi_lines(v.refs, v.figures));
}

void Register::Impl::write_kpi(const KpiRows& kpi, bool all) {
  if (all) {
    db.exec("DELETE FROM kpi_lines");
  } else {
    // Only a candidate whose lines are all gone loses its row; the others' rows are replaced
    // where they are. A delete and an insert per row cost an index entry more: writing the
    // kpi rows of a million-row import took 7.8-8.5 s on PostgreSQL, now 5.7-6.0 s (SQLite
    // 1.6-1.7 s, now 1.25-1.3 s).
    std::unordered_set<std::string_view> valued;
    valued.reserve(kpi.rows.size());
    for (const auto& row : kpi.rows) valued.insert(row.first);
    std::vector<std::string> gone;
    for (const std::string& c : kpi.candidates)
      if (!valued.contains(c)) gone.push_back(c);
    delete_candidates("kpi_lines", gone);
  }
  write_rows("INSERT INTO kpi_lines(candidate, lines) VALUES ", "(?, ?)",
             all ? "" : " ON CONFLICT (candidate) DO UPDATE SET lines = excluded.lines",
             kpi.rows.size(), 64, [&](sql::Statement& st, std::size_t k, int first) {
               st.bind(first, kpi.rows[k].first);
               st.bind(first + 1, kpi.rows[k].second);
             });
}

void Register::Impl::fill_kpi_lines() {
  // Into the table the migration just made: nothing to replace.
  sql::Statement st(db, std::string(kLineColumns) + " ORDER BY candidate, id", sql::Stream::Rows);
  KpiRows kpi;
  std::vector<LineRef> refs;
  std::vector<std::optional<LineFigure>> figures;
  int64_t packed = 0;
  each_candidate(st, [&](std::vector<FiguredLine>& group) {
    kpi.rows.emplace_back(group.front().line.candidate, pack_stored(group, refs, figures));
    if (++packed % 10000 == 0 && migrating) migrating(packed);
    if (kpi.rows.size() < 4096) return;
    write_kpi(kpi, false);
    kpi.rows.clear();
  });
  write_kpi(kpi, false);
}

void Register::for_each_kpi_candidate(
    const std::function<void(std::string_view, std::string_view)>& fn) const {
  guarded(msg(Msg::DoingReadKpiLines), [&] {
    sql::Statement st(impl_->db, "SELECT candidate, lines FROM kpi_lines", sql::Stream::Rows);
    while (st.executeStep()) fn(st.getColumn(0).view(), st.getColumn(1).view());
    return 0;
  });
}

Register::KpiLinesCheck Register::check_kpi_lines() const {
  return guarded(msg(Msg::DoingReadKpiLines), [&] {
    KpiLinesCheck out;
    Snapshot same(*this);
    std::vector<std::string> listed = waiting_candidates();
    std::unordered_set<std::string> waiting(listed.begin(), listed.end());
    auto differs = [&](const std::string& candidate) {
      if (waiting.count(candidate)) return;  // its row may be stale until it is valued
      if (out.first.size() < 5) out.first.push_back(candidate);
      ++out.differing;
    };
    // The rows and the lines side by side, both in candidate order (byte by byte in either
    // store, as std::string compares): nothing is held but one candidate's.
    sql::Statement rows(impl_->db, "SELECT candidate, lines FROM kpi_lines ORDER BY candidate",
                        sql::Stream::Rows);
    std::optional<std::pair<std::string, std::string>> row;  // the next row to compare
    auto next_row = [&] {
      row.reset();
      if (rows.executeStep())
        row.emplace(rows.getColumn(0).getString(), std::string(rows.getColumn(1).view()));
    };
    next_row();
    sql::Statement st(impl_->db, std::string(kLineColumns) + " ORDER BY candidate, id",
                      sql::Stream::Rows);
    std::vector<LineRef> refs;
    std::vector<std::optional<LineFigure>> figures;
    each_candidate(st, [&](std::vector<FiguredLine>& group) {
      const std::string& name = group.front().line.candidate;
      for (; row && row->first < name; next_row()) differs(row->first);  // no lines left
      if (!waiting.count(name)) ++out.candidates;
      if (row && row->first == name) {
        if (row->second != pack_stored(group, refs, figures)) differs(name);
        next_row();
      } else {
        differs(name);  // no row
      }
    });
    for (; row; next_row()) differs(row->first);
    return out;
  });
}

}  // namespace sroi::store
