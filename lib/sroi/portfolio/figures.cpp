// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portfolio/figures.hpp"

#include <algorithm>
#include <unordered_set>

#include "sroi/calc/line_value.hpp"
#include "sroi/msg/portfolio.hpp"

namespace sroi::portfolio {

namespace {

/// A region chosen for a contract, or none when it cannot be (its lines are not valued).
const Region* choose_region(const config::RegionSet& regions, const store::ContractRecord& c) {
  try {
    return &regions.select(c.region, c.contract.start);
  } catch (const DataError&) {
    return nullptr;
  }
}

}  // namespace

std::string region_fingerprint(const config::RegionSet& regions, const store::ContractRecord& c) {
  const Region* r = choose_region(regions, c);
  return r ? r->fingerprint : "";
}

FiguresPending figures_pending(const store::Register& reg, const config::RegionSet& regions,
                               const Date& day) {
  store::Register::Snapshot snapshot(reg);
  FiguresPending out;
  store::FiguresState state = reg.figures_state();
  out.other_day = !state.covers(day);
  out.waiting = state.waiting;
  std::map<std::string, store::ContractFigures> stored = reg.contract_figures();
  for (const auto& c : reg.contracts()) {
    auto it = stored.find(c.contract.id);
    if (it == stored.end() || it->second.valued_with != region_fingerprint(regions, c))
      ++out.affected;
  }
  return out;
}

RegisterValuer::RegisterValuer(const config::RegionSet& regions, Date today)
    : regions_(regions), models_(regions.print()), today_(today) {}

const Region* RegisterValuer::region_of(const store::ContractRecord& c) const {
  auto it = chosen_.find(c.contract.id);
  if (it != chosen_.end()) return it->second;
  return chosen_.emplace(c.contract.id, choose_region(regions_, c)).first->second;
}

std::string RegisterValuer::fingerprint(const store::ContractRecord& c) const {
  const Region* r = region_of(c);
  return r ? r->fingerprint : "";
}

bool RegisterValuer::value(const std::vector<store::LineRef>& lines,
                           const std::vector<const store::ContractRecord*>& contracts,
                           const Date& day,
                           std::vector<std::optional<store::LineFigure>>& out) const {
  std::vector<LineInput> in;
  std::vector<std::size_t> at;
  const store::ContractRecord* last = nullptr;
  const Region* region = nullptr;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (contracts[k] != last) {  // one look-up for each run of one contract's lines
      last = contracts[k];
      region = region_of(*last);
    }
    if (!region) continue;  // as status: a contract without a region takes no part
    in.push_back({lines[k].line, region, &contracts[k]->contract, lines[k].id});
    at.push_back(k);
  }
  ValuationOptions vo;
  vo.trace = false;
  vo.notes = false;
  vo.as_of = day;
  vo.figures_only = true;
  std::vector<Diagnostic> problems;
  std::vector<LineResult> values = value_realisations(in, vo, problems);
  out.assign(lines.size(), std::nullopt);
  for (std::size_t j = 0; j < values.size(); ++j)
    out[at[j]] =
        store::LineFigure{values[j].value.cents(), values[j].provisional, values[j].reduced > 0};
  return problems.empty();
}

KeepFigures::KeepFigures(store::Register& reg, const config::RegionSet& regions, Date today)
    : reg_(reg), valuer_(regions, today) {
  reg_.set_valuer(&valuer_);
}

KeepFigures::~KeepFigures() { reg_.set_valuer(nullptr); }

store::RevalueOutcome revalue(store::Register& reg, const config::RegionSet& regions,
                              const Date& day, bool all,
                              const std::function<void(int64_t)>& progress, std::size_t part) {
  KeepFigures keep(reg, regions, day);
  return reg.revalue(day, all, progress, part);
}

