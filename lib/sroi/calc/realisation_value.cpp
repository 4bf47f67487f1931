// SPDX-License-Identifier: EUPL-1.2
// Realisation lines of any number of contracts (REFERENCE.md §6): checked and clipped to their
// contract, grouped by candidate, duplicates counted once, one person's week shared, counting
// windows consumed in time order. About 600 lines with one job: the steps are named methods of
// one class (RealisationValuation) and read in the order they run.
#include <algorithm>
#include <span>
#include <string_view>
#include <unordered_map>

#include "sroi/calc/line_steps.hpp"
#include "sroi/calc/line_value.hpp"
#include "sroi/calc/period.hpp"
#include "sroi/calc/runs.hpp"
#include "sroi/msg/calc.hpp"
#include "sroi/msg/provisional.hpp"

namespace sroi {

using namespace detail;

namespace {

/// Part of a line's period with one hours factor: the share of a full-time week the line
/// counts for while the same set of the candidate's lines runs.
struct Segment {
  Date from, to;
  Ratio factor;
};

bool is_timed(Unit u) {
  return u == Unit::FulltimeYear || u == Unit::Month || u == Unit::LearningYear;
}

bool same_given(const auto& a, const auto& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || a->value == b->value;
}

/// Two lines of one contract that say the same thing: one placement registered twice.
bool same_line(const LineInput& x, const LineInput& y) {
  const RealisationLine& a = *x.line;
  const RealisationLine& b = *y.line;
  if (x.contract != y.contract && x.contract->id != y.contract->id) return false;
  if (a.block != b.block || a.start != b.start || a.end != b.end) return false;
  if (!same_given(a.subsidy_until, b.subsidy_until)) return false;
  const Quantities& p = a.quantities;
  const Quantities& q = b.quantities;
  if (!same_given(p.persons, q.persons) || !same_given(p.hours_per_week, q.hours_per_week) ||
      !same_given(p.months, q.months) || !same_given(p.amount, q.amount) ||
      !same_given(p.hours, q.hours) || !same_given(p.years, q.years) ||
      !same_given(p.count, q.count) || p.bonuses.size() != q.bonuses.size())
    return false;
  for (std::size_t i = 0; i < p.bonuses.size(); ++i)
    if (p.bonuses[i].value != q.bonuses[i].value) return false;
  return true;
}

/// Where a line was written: "file:line", or its contract where the line has no file.
Message line_ref(const LineInput& in) {
  const SourceLocation& w = in.line->where;
  std::string at = w.line ? ":" + std::to_string(w.line) : "";
  // A line read back from the register is located by its contract and row.
  if (w.file.empty() || w.file == in.contract->id)
    return msg(Msg::ContractRef, as_is(in.contract->id + at));
  return msg(Msg::Value, as_is(w.file.str() + at));
}

/// One person, one working week (REFERENCE.md §6): in every stretch of time the candidate's
/// concurrent employment lines (of any contract) add their hours; together they count at most
/// full time, each in proportion to its hours, so no figure depends on the order of
/// registration; the region's minimum hours are tested on the sum. Gives each line of a
/// cluster (lines that overlap, directly or through each other) its segments.
class WeekSharing {
 public:
  WeekSharing(const std::vector<LineInput>& in, const std::vector<Date>& from,
              const std::vector<Date>& to, bool notes, std::vector<LineResult>& results,
              std::vector<std::vector<Segment>>& segments)
      : in_(in), from_(from), to_(to), notes_(notes), results_(results), segments_(segments) {}

  /// The segments of every line of `cluster`.
  void share(std::span<const std::size_t> cluster) {
    if (cluster.size() == 1) {  // alone: its own hours, its own minimum test
      std::size_t i = cluster[0];
      bool zero = below_minimum(i, hours_of(i), from_[i], to_[i]);
      segments_[i].push_back({from_[i], to_[i], zero ? Ratio(0) : own_share(i)});
      return;
    }
    weigh(cluster);
    if (!(all_ > week_) && !minimum_) {
      // Together never above full time and no minimum to test: every line counts its own
      // hours throughout.
      for (std::size_t k = 0; k < cluster.size(); ++k)
        segments_[cluster[k]].push_back({from_[cluster[k]], to_[cluster[k]], own_[k]});
      return;
    }
    cuts_.clear();
    for (std::size_t i : cluster) {
      cuts_.push_back(from_[i]);
      cuts_.push_back(to_[i].add_days(1));
    }
    std::sort(cuts_.begin(), cuts_.end());
    cuts_.erase(std::unique(cuts_.begin(), cuts_.end()), cuts_.end());
    for (std::size_t c = 0; c + 1 < cuts_.size(); ++c)
      stretch(cluster, cuts_[c], cuts_[c + 1].add_days(-1));
  }

