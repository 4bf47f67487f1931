// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/forms: where the fill-in workbooks keep what, shared by the writers and
// the readers so that the two cannot disagree.
#pragma once

#include <vector>

#include "sroi/model/message_id.hpp"
#include "sroi/model/region.hpp"
#include "sroi/msg/forms.hpp"
#include "sroi/msg/labels.hpp"

namespace sroi::forms::layout {

/// The contract's fields, each a row with its label in column A, the value in column B and help
/// in column C (the templates' Contract sheet and the calculator). The readers find a field by
/// its label in either language, not by its row.
enum class Field { Supplier, Buyer, ContractId, Value, Percentage, Start, End, PsoLevel, PsoUntil };
struct FieldRow {
  Field field;
  MsgId label;
};
inline const std::vector<FieldRow>& fields() {
  static const std::vector<FieldRow> all = {
      {Field::Supplier, Msg::LabelSupplier},     {Field::Buyer, Msg::LabelBuyer},
      {Field::ContractId, Msg::LabelContractId}, {Field::Value, Msg::LabelContractValue},
      {Field::Percentage, Msg::LabelPercentage}, {Field::Start, Msg::LabelStartDate},
      {Field::End, Msg::LabelEndDate},           {Field::PsoLevel, Msg::LabelPsoLevel},
      {Field::PsoUntil, Msg::LabelPsoValidUntil}};
  return all;
}

/// What the offer workbook's one quantity column holds for a block of `unit`: months, years,
/// hours, a count (activities, or the days of a cost with a maximum per day), or nothing. The
/// writer fills it and the reader takes it back by this one rule.
enum class Quantity { Months, Years, Hours, Count, None };
inline Quantity quantity_of(Unit unit, bool max_per_day) {
  switch (unit) {
    case Unit::FulltimeYear:
    case Unit::Month:
      return Quantity::Months;
    case Unit::LearningYear:
      return Quantity::Years;
    case Unit::Hour:
      return Quantity::Hours;
    case Unit::Activity:
      return Quantity::Count;
    case Unit::Invoice:
    case Unit::ActualCost:
      break;
  }
  return max_per_day ? Quantity::Count : Quantity::None;
}

/// The calculator (0-based rows): title, intro, the contract fields from row 3, then the
/// computed rows, the provisional warning, and the table of lines.
namespace calc {
constexpr int kFirstField = 3;
constexpr int kMonthsRow = 12;
constexpr int kObligationRow = 13;
constexpr int kTotalRow = 14;
constexpr int kSurplusRow = 15;
constexpr int kShortfallRow = 16;
constexpr int kProvisionalRow = 17;
constexpr int kHeaderRow = 20;
constexpr int kInputRows = 50;
// Columns: inputs A..G, formulas H..O.
enum Col {
  kBlock,
  kPersons,
  kHours,
  kQuantity,
  kBonus1,
  kBonus2,
  kAmount,
  kName,
  kUnit,
  kRate,
  kFactor,
  kCounted,
  kPeriods,
  kValue,
  kCheck,
  kColumns
};
}  // namespace calc

/// The templates: the Contract sheet's region row and fields, and the lines sheet's header,
/// help row and the rows that carry validation.
namespace tmpl {
constexpr int kRegionRow = 3;
constexpr int kFirstField = 4;
constexpr int kHeaderRow = 0;
constexpr int kHelpRow = 1;
constexpr int kFirstLine = 2;
constexpr int kInputRows = 1000;
}  // namespace tmpl

}  // namespace sroi::forms::layout
