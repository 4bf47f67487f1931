// SPDX-License-Identifier: EUPL-1.2
// The status of contracts across the register. Figures come from what the register stores
// (kept in step by every import); only candidates whose stored figures do not hold for the
// day asked (a line running between the figures' day and that day, a changed region, a
// candidate waiting for re-valuation) are valued again, in worker threads.
#include <algorithm>
#include <exception>
#include <iterator>
#include <set>
#include <stdexcept>
#include <unordered_set>
#include <utility>

#include "sroi/calc/progress.hpp"
#include "sroi/calc/runs.hpp"
#include "sroi/msg/portfolio.hpp"
#include "sroi/portfolio/figures.hpp"
#include "sroi/portfolio/portfolio.hpp"
#include "sroi/portfolio/workers.hpp"

namespace sroi::portfolio {
namespace {

/// Contract id → place in the status list, looked up for every line read: open addressing
/// over a power-of-two table of (hash, id, place), so that the usual lookup is one probe in
/// one array (the ids are short and kept inline by the small-string optimisation).
class IdIndex {
 public:
  explicit IdIndex(std::size_t n) {
    std::size_t size = 16;
    while (size < 2 * n + 1) size *= 2;
    slots_.resize(size);
    mask_ = size - 1;
  }
  void add(const std::string& id, std::size_t place) {
    std::size_t h = std::hash<std::string>{}(id);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (!s.used || (s.hash == h && s.id == id)) {
        s = {h, id, place, true};
        return;
      }
    }
  }
  std::optional<std::size_t> find(const std::string& id) const {
    std::size_t h = std::hash<std::string>{}(id);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.used) return std::nullopt;
      if (s.hash == h && s.id == id) return s.place;
    }
  }

 private:
  struct Slot {
    std::size_t hash = 0;
    std::string id;
    std::size_t place = 0;
    bool used = false;
  };
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

/// One worker's changes to the contract figures, by place in the status list.
struct Totals {
  std::vector<Money> realised;
  std::vector<int64_t> lines, reduced, provisional;
  /// Notes and problems with the id of the line they belong to (a problem: the candidate's
  /// first line): put in that order when the workers' parts are joined, so that a status reads
  /// the same whichever worker valued which candidate.
  std::vector<std::vector<std::pair<int64_t, Message>>> reductions;
  std::vector<std::vector<std::pair<int64_t, Diagnostic>>> problems;
  explicit Totals(std::size_t n)
      : realised(n), lines(n), reduced(n), provisional(n), reductions(n), problems(n) {}
  /// Adds (sign 1) or takes away (sign -1) one line's figures.
  void add(std::size_t c, Money value, bool provisional_value, bool reduced_hours, int sign) {
    realised[c] += sign > 0 ? value : -value;
    lines[c] += sign;
    reduced[c] += reduced_hours ? sign : 0;
    provisional[c] += provisional_value ? sign : 0;
  }
};

/// A contract's row: its region and obligation (or why they cannot be had).
void start_row(ContractStatus& s, store::ContractRecord&& record,
               const config::RegionSet& regions) {
  s.record = std::move(record);
  try {
    s.region = &regions.select(s.record.region, s.record.contract.start);
    if (auto w = regions.version_warning(s.record.region, s.record.contract.start))
      s.warnings.push_back(*w);
    // Status shows the figures, not the steps.
    s.obligation = compute_obligation(*s.region, s.record.contract, s.record.pso, false);
    s.provisional = s.obligation.provisional;
  } catch (const DataError& e) {
    s.region = nullptr;
    s.problems = e.diagnostics();
  }
}

/// Whether the contracts `ids`, and those their candidates also work on, were valued with the
/// region models they would be valued with now (what start_from_stored checks row by row):
/// then the stored figures of `ids` hold, whatever else their candidates work on.
bool prints_hold(const store::Register& reg, const config::RegionSet& regions,
                 const std::vector<std::string>& ids) {
  for (const store::ContractPrint& p : reg.prints_sharing_candidates(ids)) {
    store::ContractRecord c;
    c.region = p.region;
    c.contract.start = p.start;
    if (!p.valued_with || *p.valued_with != region_fingerprint(regions, c)) return false;
  }
  return true;
}