 private:
  const Ratio& hours_of(std::size_t i) const {
    return in_[i].line->quantities.hours_per_week->value;
  }

  /// A line's own share of a full-time week, at most 1.
  Ratio own_share(std::size_t i) const {
    return min(Ratio(1), hours_of(i) / in_[i].region->fulltime_hours.value);
  }

  /// Whether `hours` (the line's, or the sum in a stretch) stays below the line's region
  /// minimum: then the line counts nothing from a to b, and says so.
  bool below_minimum(std::size_t i, const Ratio& hours, Date a, Date b) {
    const Region& region = *in_[i].region;
    if (!region.min_hours || !(hours < region.min_hours->value)) return false;
    ++results_[i].reduced;
    if (notes_)
      results_[i].reductions.push_back(msg(Msg::WeekBelowMinimum, as_is(in_[i].line->candidate), a,
                                           b, dec(hours), dec(region.min_hours->value)));
    return true;
  }

  /// Each line's own share of a full-time week (at most 1), and its weight in the sharing: the
  /// hours written on it, uncut (REFERENCE.md §6: 40 h and 20 h share 36 h as 24 h and 12 h),
  /// against the full-time week where every line has the same full-time hours; else its share
  /// of its own full-time week, uncut, against 1. Where the weights of the lines running at
  /// the same time exceed the week, a line counts the exact fraction weight ÷ (sum of weights)
  /// of a full-time week: no rounding before the one per line to the cent.
  void weigh(std::span<const std::size_t> cluster) {
    own_.clear();
    weight_.clear();
    const Ratio& ft0 = in_[cluster[0]].region->fulltime_hours.value;
    bool same_ft = true;
    minimum_ = false;
    for (std::size_t i : cluster) {
      same_ft = same_ft && in_[i].region->fulltime_hours.value == ft0;
      minimum_ = minimum_ || in_[i].region->min_hours.has_value();
      own_.push_back(own_share(i));
    }
    week_ = same_ft ? ft0 : Ratio(1);
    all_ = Ratio(0);
    for (std::size_t i : cluster) {
      weight_.push_back(same_ft ? hours_of(i) : hours_of(i) / in_[i].region->fulltime_hours.value);
      all_ += weight_.back();
    }
  }

  /// One stretch a–b in which the same lines run: each running line's factor, added to its
  /// segments.
  void stretch(std::span<const std::size_t> cluster, Date a, Date b) {
    active_.clear();
    Ratio hours(0), weights(0);
    for (std::size_t k = 0; k < cluster.size(); ++k)
      if (from_[cluster[k]] <= a && b <= to_[cluster[k]]) {
        active_.push_back(k);
        hours += hours_of(cluster[k]);
        weights += weight_[k];
      }
    for (std::size_t k : active_) {
      std::size_t i = cluster[k];
      const Region& region = *in_[i].region;
      const Ratio& hw = hours_of(i);
      Ratio factor = own_[k];
      if (below_minimum(i, hours, a, b)) {
        factor = Ratio(0);
      } else if (weights > week_ && active_.size() > 1) {
        // The exact share: weight ÷ (sum of weights) of a full-time week; in hours, that
        // fraction of the line's full-time hours.
        factor = weight_[k] / weights;
        ++results_[i].reduced;
        if (notes_) note_shared(cluster, k, a, b, hours, factor);
      } else if (region.min_hours && hw < region.min_hours->value && notes_) {
        results_[i].reductions.push_back(msg(Msg::WeekReachesMinimum, as_is(in_[i].line->candidate),
                                             a, b, dec(hours), dec(region.min_hours->value)));
      }
      // Stretches that follow on with the same factor are one segment (fewer months to add).
      auto& segs = segments_[i];
      if (!segs.empty() && segs.back().factor == factor && segs.back().to.add_days(1) == a)
        segs.back().to = b;
      else
        segs.push_back({a, b, factor});
    }
  }

