// SPDX-License-Identifier: EUPL-1.2
// The offers of one tender side by side: the same terms checked, each bid against the
// obligation, and points by the buyer's scoring rule (docs/bids.md gives the formulas).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sroi/calc/assessment.hpp"
#include "sroi/model/enum_ids.hpp"

namespace sroi::tender {

/// How a buyer turns social return into award points.
enum class Rule {
  None,          ///< no points: the bids ranked by what they offer
  Proportional,  ///< P × (offered − obligation) ÷ (maximum − obligation), between 0 and P
  Relative,      ///< P × surplus ÷ the best bid's surplus
  PassFail,      ///< meets the obligation or not
};

}  // namespace sroi::tender

namespace sroi {
template <>
struct EnumIds<tender::Rule> {
  /// The scoring rules, in the order --help lists them.
  static constexpr std::pair<tender::Rule, const char*> table[] = {
      {tender::Rule::Proportional, "proportional"},
      {tender::Rule::Relative, "relative"},
      {tender::Rule::PassFail, "pass-fail"},
      {tender::Rule::None, "none"}};
};
}  // namespace sroi

namespace sroi::tender {
/// "none", "proportional", "relative", "pass-fail".
const char* rule_id(Rule r);
/// The rule for its id; nothing for an unknown one.
std::optional<Rule> parse_rule(std::string_view id);
/// Every rule id, for messages and --help.
std::vector<std::string> rule_ids();
/// The rule's formula in words (the catalogue entry).
MsgId rule_explanation(Rule r);
/// The rule's name as a person reads it ("evenredig"; the id is what --rule takes).
MsgId rule_name(Rule r);

struct Scoring {
  Rule rule = Rule::None;
  int64_t points = 100;          ///< P: the most a bid can score
  std::optional<Money> maximum;  ///< Proportional: the offered value that earns P
};

/// One bid: its file, its assessment, and how it fares.
struct Bid {
  std::string file;
  Assessment assessment;  ///< owns the lines and plausibility signals
  Money offered;          ///< what the bid counts toward the obligation (lines and PSO)
  Money surplus;          ///< offered − obligation, when positive
  Money shortfall;        ///< obligation − offered, when positive
  /// (offered − obligation) ÷ obligation × 100, negative for a shortfall; none without an
  /// obligation.
  std::optional<Ratio> surplus_percent;
  bool meets = false;           ///< offered ≥ obligation
  std::optional<Ratio> points;  ///< exact, by the rule (none for None and PassFail)
  Message points_trace;         ///< the rule's formula with this bid's figures
  int rank = 0;                 ///< 1 is best; bids that tie share a rank
};

/// The bids of a tender in the order given, each scored and ranked, and what the ranking
/// leaves open (ties; a field in which no bid meets the obligation or none offers more).
struct Tender {
  Scoring scoring;
  const Region* region = nullptr;
  Contract contract;  ///< the terms all bids share
  ObligationResult obligation;
  std::vector<Bid> bids;
  std::vector<Message> notes;
};

/// A bid's offer as read, with the file it came from, before the terms are compared.
struct BidInput {
  std::string file;
  Offer offer;
  Assessment assessment;
};

/// Throws DataError when the bids do not share one region version and one set of contract
/// terms (value, percentage, start, end): one problem per difference, at the bid that differs
/// from the first. Throws UsageError-free: the caller checks there is at least one bid.
void check_same_terms(const std::vector<BidInput>& bids);

/// Scores and ranks the bids (the terms already checked). Throws DataError at "--maximum" when
/// a proportional rule's maximum is not above the obligation.
Tender compare_bids(std::vector<BidInput> bids, const Scoring& scoring);

}  // namespace sroi::tender
