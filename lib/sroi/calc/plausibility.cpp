// SPDX-License-Identifier: EUPL-1.2
#include "sroi/calc/plausibility.hpp"

#include <algorithm>

#include "sroi/msg/calc.hpp"

namespace sroi {
namespace {

/// The measure a line's counted quantity is in, where it is time (months or years).
std::optional<Counted> time_measure(Unit unit) {
  switch (unit) {
    case Unit::FulltimeYear:
    case Unit::Month:
      return Counted::Months;
    case Unit::LearningYear:
      return Counted::Years;
    default:
      return std::nullopt;
  }
}

/// "offered 18 months, counts 12": the limit that cut the offered time, named.
std::optional<Message> counts_shorter(const LineResult& l) {
  auto measure = time_measure(l.unit);
  const Counting& c = l.counting;
  if (!measure || !(c.counted < c.quantity) || l.zero_reason) return std::nullopt;
  Amount offered{c.quantity, *measure}, counts{c.counted, *measure};
  bool by_period =
      c.cap && c.counted == *c.cap && (!c.contract_limit || !(*c.contract_limit < *c.cap));
  if (by_period)
    return msg(Msg::PlausCountsShorterPeriod, offered, counts, Amount{*c.cap, *measure});
  if (c.contract_limit)
    return msg(Msg::PlausCountsShorterContract, offered, counts,
               Amount{*c.contract_limit, *measure});
  return std::nullopt;
}

}  // namespace

const char* plausibility_id(Plausibility p) { return id_of(p); }

MsgId plausibility_name(Plausibility p) {
  switch (p) {
    case Plausibility::CountsShorter:
      return Msg::SignalCountsShorter;
    case Plausibility::AboveFulltime:
      return Msg::SignalAboveFulltime;
    case Plausibility::MorePersons:
      return Msg::SignalMorePersons;
    case Plausibility::ProvisionalLine:
      return Msg::SignalProvisionalLine;
    case Plausibility::NoEmployment:
      return Msg::SignalNoEmployment;
    case Plausibility::PsoNotCovering:
      return Msg::SignalPsoNotCovering;
  }
  return Msg::SignalCountsShorter;
}

bool employment_unit(Unit unit) { return unit == Unit::FulltimeYear || unit == Unit::LearningYear; }

std::vector<Signal> check_plausibility(const std::vector<LineResult>& lines,
                                       const ObligationResult& obligation, Money total,
                                       bool pso_named, const Ratio& fulltime_hours,
                                       std::optional<int64_t> employees) {
  std::vector<Signal> out;
  int64_t persons = 0;
  Money employment;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const LineResult& l = lines[i];
    auto add = [&](Plausibility kind, Message m) {
      out.push_back({kind, i, l.where, std::move(m)});
    };
    if (auto m = counts_shorter(l)) add(Plausibility::CountsShorter, std::move(*m));
    if (l.hours_per_week && fulltime_hours < *l.hours_per_week)
      add(Plausibility::AboveFulltime,
          msg(Msg::PlausAboveFulltime, Decimal{*l.hours_per_week}, Decimal{fulltime_hours}));
    if (l.provisional && !l.provisional_values.empty())
      add(Plausibility::ProvisionalLine,
          msg(Msg::PlausProvisionalLine, phrase(l.provisional_values.front())));
    if (employment_unit(l.unit)) {
      persons += l.factors.persons;
      employment += l.value;
    }
  }
  if (employees && persons > *employees)
    out.push_back(
        {Plausibility::MorePersons,
         std::nullopt,
         {},
         msg(Msg::PlausMorePersons, Amount{Ratio(persons), Counted::Persons}, *employees)});
  bool met = obligation.applies && !obligation.amount.is_zero() && !(total < obligation.amount);
  if (met && employment.is_zero() && !lines.empty())
    out.push_back({Plausibility::NoEmployment, std::nullopt, {}, msg(Msg::PlausNoEmployment)});
  if (pso_named && !obligation.pso_uncovered.empty()) {
    int64_t days = 0;
    for (const auto& [a, b] : obligation.pso_uncovered)
      days += b.days_since_epoch() - a.days_since_epoch() + 1;
    out.push_back(
        {Plausibility::PsoNotCovering,
         std::nullopt,
         {},
         msg(Msg::PlausPsoNotCovering, Amount{Ratio(days), Counted::Days}, obligation.amount)});
  }
  return out;
}

std::size_t red_flags(const std::vector<Signal>& signals) {
  return static_cast<std::size_t>(
      std::count_if(signals.begin(), signals.end(),
                    [](const Signal& s) { return s.kind != Plausibility::ProvisionalLine; }));
}

}  // namespace sroi