  /// The note of a line whose week was shared from a to b: with which lines, the hours
  /// together, and what it counts.
  void note_shared(std::span<const std::size_t> cluster, std::size_t k, Date a, Date b,
                   const Ratio& hours, const Ratio& factor) {
    std::size_t i = cluster[k];
    PhraseList others;
    for (std::size_t j : active_)
      if (j != k)
        others.items.push_back(
            msg(Msg::SharedWith, phrase(line_ref(in_[cluster[j]])), dec(hours_of(cluster[j]))));
    results_[i].reductions.push_back(
        msg(Msg::WeekShared, as_is(in_[i].line->candidate), a, b, dec(hours),
            static_cast<int64_t>(active_.size()), std::move(others),
            dec(factor * in_[i].region->fulltime_hours.value), dec(hours_of(i))));
  }

  const std::vector<LineInput>& in_;
  const std::vector<Date>& from_;
  const std::vector<Date>& to_;
  bool notes_;
  std::vector<LineResult>& results_;
  std::vector<std::vector<Segment>>& segments_;
  // Scratch space kept per thread: status values millions of small clusters.
  static thread_local std::vector<Ratio> own_, weight_;
  static thread_local std::vector<Date> cuts_;
  static thread_local std::vector<std::size_t> active_;  // positions in the cluster
  Ratio week_, all_;
  bool minimum_ = false;
};

thread_local std::vector<Ratio> WeekSharing::own_, WeekSharing::weight_;
thread_local std::vector<Date> WeekSharing::cuts_;
thread_local std::vector<std::size_t> WeekSharing::active_;

}  // namespace

namespace {

/// The valuation of a set of realisation lines (value_realisations), step by step.
class RealisationValuation {
 public:
  RealisationValuation(const std::vector<LineInput>& lines, const ValuationOptions& opts,
                       std::vector<Diagnostic>& found)
      : in(lines),
        options(opts),
        problems(found),
        results(lines.size()),
        blocks(lines.size(), nullptr),
        segments(lines.size()),
        from(lines.size()),
        to(lines.size()),
        notes(opts.trace || opts.notes) {}

  std::vector<LineResult> run() {
    std::vector<std::size_t> valid = check_and_clip();
    // 2. Group by candidate: only a candidate's own lines interact.
    // Lines without a candidate (invoices) under their contract's key (candidate_key); every
    // other line under its own candidate, not copied.
    std::vector<std::string> no_person(in.size());
    for (std::size_t i : valid)
      if (in[i].line->candidate.empty()) no_person[i] = candidate_key("", in[i].contract->id);
    auto candidate = [&](std::size_t i) -> const std::string& {
      const std::string& c = in[i].line->candidate;
      return c.empty() ? no_person[i] : c;
    };
    std::stable_sort(valid.begin(), valid.end(),
                     [&](std::size_t a, std::size_t b) { return candidate(a) < candidate(b); });
    for_each_run(valid.begin(), valid.end(), candidate, [&](auto first, auto last) {
      std::vector<std::size_t> group(first, last);
      try {
        count_duplicates_once(group);
        share_weeks(group);
        consume_counting_windows(group);
      } catch (const DataError&) {
        throw;
      } catch (const Error& e) {
        // Exact arithmetic out of range (inputs are bounded so that it cannot happen; should
        // it, the candidate's first line is named instead of ending the program).
        problems.push_back({in[group.front()].line->where,
                            msg(Msg::CannotValueCandidate, as_is(in[group.front()].line->candidate),
                                phrase(e.message()))});
      }
    });
    return std::move(results);
  }

 private:
  /// Whom a line is about in a message: its candidate, or for a line without one (an invoice)
  /// its block's name.
  Arg who(std::size_t i, const BuildingBlock& block) const {
    const std::string& c = in[i].line->candidate;
    if (names_person(c)) return as_is(c);
    return named(block.id, block.name);
  }

