// SPDX-License-Identifier: EUPL-1.2
// The options of the verbs that read the register (status, export, report, contract, template):
// apart from common.hpp, so that the other verbs do not compile the register's interface.
#pragma once

#include "common.hpp"
#include "sroi/store/register.hpp"

namespace sroi::cli {

/// Filters for register verbs: --contract, --supplier, --buyer.
void add_filter_options(po::options_description& opts);
store::ContractFilter contract_filter(const po::variables_map& vm);

}  // namespace sroi::cli
