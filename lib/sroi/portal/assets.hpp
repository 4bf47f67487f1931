// SPDX-License-Identifier: EUPL-1.2
// Internal to lib/sroi/portal: the style sheet and the offer composer's script, written as
// files under assets/ and compiled in (embed.cmake), served as /static/portal.css and
// /static/offer.js.
#pragma once

namespace sroi::portal {

extern const char kPortalCss[];
extern const char kOfferScript[];

}  // namespace sroi::portal
