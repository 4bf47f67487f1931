// SPDX-License-Identifier: EUPL-1.2
#include <algorithm>
#include <set>

#include "sroi/harmonise/harmonise.hpp"
#include "sroi/msg/harmonise.hpp"
#include "sroi/msg/words.hpp"

namespace sroi::harmonise {
namespace {

Message none() { return msg(Msg::WordNone); }
Message nothing() { return value_message(as_is("")); }

/// A change of a block or bonus (`id`, shown by `name`, the newer version's), or of the region
/// itself (no id).
void changed(Diff& d, Aspect aspect, const std::string& id, const std::string& name, Message from,
             Message to) {
  if (!(from == to))
    d.changes.push_back({ChangeKind::Changed, aspect, id, std::move(from), std::move(to), name});
}
void changed(Diff& d, Aspect aspect, Message from, Message to) {
  changed(d, aspect, "", "", std::move(from), std::move(to));
}

Message opt_date(const std::optional<Date>& date) { return date ? value_message(*date) : none(); }

/// What a block counts per unit: its value; for an invoice nothing (its share is compared on
/// its own), for an actual cost its maximum per day, if it has one.
Message block_value(const BuildingBlock& b) {
  if (b.unit == Unit::Invoice) return nothing();
  if (b.unit == Unit::ActualCost)
    return b.max_per_day ? msg(Msg::ActualCostMaxPerDay, *b.max_per_day) : nothing();
  return value_message(b.value);
}

Message counting(const BuildingBlock& b) {
  return b.counting_months ? value_message(Amount{Ratio(*b.counting_months), Counted::Months})
                           : none();
}

Message status(const BuildingBlock& b) {
  return msg(b.provenance.provisional() ? Msg::WordProvisional : Msg::WordPublished);
}

void compare_blocks(Diff& d, const BuildingBlock& a, const BuildingBlock& b) {
  const std::string& id = b.id;
  const std::string& name = b.name;
  changed(d, Aspect::BlockValue, id, name, block_value(a), block_value(b));
  changed(d, Aspect::BlockUnit, id, name, msg(unit_word(a.unit)), msg(unit_word(b.unit)));
  changed(d, Aspect::BlockCountingPeriod, id, name, counting(a), counting(b));
  if (a.unit == Unit::Invoice && b.unit == Unit::Invoice)
    changed(d, Aspect::BlockInvoiceShare, id, name, value_message(Percent{a.percentage}),
            value_message(Percent{b.percentage}));
  changed(d, Aspect::BlockName, id, name, value_message(as_is(a.name)),
          value_message(as_is(b.name)));
  changed(d, Aspect::BlockStatus, id, name, status(a), status(b));
}

Message pso_rule(const Region& r) {
  if (r.pso.kind == PsoRuleKind::None) return none();
  std::string levels;
  for (const auto& [level, p] : r.pso.percent)
    levels += std::string(" ") + pso_level_id(level) + "=" + p.decimal();
  return msg(
      Msg::PsoRuleValue,
      phrase(msg(r.pso.kind == PsoRuleKind::Discount ? Msg::WordDiscount : Msg::WordFulfilment)),
      as_is(levels));
}

Message penalty(const Region& r) {
  if (r.penalty.kind == PenaltyKind::None) return none();
  return msg(r.penalty.kind == PenaltyKind::ShortfallFactor ? Msg::PenaltyFactorOfShortfall
                                                            : Msg::PenaltyFactorOfObligation,
             Decimal{r.penalty.factor, 4});
}

Message bonus(const Bonus& b) { return msg(Msg::BonusAmount, b.value); }

}  // namespace

const char* change_kind_id(ChangeKind k) { return id_of(k); }

Arg Change::label() const {
  return name.empty() ? Arg(as_is(id)) : Arg(phrase(msg(Msg::Quoted, as_is(name))));
}

Message Change::what() const {
  Arg named = label();
  switch (aspect) {
    case Aspect::Name:
      return msg(Msg::AspectName);
    case Aspect::ValidFrom:
      return msg(Msg::AspectValidFrom);
    case Aspect::ValidUntil:
      return msg(Msg::AspectValidUntil);
    case Aspect::FulltimeHours:
      return msg(Msg::AspectFulltimeHours);
    case Aspect::MinimumHours:
      return msg(Msg::AspectMinimumHours);
    case Aspect::TimeBasis:
      return msg(Msg::AspectTimeBasis);
    case Aspect::ObligationPercentage:
      return msg(Msg::AspectObligationPercentage);
    case Aspect::ObligationBase:
      return msg(Msg::AspectObligationBase);
    case Aspect::Threshold:
      return msg(Msg::AspectThreshold);
    case Aspect::Cap:
      return msg(Msg::AspectCap);
    case Aspect::PsoRule:
      return msg(Msg::AspectPsoRule);
    case Aspect::Penalty:
      return msg(Msg::AspectPenalty);
    case Aspect::Block:
      return msg(Msg::AspectBlock, named);
    case Aspect::BlockValue:
      return msg(Msg::AspectBlockValue, named);
    case Aspect::BlockUnit:
      return msg(Msg::AspectBlockUnit, named);
    case Aspect::BlockCountingPeriod:
      return msg(Msg::AspectBlockCountingPeriod, named);
    case Aspect::BlockInvoiceShare:
      return msg(Msg::AspectBlockInvoiceShare, named);
    case Aspect::BlockName:
      return msg(Msg::AspectBlockName, named);
    case Aspect::BlockStatus:
      return msg(Msg::AspectBlockStatus, named);
    case Aspect::Bonus:
      return msg(Msg::AspectBonus, named);
  }
  return msg(Msg::WordNone);
}

Message describe_block(const BuildingBlock& b) {
  Message m;
  switch (b.unit) {
    case Unit::FulltimeYear:
      m = msg(Msg::PerBlockValue, b.value, phrase(msg(Msg::PerFulltimeYear)));
      break;
    case Unit::Month:
      m = msg(Msg::PerBlockValue, b.value, phrase(msg(Msg::PerMonth)));
      break;
    case Unit::LearningYear:
      m = msg(Msg::PerBlockValue, b.value, phrase(msg(Msg::PerLearningYear)));
      break;
    case Unit::Invoice:
      m = msg(Msg::InvoiceShareOf, Percent{b.percentage});
      break;
    case Unit::Hour:
      m = msg(Msg::PerBlockValue, b.value, phrase(msg(Msg::PerHour)));
      break;
    case Unit::Activity:
      m = msg(Msg::PerBlockValue, b.value, phrase(msg(Msg::PerActivity)));
      break;
    case Unit::ActualCost:
      m = b.max_per_day ? msg(Msg::ActualCostMaxPerDay, *b.max_per_day) : msg(Msg::WordActualCost);
      break;
  }
  if (b.counting_months)
    m = msg(Msg::BlockCountingSuffix, phrase(std::move(m)),
            Amount{Ratio(*b.counting_months), Counted::Months});
  if (b.provenance.provisional()) m = msg(Msg::ProvisionalSuffix, phrase(std::move(m)));
  return m;
}

Diff diff(const Region& a, const Region& b) {
  Diff d;
  d.old_region = &a;
  d.new_region = &b;
  changed(d, Aspect::Name, value_message(as_is(a.name)), value_message(as_is(b.name)));
  changed(d, Aspect::ValidFrom, opt_date(a.valid_from), opt_date(b.valid_from));
  changed(d, Aspect::ValidUntil, opt_date(a.valid_until), opt_date(b.valid_until));
  changed(d, Aspect::FulltimeHours, value_message(Decimal{a.fulltime_hours.value, 4}),
          value_message(Decimal{b.fulltime_hours.value, 4}));
  auto min_hours = [](const Region& r) {
    return r.min_hours ? value_message(Decimal{r.min_hours->value, 4}) : none();
  };
  changed(d, Aspect::MinimumHours, min_hours(a), min_hours(b));
  auto basis = [](const Region& r) {
    return msg(r.time_basis == TimeBasis::Days ? Msg::WordDays : Msg::WordMonths);
  };
  changed(d, Aspect::TimeBasis, basis(a), basis(b));
  auto percentage = [](const Region& r) {
    return r.obligation.percentage ? value_message(Percent{*r.obligation.percentage}) : none();
  };
  changed(d, Aspect::ObligationPercentage, percentage(a), percentage(b));
  changed(d, Aspect::ObligationBase, msg(base_msg(a.obligation.base)),
          msg(base_msg(b.obligation.base)));
  changed(d, Aspect::Threshold, value_message(a.obligation.threshold),
          value_message(b.obligation.threshold));
  auto cap = [](const Region& r) {
    return r.obligation.cap ? value_message(*r.obligation.cap) : none();
  };
  changed(d, Aspect::Cap, cap(a), cap(b));
  changed(d, Aspect::PsoRule, pso_rule(a), pso_rule(b));
  changed(d, Aspect::Penalty, penalty(a), penalty(b));

  // Blocks: the same id is the same block; else the same catalogue entry is a renamed block.
  std::set<std::string> matched_old, matched_new;
  for (const auto& nb : b.blocks)
    if (const BuildingBlock* ob = a.find_block(nb.id)) {
      compare_blocks(d, *ob, nb);
      matched_old.insert(ob->id);
      matched_new.insert(nb.id);
    }
  for (const auto& nb : b.blocks) {
    if (matched_new.count(nb.id)) continue;
    std::vector<const BuildingBlock*> same;
    for (const auto& ob : a.blocks)
      if (!matched_old.count(ob.id) && ob.maps_to == nb.maps_to) same.push_back(&ob);
    if (same.size() == 1) {
      d.changes.push_back({ChangeKind::Renamed, Aspect::Block, same[0]->id,
                           value_message(as_is(same[0]->id)), value_message(as_is(nb.id)),
                           same[0]->name});
      compare_blocks(d, *same[0], nb);
      matched_old.insert(same[0]->id);
      matched_new.insert(nb.id);
    }
  }
  for (const auto& ob : a.blocks)
    if (!matched_old.count(ob.id))
      d.changes.push_back(
          {ChangeKind::Removed, Aspect::Block, ob.id, describe_block(ob), {}, ob.name});
  for (const auto& nb : b.blocks)
    if (!matched_new.count(nb.id))
      d.changes.push_back(
          {ChangeKind::Added, Aspect::Block, nb.id, {}, describe_block(nb), nb.name});

  for (const auto& ob : a.bonuses) {
    const Bonus* nb = b.find_bonus(ob.id);
    if (!nb)
      d.changes.push_back({ChangeKind::Removed, Aspect::Bonus, ob.id, bonus(ob), {}, ob.name});
    else
      changed(d, Aspect::Bonus, ob.id, nb->name, bonus(ob), bonus(*nb));
  }
  for (const auto& nb : b.bonuses)
    if (!a.find_bonus(nb.id))
      d.changes.push_back({ChangeKind::Added, Aspect::Bonus, nb.id, {}, bonus(nb), nb.name});
  return d;
}

Message changelog(const Diff& d) {
  const Region& a = *d.old_region;
  const Region& b = *d.new_region;
  using Join = PhraseList::Join;
  PhraseList values{Join::And, {}}, added{Join::And, {}}, removed{Join::And, {}},
      renamed{Join::And, {}}, other{Join::And, {}};
  for (const auto& c : d.changes) {
    switch (c.kind) {
      case ChangeKind::Added:
        added.items.push_back(msg(Msg::AddedWith, c.label(), phrase(c.to)));
        break;
      case ChangeKind::Removed:
        removed.items.push_back(value_message(c.label()));
        break;
      case ChangeKind::Renamed:
        renamed.items.push_back(msg(Msg::RenamedTo, phrase(c.from), phrase(c.to)));
        break;
      case ChangeKind::Changed:
        if (c.aspect == Aspect::BlockValue)
          values.items.push_back(msg(Msg::ChangedFromTo, c.label(), phrase(c.from), phrase(c.to)));
        else if (c.aspect == Aspect::Bonus)
          values.items.push_back(
              msg(Msg::ChangedFromTo, phrase(c.what()), phrase(c.from), phrase(c.to)));
        else if (c.aspect != Aspect::Name && c.aspect != Aspect::BlockName)
          other.items.push_back(
              msg(Msg::ChangedFromTo, phrase(c.what()), phrase(c.from), phrase(c.to)));
        break;
    }
  }
  PhraseList text{Join::Space,
                  {msg(Msg::ChangelogReplaces, as_is(b.version), as_is(b.id), as_is(a.version))}};
  auto add = [&](MsgId sentence, PhraseList& items) {
    if (!items.items.empty()) text.items.push_back(msg(sentence, std::move(items)));
  };
  add(Msg::ChangelogValues, values);
  add(Msg::ChangelogRenamed, renamed);
  add(Msg::ChangelogAdded, added);
  add(Msg::ChangelogRemoved, removed);
  add(Msg::ChangelogOther, other);
  if (d.changes.empty()) text.items.push_back(msg(Msg::ChangelogNothingElse));
  return value_message(std::move(text));
}

}  // namespace sroi::harmonise
