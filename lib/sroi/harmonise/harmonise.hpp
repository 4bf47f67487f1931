// SPDX-License-Identifier: EUPL-1.2
// Harmonisation: region models side by side through the shared catalogue (compare), one offer
// valued under several regions (value_elsewhere), what changed between two versions (diff),
// and a draft common model (draft_common_model).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sroi/calc/assessment.hpp"
#include "sroi/model/contract.hpp"
#include "sroi/model/enum_ids.hpp"
#include "sroi/model/region.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi::harmonise {

// --- compare ---------------------------------------------------------------------------------

/// The blocks of one region that map to one catalogue entry (usually one, none = a gap).
struct Cell {
  std::vector<const BuildingBlock*> blocks;
  /// "€ 40.000,00 per full-time year, 24 months" (several joined with "; "), or a gap.
  Message value() const;
};

/// What a comparison row holds: a catalogue target group or measure, a bonus, or a rule.
enum class RowKind { TargetGroup, Measure, Bonus, Rule };

/// How the regions of a comparison row differ, from what matters to one that does not, so that
/// a mark means something: Value where the regions that have it value it differently (amount,
/// counting period, threshold, percentage); Presence where they agree but not every region has
/// it; Provisional where they differ only in whether the value is published; Same otherwise.
enum class Difference { Value, Presence, Provisional, Same };

}  // namespace sroi::harmonise

namespace sroi {
template <>
struct EnumIds<harmonise::RowKind> {
  /// A comparison row's kind in output.
  static constexpr std::pair<harmonise::RowKind, const char*> table[] = {
      {harmonise::RowKind::TargetGroup, "target-group"},
      {harmonise::RowKind::Measure, "measure"},
      {harmonise::RowKind::Bonus, "bonus"},
      {harmonise::RowKind::Rule, "rule"}};
};
template <>
struct EnumIds<harmonise::Difference> {
  /// How a comparison row's regions differ, in output.
  static constexpr std::pair<harmonise::Difference, const char*> table[] = {
      {harmonise::Difference::Value, "value"},
      {harmonise::Difference::Presence, "not-everywhere"},
      {harmonise::Difference::Provisional, "provisional-only"},
      {harmonise::Difference::Same, "same"}};
};
}  // namespace sroi

namespace sroi::harmonise {
/// "target-group", "measure", "bonus", "rule".
const char* row_kind_id(RowKind k);
/// "value", "not-everywhere", "provisional-only", "same".
const char* difference_id(Difference d);

struct Row {
  std::string id;  ///< catalogue id, rule id ("full-time hours") or bonus id
  RowKind kind = RowKind::Rule;
  Message name;                 ///< the catalogue entry's name (data), or the rule's name
  std::vector<Message> values;  ///< one per region; Msg::Gap where the region has none
  Difference difference = Difference::Same;
  bool differs() const { return difference == Difference::Value; }
  std::vector<Cell> cells;  ///< blocks rows only
};

struct Matrix {
  std::vector<const Region*> regions;
  /// Blocks, then bonuses, then rules; within each, the rows that differ in value first, then
  /// those not every region has, then the rest (each group in catalogue order).
  std::vector<Row> rows;
};

/// One row per catalogue entry that any of the regions maps a block to, one per bonus, one per
/// rule (full-time basis, obligation, PSO, penalty, ...).
Matrix compare(const Catalogue& catalogue, const std::vector<const Region*>& regions);

// --- one offer under several regions -----------------------------------------------------

struct ElsewhereLine {
  std::string block;  ///< the target region's block, "" when unmapped
  Message mapping;    ///< how it was found: "same catalogue entry …", "via the broader …"
  Message unmapped;   ///< why there is no counterpart
  Money value;
};

struct Elsewhere {
  const Region* region = nullptr;
  std::vector<Diagnostic> problems;  ///< why the region could not value the offer at all
  ObligationResult obligation;
  std::vector<ElsewhereLine> lines;  ///< in the offer's line order
  Money total;
  int unmapped = 0;
  bool met = false;
  bool provisional = false;
};

/// Values `offer` (written for `home`) under each target region: each line's block is looked
/// up by its catalogue entry (exactly, else via the broader entry, else a single narrower one);
/// a line without a counterpart of the same unit is shown as unmapped, never dropped. The
/// obligation uses the contract's percentage, or the home region's when the contract has none.
std::vector<Elsewhere> value_elsewhere(const Offer& offer, const Region& home,
                                       const Catalogue& catalogue,
                                       const std::vector<const Region*>& targets);

// --- diff ----------------------------------------------------------------------------------

enum class ChangeKind { Added, Removed, Changed, Renamed };

}  // namespace sroi::harmonise

