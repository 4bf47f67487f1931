// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/config: the limits of a number read from a file, shared by the TOML
// readers (toml_fields.ipp) and the row readers (CSV, workbooks) without toml++.
#pragma once

#include <optional>

#include "sroi/error.hpp"
#include "sroi/model/ratio.hpp"

namespace sroi::config {

/// Limits for a number read from a file; a value outside them is "absurd" and an error.
struct Range {
  Ratio min;
  Ratio max;
  bool min_inclusive = true;
};

/// Nothing when `v` lies in `r`, else the problem: "out of range (above 0 to 60)".
std::optional<Message> range_problem(const Ratio& v, const Range& r);

}  // namespace sroi::config
