// SPDX-License-Identifier: EUPL-1.2
// The id of a message (see message.hpp), apart so that the parsers of money, ratios and dates
// can name their problems without the message types. The ids themselves are generated: each
// area's messages are one file, lib/sroi/text/messages/<area>.toml, from which msggen makes
// the header sroi/msg/<area>.hpp (the constants Msg::Name) and that area's catalogue table. A
// file includes the areas it names, so a new message rebuilds only the files of its area.
#pragma once

#include <compare>
#include <cstdint>

namespace sroi {

/// Which message: its area (the order of the areas in lib/CMakeLists.txt) and its place in
/// that area's file. Compared as a pair; only the catalogue reads the numbers.
struct MsgId {
  std::uint16_t area = 0;
  std::uint16_t index = 0;
  friend constexpr auto operator<=>(MsgId, MsgId) = default;
};

}  // namespace sroi
