// SPDX-License-Identifier: EUPL-1.2
// Steering figures from the register for a period, grouped, with small groups suppressed so
// that the figures can leave the organisation without exposing people (docs/kpi-schema.md).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sroi/config/region_set.hpp"
#include "sroi/model/enum_ids.hpp"
#include "sroi/store/register.hpp"

namespace sroi::kpi {

/// The version of the JSON these figures are written as (docs/kpi-schema.md).
constexpr int kSchemaVersion = 1;
/// A group with fewer distinct candidates than this is suppressed.
constexpr int64_t kMinCandidates = 5;

enum class By { Region, Buyer, Supplier, TargetGroup, Block, Month };

}  // namespace sroi::kpi

namespace sroi {
/// The ids of the groupings, in both directions (by_id, parse_by, by_ids).
template <>
struct EnumIds<kpi::By> {
  static constexpr std::pair<kpi::By, const char*> table[] = {
      {kpi::By::Region, "region"},     {kpi::By::Buyer, "buyer"},
      {kpi::By::Supplier, "supplier"}, {kpi::By::TargetGroup, "target-group"},
      {kpi::By::Block, "block"},       {kpi::By::Month, "month"}};
};
}  // namespace sroi

namespace sroi::kpi {

/// "region", "buyer", "supplier", "target-group", "block", "month".
const char* by_id(By b);
std::optional<By> parse_by(std::string_view id);
std::vector<std::string> by_ids();
/// The grouping in words ("opdrachtgever", "buyer").
MsgId by_word(By b);
/// Whether contract figures (obligation, offered, realised) belong to one group: they do by
/// region, buyer and supplier; a contract's obligation is not split over blocks or months.
bool contract_grouping(By b);

/// The figures of one group (or of all). Shares are computed from these when shown.
struct Figures {
  int64_t contracts = 0;  ///< contracts with social return (an obligation above zero)
  std::optional<Money> obligation, offered;
  std::optional<Money> realised;  ///< counted up to the end of the period (as status --as-of)
  /// The same with every delivery submitted counted: differs from `realised` where a contract
  /// counts only the deliveries its buyer accepted.
  std::optional<Money> submitted;
  bool submitted_differs() const { return submitted && realised && *submitted != *realised; }
  int64_t candidates = 0;  ///< distinct candidates who worked in the period
  Ratio hours{0};          ///< hours worked in the period (hours per week × days ÷ 7)
  Ratio fte{0};            ///< full-time equivalents over the period
  int64_t placements = 0;  ///< placements (candidate, contract, block) in the period
  std::map<std::string, int64_t> by_target_group;  ///< placements per catalogue target group
  /// Distinct candidates per target group (never shown: decides which entries are hidden).
  std::map<std::string, int64_t> target_group_candidates;
  /// Target groups of by_target_group hidden as "< 5" (their counts cleared).
  std::set<std::string> target_groups_suppressed;
  int64_t lasted_6 = 0, lasted_12 = 0;  ///< placements that lasted ≥ 6 and ≥ 12 months
  int64_t permanent_recorded = 0;       ///< placements in regions that record a permanent contract
  int64_t permanent = 0;                ///< of those, with one
  bool provisional = false;             ///< some value used was provisional
  bool suppressed = false;              ///< fewer than 5 candidates (or to protect one that has)
  bool incomplete = false;              ///< merged: a part was suppressed at its source
  /// The distinct persons behind the figures, as numbers that mean nothing outside one
  /// computation (never shown, never written): suppression counts the persons of a union of
  /// hidden cells with them. Empty in merged overviews, whose sources do not give them.
  std::vector<uint64_t> persons;
  std::map<std::string, std::vector<uint64_t>> target_group_persons;
  bool persons_known = false;  ///< persons and target_group_persons are filled in
};

struct Group {
  std::string key;     ///< region id, buyer, supplier, catalogue id, block id or "2027-03"
  std::string source;  ///< the register the group comes from (merged overviews)
  Figures f;
};

struct Report {
  int schema_version = kSchemaVersion;
  Date from, to;
  By by = By::Region;
  std::vector<std::string> sources;  ///< the registers included
  std::vector<Group> groups;         ///< in key order
  Figures total;
  std::vector<Group> source_totals;  ///< merged: each register's total, side by side
  /// The catalogue's target groups by id: their names (English, and Dutch for a Dutch reader).
  /// Empty for merged figures, which show the ids.
  std::map<std::string, Verbatim> target_group_names;
  /// The lines were counted from the stored kpi lines, not valued with status (never written).
  bool from_kpi_lines = false;
  /// A target group (or any key) as a reader reads it: its name, else the key itself.
  Verbatim named_key(const std::string& key) const {
    auto it = target_group_names.find(key);
    return it == target_group_names.end() ? as_is(key) : it->second;
  }
};

/// The figures of the register for [from, to], grouped by `by`, small groups suppressed.
/// `source` names the register in the output. A period that ends on the figures' day, with
/// none waiting and no region model changed, is counted from the stored figures and kpi lines
/// (Register::for_each_kpi_candidate); any other, or with `fresh`, from every line as status
/// values it (`fresh`: every line valued anew, what tests compare the stored ones with).
/// Throws StoreError.
Report compute(const store::Register& reg, const config::RegionSet& regions, Date from, Date to,
               By by, const std::string& source, bool fresh = false);

/// Disclosure control (REFERENCE.md §7): hides every group, and every cell of a breakdown by
/// target group, of 1–4 distinct persons; then, in every set of figures that adds up to a shown
/// total (the groups, each breakdown, and each target group down the groups against the
/// total's breakdown), more cells (the smallest first) until the hidden ones of the set are
/// none, or at least two holding at least kMinCandidates distinct persons together. A hidden
/// group keeps only its key; the person sets are cleared from every figure.
void suppress(Report& r);

/// Several reports of the same period and grouping as one overview: each register's total side
/// by side, groups of the same key added up, and national totals; suppressed again. Throws
/// DataError at the file whose period or grouping differs from the first's.
Report merge(const std::vector<Report>& reports, const std::vector<std::string>& files);

/// The catalogue's target groups by name in either language, for a report's tables (a merged
/// report read from JSON carries only their ids).
void name_target_groups(Report& r, const Catalogue& catalogue);

}  // namespace sroi::kpi
