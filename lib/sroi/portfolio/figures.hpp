// SPDX-License-Identifier: EUPL-1.2
// Figures that follow the data, the portfolio's half: the valuer that keeps the register's
// stored figures in step (the store knows no regions), `db revalue`, and the check that stored
// figures equal a fresh valuation (`db verify`).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sroi/config/region_set.hpp"
#include "sroi/store/register.hpp"

namespace sroi::portfolio {

/// Values a candidate's lines for the register exactly as status values them (figures only,
/// counted up to the figures' day).
class RegisterValuer : public store::Valuer {
 public:
  RegisterValuer(const config::RegionSet& regions, Date today);
  Date today() const override { return today_; }
  std::string fingerprint(const store::ContractRecord& c) const override;
  std::string models() const override { return models_; }
  bool value(const std::vector<store::LineRef>& lines,
             const std::vector<const store::ContractRecord*>& contracts, const Date& day,
             std::vector<std::optional<store::LineFigure>>& out) const override;

 private:
  /// The region version a contract's lines are valued with, or none.
  const Region* region_of(const store::ContractRecord& c) const;
  const config::RegionSet& regions_;
  std::string models_;  ///< regions_.print(), once: the set does not change while it values
  Date today_;
  mutable std::unordered_map<std::string, const Region*> chosen_;
};

/// Keeps a register's figures in step while it lives: every write values what it touches.
class KeepFigures {
 public:
  KeepFigures(store::Register& reg, const config::RegionSet& regions, Date today);
  ~KeepFigures();
  KeepFigures(const KeepFigures&) = delete;
  KeepFigures& operator=(const KeepFigures&) = delete;

 private:
  store::Register& reg_;
  RegisterValuer valuer_;
};

/// Values again and makes `day` the figures' day: everything (`all`), or only what differs,
/// `part` candidates per transaction (Register::revalue).
store::RevalueOutcome revalue(store::Register& reg, const config::RegionSet& regions,
                              const Date& day, bool all,
                              const std::function<void(int64_t)>& progress = {},
                              std::size_t part = store::Register::kRevaluePart);

/// Stored figures against a fresh valuation of the whole register on the figures' day: each
/// line's figure and each contract's sums. Candidates that wait for re-valuation (and contracts
/// whose region changed) are not compared, only counted.
struct FiguresCheck {
  std::optional<Date> day;  ///< none: the register has no figures yet
  int64_t lines = 0, contracts = 0;
  int64_t waiting = 0;   ///< candidates waiting for re-valuation
  int64_t affected = 0;  ///< contracts whose region version changed since they were valued
  std::vector<Message> differences;  ///< the first few lines and every contract that differ
  /// Each kept day and how many lines were compared on it.
  std::vector<std::pair<Date, int64_t>> kept;
  int64_t kpi_candidates = 0;  ///< candidates whose kpi lines were compared
};
FiguresCheck check_figures(const store::Register& reg, const config::RegionSet& regions);

/// What the stored figures do not cover on `day`: another figures' day, candidates waiting
/// for re-valuation, contracts whose region version changed since they were valued. Readers
/// value those again on every request until `revalue` stores them.
struct FiguresPending {
  bool other_day = false;
  int64_t waiting = 0;
  int64_t affected = 0;
  bool any() const { return other_day || waiting > 0 || affected > 0; }
};
FiguresPending figures_pending(const store::Register& reg, const config::RegionSet& regions,
                               const Date& day);

/// The fingerprint of the region a contract's lines are valued with ("" when none can be
/// chosen): what a contract's stored figures record.
std::string region_fingerprint(const config::RegionSet& regions, const store::ContractRecord& c);

/// The one rule for which candidates' figures hold on another day: the store's.
using store::figures_differ;

}  // namespace sroi::portfolio