FiguresCheck check_figures(const store::Register& reg, const config::RegionSet& regions) {
  store::Register::Snapshot snapshot(reg);
  FiguresCheck out;
  store::FiguresState state = reg.figures_state();
  out.day = state.day;
  out.waiting = state.waiting;
  if (!out.day) return out;
  std::map<std::string, store::ContractFigures> stored = reg.contract_figures();
  std::map<std::string, store::ContractRecord> records;
  std::unordered_set<std::string> affected;
  for (auto& c : reg.contracts()) {
    auto it = stored.find(c.contract.id);
    if (it == stored.end() || it->second.valued_with != region_fingerprint(regions, c))
      affected.insert(c.contract.id);
    std::string id = c.contract.id;
    records.emplace(std::move(id), std::move(c));
  }
  out.affected = static_cast<int64_t>(affected.size());
  // The models' print stands for every contract's fingerprint (one contract's status reads
  // its stored figures on it alone): then none may be affected.
  if (state.models && *state.models == regions.print() && !affected.empty())
    out.differences.push_back(msg(Msg::ModelsPrintWrong, Count{out.affected},
                                  as_is(*std::min_element(affected.begin(), affected.end()))));
  std::vector<std::string> waiting_list = reg.waiting_candidates();
  std::unordered_set<std::string> waiting(waiting_list.begin(), waiting_list.end());
  RegisterValuer valuer(regions, *out.day);
  std::map<std::string, store::ContractFigures> fresh;
  int64_t line_differences = 0;
  auto add = [&](const std::string& contract, const std::optional<store::LineFigure>& f) {
    if (!f) return;
    store::ContractFigures& s = fresh[contract];
    s.cents += f->cents;
    ++s.lines;
    s.reduced += f->reduced ? 1 : 0;
    s.provisional += f->provisional ? 1 : 0;
  };
  std::vector<store::FiguredLine> group;
  std::vector<std::optional<store::LineFigure>> figures;
  // The candidate in `group` valued afresh on `day` into `figures`; false when it is not
  // compared (it waits, or works on a contract whose region changed).
  auto value_afresh = [&](const Date& day) {
    bool skip = waiting.count(group.front().line.candidate) > 0;
    for (const auto& l : group) skip = skip || affected.count(l.contract) > 0;
    if (skip) return false;
    std::vector<store::LineRef> lines;
    std::vector<const store::ContractRecord*> contracts;
    for (const auto& l : group) {
      lines.push_back({l.id, &l.contract, &l.line});
      contracts.push_back(&records.at(l.contract));
    }
    valuer.value(lines, contracts, day, figures);
    return true;
  };
  auto check_candidate = [&] {
    if (!value_afresh(*out.day)) {
      // Not compared: its stored figures still make up the sums.
      for (const auto& l : group) add(l.contract, l.figure);
      return;
    }
    for (std::size_t k = 0; k < group.size(); ++k) {
      const store::FiguredLine& l = group[k];
      ++out.lines;
      add(l.contract, figures[k]);
      if (l.figure == figures[k]) continue;
      if (++line_differences > 10) continue;
      Money was = Money::cents(l.figure ? l.figure->cents : 0);
      Money now = Money::cents(figures[k] ? figures[k]->cents : 0);
      out.differences.push_back(msg(was == now ? Msg::FigureFlagsDiffer : Msg::FigureDiffers, l.id,
                                    as_is(l.contract), int64_t{l.line.where.line}, was, now));
    }
  };
  // One candidate's lines on a kept day, unless it waits or works on an affected contract.
  auto check_kept = [&](const Date& day, int64_t& compared) {
    if (!value_afresh(day)) return;
    for (std::size_t k = 0; k < group.size(); ++k) {
      const store::FiguredLine& l = group[k];
      const std::optional<store::LineFigure>& kept = l.figure_on_kept_day();
      ++compared;
      if (kept == figures[k] || ++line_differences > 10) continue;
      out.differences.push_back(msg(
          Msg::KeptFigureDiffers, l.id, as_is(l.contract), int64_t{l.line.where.line}, day,
          Money::cents(kept ? kept->cents : 0), Money::cents(figures[k] ? figures[k]->cents : 0)));
    }
  };
  reg.for_each_figured_line([&](store::FiguredLine&& r) {
    if (!group.empty() && group.front().line.candidate != r.line.candidate) {
      check_candidate();
      group.clear();
    }
    group.push_back(std::move(r));
  });
  if (!group.empty()) check_candidate();
  group.clear();
  // Each kept day: every line's figure there (its own where one is kept, else the figures'
  // day's) against a fresh valuation on that day.
  for (const Date& day : state.kept_days) {
    int64_t& compared = out.kept.emplace_back(day, 0).second;
    reg.for_each_figured_line(
        [&](store::FiguredLine&& r) {
          if (!group.empty() && group.front().line.candidate != r.line.candidate) {
            check_kept(day, compared);
            group.clear();
          }
          group.push_back(std::move(r));
        },
        day);
    if (!group.empty()) check_kept(day, compared);
    group.clear();
  }
  if (line_differences > 10)
    out.differences.push_back(msg(Msg::FiguresMoreDiffer, Count{line_differences - 10}));
  // The kpi lines: each candidate's as its lines and their stored figures pack.
  store::Register::KpiLinesCheck kpi = reg.check_kpi_lines();
  out.kpi_candidates = kpi.candidates;
  if (kpi.differing > 0)
    out.differences.push_back(
        msg(Msg::KpiLinesDiffer, Count{kpi.differing}, as_is(shown_candidate(kpi.first.front()))));
  for (const auto& [id, s] : stored) {
    ++out.contracts;
    store::ContractFigures f = fresh.count(id) ? fresh.at(id) : store::ContractFigures{};
    if (f.cents != s.cents || f.lines != s.lines || f.reduced != s.reduced ||
        f.provisional != s.provisional)
      out.differences.push_back(msg(Msg::ContractFiguresDiffer, as_is(id), Money::cents(s.cents),
                                    s.lines, Money::cents(f.cents), f.lines));
  }
  return out;
}

}  // namespace sroi::portfolio
