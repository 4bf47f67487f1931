// SPDX-License-Identifier: EUPL-1.2
// Sign-in state of the portal: sessions kept in memory by the SHA-256 of their token (a
// restart signs everyone out), each with its CSRF token and expiry, and the throttle that
// slows down guessing passwords.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sroi/store/register.hpp"

namespace sroi::portal {

using Clock = std::chrono::steady_clock;

/// Who a request acts as: from a session cookie or an API token.
struct Identity {
  std::string name;
  store::Role role = store::Role::Supplier;
  std::string org;
  std::string csrf;  ///< the session's form token (empty for an API token)
};

class Sessions {
 public:
  explicit Sessions(std::chrono::seconds lifetime = std::chrono::hours(8)) : lifetime_(lifetime) {}

  /// A new session for `who`; returns the token for the cookie (only its hash is kept).
  std::string open(Identity who);
  /// The live session of a cookie token; an expired one is forgotten.
  std::optional<Identity> find(const std::string& token);
  void close(const std::string& token);

  /// Whether `key` (an account name or an address) may try to sign in now: after `most`
  /// failures within 15 minutes it waits until the oldest of them is 15 minutes old. Returns
  /// the seconds to wait, 0 when it may.
  int wait_seconds(const std::string& key, int most);
  void failed(const std::string& key);
  void succeeded(const std::string& key);

 private:
  struct Entry {
    Identity who;
    Clock::time_point expires;
  };
  std::chrono::seconds lifetime_;
  std::mutex mu_;
  std::map<std::string, Entry> by_hash_;
  std::map<std::string, std::vector<Clock::time_point>> failures_;
};

}  // namespace sroi::portal