  /// 1. Checks each line and clips it to its contract (and the as-of date); returns the lines
  /// that can be valued.
  std::vector<std::size_t> check_and_clip() {
    std::vector<std::size_t> valid;
    for (std::size_t i = 0; i < in.size(); ++i) {
      const RealisationLine& line = *in[i].line;
      const Region& region = *in[i].region;
      const Contract& contract = *in[i].contract;
      const BuildingBlock* block =
          find_block(region, line.block, line.block_at, line.where, problems);
      if (!block) continue;
      LineResult& r = results[i];
      r = start_line(*block, line.where, options.trace, options.figures_only);
      r.naming = notes;
      if (!options.figures_only) {
        r.contract = contract.id;
        r.candidate = shown_candidate(line.candidate);
      }
      r.start = line.start;
      r.end = line.end;
      if (!check_quantities(*block, line.quantities, LineKind::Realisation, line.where, r,
                            problems))
        continue;
      // A placement is a person's; an invoice, a cost or an activity need not name one.
      if (is_timed(block->unit) && !names_person(line.candidate)) {
        SourceLocation at = line.where;
        at.column_name = Msg::ColumnCandidate;
        if (!at.sheet.empty()) at.column = 0;
        problems.push_back({at, msg(Msg::BlockNeedsCandidate, named(block->id, block->name),
                                    phrase(msg(unit_word(block->unit))))});
        continue;
      }
      if (line.subsidy_until && !is_timed(block->unit))
        problems.push_back({line.subsidy_until->in(line.where, Msg::ColumnSubsidyUntil),
                            msg(Msg::SubsidyUntilEmployment)});
      bool timed = is_timed(block->unit);
      if (timed && (line.end < contract.start || line.start > contract.end)) {
        problems.push_back({line.where, msg(Msg::LineOutsideContract, line.start, line.end,
                                            contract.start, contract.end)});
        continue;
      }
      blocks[i] = block;
      if (timed) {
        from[i] = std::max(line.start, contract.start);
        to[i] = std::min(line.end, contract.end);
        // Cut at the contract's end, and said so: a person may not see it in the figures (a
        // start before the contract has a warning of its own, on its counting period).
        if (notes && to[i] != line.end)
          r.warnings.push_back(msg(Msg::LineCutAtContractEnd, line.end, contract.end));
      } else {
        // An amount that is not time counts on its date (the line's end): inside the contract
        // in full, outside it not at all (REFERENCE.md §6).
        from[i] = to[i] = line.end;
        if (line.end < contract.start || line.end > contract.end) {
          r.zero_reason = msg(Msg::DatedOutsideContract, line.end, contract.start, contract.end);
          if (notes)
            r.warnings.push_back(
                msg(Msg::CandidateCountsNothing, who(i, *block), phrase(*r.zero_reason)));
          to[i] = from[i].add_days(-1);
        }
      }
      if (options.as_of && *options.as_of < to[i]) to[i] = *options.as_of;
      valid.push_back(i);
    }
    return valid;
  }

  /// 2a. An exact duplicate (same contract, same everything) is one placement registered twice:
  /// the first in registration order counts, the repeat counts nothing. Leaves in `group` the
  /// lines that count.
  void count_duplicates_once(std::vector<std::size_t>& group) {
    std::stable_sort(group.begin(), group.end(),
                     [&](std::size_t a, std::size_t b) { return in[a].seq < in[b].seq; });
    std::vector<std::size_t>& counted_lines = scratch_counted;
    counted_lines.clear();
    for (std::size_t i : group) {
      auto first = std::find_if(counted_lines.begin(), counted_lines.end(),
                                [&](std::size_t k) { return same_line(in[k], in[i]); });
      if (first == counted_lines.end()) {
        counted_lines.push_back(i);
        continue;
      }
      LineResult& r = results[i];
      r.duplicate_of = line_ref(in[*first]);
      r.zero_reason = msg(Msg::DuplicateOf, phrase(*r.duplicate_of));
      if (notes)
        r.warnings.push_back(msg(Msg::DuplicateLine, phrase(line_ref(in[i])),
                                 phrase(*r.duplicate_of), who(i, *blocks[i]),
                                 as_is(blocks[i]->name)));
      step(r, Msg::StepDuplicate, [&] { return msg(Msg::CountsNothing, phrase(*r.zero_reason)); });
      // Shown like any line (rate, quantity, hours) with nothing counted, so that a
      // spreadsheet row reads "9 months given, 0 counted".
      const Quantities& q = in[i].line->quantities;
      const BuildingBlock& block = *blocks[i];
      const Region& region = *in[i].region;
      if (is_timed(block.unit)) {
        r.factors.rate = block.value;
        Ratio given = months_between(from[i], to[i], region.time_basis);
        r.months_given = given;
        r.counting.quantity = given;
        r.factors.periods_unit = block.unit == Unit::Month ? Periods::Months : Periods::Years;
        r.counting.divisor = block.unit == Unit::Month ? 1 : 12;
        if (q.hours_per_week) {
          r.hours_per_week = q.hours_per_week->value;
          r.factors.hours_factor =
              min(Ratio(1), q.hours_per_week->value / region.fulltime_hours.value);
        }
      } else {
        value_untimed(block, q, r);
      }
      r.counting.counted = Ratio(0);
      r.counting.cap = Ratio(0);  // a spreadsheet's MIN(quantity, cap) then counts nothing too
      finish(r);
    }
    group = counted_lines;
  }