namespace sroi {
template <>
struct EnumIds<harmonise::ChangeKind> {
  /// A change's kind in output.
  static constexpr std::pair<harmonise::ChangeKind, const char*> table[] = {
      {harmonise::ChangeKind::Added, "added"},
      {harmonise::ChangeKind::Removed, "removed"},
      {harmonise::ChangeKind::Changed, "changed"},
      {harmonise::ChangeKind::Renamed, "renamed"}};
};
}  // namespace sroi

namespace sroi::harmonise {

/// The id of a change kind in output: "added", "removed", "changed", "renamed".
const char* change_kind_id(ChangeKind k);

/// What changed: a rule of the region, one aspect of a block, a block as a whole, or a bonus.
enum class Aspect {
  Name,
  ValidFrom,
  ValidUntil,
  FulltimeHours,
  MinimumHours,
  TimeBasis,
  ObligationPercentage,
  ObligationBase,
  Threshold,
  Cap,
  PsoRule,
  Penalty,
  Block,
  BlockValue,
  BlockUnit,
  BlockCountingPeriod,
  BlockInvoiceShare,
  BlockName,
  BlockStatus,
  Bonus
};

struct Change {
  ChangeKind kind;
  Aspect aspect;
  std::string id;    ///< the block or bonus (block and bonus aspects)
  Message from;      ///< the old value (not for an added block or bonus)
  Message to;        ///< the new value (not for a removed one)
  std::string name;  ///< the block's or bonus's name (the newer version's), as people know it
  /// What changed, as a message: "block 'WIA/WAO' value", "full-time hours".
  Message what() const;
  /// The block or bonus as people know it: its name quoted ('WIA/WAO'), or its id where it has
  /// none.
  Arg label() const;
};

struct Diff {
  const Region* old_region = nullptr;
  const Region* new_region = nullptr;
  std::vector<Change> changes;
};

Diff diff(const Region& old_region, const Region& new_region);

/// A short paragraph for a publication, as one message (sentences in a row).
Message changelog(const Diff& d);

/// A block's value as a message: "€ 30.000,00 per full-time year", "25 % of the invoice",
/// "actual cost", with its counting period and (provisional) where it applies.
Message describe_block(const BuildingBlock& b);

// --- a draft common model ------------------------------------------------------------------

enum class Method { Median, Min, Max, Mean };

}  // namespace sroi::harmonise

namespace sroi {
template <>
struct EnumIds<harmonise::Method> {
  /// How a draft picks a value from the regions'.
  static constexpr std::pair<harmonise::Method, const char*> table[] = {
      {harmonise::Method::Median, "median"},
      {harmonise::Method::Min, "min"},
      {harmonise::Method::Max, "max"},
      {harmonise::Method::Mean, "mean"}};
};
}  // namespace sroi

namespace sroi::harmonise {
std::optional<Method> method_from_id(const std::string& id);
const char* method_id(Method m);
/// The method by its name in a sentence ("mediaan", "median"); the id is what --method takes.
MsgId method_name(Method m);

struct Proposal {
  std::string catalogue_id;
  Verbatim catalogue_name;  ///< the entry's name in either language
  std::string name;
  Unit unit = Unit::FulltimeYear;
  std::vector<std::optional<Money>> values;  ///< per region, for the chosen unit
  Money proposal;
  std::optional<Ratio> percentage;  ///< invoice blocks
  std::optional<int> counting_months;
  std::optional<Money> max_per_day;  ///< actual-cost blocks where most regions cap the cost
  Message note;                      ///< provenance: which regions, the spread
};

struct Draft {
  std::vector<const Region*> regions;
  Method method = Method::Median;
  std::vector<Proposal> blocks;
  std::string toml;  ///< a region file `sroi check` accepts, every value provisional
};

/// Proposes one value per catalogue entry from the regions' blocks with the most common unit,
/// by `method`; full-time hours, bonuses and the obligation percentage likewise. Same input,
/// same output (no dates, fixed order).
Draft draft_common_model(const Catalogue& catalogue, const std::vector<const Region*>& regions,
                         Method method, const std::string& id, Lang lang);

}  // namespace sroi::harmonise