/// The rows a status starts from, in id order: every contract (read straight into its row, a
/// record is large); or, for contracts asked by their ids from the stored figures (`named`),
/// those and (`sharing`) the ones their candidates also work on.
std::vector<ContractStatus> start_rows(const store::Register& reg, const config::RegionSet& regions,
                                       const std::optional<std::vector<std::string>>& named,
                                       bool sharing, std::optional<store::ContractRecord> read) {
  std::vector<ContractStatus> status;
  if (!named) {
    status.reserve(static_cast<std::size_t>(reg.contract_count()));
    reg.each_contract([&](store::ContractRecord&& c) {
      start_row(status.emplace_back(), std::move(c), regions);
    });
    return status;
  }
  std::vector<store::ContractRecord> records;
  if (read && named->size() == 1 && named->front() == read->contract.id)
    records.push_back(std::move(*read));  // read already, in the same snapshot
  else
    records = reg.contracts_named(*named);
  std::sort(records.begin(), records.end(),
            [](const auto& a, const auto& b) { return a.contract.id < b.contract.id; });
  if (!records.empty() && sharing)
    for (auto& other : reg.contracts_sharing_candidates(*named))
      records.push_back(std::move(other));
  status.resize(records.size());
  for (std::size_t i = 0; i < records.size(); ++i)
    start_row(status[i], std::move(records[i]), regions);
  return status;
}

/// The value of each selected contract's latest offer.
void add_offers(const store::Register& reg, const StatusOptions& options,
                std::vector<ContractStatus>& status, const IdIndex& index,
                const std::optional<std::vector<std::string>>& only) {
  reg.each_latest_offer(only, [&](const std::string& contract, std::vector<OfferLine>& lines) {
    std::optional<std::size_t> at = index.find(contract);
    if (!at) return;
    ContractStatus& s = status[*at];
    if (!s.region || !options.filter.matches(s.record)) return;
    s.has_offer = true;
    std::vector<Diagnostic> problems;
    for (const auto& line : lines) {
      LineResult r = value_offer_line(*s.region, s.record.contract, line, problems, false);
      s.offered += r.value;
      s.provisional = s.provisional || r.provisional;
    }
    s.offered += s.obligation.pso_fulfilment;
    s.offer_problems = std::move(problems);
  });
}

/// Moves entries keyed by line id into `out` in the order of the ids (stable: a line's own
/// order kept), leaving `keyed` empty.
template <typename T>
void in_line_order(std::vector<std::pair<int64_t, T>>& keyed, std::vector<T>& out) {
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& e : keyed) out.push_back(std::move(e.second));
  keyed.clear();
}

using Batch = std::vector<store::FiguredLine>;  // whole candidates, in candidate order

/// What a status run shares with its workers.
struct Run {
  Run(const StatusOptions& o, std::vector<ContractStatus>& s, const IdIndex& i)
      : options(o), status(s), index(i), selected(s.size()), valued(s.size()) {
    for (std::size_t c = 0; c < s.size(); ++c) valued[c] = s[c].region != nullptr;
  }
  const StatusOptions& options;
  std::vector<ContractStatus>& status;
  const IdIndex& index;
  std::vector<char> selected;  ///< per place: the filter selects it
  /// Per place: a region was chosen, so its lines are valued. Read for every line: a byte
  /// each stays in the cache, where a row (over a kilobyte) would be fetched for it.
  std::vector<char> valued;
  ValuationOptions vo;
  bool stored = false;      ///< the rows start from the stored figures
  std::optional<Date> day;  ///< the stored figures' day
  bool kept_day = false;    ///< the day asked is a kept day: its figures are stored too
  std::unordered_set<std::string> waiting;
  std::vector<char> affected;  ///< per place: region changed since the figures were stored

  /// Whether a streamed candidate's stored figures hold on the day asked: none of its lines
  /// is of a contract whose region changed (`on_affected`), it does not wait, and its lines,
  /// running from `from` to `to`, count the same on the figures' day.
  bool holds(const std::string& candidate, bool on_affected, const Date& from,
             const Date& to) const {
    if (!stored || on_affected) return false;
    if (!waiting.empty() && waiting.count(candidate)) return false;
    // On a kept day every figure is stored: the day's own where it differs.
    return kept_day || !figures_differ(day, options.as_of, from, to);
  }

