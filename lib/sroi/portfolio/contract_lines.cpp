// SPDX-License-Identifier: EUPL-1.2
// One contract's lines with their traces, valued exactly as the register-wide status does.
#include <deque>
#include <map>
#include <tuple>

#include "sroi/portfolio/portfolio.hpp"

namespace sroi::portfolio {

ContractLines contract_lines(const store::Register& reg, const config::RegionSet& regions,
                             const std::string& contract_id, const Date& as_of,
                             const KnownContract& given) {
  store::Register::Snapshot snapshot(reg);
  return contract_lines_within(reg, regions, contract_id, as_of, given);
}

ContractLines contract_lines_within(const store::Register& reg, const config::RegionSet& regions,
                                    const std::string& contract_id, const Date& as_of,
                                    const KnownContract& given) {
  // The contracts these candidates also work on, each read once; a contract whose region
  // cannot be chosen takes no part (as in compute_status).
  struct Known {
    store::ContractRecord record;
    const Region* region = nullptr;
  };
  std::map<std::string, Known> contracts;
  auto known = [&](const std::string& id) -> const Known& {
    auto it = contracts.find(id);
    if (it != contracts.end()) return it->second;
    Known k;
    if (auto c = reg.contract(id)) {
      k.record = std::move(*c);
      try {
        k.region = &regions.select(k.record.region, k.record.contract.start);
      } catch (const DataError&) {
        k.region = nullptr;
      }
    }
    return contracts.emplace(id, std::move(k)).first->second;
  };
  std::deque<store::LineRecord> records;  // stable: the inputs point into it
  std::vector<LineInput> in;
  reg.for_each_line_of_candidates_in(contract_id, [&](store::LineRecord&& r) {
    const Contract* contract = nullptr;
    const Region* region = nullptr;
    if (given) {
      std::tie(contract, region) = given(r.contract);
    } else {
      const Known& k = known(r.contract);
      contract = &k.record.contract;
      region = k.region;
    }
    if (!region || !contract) return;
    records.push_back(std::move(r));
    in.push_back({&records.back().line, region, contract, records.back().id});
  });
  ValuationOptions vo;
  vo.as_of = as_of;
  ContractLines out;
  std::vector<LineResult> values = value_realisations(in, vo, out.problems);
  for (std::size_t i = 0; i < values.size(); ++i)
    if (records[i].contract == contract_id) {
      out.lines.push_back(std::move(values[i]));
      out.line_ids.push_back(records[i].id);
    }
  return out;
}

}  // namespace sroi::portfolio