  /// 2b. One person, one working week (WeekSharing); a line that runs alone needs no sharing.
  void share_weeks(const std::vector<std::size_t>& group) {
    std::vector<std::size_t>& employed = scratch_employed;
    employed.clear();
    for (std::size_t i : group)
      if (blocks[i]->unit == Unit::FulltimeYear && from[i] <= to[i]) employed.push_back(i);
    std::sort(employed.begin(), employed.end(), [&](std::size_t a, std::size_t b) {
      return std::pair(from[a], a) < std::pair(from[b], b);
    });
    WeekSharing weeks(in, from, to, options.trace || (options.notes && options.sharing_notes),
                      results, segments);
    for (std::size_t c = 0; c < employed.size();) {
      // A cluster: lines that overlap, directly or through each other.
      std::size_t e = c + 1;
      Date last = to[employed[c]];
      while (e < employed.size() && from[employed[e]] <= last)
        last = std::max(last, to[employed[e++]]);
      weeks.share(std::span<const std::size_t>(employed).subspan(c, e - c));
      c = e;
    }
  }

  /// Where a line's counting period is shared: per person (across contracts, by catalogue
  /// target group) or per contract (by contract and block); its window's first day and what
  /// was counted in it so far (for the trace).
  struct Usage {
    const std::string* catalogue = nullptr;  ///< per person: the target group
    const std::string* contract = nullptr;   ///< per contract: the contract and block
    const std::string* block = nullptr;
    Date first_start;
    Ratio consumed{0};
    std::string contracts;  ///< for the trace
    static bool same(const std::string* a, const std::string* b) {
      return a == b || (a && b && *a == *b);
    }
    bool is(const Usage& o) const {
      return same(catalogue, o.catalogue) && same(contract, o.contract) && same(block, o.block);
    }
  };

  /// The window a line's counting period is measured in (without its first day).
  Usage usage_of(std::size_t i) const {
    Usage here;
    if (in[i].region->counting_scope == CountingScope::PerContract)
      here.contract = &in[i].contract->id, here.block = &blocks[i]->id;
    else
      here.catalogue = &blocks[i]->maps_to;
    return here;
  }

  /// Whether the region lets a line that started before its contract open its window at the
  /// contract start (Den Haag: a start up to N months before).
  bool prior_allowed(std::size_t i) const {
    const RealisationLine& line = *in[i].line;
    const Contract& contract = *in[i].contract;
    const auto& prior = in[i].region->prior_employment;
    return line.start < contract.start && prior &&
           line.start >= contract.start.add_months(-prior->months);
  }

  /// The first day a line takes its window from: its start, or its contract's start where
  /// the region allows the earlier start.
  Date window_start_of(std::size_t i) const {
    return prior_allowed(i) ? in[i].contract->start : in[i].line->start;
  }

  /// Each window's first day: the earliest start of any of the candidate's lines in it, in
  /// any contract or file (REFERENCE.md §6), found before any line is valued, so that no
  /// value depends on the order the lines were listed or imported in.
  std::vector<Usage> open_windows(const std::vector<std::size_t>& group) const {
    std::vector<Usage> usage;
    for (std::size_t i : group) {
      if (!is_timed(blocks[i]->unit)) continue;
      Usage here = usage_of(i);
      Date start = window_start_of(i);
      auto use =
          std::find_if(usage.begin(), usage.end(), [&](const Usage& u) { return u.is(here); });
      if (use == usage.end()) {
        here.first_start = start;
        usage.push_back(here);
      } else if (start < use->first_start) {
        use->first_start = start;
      }
    }
    return usage;
  }