  /// Values (or reads) one candidate's lines into a worker's totals.
  void candidate(const store::FiguredLine* first, const store::FiguredLine* last, Totals& t,
                 std::size_t worker, std::vector<LineInput>& in, std::vector<std::size_t>& owner,
                 std::vector<const store::FiguredLine*>& kept,
                 std::vector<LineResult>& read) const {
    bool wanted = false, on_affected = false;
    in.clear();
    owner.clear();
    kept.clear();
    Date from = first->line.start, to = first->line.end;
    // A candidate's lines mostly share a contract: look it up once per change.
    const std::string* last_contract = nullptr;
    std::size_t at = 0;
    bool known = false;
    for (auto r = first; r != last; ++r) {
      from = std::min(from, r->line.start);
      to = std::max(to, r->line.end);
      if (!last_contract || *last_contract != r->contract) {
        auto found = index.find(r->contract);
        known = found && valued[*found];
        if (known) at = *found;
        if (found && stored && affected[*found]) on_affected = true;
        last_contract = &r->contract;
      }
      if (!known) continue;
      const ContractStatus& s = status[at];
      wanted = wanted || selected[at];
      in.push_back({&r->line, s.region, &s.record.contract, r->id});
      owner.push_back(at);
      kept.push_back(&*r);
    }
    if (!wanted) return;
    if (holds(first->line.candidate, on_affected, from, to)) {
      // The stored figures hold (on a kept day, the day's own where they differ): the sums
      // change by those, the observer sees them as values.
      if (kept_day)
        for (std::size_t k = 0; k < kept.size(); ++k) {
          const store::FiguredLine& l = *kept[k];
          if (!l.on_kept_day) continue;
          if (l.figure)
            t.add(owner[k], Money::cents(l.figure->cents), l.figure->provisional, l.figure->reduced,
                  -1);
          if (l.kept)
            t.add(owner[k], Money::cents(l.kept->cents), l.kept->provisional, l.kept->reduced, 1);
        }
      if (!options.observer) return;
      // The worker's results, of which only these three fields are ever set: grown, never
      // made anew (a result is large, and a candidate has a few lines).
      if (read.size() < kept.size()) read.resize(kept.size());
      for (std::size_t k = 0; k < kept.size(); ++k) {
        const auto& f = kept[k]->figure_on_kept_day();
        read[k].value = f ? Money::cents(f->cents) : Money();
        read[k].provisional = f && f->provisional;
        read[k].reduced = f && f->reduced ? 1 : 0;
      }
      options.observer->candidate(worker, in, std::span(read).first(kept.size()), owner);
      return;
    }
    if (stored)
      for (std::size_t k = 0; k < kept.size(); ++k)
        if (const auto& f = kept[k]->figure)
          t.add(owner[k], Money::cents(f->cents), f->provisional, f->reduced, -1);
    std::vector<Diagnostic> problems;
    std::vector<LineResult> values = value_realisations(in, vo, problems);
    if (options.observer) options.observer->candidate(worker, in, values, owner);
    for (std::size_t k = 0; k < values.size(); ++k) {
      std::size_t c = owner[k];
      t.add(c, values[k].value, values[k].provisional, values[k].reduced > 0, 1);
      if (!selected[c]) continue;  // a row not shown: its notes would only take memory
      for (auto& note : values[k].reductions)
        t.reductions[c].emplace_back(in[k].seq, std::move(note));
    }
    // Lines were checked on import; a problem here means the region changed since. It goes
    // with the line it names (its location's file is the line's contract), so that the
    // contract whose figure it leaves out shows it, also when a filter leaves the candidate's
    // other contracts out; a problem of no line goes with the candidate's first.
    for (const auto& d : problems) {
      std::size_t k = 0;
      while (k < in.size() && !(in[k].line->where.file == d.where.file)) ++k;
      if (k == in.size()) k = 0;
      t.problems[owner[k]].emplace_back(in[k].seq, d);
    }
  }

  void batch(const Batch& b, Totals& t, std::size_t worker) const {
    std::vector<LineInput> in;
    std::vector<std::size_t> owner;
    std::vector<const store::FiguredLine*> kept;
    std::vector<LineResult> read;
    auto candidate_of = [](const store::FiguredLine& r) -> const std::string& {
      return r.line.candidate;
    };
    for_each_run(b.begin(), b.end(), candidate_of, [&](auto first, auto last) {
      candidate(&*first, &*first + (last - first), t, worker, in, owner, kept, read);
    });
  }
};

