// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <vector>

#include "sroi/model/message.hpp"

namespace sroi {

/// One step of a calculation: what was done (Msg::StepRate, Msg::StepHoursFactor, …) and how,
/// as a message that lib/sroi/text writes out.
struct TraceStep {
  MsgId step;
  Message detail;
};

using Trace = std::vector<TraceStep>;

/// How much of a calculation is kept or shown: the figures only, or every step with them.
enum class Detail { Figures, Steps };

}  // namespace sroi
