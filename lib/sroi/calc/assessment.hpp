// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sroi/calc/line_value.hpp"
#include "sroi/calc/obligation.hpp"

namespace sroi {

/// An offer or a realisation valued against a region's obligation.
struct Assessment {
  enum class Kind { Offer, Realisation } kind = Kind::Offer;
  const Region* region = nullptr;
  std::string supplier;
  Contract contract;
  std::optional<PsoCertificate> pso;
  ObligationResult obligation;
  std::vector<LineResult> lines;  ///< in input order
  Money lines_total;              ///< sum of the rounded lines
  Money total;                    ///< lines plus a PSO fulfilment, if any
  Money surplus;
  Money shortfall;
  Money penalty;
  Trace penalty_trace;
  bool provisional = false;
  std::vector<std::string> provisional_values;  ///< each value that was provisional, once
  std::vector<std::string> warnings;
};

/// Values an offer. Throws DataError listing every bad line.
Assessment assess_offer(const Region& region, const Offer& offer);
/// Values a realisation. Throws DataError listing every bad line.
Assessment assess_realisation(const Region& region, const Realisation& realisation);

}  // namespace sroi
