// SPDX-License-Identifier: EUPL-1.2
// One id table per enum that is spelled as text in files, the register and output: the
// spelling in both directions comes from the same table.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sroi/model/region.hpp"

namespace sroi {

/// Specialised per enum with `static constexpr std::pair<E, const char*> table[]`.
template <typename E>
struct EnumIds;

template <>
struct EnumIds<PenaltyKind> {
  static constexpr std::pair<PenaltyKind, const char*> table[] = {
      {PenaltyKind::None, "none"},
      {PenaltyKind::ShortfallFactor, "shortfall-factor"},
      {PenaltyKind::ObligationFactor, "obligation-factor"}};
};

template <>
struct EnumIds<ReportEvery> {
  static constexpr std::pair<ReportEvery, const char*> table[] = {
      {ReportEvery::Quarter, "quarter"},
      {ReportEvery::HalfYear, "half-year"},
      {ReportEvery::Year, "year"}};
};

template <>
struct EnumIds<PsoRuleKind> {
  static constexpr std::pair<PsoRuleKind, const char*> table[] = {
      {PsoRuleKind::None, "none"},
      {PsoRuleKind::Discount, "discount"},
      {PsoRuleKind::Fulfilment, "fulfilment"}};
};

template <>
struct EnumIds<TimeBasis> {
  static constexpr std::pair<TimeBasis, const char*> table[] = {{TimeBasis::Months, "months"},
                                                                {TimeBasis::Days, "days"}};
};

template <>
struct EnumIds<CountingScope> {
  static constexpr std::pair<CountingScope, const char*> table[] = {
      {CountingScope::PerPerson, "per-person"}, {CountingScope::PerContract, "per-contract"}};
};

/// The id of a value ("shortfall-factor").
template <typename E>
const char* id_of(E value) {
  for (const auto& [v, id] : EnumIds<E>::table)
    if (v == value) return id;
  return "?";
}

/// The value of an id, or nothing.
template <typename E>
std::optional<E> from_id(std::string_view id) {
  for (const auto& [v, name] : EnumIds<E>::table)
    if (id == name) return v;
  return std::nullopt;
}

/// Every id, in table order (for "one of ..." choices and messages).
template <typename E>
std::vector<std::string> all_ids() {
  std::vector<std::string> out;
  for (const auto& entry : EnumIds<E>::table) out.emplace_back(entry.second);
  return out;
}

}  // namespace sroi