  /// 2c. Counting periods, in time order: a window from the candidate's first start, whatever
  /// the number of lines in it; then each line's value.
  void consume_counting_windows(std::vector<std::size_t>& group) {
    std::stable_sort(group.begin(), group.end(),
                     [&](std::size_t a, std::size_t b) { return from[a] < from[b]; });
    std::vector<Usage> usage = open_windows(group);
    for (std::size_t i : group) {
      const BuildingBlock& block = *blocks[i];
      LineResult& r = results[i];
      note_provisional(r, block.provenance,
                       [&] { return msg(Msg::ProvisionalBlock, as_is(block.name)); });
      rate_step(block, r);
      if (!is_timed(block.unit)) {
        if (r.zero_reason)
          step(r, Msg::StepDate, [&] { return msg(Msg::CountsNothing, phrase(*r.zero_reason)); });
        value_untimed(block, in[i].line->quantities, r);
        if (to[i] < from[i]) r.counting.counted = Ratio(0);  // outside, or after the as-of date
        finish(r);
        continue;
      }
      Ratio given = months_given(i);
      note_prior_employment(i);
      // The window opened before any line was valued (open_windows).
      Usage here = usage_of(i);
      auto use =
          std::find_if(usage.begin(), usage.end(), [&](const Usage& u) { return u.is(here); });
      Ratio allowed = allowed_months(i, *use, given);
      // Walk the hour segments in time order until the allowed months are used.
      std::optional<ExactSum> wide;
      Ratio counted =
          block.unit == Unit::FulltimeYear ? count_hours(i, given, allowed, wide) : allowed;
      if (counted > Ratio(0) && r.tracing && use->contracts.find(r.contract) == std::string::npos)
        use->contracts += (use->contracts.empty() ? "" : ", ") + r.contract;
      use->consumed += counted;
      record_counted(i, given, counted);
      finish(r, wide ? &*wide : nullptr);
    }
  }

  /// A timed line's stretch and rate as steps, and the months it runs (before any cap).
  Ratio months_given(std::size_t i) {
    const RealisationLine& line = *in[i].line;
    const Region& region = *in[i].region;
    const BuildingBlock& block = *blocks[i];
    LineResult& r = results[i];
    if (from[i] != line.start)
      step(r, Msg::StepPeriod, [&] { return msg(Msg::CountedFromContractStart, from[i]); });
    if (to[i] != line.end)
      step(r, Msg::StepPeriod, [&] {
        return msg(Msg::StopsAt,
                   phrase(msg(options.as_of && to[i] == *options.as_of ? Msg::WordAsOfDate
                                                                       : Msg::WordContractEnd)),
                   to[i]);
      });
    if (block.unit == Unit::FulltimeYear) {
      r.factors.rate = rate_with_bonuses(region, block, line.quantities, r, problems);
      r.hours_per_week = line.quantities.hours_per_week->value;
    } else {
      r.factors.rate = block.value;
    }
    Ratio given = months_between(from[i], to[i], region.time_basis);
    r.months_given = given;
    step(r, Msg::StepMonths, [&] {
      return msg(Msg::MonthsBetween, from[i], to[i], months(given),
                 phrase(msg(region.time_basis == TimeBasis::Days ? Msg::MonthsByDays
                                                                 : Msg::MonthsByCalendar)));
    });
    return given;
  }

  /// Prior employment: time before the contract uses the window and counts nothing, unless
  /// the region allows a start up to N months before; then the window opens at the start.
  void note_prior_employment(std::size_t i) {
    const RealisationLine& line = *in[i].line;
    const Region& region = *in[i].region;
    const Contract& contract = *in[i].contract;
    LineResult& r = results[i];
    if (!(line.start < contract.start)) return;
    const auto& prior = region.prior_employment;
    bool allowed = prior_allowed(i);
    if (allowed)
      note_provisional(r, prior->provenance, [&] { return msg(Msg::ProvisionalPriorEmployment); });
    Message note = msg(allowed ? Msg::PriorStartAllowed
                       : prior ? Msg::PriorStartCountsNothingAtMost
                               : Msg::PriorStartCountsNothing,
                       as_is(line.candidate), line.start, contract.start, as_is(region.label()),
                       int64_t{prior ? prior->months : 0});
    if (notes) r.warnings.push_back(note);
    step(r, Msg::StepPriorEmployment, [&] { return note; });
  }