/// Starts each row from its stored figures and marks the contracts whose region changed since
/// they were stored; returns the stored provisional counts.
std::vector<int64_t> start_from_stored(const store::Register& reg, Run& run, bool one) {
  std::map<std::string, store::ContractFigures> stored;
  if (one) {
    std::vector<std::string> ids;
    for (const auto& s : run.status) ids.push_back(s.record.contract.id);
    stored = reg.contract_figures(ids);
  } else {
    stored = reg.contract_figures();
  }
  std::vector<int64_t> provisional(run.status.size());
  run.affected.assign(run.status.size(), 0);
  for (std::size_t i = 0; i < run.status.size(); ++i) {
    ContractStatus& s = run.status[i];
    auto it = stored.find(s.record.contract.id);
    std::string print = s.region ? s.region->fingerprint : "";
    if (it == stored.end()) {
      run.affected[i] = 1;
      continue;
    }
    const store::ContractFigures& f = it->second;
    run.affected[i] = f.valued_with != print;
    if (!s.region) continue;
    s.realised = Money::cents(f.cents);
    s.lines = f.lines;
    s.reduced = f.reduced;
    provisional[i] = f.provisional;
  }
  return provisional;
}

}  // namespace

bool counts_accepted_only(const Contract& contract, const Region* region) {
  if (contract.count_accepted_only) return *contract.count_accepted_only;
  return region && region->reporting && region->reporting->count_accepted_only;
}

namespace {

/// The figures that follow from the realisation: balance, forecast, penalty, risks.
void finish_row(ContractStatus& s, const Date& as_of) {
  const Contract& c = s.record.contract;
  Money lines_realised = s.realised;
  s.realised += s.obligation.pso_fulfilment;
  Balance now = balance(s.realised, s.obligation.amount);
  s.surplus = now.surplus;
  s.shortfall = now.shortfall;
  s.forecast = straight_line_forecast(lines_realised, c, as_of, s.region->time_basis) +
               s.obligation.pso_fulfilment;
  s.penalty_from_contract = c.penalty.has_value();
  s.penalty = penalty_for(penalty_rule(*s.region, c), s.obligation.amount,
                          balance(s.forecast, s.obligation.amount).shortfall);
  if (as_of < c.start) s.warnings.push_back(msg(Msg::StartsAfterAsOf, c.start, as_of));
  if (s.obligation.applies && !s.obligation.amount.is_zero()) {
    if (s.has_offer && s.offered < s.obligation.amount)
      s.risks.push_back(msg(Msg::OfferBelowObligation, s.offered, s.obligation.amount));
    if (as_of >= c.start && s.forecast < s.obligation.amount)
      s.risks.push_back(
          msg(as_of >= c.end ? Msg::RealisationBelowObligation : Msg::ForecastBelowObligation,
              s.forecast, s.obligation.amount));
  }
}

}  // namespace

