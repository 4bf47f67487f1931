// SPDX-License-Identifier: EUPL-1.2
#include "sroi/tender/bids.hpp"

#include <algorithm>
#include <filesystem>

#include "sroi/msg/tender.hpp"

namespace sroi::tender {
namespace {

/// What a bid is called in notes: its supplier, else its file name.
std::string bid_name(const BidInput& b) {
  return b.offer.supplier.empty() ? std::filesystem::path(b.file).filename().string()
                                  : b.offer.supplier;
}
std::string bid_name(const Bid& b) {
  return b.assessment.supplier.empty() ? std::filesystem::path(b.file).filename().string()
                                       : b.assessment.supplier;
}

/// "19,71 points": rounded to 2 decimals for reading; the ranking uses the exact points.
Message points_phrase(const Ratio& p) { return msg(Msg::BidsPoints, Decimal{round_to(p, 2), 2}); }

/// Points and their formula under the rule; `best` is the largest surplus of the field.
void score(Bid& b, const Scoring& s, Money obligation, Money best) {
  Ratio P(s.points);
  switch (s.rule) {
    case Rule::None:
      b.points_trace = msg(Msg::ScoreByOffered);
      return;
    case Rule::PassFail:
      b.points_trace = msg(b.meets ? Msg::ScorePass : Msg::ScoreFail, b.offered, obligation);
      return;
    case Rule::Proportional: {
      Money max = *s.maximum;
      if (b.offered < obligation) {
        b.points = Ratio(0);
        b.points_trace = msg(Msg::ScoreBelowObligation, b.offered, obligation);
      } else if (!(b.offered < max)) {
        b.points = P;
        b.points_trace = msg(Msg::ScoreAtMaximum, b.offered, max, phrase(points_phrase(P)));
      } else {
        b.points = P * Ratio((b.offered - obligation).cents(), (max - obligation).cents());
        b.points_trace = msg(Msg::ScoreProportional, phrase(points_phrase(P)), b.offered,
                             obligation, max, phrase(points_phrase(*b.points)));
      }
      return;
    }
    case Rule::Relative:
      if (b.surplus.is_zero()) {
        b.points = Ratio(0);
        b.points_trace = msg(Msg::ScoreNoSurplus);
      } else {
        b.points = P * Ratio(b.surplus.cents(), best.cents());
        b.points_trace = msg(Msg::ScoreRelative, phrase(points_phrase(P)), b.surplus, best,
                             phrase(points_phrase(*b.points)));
      }
      return;
  }
}

/// The key a bid is ranked on: points, else (pass/fail) passing first, then the offered value.
std::pair<Ratio, Money> rank_key(const Bid& b, Rule rule) {
  if (rule == Rule::PassFail) return {Ratio(b.meets ? 1 : 0), Money()};
  if (b.points) return {*b.points, Money()};
  return {Ratio(0), b.offered};
}

}  // namespace

const char* rule_id(Rule r) { return id_of(r); }

MsgId rule_explanation(Rule r) {
  switch (r) {
    case Rule::Proportional:
      return Msg::RuleProportionalText;
    case Rule::Relative:
      return Msg::RuleRelativeText;
    case Rule::PassFail:
      return Msg::RulePassFailText;
    case Rule::None:
      break;
  }
  return Msg::RuleNoneText;
}

MsgId rule_name(Rule r) {
  switch (r) {
    case Rule::Proportional:
      return Msg::RuleProportionalName;
    case Rule::Relative:
      return Msg::RuleRelativeName;
    case Rule::PassFail:
      return Msg::RulePassFailName;
    case Rule::None:
      break;
  }
  return Msg::RuleNoneName;
}

std::vector<std::string> rule_ids() { return all_ids<Rule>(); }

std::optional<Rule> parse_rule(std::string_view id) { return from_id<Rule>(id); }

void check_same_terms(const std::vector<BidInput>& bids) {
  if (bids.size() < 2) return;
  const BidInput& first = bids.front();
  const Assessment& fa = first.assessment;
  std::vector<Diagnostic> problems;
  for (std::size_t i = 1; i < bids.size(); ++i) {
    const Assessment& a = bids[i].assessment;
    const Contract& c = bids[i].offer.contract;
    // At the cell (or key) of the term that differs; else the contract, else the file.
    auto place = [&](const SourceLocation& term) {
      if (!term.file.str().empty()) return term;
      return c.where.file.str().empty() ? SourceLocation{bids[i].file} : c.where;
    };
    auto differs = [&](const SourceLocation& term, MsgId what, Arg value, Arg first_value) {
      problems.push_back({place(term), msg(Msg::BidTermDiffers, phrase(msg(what)), std::move(value),
                                           as_is(bid_name(first)), std::move(first_value))});
    };
    if (a.region->id != fa.region->id || a.region->version != fa.region->version)
      differs(bids[i].offer.region.where, Msg::TermTheRegionVersion, as_is(a.region->label()),
              as_is(fa.region->label()));
    if (a.contract.value != fa.contract.value)
      differs(c.at.value, Msg::TermContractValue, a.contract.value, fa.contract.value);
    if (!(a.obligation.percentage == fa.obligation.percentage))
      differs(c.at.percentage, Msg::TermPercentageWord, Percent{a.obligation.percentage},
              Percent{fa.obligation.percentage});
    if (a.contract.start != fa.contract.start)
      differs(c.at.start, Msg::TermStartDate, a.contract.start, fa.contract.start);
    if (a.contract.end != fa.contract.end)
      differs(c.at.end, Msg::TermEndDate, a.contract.end, fa.contract.end);
  }
  if (!problems.empty()) throw DataError(std::move(problems));
}

Tender compare_bids(std::vector<BidInput> inputs, const Scoring& scoring) {
  Tender t;
  t.scoring = scoring;
  if (inputs.empty()) return t;
  t.region = inputs.front().assessment.region;
  t.contract = inputs.front().assessment.contract;
  t.obligation = inputs.front().assessment.obligation;
  Money obligation = t.obligation.amount;
  if (scoring.rule == Rule::Proportional) {
    if (!scoring.maximum) throw DataError(SourceLocation{"--maximum"}, msg(Msg::BidMaximumMissing));
    if (!(obligation < *scoring.maximum))
      throw DataError(SourceLocation{"--maximum"},
                      msg(Msg::BidMaximumNotAbove, *scoring.maximum, obligation));
  }
  Money best;
  for (auto& in : inputs) {
    Bid b;
    b.file = in.file;
    b.assessment = std::move(in.assessment);
    b.offered = b.assessment.total;
    b.surplus = b.assessment.surplus;
    b.shortfall = b.assessment.shortfall;
    b.meets = !(b.offered < obligation);
    if (!obligation.is_zero())
      b.surplus_percent = Ratio((b.offered - obligation).cents(), obligation.cents()) * Ratio(100);
    best = std::max(best, b.surplus);
    t.bids.push_back(std::move(b));
  }
  for (auto& b : t.bids) score(b, scoring, obligation, best);

  // Rank: best first; equal keys share a rank (1, 1, 3).
  std::vector<std::size_t> order(t.bids.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto key = [&](std::size_t i) { return rank_key(t.bids[i], scoring.rule); };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return key(y) < key(x); });
  for (std::size_t k = 0; k < order.size(); ++k)
    t.bids[order[k]].rank = k > 0 && key(order[k]) == key(order[k - 1]) ? t.bids[order[k - 1]].rank
                                                                        : static_cast<int>(k + 1);

