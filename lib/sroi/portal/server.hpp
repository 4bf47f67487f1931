// SPDX-License-Identifier: EUPL-1.2
// The portal: an HTTP server (cpp-httplib) over the register. Server-rendered pages in Dutch
// (English with ?lang=en) that work without JavaScript (one small script makes the offer
// composer follow the typing), and a JSON API under /api/v1/ with the keys of the command
// line's --format json. Who may call what is stated once, in the route table (routes.hpp),
// and checked on the server before any handler runs.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "sroi/config/region_set.hpp"
#include "sroi/model/message.hpp"
#include "sroi/portal/gate.hpp"

namespace sroi::portal {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string db_path;
  /// Mark cookies Secure: set when a TLS reverse proxy is in front (the browser then sends
  /// them over https only).
  bool secure_cookies = false;
  /// How long a sign-in lasts.
  std::chrono::seconds session_lifetime = std::chrono::hours(8);
  /// "Today" for the status figures (SROI_TODAY in tests), else the real day.
  std::optional<Date> today;
  /// Where the region models and the catalogue are read from. A coordinator may activate a
  /// new version only when `regions_writable` (the portal's own --data-dir/regions, never the
  /// shipped models).
  std::string regions_dir, catalogue_dir;
  bool regions_writable = false;
  /// One line per request on standard error (the journal under systemd): time, address,
  /// method, path without its query, status, milliseconds. Never a cookie or a form field.
  bool log_requests = false;
  /// A hand-in stored within this time is answered at once; a longer one shows its progress.
  std::chrono::milliseconds answer_within{1000};
  /// How long a client may take to send its request and to take its answer, and how many
  /// connections one address may hold (gate.hpp).
  GateLimits gate;
};

/// Parses "127.0.0.1:8080" or "[::1]:8080" into host and port; nothing when it is not one.
std::optional<std::pair<std::string, int>> parse_listen(const std::string& text);

/// What `sroi serve --check` verifies: the register opens at the current schema, the regions
/// load, and at least one account is active. Returns the sentence to print; throws the
/// problem (StoreError, DataError) otherwise.
Message check_setup(const ServeOptions& o, const config::RegionSet& regions);

/// Serves until SIGTERM or SIGINT, then stops accepting, lets requests in flight finish and
/// returns. `announce` is called once the socket listens. Throws Error when it cannot listen.
void serve(const ServeOptions& o, config::RegionSet regions,
           const std::function<void(const Message&)>& announce);

}  // namespace sroi::portal