  /// The months the line may count: its counting window less what the window already counted
  /// (Den Haag: longer while a wage-cost subsidy runs), or all of them.
  Ratio allowed_months(std::size_t i, const Usage& use, const Ratio& given) {
    const RealisationLine& line = *in[i].line;
    const Region& region = *in[i].region;
    const BuildingBlock& block = *blocks[i];
    LineResult& r = results[i];
    bool subsidy = line.subsidy_until && region.counts_while_subsidy;
    if (line.subsidy_until && !region.counts_while_subsidy && notes)
      r.warnings.push_back(
          msg(Msg::SubsidyRuleMissing, as_is(line.candidate), as_is(region.label())));
    if (!block.counting_months) {
      if (block.counts_always) step(r, Msg::StepCap, [&] { return msg(Msg::CountsAlways); });
      return given;
    }
    Ratio cap(*block.counting_months);
    Ratio elapsed = use.first_start < from[i]
                        ? months_between(use.first_start, from[i].add_days(-1), region.time_basis)
                        : Ratio(0);
    // The period is a window from the first start: months already counted elsewhere in the
    // same weeks use the same window, not more of it.
    Ratio allowed = min(given, max(Ratio(0), cap - elapsed));
    if (allowed < given)
      step(r, Msg::StepCap, [&] {
        return msg(use.contracts.empty() ? Msg::CountingWindowCaps : Msg::CountingWindowCapsOn,
                   int64_t{*block.counting_months}, as_is(line.candidate),
                   phrase(msg(Msg::Quoted, as_is(block.name))), use.first_start,
                   months(use.consumed), months(allowed), months(given), as_is(use.contracts));
      });
    if (!subsidy) return allowed;
    // Den Haag: a candidate with a wage-cost subsidy counts while the subsidy runs, also past
    // the block's period (never shorter than it).
    const Date& until = line.subsidy_until->value;
    note_provisional(r, *region.counts_while_subsidy,
                     [&] { return msg(Msg::ProvisionalSubsidyRule); });
    Ratio running = until < from[i]
                        ? Ratio(0)
                        : months_between(from[i], std::min(to[i], until), region.time_basis);
    if (running > allowed) {
      allowed = running;
      step(r, Msg::StepCap,
           [&] { return msg(Msg::CountsWhileSubsidy, until, months(allowed), months(given)); });
    }
    return allowed;
  }

  /// An employment line's months counted, walking its hour segments in time order until the
  /// allowed months are used, and its hours factor: one factor throughout, or the exact
  /// months-weighted mean of its segments (in arbitrary precision, `wide`, when 64-bit
  /// fractions overflow).
  Ratio count_hours(std::size_t i, const Ratio& given, const Ratio& allowed,
                    std::optional<ExactSum>& wide) {
    const Region& region = *in[i].region;
    const Quantities& q = in[i].line->quantities;
    LineResult& r = results[i];
    const Ratio& ft = region.fulltime_hours.value;
    note_fulltime_hours(region, r);
    note_minimum_hours(region, r);
    Ratio own = min(Ratio(1), q.hours_per_week->value / ft);
    step(r, Msg::StepHoursFactor, [&] { return hours_factor_step(q.hours_per_week->value, ft); });
    const auto& segs = segments[i];
    Ratio counted(0), weighted(0);
    if (segs.size() == 1 && segs[0].from == from[i] && segs[0].to == to[i]) {
      // One factor throughout (the line ran alone, or its share never changed).
      counted = min(given, allowed);
      r.factors.hours_factor = counted > Ratio(0) ? segs[0].factor : own;
    } else {
      std::vector<std::pair<Ratio, Ratio>>& parts = scratch_parts;  // (months, factor)
      parts.clear();
      for (const auto& seg : segs) {
        Ratio m = min(months_between(seg.from, seg.to, region.time_basis), allowed - counted);
        if (m <= Ratio(0)) break;
        counted += m;
        parts.emplace_back(m, seg.factor);
      }
      if (counted > Ratio(0)) {
        try {
          for (const auto& [m, f] : parts) weighted += m * f;
          r.hours_periods = weighted / Ratio(12);  // employment counts in years
          r.factors.hours_factor = divide_or_round(weighted, counted);
        } catch (const Error&) {
          // Many stretches with different sums of hours outgrow 64-bit fractions: the same
          // exact sum in arbitrary precision, still rounded once.
          wide = exact_sum(parts);
          r.hours_periods = wide->shown / Ratio(12);
          r.factors.hours_factor = divide_or_round(wide->shown, counted);
        }
      } else {
        r.factors.hours_factor = own;
      }
    }
    for (const auto& note : r.reductions) step(r, Msg::StepPersonsWeek, [&] { return note; });
    if (!r.reductions.empty())
      step(r, Msg::StepHoursFactor,
           [&] { return msg(Msg::HoursFactorWeighted, Decimal{r.factors.hours_factor}); });
    if (counted > Ratio(0) && r.factors.hours_factor == Ratio(0) && region.min_hours)
      r.zero_reason = msg(Msg::BelowMinimumPerPerson, dec(region.min_hours->value));
    return counted;
  }