  // What the ranking leaves open.
  if (t.bids.size() == 1) t.notes.push_back(msg(Msg::BidsOne));
  if (!t.obligation.applies)
    t.notes.push_back(msg(Msg::BidsNoObligation, phrase(t.obligation.reason)));
  else if (std::none_of(t.bids.begin(), t.bids.end(), [](const Bid& b) { return b.meets; }))
    t.notes.push_back(msg(Msg::BidsNoneMeets, obligation));
  if (scoring.rule == Rule::Relative && best.is_zero()) t.notes.push_back(msg(Msg::BidsNoSurplus));
  for (std::size_t k = 0; k < order.size();) {
    std::size_t e = k + 1;
    while (e < order.size() && key(order[e]) == key(order[k])) ++e;
    if (e - k > 1) {
      std::vector<std::string> names;
      for (std::size_t m = k; m < e; ++m) names.push_back(bid_name(t.bids[order[m]]));
      const Bid& b = t.bids[order[k]];
      Message at = scoring.rule == Rule::PassFail
                       ? msg(b.meets ? Msg::BidsPassing : Msg::BidsFailing)
                   : b.points ? points_phrase(*b.points)
                              : msg(Msg::BidsOffered, b.offered);
      PhraseList tied = listed(names);
      tied.join = PhraseList::Join::And;
      t.notes.push_back(msg(Msg::BidsTie, std::move(tied), phrase(at)));
    }
    k = e;
  }
  return t;
}

}  // namespace sroi::tender
