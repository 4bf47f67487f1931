// SPDX-License-Identifier: EUPL-1.2
// Disclosure control for steering figures (REFERENCE.md §7): no published figure may describe
// 1–4 distinct persons, directly or by subtracting shown figures from a shown total. The
// figures form a table: a row per group (and the total's row), a column per catalogue target
// group (placements by target group). Every row of groups, every row's breakdown and every
// column against the total's breakdown is a set that adds up to a shown total; in each, the
// hidden cells must be none, or at least two that together hold at least 5 distinct persons
// (counted over the union of their persons, never by adding counts: one person can stand in
// several cells). Cells are hidden until every set holds, the smallest first.
#include <algorithm>

#include "sroi/kpi/kpi.hpp"

namespace sroi::kpi {
namespace {

/// One figure that may be hidden: a group, or one target group of a row's breakdown.
struct Cell {
  int64_t people = 0;  ///< distinct persons (ranks the cells); at its source: the minimum
  const std::vector<uint64_t>* persons = nullptr;  ///< who they are; null when not known
  bool at_source = false;  ///< merged: hidden at its source, so standing for at least the minimum
  bool hidden = false;
};

/// A row of the table: a group (or the total) and its breakdown by target group.
struct Row {
  Cell whole;
  std::map<std::string, Cell> by_target_group;
};

/// How many distinct persons the cells hold together: exact where every cell knows its
/// persons; else the most that any one of them holds (a safe lower bound: merged overviews).
int64_t people_in(const std::vector<Cell*>& cells) {
  bool known = std::all_of(cells.begin(), cells.end(),
                           [](const Cell* c) { return c->persons && !c->at_source; });
  if (known) {
    std::vector<uint64_t> all;
    for (const Cell* c : cells) all.insert(all.end(), c->persons->begin(), c->persons->end());
    std::sort(all.begin(), all.end());
    return std::unique(all.begin(), all.end()) - all.begin();
  }
  int64_t most = 0;
  for (const Cell* c : cells) most = std::max(most, c->people);
  return most;
}

/// Hides cells of one set that adds up to a shown total, the smallest first, until its hidden
/// cells are none, or at least two holding kMinCandidates distinct persons. Sets `changed` when
/// it hid one; false when even hiding every cell does not protect them (then the total must go).
bool protect(const std::vector<Cell*>& set, bool& changed) {
  std::vector<Cell*> hidden;
  for (Cell* c : set)
    if (c->hidden) hidden.push_back(c);
  while (!hidden.empty() && (hidden.size() < 2 || people_in(hidden) < kMinCandidates)) {
    Cell* smallest = nullptr;
    for (Cell* c : set)
      if (!c->hidden && (!smallest || c->people < smallest->people)) smallest = c;
    if (!smallest) return false;  // all hidden, and the total still tells them
    smallest->hidden = true;
    hidden.push_back(smallest);
    changed = true;
  }
  return true;
}

/// The row of a figure as it stands before suppression: each cell with its persons, hidden
/// where it holds 1–4 persons or was hidden at its source.
Row row_of(const Figures& f) {
  Row row;
  const bool known = f.persons_known;
  row.whole.people = f.suppressed ? kMinCandidates : f.candidates;
  row.whole.persons = known ? &f.persons : nullptr;
  row.whole.at_source = f.suppressed;
  row.whole.hidden = f.suppressed || (f.candidates > 0 && f.candidates < kMinCandidates);
  for (const auto& [tg, n] : f.by_target_group) {
    Cell& c = row.by_target_group[tg];
    auto people = f.target_group_candidates.find(tg);
    c.people = people == f.target_group_candidates.end() ? 0 : people->second;
    auto persons = f.target_group_persons.find(tg);
    if (known && persons != f.target_group_persons.end()) c.persons = &persons->second;
    c.at_source = f.target_groups_suppressed.count(tg) > 0;
    if (c.at_source) c.people = kMinCandidates;
    c.hidden = c.at_source || c.people < kMinCandidates;
  }
  return row;
}

/// Clears what a reader may not know: a hidden group keeps its key and that it is hidden, a
/// hidden target group shows "< 5"; persons are never kept.
void apply(const Row& row, Figures& f) {
  if (row.whole.hidden) {
    f = Figures{};
    f.suppressed = true;
    return;
  }
  f.target_groups_suppressed.clear();
  f.target_group_candidates.clear();
  for (auto& [tg, n] : f.by_target_group) {
    if (row.by_target_group.at(tg).hidden) {
      f.target_groups_suppressed.insert(tg);
      n = 0;
    } else {
      // A shown entry holds at least the minimum (so that merged figures are judged the same
      // way); its exact number of persons is not published.
      f.target_group_candidates[tg] = kMinCandidates;
    }
  }
  f.persons.clear();
  f.target_group_persons.clear();
  f.persons_known = false;
}

}  // namespace

void suppress(Report& r) {
  if (r.total.candidates < kMinCandidates) {
    const Row hidden{Cell{0, nullptr, false, true}, {}};
    apply(hidden, r.total);
    for (auto& g : r.groups) apply(hidden, g.f);
    return;
  }
  std::vector<Row> rows;
  rows.reserve(r.groups.size());
  for (const auto& g : r.groups) rows.push_back(row_of(g.f));
  Row total = row_of(r.total);
  total.whole.hidden = false;
  // Every set that adds up to a shown total, checked again until none needs another cell
  // hidden: hiding a cell for one set can break another that holds it.
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<Cell*> groups;
    for (auto& row : rows) groups.push_back(&row.whole);
    protect(groups, changed);  // all hidden still leaves the total's own persons, 5 or more
    // A hidden group hides its breakdown with it.
    for (auto& row : rows)
      if (row.whole.hidden)
        for (auto& [tg, c] : row.by_target_group) c.hidden = true;
    // Each shown row's breakdown adds up to the row's placements; a group whose breakdown
    // cannot be protected is hidden whole (the total's breakdown is then hidden whole).
    auto breakdown = [&](Row& row) {
      if (row.whole.hidden) return true;
      std::vector<Cell*> cells;
      for (auto& [tg, c] : row.by_target_group) cells.push_back(&c);
      return protect(cells, changed);
    };
    for (auto& row : rows)
      if (!breakdown(row)) row.whole.hidden = changed = true;
    breakdown(total);
    // Each target group down the groups adds up to the total's entry, where that is shown.
    for (auto& [tg, t] : total.by_target_group) {
      if (t.hidden) continue;
      std::vector<Cell*> column;
      for (auto& row : rows) {
        auto c = row.by_target_group.find(tg);
        if (c != row.by_target_group.end()) column.push_back(&c->second);
      }
      // Not to be protected down the groups: the total's entry goes instead.
      if (!protect(column, changed)) t.hidden = changed = true;
    }
  }
  for (std::size_t i = 0; i < rows.size(); ++i) apply(rows[i], r.groups[i].f);
  apply(total, r.total);
}

}  // namespace sroi::kpi
