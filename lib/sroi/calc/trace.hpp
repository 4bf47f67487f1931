// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <vector>

#include "sroi/model/message.hpp"

namespace sroi {

/// One step of a calculation: what was done (Msg::StepRate, Msg::StepHoursFactor, …) and how,
/// as a message that lib/sroi/text writes out.
struct TraceStep {
  Msg step;
  Message detail;
};

using Trace = std::vector<TraceStep>;

}  // namespace sroi
