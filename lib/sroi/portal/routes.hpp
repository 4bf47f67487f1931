// SPDX-License-Identifier: EUPL-1.2
// The portal's access rules as data: every route states who may call it and what the object
// of its path must belong to, and the frame (frame.cpp) enforces that before a handler runs.
// `sroi serve --routes` prints the table; the access test walks it.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sroi/store/register.hpp"

namespace sroi::portal {

/// Who may call a route.
enum class Access {
  Public,   ///< anyone; the page still knows a signed-in visitor
  Session,  ///< a signed-in browser (or an API key reading a page); else to /login
  Form,     ///< a browser's session, the form's CSRF token, and one of the roles
  Api,      ///< an API key, or a session (whose writes carry the CSRF token); else 401 JSON
};

/// What the object a path names must belong to.
enum class Owner {
  None,
  Contract,  ///< {contract}: a contract the caller's organisation or region may see
};

struct Rule {
  Access access = Access::Public;
  std::vector<store::Role> roles;  ///< empty: every role
  Owner owner = Owner::None;
  std::size_t max_body = 0;  ///< bytes a request may send; more is refused unread (413)
};

/// A route as `sroi serve --routes` shows it.
struct RouteInfo {
  std::string method, path;  ///< path: "/contracts/{contract}/status.xlsx"
  Rule rule;
};

const char* access_id(Access a);
const char* owner_id(Owner o);

/// The portal's routes, in the order they are matched.
std::vector<RouteInfo> route_table();

/// Matches a route's path against a request's path as sent (still percent-encoded, without
/// the query): each segment is decoded on its own, so an id may hold a '/' (sent as %2F).
/// Returns the values of the {names}, or nothing when the path does not fit.
std::optional<std::map<std::string, std::string>> match_path(std::string_view pattern,
                                                             std::string_view raw_path);

}  // namespace sroi::portal
