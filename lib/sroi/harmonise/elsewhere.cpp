// SPDX-License-Identifier: EUPL-1.2
#include <algorithm>

#include "sroi/harmonise/harmonise.hpp"
#include "sroi/msg/harmonise.hpp"

namespace sroi::harmonise {
namespace {

struct Found {
  const BuildingBlock* block = nullptr;
  Message mapping;
  std::optional<Message> why_not;
};

/// The target's counterpart of `source` (same unit): exactly the same catalogue entry, else
/// the broader entry, else the one narrower entry.
Found counterpart(const BuildingBlock& source, const Region& target, const Catalogue& cat) {
  auto with_unit = [&](auto&& pick) -> std::vector<const BuildingBlock*> {
    std::vector<const BuildingBlock*> out;
    for (const auto& b : target.blocks)
      if (pick(b)) out.push_back(&b);
    return out;
  };
  auto choose = [&](std::vector<const BuildingBlock*> candidates, Message how) -> Found {
    Found f;
    for (const BuildingBlock* b : candidates)
      if (b->unit == source.unit) return {b, std::move(how), std::nullopt};
    if (!candidates.empty())
      f.why_not = msg(Msg::CounterpartOtherUnit, as_is(candidates.front()->name),
                      phrase(msg(unit_word(candidates.front()->unit))),
                      phrase(msg(unit_word(source.unit))));
    return f;
  };
  Found exact =
      choose(with_unit([&](const BuildingBlock& b) { return b.maps_to == source.maps_to; }),
             msg(Msg::MappedSameEntry, cat.name_of(source.maps_to)));
  if (exact.block || exact.why_not) return exact;
  std::string broader = cat.broader(source.maps_to);
  if (!broader.empty()) {
    Found up = choose(with_unit([&](const BuildingBlock& b) { return b.maps_to == broader; }),
                      msg(Msg::MappedBroader, cat.name_of(broader)));
    if (up.block || up.why_not) return up;
  }
  auto narrower = with_unit([&](const BuildingBlock& b) {
    return cat.broader(b.maps_to) == source.maps_to && b.unit == source.unit;
  });
  if (narrower.size() == 1)
    return {narrower.front(), msg(Msg::MappedNarrower, cat.name_of(narrower.front()->maps_to)),
            std::nullopt};
  Found none;
  none.why_not = narrower.size() > 1
                     ? msg(Msg::MappingAmbiguous, as_is(target.id),
                           cat.name_of(narrower[0]->maps_to), cat.name_of(narrower[1]->maps_to))
                     : msg(Msg::NoBlockFor, cat.name_of(source.maps_to), as_is(target.label()));
  return none;
}

}  // namespace

std::vector<Elsewhere> value_elsewhere(const Offer& offer, const Region& home,
                                       const Catalogue& catalogue,
                                       const std::vector<const Region*>& targets) {
  // The same percentage everywhere, so the comparison is about the blocks and rules.
  Contract contract = offer.contract;
  if (!contract.percentage) contract.percentage = compute_obligation(home, contract, {}).percentage;
  std::vector<Elsewhere> out;
  for (const Region* target : targets) {
    Elsewhere e;
    e.region = target;
    try {
      e.obligation = compute_obligation(*target, contract, offer.pso);
    } catch (const DataError& err) {
      e.problems = err.diagnostics();
      out.push_back(std::move(e));
      continue;
    }
    e.provisional = e.obligation.provisional;
    for (const auto& line : offer.lines) {
      ElsewhereLine el;
      const BuildingBlock* source = home.find_block(line.block);
      Found f = source ? counterpart(*source, *target, catalogue) : Found{};
      if (!f.block) {
        el.unmapped = source && f.why_not ? *f.why_not : msg(Msg::UnknownBlock, as_is(line.block));
        ++e.unmapped;
        e.lines.push_back(std::move(el));
        continue;
      }
      OfferLine moved = line;
      moved.block = f.block->id;
      // Bonuses share one vocabulary; one the target does not have is left out (and said).
      std::vector<Given<std::string>> kept;
      PhraseList notes{PhraseList::Join::Semicolon, {f.mapping}};
      for (const auto& b : moved.quantities.bonuses)
        if (target->find_bonus(b.value))
          kept.push_back(b);
        else
          notes.items.push_back(msg(Msg::NoBonusHere, as_is(b.value)));
      moved.quantities.bonuses = kept;
      std::vector<Diagnostic> problems;
      LineResult r = value_offer_line(*target, contract, moved, problems);
      if (!problems.empty()) {
        el.unmapped = problems.front().message;
        ++e.unmapped;
        e.lines.push_back(std::move(el));
        continue;
      }
      el.block = f.block->id;
      el.mapping = msg(Msg::Value, std::move(notes));
      el.value = r.value;
      e.total += r.value;
      e.provisional = e.provisional || r.provisional;
      e.lines.push_back(std::move(el));
    }
    e.total += e.obligation.pso_fulfilment;
    e.met = e.total >= e.obligation.amount;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace sroi::harmonise
