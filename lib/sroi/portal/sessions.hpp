// SPDX-License-Identifier: EUPL-1.2
// Sign-in state of the portal: sessions kept in memory by the SHA-256 of their token (a
// restart signs everyone out), each with its CSRF token and expiry, and the throttle that
// slows down guessing passwords.
#pragma once

#include <chrono>
#include <functional>
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
  using Now = std::function<Clock::time_point()>;
  /// `now`: the clock sessions and the throttle read (tests set their own).
  explicit Sessions(std::chrono::seconds lifetime = std::chrono::hours(8), Now now = Clock::now)
      : lifetime_(lifetime), now_(std::move(now)) {}

  /// A new session for `who`, whose password hash had the fingerprint `mark` at sign-in;
  /// returns the token for the cookie (only its hash is kept).
  std::string open(Identity who, std::string mark);
  struct Found {
    Identity who;
    std::string mark;
  };
  /// The live session of a cookie token; an expired one is forgotten.
  std::optional<Found> find(const std::string& token);
  void close(const std::string& token);

  /// Starts a sign-in attempt for `key` (an account name or an address): after `most`
  /// attempts within 15 minutes that did not succeed, it waits until the oldest of them is 15
  /// minutes old. An attempt counts from its start, so a burst of concurrent guesses is
  /// counted as it arrives. Returns the seconds to wait (nothing counted), 0 when it may.
  int begin_attempt(const std::string& key, int most);
  /// Seconds to wait before `key` may try again after `most` failures within 15 minutes
  /// (0: now), without counting this as an attempt: for an address, where many people at one
  /// office may sign in at once and only failures should count.
  int wait_for(const std::string& key, int most);
  /// A failure of `key`, counted now.
  void failed(const std::string& key);
  /// The attempt succeeded: the key's count starts again.
  void succeeded(const std::string& key);
  /// The attempt of `key` begun last did not count (it succeeded, or was never tried).
  void undo(const std::string& key);
  /// How many keys the throttle remembers (it forgets the oldest past `kMaxKeys`).
  std::size_t throttle_size();
  static constexpr std::size_t kMaxKeys = 10000;

 private:
  struct Entry {
    Identity who;
    std::string mark;
    Clock::time_point expires;
  };
  /// Forgets keys whose attempts are all older than the window, then the oldest keys until
  /// there is room for one more. Under mu_.
  void prune_throttle(Clock::time_point now);
  std::chrono::seconds lifetime_;
  Now now_;
  std::mutex mu_;
  std::map<std::string, Entry> by_hash_;
  std::map<std::string, std::vector<Clock::time_point>> attempts_;
  /// The wait for `times` (dropping those out of the window), under mu_.
  static int waiting(std::vector<Clock::time_point>& times, Clock::time_point now, int most);
};

}  // namespace sroi::portal
