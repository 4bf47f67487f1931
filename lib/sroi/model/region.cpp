// SPDX-License-Identifier: EUPL-1.2
#include "sroi/model/region.hpp"

#include "sroi/model/contract.hpp"
#include "sroi/msg/model.hpp"
#include "sroi/msg/parsing.hpp"

namespace sroi {
namespace {

struct UnitName {
  Unit unit;
  const char* id;
  MsgId word;
};
constexpr UnitName kUnits[] = {
    {Unit::FulltimeYear, "fulltime-year", Msg::UnitFulltimeYear},
    {Unit::Month, "month", Msg::UnitMonth},
    {Unit::LearningYear, "learning-year", Msg::UnitLearningYear},
    {Unit::Invoice, "invoice", Msg::UnitInvoice},
    {Unit::Hour, "hour", Msg::UnitHour},
    {Unit::Activity, "activity", Msg::UnitActivity},
    {Unit::ActualCost, "actual-cost", Msg::UnitActualCost},
};

struct LevelName {
  PsoLevel level;
  const char* id;
};
constexpr LevelName kLevels[] = {
    {PsoLevel::Aspirant, "aspirant"}, {PsoLevel::Basistrede, "basistrede"},
    {PsoLevel::Trede1, "trede-1"},    {PsoLevel::Trede2, "trede-2"},
    {PsoLevel::Trede3, "trede-3"},    {PsoLevel::Pso30Plus, "pso-30-plus"},
};

template <typename T>
std::string join_ids(const std::vector<T>& items) {
  std::string out;
  for (const auto& it : items) out += (out.empty() ? "" : ", ") + it.id;
  return out;
}

}  // namespace

const char* entry_kind_id(EntryKind k) {
  switch (k) {
    case EntryKind::TargetGroup:
      return "target-group";
    case EntryKind::Measure:
      return "measure";
    case EntryKind::Bonus:
      return "bonus";
  }
  return "?";
}

const char* unit_id(Unit u) {
  for (const auto& n : kUnits)
    if (n.unit == u) return n.id;
  return "?";
}

MsgId unit_word(Unit u) {
  for (const auto& n : kUnits)
    if (n.unit == u) return n.word;
  return Msg::Value;
}

std::optional<Unit> unit_from_id(const std::string& id) {
  for (const auto& n : kUnits)
    if (id == n.id) return n.unit;
  return std::nullopt;
}

std::string unit_ids() {
  std::string out;
  for (const auto& n : kUnits) out += (out.empty() ? "" : ", ") + std::string(n.id);
  return out;
}

const char* pso_level_id(PsoLevel l) {
  for (const auto& n : kLevels)
    if (n.level == l) return n.id;
  return "?";
}

std::optional<PsoLevel> pso_level_from_id(const std::string& id) {
  for (const auto& n : kLevels)
    if (id == n.id) return n.level;
  return std::nullopt;
}

std::string pso_level_ids() {
  std::string out;
  for (const auto& n : kLevels) out += (out.empty() ? "" : ", ") + std::string(n.id);
  return out;
}

const char* base_id(Base b) {
  switch (b) {
    case Base::ContractValue:
      return "contract-value";
    case Base::InvoicedTurnover:
      return "invoiced-turnover";
    case Base::WageBill:
      return "wage-bill";
  }
  return "?";
}

MsgId base_msg(Base b) {
  switch (b) {
    case Base::ContractValue:
      return Msg::BaseContractValue;
    case Base::InvoicedTurnover:
      return Msg::BaseInvoicedTurnover;
    case Base::WageBill:
      return Msg::BaseWageBill;
  }
  return Msg::BaseContractValue;
}

const CatalogueEntry* Catalogue::find(const std::string& id) const {
  for (const auto& e : entries)
    if (e.id == id) return &e;
  return nullptr;
}

std::string Catalogue::broader(const std::string& id) const {
  const CatalogueEntry* e = find(id);
  return e ? e->broader : "";
}

const BuildingBlock* Region::find_block(const std::string& block_id) const {
  for (const auto& b : blocks)
    if (b.id == block_id) return &b;
  return nullptr;
}

const Bonus* Region::find_bonus(const std::string& bonus_id) const {
  for (const auto& b : bonuses)
    if (b.id == bonus_id) return &b;
  return nullptr;
}

const std::string& Region::block_name(const std::string& block_id) const {
  const BuildingBlock* b = find_block(block_id);
  return b ? b->name : block_id;
}

const std::string& Region::bonus_name(const std::string& bonus_id) const {
  const Bonus* b = find_bonus(bonus_id);
  return b ? b->name : bonus_id;
}

std::string Region::block_ids() const { return join_ids(blocks); }

Verbatim Region::known_blocks() const {
  std::string names;
  for (const auto& b : blocks) names += (names.empty() ? "" : "; ") + b.name;
  return named(block_ids(), names);
}
std::string Region::bonus_ids() const { return bonuses.empty() ? "none" : join_ids(bonuses); }

const BonusGroup* Region::group_of(const std::string& bonus) const {
  for (const auto& g : bonus_groups)
    for (const auto& m : g.members)
      if (m == bonus) return &g;
  return nullptr;
}

Date PsoCertificate::last_valid_day(Date issued) { return issued.add_months(24).add_days(-1); }

Date PsoCertificate::valid_from() const {
  if (issued) return *issued;
  // 2 years back and a day on, then moved to the earliest issue date that still reaches the
  // end date (month ends: a certificate issued on 29 February reaches 27 February).
  Date from = valid_until.add_months(-24).add_days(1);
  while (last_valid_day(from.add_days(-1)) >= valid_until) from = from.add_days(-1);
  while (last_valid_day(from) < valid_until) from = from.add_days(1);
  return from;
}

Message provisional_value(Message what, const Provenance& p) {
  Arg source = p.source == "stand-in" ? Arg(phrase(msg(Msg::SourceStandIn)))
               : p.source == "norm"   ? Arg(phrase(msg(Msg::SourceNorm)))
                                      : Arg(as_is(p.source));
  return msg(Msg::ProvisionalValue, phrase(std::move(what)), std::move(source));
}

// Lines without a candidate: kept under their contract (see contract.hpp).
constexpr char kNoPerson = '\x1f';

std::string candidate_key(const std::string& candidate, const std::string& contract_id) {
  return candidate.empty() ? kNoPerson + contract_id : candidate;
}

bool names_person(std::string_view key) { return !key.empty() && key.front() != kNoPerson; }

std::string shown_candidate(const std::string& key) {
  return names_person(key) ? key : std::string();
}

}  // namespace sroi