namespace {

/// compute_status, with what the caller read already in the snapshot it holds: the figures'
/// state, and the one contract asked.
std::vector<ContractStatus> status_of(const store::Register& reg, const config::RegionSet& regions,
                                      const StatusOptions& options,
                                      std::optional<store::FiguresState> read_state,
                                      std::optional<store::ContractRecord> read_record) {
  // Contracts, offers, figures and lines are read from one snapshot: an import that commits
  // meanwhile is seen whole or not at all.
  store::Register::Snapshot snapshot(reg);
  // Every contract takes part in the valuation (its lines can use a candidate's hours); the
  // filter only chooses what is reported.
  // Contracts by their ids (one, or a list), from the stored figures: only what their lines
  // touch is read.
  std::optional<std::vector<std::string>> named = options.contracts;
  if (!named && options.filter.contract && !options.filter.supplier && !options.filter.buyer)
    named = std::vector<std::string>{*options.filter.contract};
  // Notes of a few contracts asked by their ids (a part of a status, add_notes): every line of
  // their candidates is read and valued afresh, and only those. Else notes, a fresh valuation
  // or an observer read every line of the register (and value only the candidates with a line
  // in a contract shown: a list of more candidates than that is slower to read than the whole).
  constexpr std::size_t kNamedNotes = 1'000;
  bool named_notes =
      named && named->size() <= kNamedNotes && options.notes && !options.fresh && !options.observer;
  if ((options.notes && !named_notes) || options.fresh || options.observer) named.reset();
  std::optional<store::FiguresState> state;
  if (!options.notes && !options.fresh)
    state = read_state ? std::move(read_state) : reg.figures_state();
  // Nothing to value again (the figures cover the day, none waits, no region changed): the
  // named contracts' rows are their stored figures, whoever else their candidates work for.
  // No region changed when every contract was valued with these very models (one print);
  // else each contract sharing a candidate with them is asked.
  bool same_models = state && state->models && *state->models == regions.print();
  bool alone = named && state && state->waiting == 0 && state->covers(options.as_of) &&
               (options.regions_unchanged || same_models || prints_hold(reg, regions, *named));
  // Some models only (stored_contract_status): the others' contracts are never valued.
  if (regions.partial() && !(alone && same_models))
    throw std::logic_error("compute_status: some region models only, and figures to value");
  std::vector<ContractStatus> status =
      start_rows(reg, regions, named, !alone, std::move(read_record));
  IdIndex index(status.size());
  for (std::size_t i = 0; i < status.size(); ++i) index.add(status[i].record.contract.id, i);
  Run run(options, status, index);
  std::vector<std::string> wanted = options.contracts.value_or(std::vector<std::string>{});
  std::sort(wanted.begin(), wanted.end());
  std::vector<std::string> chosen;
  for (std::size_t i = 0; i < status.size(); ++i) {
    const store::ContractRecord& c = status[i].record;
    run.selected[i] =
        options.filter.matches(c) &&
        (!options.contracts || std::binary_search(wanted.begin(), wanted.end(), c.contract.id));
    if (run.selected[i]) chosen.push_back(c.contract.id);
  }
  // Contracts by id, or one chosen by the filter: only their offers and candidates are read.
  std::optional<std::vector<std::string>> only;
  if (named || chosen.size() == 1) only = chosen;
  add_offers(reg, options, status, index, only);

  run.vo.trace = false;
  run.vo.notes = options.notes;
  run.vo.as_of = options.as_of;
  run.vo.figures_only = true;
  // Reductions described, or asked for afresh: every line is valued. Else the stored figures
  // are the start and only what they do not cover is valued.
  run.stored = !options.notes && !options.fresh;
  std::vector<int64_t> provisional(status.size());
  std::function<void(const std::function<void(store::FiguredLine &&)>&)> feed;
  if (run.stored) {
    run.day = state->day;
    run.kept_day = state->day && *state->day != options.as_of && state->keeps(options.as_of);
    provisional = start_from_stored(reg, run, named.has_value());
    // Each streamed candidate decides whether its stored figures hold (Run::holds): the
    // store streams, on the figures' day, only the waiting and affected ones; on another day,
    // or for an observer that sees every line, all of them.
    if (state->waiting > 0)
      for (auto& c : reg.waiting_candidates()) run.waiting.insert(std::move(c));
    if (options.observer) {
      std::optional<Date> kept_day;
      if (run.kept_day) kept_day = options.as_of;
      feed = [&, kept_day](const auto& fn) { reg.for_each_figured_line(fn, kept_day); };
    } else {
      store::RevalueScope scope{options.as_of, {}, only};
      for (std::size_t i = 0; i < status.size(); ++i)
        if (run.affected[i]) scope.affected.push_back(status[i].record.contract.id);
      // On the figures' day, with none waiting and none affected, every stored figure holds:
      // nothing to read (the query would still cost PostgreSQL a scan of the lines).
      if (state->day == options.as_of && run.waiting.empty() && scope.affected.empty())
        feed = nullptr;
      else
        feed = [&, scope](const auto& fn) { reg.for_each_line_to_revalue(scope, fn); };
    }
  } else if (named) {
    feed = [&](const auto& fn) { reg.for_each_line_of_candidates_in(*named, fn); };
  } else {
    feed = [&](const auto& fn) { reg.for_each_figured_line(fn); };
  }

  if (options.stored_only) *options.stored_only = run.stored && !feed;
  std::vector<Totals> parts(worker_count(), Totals(status.size()));
  if (options.observer) options.observer->start(status, parts.size());
  // Nothing to read (feed none): no worker threads either, which one contract's status would
  // pay for in its start (each thread's stack and memory arena are fresh pages).
  if (feed)
    // Cut only between candidates, once a batch is large enough.
    in_workers<store::FiguredLine>(
        parts.size(), 4096, feed,
        [](const store::FiguredLine& last, const store::FiguredLine& next) {
          return last.line.candidate != next.line.candidate;
        },
        [&](const Batch& b, std::size_t worker) { run.batch(b, parts[worker], worker); });
  for (auto& t : parts)
    for (std::size_t c = 0; c < status.size(); ++c) {
      ContractStatus& s = status[c];
      s.realised += t.realised[c];
      s.lines += t.lines[c];
      s.reduced += t.reduced[c];
      provisional[c] += t.provisional[c];
    }
  // Notes in the order of their lines' registration (a contract's in the order of its rows),
  // problems after the row's own.
  std::vector<std::pair<int64_t, Message>> notes;
  std::vector<std::pair<int64_t, Diagnostic>> faults;
  for (std::size_t c = 0; c < status.size(); ++c) {
    for (auto& t : parts) {
      std::move(t.reductions[c].begin(), t.reductions[c].end(), std::back_inserter(notes));
      std::move(t.problems[c].begin(), t.problems[c].end(), std::back_inserter(faults));
    }
    in_line_order(notes, status[c].reductions);
    in_line_order(faults, status[c].problems);
  }

  // Where only the deliveries the buyer accepted count, the realisation is the value of those
  // lines (valued with every line of their candidates, as always); what was submitted is kept.
  for (std::size_t c = 0; c < status.size(); ++c) {
    ContractStatus& s = status[c];
    if (!run.selected[c] || !s.region || !counts_accepted_only(s.record.contract, s.region))
      continue;
    const std::string& id = s.record.contract.id;
    ContractLines found = contract_lines_within(reg, regions, id, options.as_of);
    std::set<int64_t> accepted = reg.accepted_lines(id);
    Money sum;
    for (std::size_t i = 0; i < found.lines.size(); ++i)
      if (accepted.count(found.line_ids[i])) sum += found.lines[i].value;
    s.submitted = s.realised;
    s.realised = sum;
  }

  // The selected rows are kept in place (a row is large: moving each costs a tenth of a run).
  std::size_t kept = 0;
  for (std::size_t c = 0; c < status.size(); ++c) {
    ContractStatus& s = status[c];
    if (!run.selected[c]) continue;
    s.provisional = s.provisional || provisional[c] > 0;
    if (s.region) finish_row(s, options.as_of);
    if (kept != c) status[kept] = std::move(s);
    ++kept;
  }
  status.resize(kept);
  return status;
}

}  // namespace

