// SPDX-License-Identifier: EUPL-1.2
// What the library says, as facts: a message id with typed arguments. The words (Dutch and
// English) are in lib/sroi/text; nothing below lib/sroi/report and lib/sroi/text builds a
// sentence.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "sroi/model/date.hpp"
#include "sroi/model/money.hpp"
#include "sroi/model/ratio.hpp"

namespace sroi {

/// Every message sroi can give, by id. Each has a Dutch and an English text in the catalogue
/// (lib/sroi/text/catalogue.cpp); a test fails when one lacks a language.
enum class Msg : std::uint16_t {
  Value,  ///< "{0}": one argument as it is
  // Names of calculation steps (a trace step's name).
  StepRate,
  StepBonus,
  StepYearlyValue,
  StepMinimumHours,
  StepHoursFactor,
  StepCap,
  StepValue,
  StepInvoice,
  StepShare,
  StepCost,
  StepMonthsCounted,
  StepDuplicate,
  StepDate,
  StepPeriod,
  StepMonths,
  StepPriorEmployment,
  StepPersonsWeek,
  StepBase,
  StepPercentage,
  StepThreshold,
  StepDuration,
  StepGross,
  StepPso,
  StepPsoDiscount,
  StepPsoFulfilment,
  StepObligation,
  StepPenalty,
  // Small words used inside other messages.
  WordPublished,
  WordProvisional,
  WordNone,
  WordAsOfDate,
  WordContractEnd,
  WordFrom,
  WordAbove,
  WordContractClause,
  WordRegionRule,
  BaseContractValue,
  BaseInvoicedTurnover,
  BaseWageBill,
  PerFulltimeYear,
  PerMonth,
  PerLearningYear,
  PerHour,
  PerActivity,
  // A line's value.
  RateOf,
  BonusesExclude,
  BonusAdded,
  YearlyValueWithBonuses,
  BelowMinimumHours,
  WorthNothing,
  HoursCapped,
  HoursFactorIs,
  CountingPeriodCaps,
  ContractStopsTime,
  MonthsToYears,
  ValueFormula,
  ValueFormulaExact,
  InvoiceExclVat,
  InvoiceShareCounts,
  CostCountsInFull,
  DatedOutsideContract,
  CountsNothing,
  CandidateCountsNothing,
  DuplicateOf,
  DuplicateLine,
  CountedFromContractStart,
  StopsAt,
  MonthsBetween,
  MonthsByDays,
  MonthsByCalendar,
  PriorStartAllowed,
  PriorStartCountsNothing,
  PriorStartCountsNothingAtMost,
  SubsidyRuleMissing,
  CountingWindowCaps,
  CountingWindowCapsOn,
  CountsWhileSubsidy,
  CountsAlways,
  HoursFactorWeighted,
  BelowMinimumPerPerson,
  WeekBelowMinimum,
  WeekShared,
  WeekReachesMinimum,
  SharedWith,
  ContractRef,
  AtPlace,
  // Provisional values (named where a result used them).
  ProvisionalValue,
  ProvisionalBlock,
  ProvisionalBonus,
  ProvisionalBonusGroup,
  ProvisionalFulltimeHours,
  ProvisionalMinimumHours,
  ProvisionalPriorEmployment,
  ProvisionalSubsidyRule,
  ProvisionalObligationRules,
  ProvisionalDefaultPercentage,
  ProvisionalPso,
  ProvisionalPenaltyFactor,
  // The obligation.
  BaseAmount,
  PercentageFromContract,
  PercentageDefault,
  BelowThreshold,
  EqualsThreshold,
  NoObligationBecause,
  ThresholdReached,
  ThresholdReachedContract,
  ContractTooShort,
  GrossAmount,
  CappedPerContract,
  ObligationReason,
  ReasonCappedAt,
  ReasonMinusPsoDiscount,
  PsoNotCountedByRegion,
  PsoIgnoredNoRule,
  PsoGap,
  PsoGaps,
  DateRange,
  PsoChainLowest,
  PsoDiscountAmount,
  PsoFulfilmentAmount,
  // The penalty.
  PenaltyNoShortfall,
  PenaltyContractSetsNone,
  PenaltyRegionHasNone,
  PenaltyOfShortfall,
  PenaltyOfObligation,
  // A contract's status in the register.
  StartsAfterAsOf,
  OfferBelowObligation,
  RealisationBelowObligation,
  ForecastBelowObligation,
  // Region versions.
  VersionUnsettled,
  // Workbook labels (sheet names, headings, column titles).
  LabelSummary,
  LabelLines,
  LabelTrace,
  LabelBlocks,
  LabelProgress,
  LabelCalculator,
  LabelBonuses,
  LabelSettings,
  LabelOfferTitle,
  LabelRealisationTitle,
  LabelSupplier,
  LabelContract,
  LabelContractValue,
  LabelPeriod,
  LabelRegion,
  LabelVersion,
  LabelValidFrom,
  LabelFulltimeHours,
  LabelMinimumHours,
  LabelSources,
  LabelBase,
  LabelPercentage,
  LabelThreshold,
  LabelGross,
  LabelCap,
  LabelPso,
  LabelPsoDiscount,
  LabelPsoFulfilment,
  LabelObligation,
  LabelObligationReason,
  LabelLinesTotal,
  LabelTotal,
  LabelSurplus,
  LabelShortfall,
  LabelPenalty,
  LabelProvisionalWarning,
  LabelWarning,
  LabelNone,
  LabelProvisional,
  LabelPublished,
  LabelNr,
  LabelBlock,
  LabelName,
  LabelCandidate,
  LabelStart,
  LabelEnd,
  LabelRate,
  LabelBonusList,
  LabelPersons,
  LabelHoursPerWeek,
  LabelHoursFactor,
  LabelQuantity,
  LabelUnit,
  LabelMaxCounted,
  LabelContractDuration,
  LabelCounted,
  LabelPeriods,
  LabelValue,
  LabelStep,
  LabelExplanation,
  LabelCountingMonths,
  LabelStatus,
  LabelSource,
  LabelMapsTo,
  LabelNote,
  LabelInvoiceShare,
  LabelMonth,
  LabelRealisedCumulative,
  LabelProgressTitle,
  LabelCalculatorIntro,
  LabelEnterObligation,
  LabelBonus1,
  LabelBonus2,
  LabelAmount,
  LabelPickBlock,
  LabelQuantityHelp,
  // The measure of a line's quantity column.
  QuantityMonths,
  QuantityYears,
  QuantityInvoice,
  QuantityHours,
  QuantityActivities,
  QuantityCost,
  // Region diffs: what changed, the values, the changelog.
  AspectName,
  AspectValidFrom,
  AspectValidUntil,
  AspectFulltimeHours,
  AspectMinimumHours,
  AspectTimeBasis,
  AspectObligationPercentage,
  AspectObligationBase,
  AspectThreshold,
  AspectCap,
  AspectPsoRule,
  AspectPenalty,
  AspectBlock,
  AspectBlockValue,
  AspectBlockUnit,
  AspectBlockCountingPeriod,
  AspectBlockInvoiceShare,
  AspectBlockName,
  AspectBlockStatus,
  AspectBonus,
  WordDays,
  WordMonths,
  WordDiscount,
  WordFulfilment,
  WordActualCost,
  PerBlockValue,
  InvoiceShareOf,
  BlockCountingSuffix,
  ProvisionalSuffix,
  BonusAmount,
  PsoRuleValue,
  PenaltyFactorOfShortfall,
  PenaltyFactorOfObligation,
  ChangedFromTo,
  RenamedTo,
  AddedWith,
  ChangelogReplaces,
  ChangelogValues,
  ChangelogRenamed,
  ChangelogAdded,
  ChangelogRemoved,
  ChangelogOther,
  ChangelogNothingElse,
  // Portfolio workbook.
  PortfolioTitle,
  PortfolioPerSupplier,
  PortfolioPerBuyer,
  PortfolioColContract,
  PortfolioColBuyer,
  PortfolioColSupplier,
  PortfolioColRegion,
  PortfolioColStart,
  PortfolioColEnd,
  PortfolioColContractValue,
  PortfolioColObligation,
  PortfolioColOffered,
  PortfolioColRealised,
  PortfolioColSurplus,
  PortfolioColShortfall,
  PortfolioColForecastAtEnd,
  PortfolioColPenaltyExposure,
  PortfolioColLines,
  PortfolioGroupName,
  PortfolioGroupContracts,
  PortfolioGroupObligation,
  PortfolioGroupRealised,
  PortfolioGroupShortfall,
  PortfolioTotal,
  PortfolioChartTitle,
  PortfolioAsOf,
  // Harmonisation workbooks.
  HarmComparison,
  HarmCatalogue,
  HarmDescription,
  HarmDiffers,
  HarmYes,
  HarmNo,
  HarmProposal,
  HarmName,
  HarmUnit,
  HarmLowest,
  HarmHighest,
  HarmSpread,
  HarmProvenance,
  HarmEffectOnOffers,
  HarmOffer,
  HarmOwnRegion,
  HarmValueThere,
  HarmValueUnderDraft,
  HarmMovesBy,
  HarmMovesByPercent,
  HarmUnmappedLines,
  HarmProposalMethod,
  // Region comparison values.
  Gap,
  HoursValue,
  WordPerPerson,
  WordPerContract,
  PsoEveryLevel,
  PsoLevelShare,
  Count_  ///< not a message: the number of ids
};

/// A count with what it counts: "1 year", "1.5 years", "3 maanden".
enum class Counted : std::uint8_t { Months, Years, Hours, Activities, Persons, Days };

struct Message;

/// A Ratio shown as a decimal of at most `places` digits ("0.6666…", "24", "1.5").
struct Decimal {
  Ratio n;
  int places = 4;
  bool operator==(const Decimal&) const = default;
};
/// A Ratio shown as a fraction ("2/3").
struct Fraction {
  Ratio n;
  bool operator==(const Fraction&) const = default;
};
/// A Ratio shown as a percentage ("5 %").
struct Percent {
  Ratio n;
  bool operator==(const Percent&) const = default;
};
/// A count with its unit.
struct Amount {
  Ratio n;
  Counted what = Counted::Months;
  bool operator==(const Amount&) const = default;
};
/// Text given as is: an id, a name, a file place, a label from the region model.
struct Verbatim {
  std::string text;
  bool operator==(const Verbatim&) const = default;
};
/// A message inside a message ("stops at {the contract end}").
struct Phrase {
  std::shared_ptr<const Message> message;
  bool operator==(const Phrase& o) const;
};
/// Several messages in a row: "a, b, c" or, for the factors of a formula, "a × b × c".
struct PhraseList {
  /// Comma: "a, b, c"; Times: "a × b × c"; And: "a, b and c" ("a, b en c"); Space: sentences;
  /// Semicolon: "a; b".
  enum class Join : std::uint8_t { Comma, Times, And, Space, Semicolon } join = Join::Comma;
  std::vector<Message> items;
  bool operator==(const PhraseList&) const = default;
};

using Arg = std::variant<Verbatim, int64_t, Money, Date, Decimal, Fraction, Percent, Amount, Phrase,
                         PhraseList>;

struct Message {
  Msg id = Msg::Value;  ///< with no arguments: nothing
  std::vector<Arg> args;
  bool operator==(const Message&) const = default;
};

inline bool Phrase::operator==(const Phrase& o) const {
  if (!message || !o.message) return message == o.message;
  return *message == *o.message;
}

/// Building a message: msg(Msg::BonusAdded, money, as_is("plus-50"), as_is(name)).
inline Verbatim as_is(std::string s) { return Verbatim{std::move(s)}; }
inline Phrase phrase(Message m) { return Phrase{std::make_shared<const Message>(std::move(m))}; }
template <typename... A>
Message msg(Msg id, A&&... args) {
  Message m{id, {}};
  m.args.reserve(sizeof...(A));
  (m.args.emplace_back(std::forward<A>(args)), ...);
  return m;
}

}  // namespace sroi
