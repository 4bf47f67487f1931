// SPDX-License-Identifier: EUPL-1.2
// One entry of the message catalogue, apart from catalogue.hpp so that the tables msggen
// generates (one per area of lib/sroi/text/messages) need nothing else.
#pragma once

#include <span>

#include "sroi/model/message_id.hpp"

namespace sroi::text {

/// One entry of the catalogue: the id, a stable key (for JSON and tests) and the text in each
/// language, with {0}, {1}, … where the arguments go.
struct Entry {
  MsgId id;
  const char* key;
  const char* nl;
  const char* en;
};

/// Every area's table, in the order of the area numbers (generated: areas.cpp).
std::span<const std::span<const Entry>> message_areas();

}  // namespace sroi::text
