// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <string>
#include <vector>

namespace sroi {

/// One step of a calculation: what was done ("rate", "hours factor", "cap") and how.
struct TraceStep {
  std::string step;
  std::string detail;
};

using Trace = std::vector<TraceStep>;

}  // namespace sroi
