// SPDX-License-Identifier: EUPL-1.2
// Figures that follow the data (schema 7): the register keeps, for every realisation line, the
// value the register-wide valuation gave it on the figures' day, and per contract the sums of
// those values, kept in step in the transaction of every import, replacement and removal. The
// store knows no regions: a Valuer (portfolio's) values a candidate's lines for it. See
// docs/store.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sroi/model/contract.hpp"

namespace sroi::store {

struct ContractRecord;

/// A stored realisation line with its contract and registration order (its id).
struct LineRecord {
  int64_t id = 0;
  std::string contract;
  RealisationLine line;
};

/// A line as the valuer sees it: its id (registration order), its contract and its values.
struct LineRef {
  int64_t id = 0;
  const std::string* contract = nullptr;
  const RealisationLine* line = nullptr;
};

/// A line's stored figure: its value in cents, whether a provisional value was used, whether
/// another line of the candidate took some of its hours.
struct LineFigure {
  int64_t cents = 0;
  bool provisional = false;
  bool reduced = false;
  bool operator==(const LineFigure&) const = default;
};

/// A stored line with its figure: none when it was not valued (its contract had no region, or
/// it waits for re-valuation). Read on a kept day (FiguresState::kept_days), also its figure
/// on that day where it differs from the figures' day's (`on_kept_day`).
struct FiguredLine : LineRecord {
  std::optional<LineFigure> figure;
  bool on_kept_day = false;        ///< a kept figure differs from `figure`
  std::optional<LineFigure> kept;  ///< that figure
  /// The line's figure on the kept day read (the figures' day's where none is kept).
  const std::optional<LineFigure>& figure_on_kept_day() const {
    return on_kept_day ? kept : figure;
  }
};

/// What a contract's figures were valued with (its region model's fingerprint; none: not
/// valued), beside what chooses its model now (its region as given, and its start): whether
/// they still hold after a region model changed.
struct ContractPrint {
  std::string id;
  RegionChoice region;
  Date start;
  std::optional<std::string> valued_with;
};

/// A contract's stored figures: the sums of its lines' figures, and the fingerprint of the
/// region version they were valued with (none: not yet valued; "": no region could be chosen).
struct ContractFigures {
  int64_t cents = 0;
  int64_t lines = 0;        ///< lines with a figure
  int64_t reduced = 0;      ///< of which reduced
  int64_t provisional = 0;  ///< of which provisional
  std::optional<std::string> valued_with;
};

/// Values lines for the register. The store calls it inside its write transaction with one
/// candidate's lines (every contract, registration order) and their contracts.
class Valuer {
 public:
  virtual ~Valuer() = default;
  /// The day a register without figures starts valuing at (today).
  virtual Date today() const = 0;
  /// The fingerprint of the region version a contract's lines are valued with; "" when none
  /// can be chosen (its lines get no figure).
  virtual std::string fingerprint(const ContractRecord& c) const = 0;
  /// One print of every region model it values with (config::RegionSet::print): the same print
  /// gives every contract the same fingerprint.
  virtual std::string models() const = 0;
  /// One figure per line (none where its contract has no region), counted up to `day`. False
  /// when a line could not be valued as stored (a region changed since its import): its
  /// candidate is then re-valued by every reader, which reports why.
  virtual bool value(const std::vector<LineRef>& lines,
                     const std::vector<const ContractRecord*>& contracts, const Date& day,
                     std::vector<std::optional<LineFigure>>& out) const = 0;
};

/// Which candidates a reader values again instead of reading their stored figures: those that
/// wait (no valuer at their last change, or a problem), those with a line in `affected`
/// (contracts whose region version changed since they were valued), and on a day other than the
/// figures' day those whose figures differ (figures_differ). On the figures' day the store
/// selects them; on another day it streams every candidate and the reader decides.
struct RevalueScope {
  Date day;
  std::vector<std::string> affected;
  /// Only candidates with a line in one of these contracts.
  std::optional<std::vector<std::string>> within;
};

/// Whether a candidate whose lines run from `first` to `last` has other figures on `day` than
/// on the figures' day `stored` (none: every candidate differs). Values count up to a day, so
/// lines that all end by both days, or all start after both, count the same on either. The one
/// rule the store and every reader apply.
inline bool figures_differ(const std::optional<Date>& stored, const Date& day, const Date& first,
                           const Date& last) {
  if (!stored) return true;
  if (*stored == day) return false;
  Date lo = *stored < day ? *stored : day, hi = *stored < day ? day : *stored;
  return lo < last && !(hi < first);
}

/// How far the stored figures are: their day, how many candidates wait for re-valuation, and
/// the kept days: days besides the figures' day (a year's or a quarter's end, which kpi and
/// reports ask for) on which every line's figure is kept too, where it differs from the
/// figures' day's, so that a reader on such a day values nothing again. Kept in step by the
/// same writes as the figures' day's figures (`sroi db keep`).
struct FiguresState {
  std::optional<Date> day;
  int64_t waiting = 0;
  /// The print of the region models (Valuer::models) every contract's figures were valued
  /// with, when one is known: a reader with the same models finds every contract valued as it
  /// would value it. Set by the register's first contract and by `db revalue`; none after a
  /// contract was added with other models (or without any), until `db revalue`.
  std::optional<std::string> models;
  std::vector<Date> kept_days;  ///< in order
  bool keeps(const Date& d) const {
    for (const Date& k : kept_days)
      if (k == d) return true;
    return false;
  }
  /// Whether figures are stored for `d`: it is the figures' day or a kept day.
  bool covers(const Date& d) const { return day == d || keeps(d); }
};

/// What `db keep` did: the kept day, and how many lines have a figure of their own on it.
struct KeepOutcome {
  Date day;
  bool dropped = false;
  int64_t candidates = 0;  ///< candidates valued on the day
  int64_t lines = 0;       ///< lines whose figure on the day differs from the figures' day's
};

/// What `db revalue` did.
struct RevalueOutcome {
  int64_t candidates = 0, lines = 0, changed = 0;
  Date day;
  /// Nothing was to be done (the figures held on the day): nothing was written.
  bool in_step = false;
};

}  // namespace sroi::store