std::vector<ContractStatus> compute_status(const store::Register& reg,
                                           const config::RegionSet& regions,
                                           const StatusOptions& options) {
  return status_of(reg, regions, options, std::nullopt, std::nullopt);
}

std::size_t add_notes(const store::Register& reg, const config::RegionSet& regions,
                      const StatusOptions& options, std::span<ContractStatus> rows) {
  // A part of at most 500,000 lines: their notes take about 1.6 KB a line, 800 MB. Every
  // candidate of a part is valued with all its lines, so one that works on contracts in two
  // parts is valued in each: parts are as large as memory allows.
  constexpr int64_t kPartLines = 500'000;
  std::size_t n = 0;
  int64_t lines = 0;
  std::vector<std::string> ids;
  while (n < rows.size() && (n == 0 || lines + rows[n].lines <= kPartLines)) {
    lines += rows[n].lines;
    ids.push_back(rows[n++].record.contract.id);
  }
  StatusOptions o = options;
  o.notes = true;
  o.fresh = false;
  o.observer = nullptr;
  o.contracts = ids;
  std::vector<ContractStatus> fresh = compute_status(reg, regions, o);
  // Both in id order; a contract taken away since keeps the row it had.
  std::size_t k = 0;
  for (std::size_t i = 0; i < n && k < fresh.size(); ++i) {
    while (k < fresh.size() && fresh[k].record.contract.id < rows[i].record.contract.id) ++k;
    if (k < fresh.size() && fresh[k].record.contract.id == rows[i].record.contract.id)
      rows[i] = std::move(fresh[k++]);
  }
  return n;
}

std::optional<std::vector<ContractStatus>> stored_contract_status(
    const store::Register& reg, const StatusOptions& options,
    const std::function<config::RegionSet(const std::set<std::string>&)>& load,
    std::optional<config::RegionSet>& regions) {
  regions.reset();
  const store::ContractFilter& f = options.filter;
  if (!f.contract || f.supplier || f.buyer || options.contracts || options.notes || options.fresh ||
      options.observer)
    return std::nullopt;
  // One snapshot for the check and the rows: a write between them cannot leave the figures
  // needing models that were not loaded.
  store::Register::Snapshot snapshot(reg);
  store::FiguresState state = reg.figures_state();
  if (state.waiting != 0 || !state.covers(options.as_of) || !state.models) return std::nullopt;
  std::optional<store::ContractRecord> record = reg.contract(*f.contract);
  if (!record) return std::nullopt;
  regions.emplace(load({record->region.id}));
  if (regions->versions(record->region.id).empty() || regions->print() != *state.models) {
    regions.reset();  // an unknown region is named from every model; other models than stored
    return std::nullopt;
  }
  return status_of(reg, *regions, options, std::move(state), std::move(record));
}

}  // namespace sroi::portfolio
