// SPDX-License-Identifier: EUPL-1.2
// Inputs: a contract, the supplier's offer and the realisation registered during the contract.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sroi/error.hpp"
#include "sroi/model/date.hpp"
#include "sroi/model/money.hpp"
#include "sroi/model/ratio.hpp"
#include "sroi/model/region.hpp"
#include "sroi/msg/model.hpp"

namespace sroi {

struct Contract {
  std::string id;
  std::string description;          ///< what it is about, in the buyer's words; may be empty
  Money value;                      ///< the base the obligation percentage is taken of
  std::optional<Ratio> percentage;  ///< overrides the region default
  std::optional<Money> threshold;   ///< overrides the region default (buyer's choice)
  Date start;
  Date end;  ///< inclusive
  /// The contract's own penalty clause; overrides the region's rule.
  std::optional<PenaltyRule> penalty;
  /// How often the supplier reports and the days of grace after each period (contract
  /// management); unset: the region's rule, else quarterly with 30 days.
  std::optional<ReportEvery> report_every;
  std::optional<int> grace_days;
  /// Whether only the deliveries the buyer accepted count (`count = "accepted"`) or every one
  /// submitted (`"submitted"`); unset: the region's rule, else every one submitted.
  std::optional<bool> count_accepted_only;
  SourceLocation where;
  /// Where each term was written, when read from a file (a bid whose term differs from the
  /// first bid's is pointed at that cell); empty where unknown, and then `where` serves.
  struct Places {
    SourceLocation value, percentage, start, end;
  } at;
};

/// A PSO certificate: valid from its issue date to its end date, at most 2 years (REFERENCE.md
/// §5). Without an issue date it is taken to run the 2 years up to its end date.
struct PsoCertificate {
  PsoLevel level = PsoLevel::Aspirant;
  std::optional<Date> issued;
  Date valid_until;
  SourceLocation where;
  /// The first day it is valid: the issue date, else the earliest issue date whose 2 years
  /// reach the end date (so that it covers the same days with and without the issue date).
  Date valid_from() const;
  /// The last day a certificate issued on `issued` can be valid: 2 years less a day
  /// (issued 2026-07-01 → 2028-06-30).
  static Date last_valid_day(Date issued);
};

/// Certificates that follow each other; the PSO rule needs them to cover the whole contract.
using PsoCertificates = std::vector<PsoCertificate>;

/// A named quantity with where it was written on its line, so that a unit check can point at
/// it. Only line and column: the file is the line's (no copy of the path per quantity).
template <typename T>
struct Given {
  T value{};
  int line = 0;
  int column = 0;
  /// The full location, the file taken from the line the quantity belongs to; `column_name`
  /// names its column where the line is a row of a table.
  SourceLocation in(const SourceLocation& owner, MsgId column_name = {}) const {
    return {owner.file, line, column, owner.sheet, column_name, owner.table_row};
  }
};

/// Where on its line's file something was written (line and column; the file and sheet are
/// the line's): a line keeps its file's name once, in `where`.
struct Spot {
  int line = 0;
  int column = 0;
  static Spot of(const SourceLocation& at) { return {at.line, at.column}; }
  SourceLocation in(const SourceLocation& owner, MsgId column_name = {}) const {
    return {owner.file, line, column, owner.sheet, column_name, owner.table_row};
  }
};

/// The quantities a line may carry; which are needed depends on the block's unit.
struct Quantities {
  std::optional<Given<int64_t>> persons;
  std::optional<Given<Ratio>> hours_per_week;
  std::optional<Given<Ratio>> months;
  std::optional<Given<Money>> amount;
  std::optional<Given<Ratio>> hours;
  std::optional<Given<Ratio>> years;
  std::optional<Given<int64_t>> count;
  std::vector<Given<std::string>> bonuses;
};

struct OfferLine {
  std::string block;
  Quantities quantities;
  SourceLocation where;  ///< the [[line]] header or CSV row
  Spot block_at;         ///< where the block was written
  SourceLocation block_where() const { return block_at.in(where, Msg::ColumnBlock); }
};

/// A block as a row wrote it, where it wrote it: what is still checked of a row left out for
/// another problem, so that each of a row's problems is named in the same run.
struct WrittenBlock {
  std::string id;
  SourceLocation where;
};

/// Which region version a calculation uses.
struct RegionChoice {
  std::string id;
  std::optional<std::string> version;
  SourceLocation where;
};

struct Offer {
  RegionChoice region;
  std::string supplier;
  std::string buyer;
  Contract contract;
  PsoCertificates pso;
  std::vector<OfferLine> lines;
  std::optional<int64_t> employees;  ///< the supplier's stated workforce (`employees = N`)
  std::string file;
};

struct RealisationLine {
  std::string candidate;  ///< pseudonym only; empty where the line is not about a person
                          ///< (an invoice), in the register its candidate_key
  std::string block;
  Date start;
  Date end;  ///< inclusive; for an amount that is not time (invoice, cost, hours, activity)
             ///< the end is the date that decides whether it falls in the contract
  /// The end of a wage-cost subsidy (LKS), where the region counts while it runs.
  std::optional<Given<Date>> subsidy_until;
  Quantities quantities;
  SourceLocation where;
  Spot block_at;  ///< where the block was written
  SourceLocation block_where() const { return block_at.in(where, Msg::ColumnBlock); }
};

/// The name a line's lines are kept and valued under. A person's pseudonym is its own key; a
/// line without one (an invoice is not a person) is kept under its contract, so that such lines
/// share nothing with other contracts' (REFERENCE.md §6: only one person's lines interact). The
/// key starts with a control character, which no pseudonym can hold.
std::string candidate_key(const std::string& candidate, const std::string& contract_id);
/// Whether a key names a person (not the key of lines without a candidate).
bool names_person(std::string_view key);
/// The candidate as the user wrote it: empty for lines without one.
std::string shown_candidate(const std::string& key);

struct Realisation {
  RegionChoice region;
  std::string supplier;
  std::string buyer;
  Contract contract;
  PsoCertificates pso;
  std::vector<RealisationLine> lines;
  std::string file;
};

}  // namespace sroi