  /// What the line counted, against what it ran, in months or in years.
  void record_counted(std::size_t i, const Ratio& given, const Ratio& counted) {
    LineResult& r = results[i];
    r.counting.quantity = given;
    r.counting.counted = counted;
    if (counted < given) r.counting.cap = counted;
    if (blocks[i]->unit == Unit::Month) {
      r.factors.periods_unit = Periods::Months;
      return;
    }
    r.counting.divisor = 12;
    r.factors.periods_unit = Periods::Years;
    step(r, Msg::StepMonthsCounted, [&] {
      return msg(Msg::MonthsToYears, months(counted), Amount{counted / Ratio(12), Counted::Years});
    });
  }

  const std::vector<LineInput>& in;
  const ValuationOptions& options;
  std::vector<Diagnostic>& problems;
  std::vector<LineResult> results;
  std::vector<const BuildingBlock*> blocks;
  std::vector<std::vector<Segment>> segments;
  std::vector<Date> from, to;  ///< each line's counted stretch (clipped)
  bool notes;
  std::vector<std::size_t> scratch_counted, scratch_employed;  ///< reused per candidate
  std::vector<std::pair<Ratio, Ratio>> scratch_parts;
};

}  // namespace

std::vector<LineResult> value_realisations(const std::vector<LineInput>& in,
                                           const ValuationOptions& options,
                                           std::vector<Diagnostic>& problems) {
  return RealisationValuation(in, options, problems).run();
}

void value_by_candidate(
    const Region& region, const Contract& contract, const std::vector<RealisationLine>& lines,
    const ValuationOptions& options, std::size_t min_lines, std::vector<Diagnostic>& problems,
    const std::function<void(const std::vector<std::size_t>&, std::vector<LineResult>&)>& fn) {
  // Each line sorted by the place of its candidate's first line, then by its own.
  std::vector<std::pair<std::size_t, std::size_t>> keyed(lines.size());
  {
    std::unordered_map<std::string_view, std::size_t> first;
    first.reserve(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i)
      keyed[i] = {first.try_emplace(lines[i].candidate, i).first->second, i};
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::size_t> order(lines.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = keyed[i].second;
  keyed = {};
  std::vector<LineInput> chunk;
  std::vector<std::size_t> indices;
  auto candidate = [&](std::size_t i) -> const std::string& { return lines[i].candidate; };
  for_each_run(order.begin(), order.end(), candidate, [&](auto first, auto last) {
    for (auto it = first; it != last; ++it) {
      chunk.push_back({&lines[*it], &region, &contract, static_cast<int64_t>(*it)});
      indices.push_back(*it);
    }
    if (chunk.size() >= min_lines || last == order.end()) {
      std::vector<LineResult> results = value_realisations(chunk, options, problems);
      fn(indices, results);
      chunk.clear();
      indices.clear();
    }
  });
}

std::vector<LineResult> value_realisation_lines(const Region& region, const Contract& contract,
                                                const std::vector<RealisationLine>& lines,
                                                std::vector<Diagnostic>& problems,
                                                const ValuationOptions& options) {
  std::vector<LineInput> in;
  in.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i)
    in.push_back({&lines[i], &region, &contract, static_cast<int64_t>(i)});
  return value_realisations(in, options, problems);
}

}  // namespace sroi
