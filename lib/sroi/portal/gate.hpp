// SPDX-License-Identifier: EUPL-1.2
// The portal's front door: one thread that accepts every connection and reads each request's
// line and headers (and a small body) itself, without holding a worker, before the request
// goes on to the page handlers over a private Unix socket. A client that sends its request a
// byte at a time, trickles a body or does not read its answer is cut off after a bounded time,
// and one address cannot hold more than its share of connections: slow clients cannot take
// the workers that a buyer's page needs (issue 23).
//
// Each request is handed on with `Connection: close` (one request per connection) and with
// the caller's address in the header X-Sroi-Peer (a client's own X-Sroi-Peer is removed).
// Behind a trusted reverse proxy the address is the last one of its X-Forwarded-For.
#pragma once

#include <poll.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sroi::portal {

/// The header that carries the caller's address to the page handlers.
inline constexpr const char* kPeerHeader = "X-Sroi-Peer";

struct GateLimits {
  /// The request line and headers, and a body of up to `buffered_body` bytes, must arrive
  /// within this time of the connection being accepted.
  std::chrono::seconds head{10};
  /// Longest pause in a larger body, and longest wait for a client to take its answer.
  std::chrono::seconds stall{10};
  /// After its first `stall`, a larger body arrives at this many bytes a second on average.
  std::size_t min_rate = 1024;
  /// Bodies up to this size are read whole by the gate before a worker sees the request.
  std::size_t buffered_body = 64 * 1024;
  /// An announced body larger than this is refused at once (413).
  std::size_t largest_body = 64 * 1024 * 1024;
  /// Request line and headers together.
  std::size_t head_bytes = 32 * 1024;
  /// Open connections from one address (a trusted proxy is not limited).
  int per_address = 64;
  /// Larger bodies streamed at the same time from one address.
  int streams_per_address = 4;
  /// Open connections in all.
  int total = 4096;
  /// How long the page handlers may take to answer.
  std::chrono::seconds answer{600};
  /// Reverse proxies whose X-Forwarded-For is believed (addresses as written by inet_ntop).
  std::vector<std::string> trusted_proxies;
};

/// What the gate has done, for tests and the log.
struct GateCounts {
  long accepted = 0;
  long passed = 0;    ///< requests handed to the page handlers
  long too_slow = 0;  ///< cut off: head not in time, body stalled or too slow, answer not taken
  long too_many = 0;  ///< refused: the address's or the gate's connections in use
  long refused = 0;   ///< refused: malformed, too large, no length
};

class Gate {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  /// Takes connections from `listening` (a listening socket; the gate closes it) and hands
  /// requests to the Unix socket at `backend`. `clock` is the steady clock unless a test
  /// gives its own.
  Gate(int listening, std::string backend, GateLimits limits, Clock clock = {});
  ~Gate();
  Gate(const Gate&) = delete;
  Gate& operator=(const Gate&) = delete;

  /// Serves until stop(), then lets requests in flight finish (at most `limits.stall`).
  void run();
  /// Asks run() to return; safe from a signal handler and from another thread.
  void stop();
  /// One round: waits at most `wait` for something to happen, then does what can be done
  /// and cuts off what is late. Tests drive the gate with this and their own clock.
  void turn(std::chrono::milliseconds wait);

  std::size_t open_connections() const;
  GateCounts counts() const;

  struct Conn;

 private:
  void accept_all();
  void watch(const Conn& c, std::vector<pollfd>& fds) const;
  void from_client(Conn& c);
  void with_backend(Conn& c, short events);
  void settle(Conn& c);
  void on_head(Conn& c);
  void hand_on(Conn& c);
  void answer(Conn& c, int status, const char* reason);
  void close(std::size_t i);
  /// No longer counts `c` against its address.
  void release(Conn& c);
  bool late(Conn& c, std::chrono::steady_clock::time_point now);
  std::chrono::steady_clock::time_point now() const;

  int listening_;
  int wake_[2] = {-1, -1};
  std::string backend_;
  GateLimits limits_;
  Clock clock_;
  std::vector<std::unique_ptr<Conn>> conns_;
  std::map<std::string, int> per_address_, streams_;
  GateCounts counts_;
  bool stopping_ = false;
};

/// An IPv4 or IPv6 address written the way the gate compares it (inet_ntop's form, so
/// "::0001" is "::1"); nothing when `text` is no address.
std::optional<std::string> address_text(const std::string& text);

/// Opens a listening TCP socket on `host`:`port` (IPv4 or IPv6 literal or name) with room
/// for `backlog` waiting connections; -1 when it cannot.
int listen_tcp(const std::string& host, int port, int backlog);

}  // namespace sroi::portal
