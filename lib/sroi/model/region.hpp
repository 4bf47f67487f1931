// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/model/date.hpp"
#include "sroi/model/message.hpp"
#include "sroi/model/money.hpp"
#include "sroi/model/ratio.hpp"

namespace sroi {

/// Whether a number comes from a published table or stands in for an unpublished one.
enum class Status { Published, Provisional };

/// Where a number comes from: a source document id or a free text, and its status.
struct Provenance {
  std::string source;
  Status status = Status::Published;
  bool provisional() const { return status == Status::Provisional; }
};

/// How a building block is valued.
enum class Unit {
  FulltimeYear,  ///< per full-time year, pro rata hours and duration (employment)
  Month,         ///< per month (work-experience place, trial placement)
  LearningYear,  ///< per learning-work year (BBL, BOL internship)
  Invoice,       ///< invoice amount excl. VAT at a percentage (social purchasing)
  Hour,          ///< per hour (social activities)
  Activity,      ///< fixed amount per activity
  ActualCost,    ///< the actual cost counts
};

/// "what (source)": a provisional value and where it comes from, the project's own stand-ins
/// and common norms named in words ("aanname van sroi"), other sources by their id.
Message provisional_value(Message what, const Provenance& p);

/// Config spelling: "fulltime-year", "month", ...
const char* unit_id(Unit u);
/// The unit in words ("voltijdjaar", "full-time year").
MsgId unit_word(Unit u);
std::optional<Unit> unit_from_id(const std::string& id);
/// All config spellings, for "known: ..." messages.
std::string unit_ids();

/// What a catalogue entry is: a target group, a measure (both mapped to by blocks) or a bonus.
enum class EntryKind { TargetGroup, Measure, Bonus };
/// "target-group", "measure", "bonus" (the catalogue's table names, as in output).
const char* entry_kind_id(EntryKind k);

/// Catalogue entry: a canonical target group, measure or bonus (buildingblocks/).
struct CatalogueEntry {
  std::string id;
  EntryKind kind = EntryKind::TargetGroup;
  std::string name;     ///< English description
  std::string name_nl;  ///< Dutch description; empty where the catalogue gives none
  std::string broader;  ///< the wider entry this one falls under, if any
  SourceLocation where;
  /// The entry's name as a message argument: each reader gets their language's form.
  Verbatim named_entry() const { return named(name, name_nl.empty() ? name : name_nl); }
};

struct Catalogue {
  std::vector<CatalogueEntry> entries;
  const CatalogueEntry* find(const std::string& id) const;
  /// The entry's name in the reader's language, as a message argument (its id when the
  /// catalogue has no such entry).
  Arg name_of(const std::string& id) const {
    const CatalogueEntry* e = find(id);
    return e ? Arg(e->named_entry()) : Arg(as_is(id));
  }
  /// The entry `id` falls under, or "".
  std::string broader(const std::string& id) const;
};

struct SourceDocument {
  std::string id;
  std::string title;  ///< as the region file gives it (English where the source is not Dutch)
  std::string url;
  std::string date;      ///< as published: "2023-04" or "2019-05-01"
  std::string title_nl;  ///< the Dutch title, where the file gives one
  /// The title as a message argument: each reader gets their language's form.
  Verbatim named_title() const { return named(title, title_nl); }
};

struct Bonus {
  std::string id;  ///< plus-50, plus-55, statushouder, vast-contract
  std::string name;
  Money value;  ///< added to the yearly value of an employment block
  Provenance provenance;
  SourceLocation where;
};

struct BuildingBlock {
  std::string id;
  std::string name;     ///< Dutch, as published
  std::string maps_to;  ///< catalogue id
  Unit unit = Unit::FulltimeYear;
  Money value;            ///< per unit; unused for Invoice and ActualCost
  Ratio percentage{100};  ///< Invoice only: share of the invoice that counts
  /// ActualCost only: the cost counts up to this much per day (the line's count is its days).
  std::optional<Money> max_per_day;
  std::optional<int> counting_months;  ///< nothing: no counting period ("always")
  bool counts_always = false;          ///< the region says so explicitly: counting = "always"
  Provenance provenance;
  std::string note;
  SourceLocation where;
};

/// What the obligation percentage is taken of.
enum class Base { ContractValue, InvoicedTurnover, WageBill };
const char* base_id(Base b);
/// The words for a base: contract value, invoiced turnover, wage bill (in the catalogue).
MsgId base_msg(Base b);

struct ObligationRule {
  std::optional<Ratio> percentage;  ///< percent, e.g. 5; nothing: the contract must give it
  /// Where the default percentage comes from (it may be a common norm, not the table's rule).
  Provenance percentage_provenance;
  Base base = Base::ContractValue;
  Money threshold;  ///< no obligation below it (or at it, when not inclusive); 0: none
  /// "vanaf" (from, inclusive: a base equal to the threshold has an obligation) or "boven"
  /// (above, exclusive: it has none).
  bool threshold_inclusive = true;
  std::optional<Money> cap;
  std::optional<int> min_duration_months;
  Provenance provenance;
};

enum class PenaltyKind { None, ShortfallFactor, ObligationFactor };
struct PenaltyRule {
  PenaltyKind kind = PenaltyKind::None;
  Ratio factor{0};
  Provenance provenance;
};

/// How often a supplier reports its realisation: per calendar quarter, half-year or year.
enum class ReportEvery { Quarter, HalfYear, Year };
/// A region's reporting rhythm and the days after a period's end within which its report is
/// due (REFERENCE.md §3: "half-yearly or quarterly"; the defaults are the project's convention).
struct ReportingRule {
  ReportEvery every = ReportEvery::Quarter;
  int grace_days = 30;
  bool count_accepted_only = false;  ///< `count = "accepted"`: only accepted deliveries count
  Provenance provenance;
};

enum class PsoLevel { Aspirant, Basistrede, Trede1, Trede2, Trede3, Pso30Plus };
const char* pso_level_id(PsoLevel l);
std::optional<PsoLevel> pso_level_from_id(const std::string& id);
std::string pso_level_ids();

enum class PsoRuleKind { None, Discount, Fulfilment };
struct PsoRule {
  PsoRuleKind kind = PsoRuleKind::None;
  std::map<PsoLevel, Ratio> percent;  ///< discount or fulfilled share, in percent per level
  bool allow_expiring = false;        ///< count a certificate that expires before contract end
  Provenance provenance;
};

/// Bonuses of which a person gets only the highest (age brackets: plus-50, plus-55).
struct BonusGroup {
  std::string id;
  std::vector<std::string> members;
  Provenance provenance;
  SourceLocation where;
};

/// Time a candidate was employed before the contract started: by default it uses the counting
/// window and counts nothing; a region may allow a start up to `months` before the contract,
/// whose window then opens at the contract start.
struct PriorEmployment {
  int months = 0;
  Provenance provenance;
};

/// Where a counting period is consumed: per person across contracts, or per contract.
enum class CountingScope { PerPerson, PerContract };

/// How dates become months: calendar months with day fractions, or days ÷ 365 × 12.
enum class TimeBasis { Months, Days };

/// A value that carries its own provenance (region-level numbers).
struct SourcedRatio {
  Ratio value;
  Provenance provenance;
};

/// One version of a region's building-block model (one regions/*.toml file).
struct Region {
  std::string id;
  std::string name;
  std::string version;
  std::optional<Date> valid_from;
  std::optional<Date> valid_until;
  std::optional<std::string> supersedes;  ///< version label this one replaces
  std::vector<SourceDocument> sources;
  SourcedRatio fulltime_hours;
  std::optional<SourcedRatio> min_hours;
  TimeBasis time_basis = TimeBasis::Months;
  CountingScope counting_scope = CountingScope::PerPerson;
  ObligationRule obligation;
  PenaltyRule penalty;
  PsoRule pso;
  /// The reporting rhythm the region asks for, where its file says; else the convention.
  std::optional<ReportingRule> reporting;
  std::vector<Bonus> bonuses;
  std::vector<BonusGroup> bonus_groups;
  std::optional<PriorEmployment> prior_employment;
  /// A line with a wage-cost subsidy (LKS) end date counts while the subsidy runs, whatever
  /// the block's counting period (Den Haag).
  std::optional<Provenance> counts_while_subsidy;
  std::vector<BuildingBlock> blocks;
  std::string file;
  /// The identity of the model's text (32 hex digits): stored figures record the one they
  /// were valued with, so that a changed model shows.
  std::string fingerprint;

  const BuildingBlock* find_block(const std::string& id) const;
  const Bonus* find_bonus(const std::string& id) const;
  /// The block's or bonus's name as people know it, or `id` itself where the region has no
  /// such block or bonus (a reference to the id given or to the region's own string).
  const std::string& block_name(const std::string& block_id) const;
  const std::string& bonus_name(const std::string& bonus_id) const;
  /// Comma-separated block ids, for "known: ..." messages.
  std::string block_ids() const;
  /// The blocks for "known: ..." messages: their ids for an English reader, their (Dutch)
  /// names, separated by semicolons, for a Dutch one, who may type either.
  Verbatim known_blocks() const;
  std::string bonus_ids() const;
  /// The group `bonus` belongs to, or nullptr.
  const BonusGroup* group_of(const std::string& bonus) const;
  /// "utrecht 2019"
  std::string label() const { return id + " " + version; }
};

}  // namespace sroi
