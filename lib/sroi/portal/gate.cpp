// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portal/gate.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>

namespace sroi::portal {

using steady = std::chrono::steady_clock;

namespace {

constexpr std::size_t kChunk = 16 * 1024;
/// Bytes of a body held for the handlers before the gate stops reading the client.
constexpr std::size_t kBuffered = 64 * 1024;
/// Bytes of an answer held for the client: a page or a workbook is taken from its worker at
/// once, whatever pace the client reads at.
constexpr std::size_t kAnswerBuffered = 4 * 1024 * 1024;
/// How long a closing connection is read and its bytes thrown away, so that the answer is
/// not lost to a reset when the client still had bytes on the way.
constexpr std::chrono::seconds kDrain{2};

void nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

std::string address_of(const sockaddr_storage& a) {
  char text[INET6_ADDRSTRLEN] = {};
  if (a.ss_family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(a).sin_addr, text, sizeof text);
  else if (a.ss_family == AF_INET6)
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(a).sin6_addr, text, sizeof text);
  return text;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

/// The few answers the gate gives itself, before any page handler is involved: Dutch, with
/// the English beneath.
const char* answer_text(int status) {
  switch (status) {
    case 400:
      return "Dit verzoek kan de portal niet lezen.\nThe portal cannot read this request.\n";
    case 408:
      return "Het verzoek kwam niet op tijd binnen; probeer het opnieuw.\n"
             "The request did not arrive in time; please try again.\n";
    case 411:
      return "Stuur de lengte van het verzoek mee (Content-Length).\n"
             "Send the length of the request (Content-Length).\n";
    case 413:
      return "Dit verzoek is te groot voor de portal.\nThis request is too large.\n";
    case 431:
      return "De kopregels van dit verzoek zijn te lang.\nThe request's headers are too long.\n";
    default:
      return "Te veel verbindingen tegelijk vanaf uw adres; probeer het zo opnieuw.\n"
             "Too many connections at once from your address; please try again shortly.\n";
  }
}

/// Whether `done` bytes in `elapsed` fall short of `rate` a second after a first `grace`.
bool too_slow(std::size_t done, std::chrono::steady_clock::duration elapsed,
              std::chrono::seconds grace, std::size_t rate) {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(elapsed);
  return seconds > grace && done < rate * static_cast<std::size_t>((seconds - grace).count());
}

/// A whole answer the gate gives itself: status line, headers and the text.
std::string plain_answer(int status, const char* reason) {
  std::string text = answer_text(status);
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n" +
         (status == 503 ? "Retry-After: 5\r\n" : "") +
         "Content-Length: " + std::to_string(text.size()) + "\r\n\r\n" + text;
}

/// What a request's head says that the gate needs, and the head as it is handed on.
struct Head {
  int refuse = 0;
  const char* reason = "";
  std::size_t length = 0;
  std::string forwarded_for;
  std::string rewritten;
};

Head read_head(std::string_view text) {
  Head h;
  auto bad = [&h](int status, const char* reason) {
    h.refuse = status;
    h.reason = reason;
    return h;
  };
  std::size_t eol = text.find("\r\n");
  std::string_view line = text.substr(0, eol);
  auto sp1 = line.find(' '), sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp1 == sp2) return bad(400, "Bad Request");
  std::string_view version = line.substr(sp2 + 1);
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return bad(400, "Bad Request");
  h.rewritten.assign(line);
  h.rewritten += "\r\n";
  bool has_length = false;
  std::size_t at = eol == std::string_view::npos ? text.size() : eol + 2;
  while (at < text.size()) {
    std::size_t end = text.find("\r\n", at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view field = text.substr(at, end - at);
    at = end + 2;
    // A folded line or one without a colon reads differently to different servers.
    if (field.empty() || field.front() == ' ' || field.front() == '\t')
      return bad(400, "Bad Request");
    auto colon = field.find(':');
    if (colon == std::string_view::npos || colon == 0) return bad(400, "Bad Request");
    std::string name = lower(field.substr(0, colon));
    std::string_view value = trimmed(field.substr(colon + 1));
    if (name == "transfer-encoding") return bad(411, "Length Required");
    if (name == "content-length") {
      if (value.empty() || value.size() > 12 ||
          !std::all_of(value.begin(), value.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
        return bad(400, "Bad Request");
      std::size_t n = std::stoull(std::string(value));
      if (has_length && n != h.length) return bad(400, "Bad Request");
      if (has_length) continue;
      has_length = true;
      h.length = n;
    }
    if (name == "connection" || name == "keep-alive" || name == "proxy-connection" ||
        name == lower(kPeerHeader))
      continue;
    if (name == "x-forwarded-for") h.forwarded_for.assign(value);
    h.rewritten.append(field);
    h.rewritten += "\r\n";
  }
  return h;
}

}  // namespace

struct Gate::Conn {
  enum class Phase { Head, Body, Stream, Reply, Answer, Drain };
  int client = -1;
  int backend = -1;
  std::string peer;
  bool trusted = false;    ///< from a trusted proxy: its X-Forwarded-For names the caller
  bool limited = true;     ///< counted against its address (until it is answered)
  bool streaming = false;  ///< counted against its address's streams
  bool backend_done = false;
  bool dead = false;
  Phase phase = Phase::Head;
  std::string head, up, down;
  std::size_t body_left = 0, body_read = 0, sent = 0;
  std::size_t up_at = 0, down_at = 0;  ///< how much of up and down is written
  steady::time_point accepted, since, stream_start;
  std::optional<steady::time_point> answer_start;
};

Gate::Gate(int listening, std::string backend, GateLimits limits, Clock clock)
    : listening_(listening),
      backend_(std::move(backend)),
      limits_(std::move(limits)),
      clock_(std::move(clock)) {
  nonblocking(listening_);
  if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) wake_[0] = wake_[1] = -1;
}

Gate::~Gate() {
  for (std::size_t i = conns_.size(); i-- > 0;) close(i);
  if (listening_ >= 0) ::close(listening_);
  for (int fd : wake_)
    if (fd >= 0) ::close(fd);
}

steady::time_point Gate::now() const { return clock_ ? clock_() : steady::now(); }

std::size_t Gate::open_connections() const { return conns_.size(); }

GateCounts Gate::counts() const { return counts_; }

void Gate::stop() {
  char one = 1;
  if (wake_[1] >= 0) [[maybe_unused]]
    auto n = ::write(wake_[1], &one, 1);
}

void Gate::run() {
  steady::time_point until{};
  while (true) {
    turn(std::chrono::milliseconds(250));
    if (!stopping_) continue;
    if (until == steady::time_point{}) until = now() + limits_.stall;
    if (conns_.empty() || now() > until) break;
  }
}

void Gate::accept_all() {
  while (true) {
    sockaddr_storage from{};
    socklen_t size = sizeof from;
    int fd = ::accept4(listening_, reinterpret_cast<sockaddr*>(&from), &size,
                       SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    ++counts_.accepted;
    auto c = std::make_unique<Conn>();
    c->client = fd;
    c->peer = address_of(from);
    const auto& trusted = limits_.trusted_proxies;
    c->trusted = std::find(trusted.begin(), trusted.end(), c->peer) != trusted.end();
    c->limited = !c->trusted;
    c->accepted = c->since = now();
    bool full = static_cast<int>(conns_.size()) >= limits_.total ||
                (c->limited && per_address_[c->peer] >= limits_.per_address);
    if (full) {
      // Said at once and closed: no buffer kept for a connection we will not serve.
      ++counts_.too_many;
      std::string reply = plain_answer(503, "Service Unavailable");
      [[maybe_unused]] auto n = ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
      ::close(fd);
      if (c->limited && per_address_[c->peer] == 0) per_address_.erase(c->peer);
      continue;
    }
    if (c->limited) ++per_address_[c->peer];
    conns_.push_back(std::move(c));
  }
}

void Gate::answer(Conn& c, int status, const char* reason) {
  if (c.backend >= 0) {
    ::close(c.backend);
    c.backend = -1;
  }
  c.down = plain_answer(status, reason);
  c.down_at = 0;
  c.up.clear();
  c.up_at = 0;
  c.head.clear();
  c.body_left = 0;
  c.phase = Conn::Phase::Answer;
  c.since = now();
}

void Gate::on_head(Conn& c) {
  std::size_t end = c.head.find("\r\n\r\n");
  Head h = read_head(std::string_view(c.head).substr(0, end));
  if (h.refuse == 0 && h.length > limits_.largest_body) {
    h.refuse = 413;
    h.reason = "Payload Too Large";
  }
  if (h.refuse != 0) {
    ++counts_.refused;
    return answer(c, h.refuse, h.reason);
  }
  std::string caller = c.peer;
  if (c.trusted && !h.forwarded_for.empty()) {
    auto comma = h.forwarded_for.rfind(',');
    std::string last(
        trimmed(comma == std::string::npos ? h.forwarded_for : h.forwarded_for.substr(comma + 1)));
    if (auto a = address_text(last)) caller = *a;
  }
  c.up = h.rewritten + "Connection: close\r\n" + kPeerHeader + ": " + caller + "\r\n\r\n";
  std::string_view rest = std::string_view(c.head).substr(end + 4);
  std::size_t taken = std::min(rest.size(), h.length);
  c.up.append(rest.substr(0, taken));
  c.body_read = taken;
  c.body_left = h.length - taken;
  c.head.clear();
  c.head.shrink_to_fit();
  if (h.length <= limits_.buffered_body) {
    c.phase = Conn::Phase::Body;
    if (c.body_left == 0) hand_on(c);
    return;
  }
  if (c.limited && streams_[c.peer] >= limits_.streams_per_address) {
    ++counts_.too_many;
    return answer(c, 503, "Service Unavailable");
  }
  if (c.limited) ++streams_[c.peer];
  c.streaming = true;
  c.stream_start = now();
  hand_on(c);
}

void Gate::hand_on(Conn& c) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un to{};
  to.sun_family = AF_UNIX;
  std::strncpy(to.sun_path, backend_.c_str(), sizeof to.sun_path - 1);
  // A connection to the local socket is made at once (the server's accept loop only hands
  // connections to its workers), so the gate does not wait here.
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    if (fd >= 0) ::close(fd);
    return answer(c, 503, "Service Unavailable");
  }
  nonblocking(fd);
  c.backend = fd;
  c.phase = c.body_left > 0 ? Conn::Phase::Stream : Conn::Phase::Reply;
  c.since = now();
  ++counts_.passed;
}

bool Gate::late(Conn& c, steady::time_point t) {
  using Phase = Conn::Phase;
  auto quiet = t - c.since;
  switch (c.phase) {
    case Phase::Head:
    case Phase::Body:
      if (t - c.accepted <= limits_.head) return false;
      ++counts_.too_slow;
      answer(c, 408, "Request Timeout");
      return false;
    case Phase::Stream:
      if (quiet <= limits_.stall &&
          !too_slow(c.body_read, t - c.stream_start, limits_.stall, limits_.min_rate))
        return false;
      ++counts_.too_slow;
      return true;
    case Phase::Reply:
      if (!c.answer_start) {
        if (quiet <= limits_.answer) return false;
      } else if (quiet <= limits_.stall &&
                 !too_slow(c.sent, t - *c.answer_start, limits_.stall, limits_.min_rate)) {
        return false;
      }
      ++counts_.too_slow;
      return true;
    case Phase::Answer:
      return quiet > limits_.stall;
    case Phase::Drain:
      return quiet > kDrain;
  }
  return true;
}

void Gate::release(Conn& c) {
  if (!c.limited) return;
  if (--per_address_[c.peer] <= 0) per_address_.erase(c.peer);
  if (c.streaming && --streams_[c.peer] <= 0) streams_.erase(c.peer);
  c.limited = false;
}

void Gate::close(std::size_t i) {
  Conn& c = *conns_[i];
  if (c.client >= 0) ::close(c.client);
  if (c.backend >= 0) ::close(c.backend);
  release(c);
  conns_[i] = std::move(conns_.back());
  conns_.pop_back();
}

namespace {

/// Reads what the socket has into `into`, at most `room` bytes; false when the other side
/// closed or failed.
bool take(int fd, std::string& into, std::size_t room) {
  char buf[kChunk];
  while (room > 0) {
    ssize_t n = ::recv(fd, buf, std::min(room, sizeof buf), 0);
    if (n > 0) {
      into.append(buf, static_cast<std::size_t>(n));
      room -= static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return true;
    return false;
  }
  return true;
}

/// Writes what it can of `from` (from `at` on, which it moves) and empties it once all is
/// written; false when the other side failed.
bool give(int fd, std::string& from, std::size_t& at, std::size_t& written) {
  while (at < from.size()) {
    ssize_t n = ::send(fd, from.data() + at, from.size() - at, MSG_NOSIGNAL);
    if (n > 0) {
      at += static_cast<std::size_t>(n);
      written += static_cast<std::size_t>(n);
      continue;
    }
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
  }
  from.clear();
  at = 0;
  return true;
}

}  // namespace

/// What to wait for on a connection's two sockets.
void Gate::watch(const Conn& c, std::vector<pollfd>& fds) const {
  using Phase = Conn::Phase;
  bool reading = c.phase == Phase::Head || c.phase == Phase::Body || c.phase == Phase::Drain ||
                 (c.phase == Phase::Stream && c.body_left > 0 && c.up.size() < kBuffered);
  short client = static_cast<short>((reading ? POLLIN : 0) | (c.down.empty() ? 0 : POLLOUT));
  fds.push_back({c.client, client, 0});
  short back = 0;
  if (c.backend >= 0 && !c.up.empty()) back |= POLLOUT;
  if (c.backend >= 0 && !c.backend_done && c.down.size() < kAnswerBuffered) back |= POLLIN;
  fds.push_back({c.backend >= 0 ? c.backend : -1, back, 0});
}

/// Reads what the client sent: the head, a body, or what is thrown away while closing.
void Gate::from_client(Conn& c) {
  using Phase = Conn::Phase;
  std::string got;
  std::size_t room = c.phase == Phase::Head    ? limits_.head_bytes + 4 - c.head.size()
                     : c.phase == Phase::Drain ? kChunk
                                               : std::min(c.body_left, kBuffered);
  bool open = take(c.client, got, room);
  if (c.phase == Phase::Head) {
    c.head += got;
    if (c.head.find("\r\n\r\n") != std::string::npos) {
      on_head(c);
    } else if (c.head.size() > limits_.head_bytes) {
      ++counts_.refused;
      answer(c, 431, "Request Header Fields Too Large");
    }
  } else if (c.phase == Phase::Body || c.phase == Phase::Stream) {
    std::size_t n = std::min(got.size(), c.body_left);
    c.up.append(got, 0, n);
    c.body_left -= n;
    c.body_read += n;
    if (n > 0 && c.phase == Phase::Stream) c.since = now();
    if (c.phase == Phase::Body && c.body_left == 0) hand_on(c);
  }
  if (!open && c.phase != Phase::Answer) c.dead = true;
}

/// Passes the request on to the handlers and takes their answer.
void Gate::with_backend(Conn& c, short events) {
  if (events & POLLOUT) {
    std::size_t written = 0;
    if (!give(c.backend, c.up, c.up_at, written)) {
      c.backend_done = true;
      c.up.clear();
      c.up_at = 0;
      c.body_left = 0;
    }
    if (written > 0) c.since = now();
  }
  if (events & (POLLIN | POLLHUP | POLLERR)) {
    std::size_t had = c.down.size();
    if (!take(c.backend, c.down, kAnswerBuffered - std::min(kAnswerBuffered, had)))
      c.backend_done = true;
    if (c.down.size() > had && !c.answer_start) c.answer_start = now();
    c.since = now();
  }
}

/// Moves a connection on once a step is done: a body sent or cut short, an answer given.
void Gate::settle(Conn& c) {
  using Phase = Conn::Phase;
  if (c.backend_done && c.phase == Phase::Stream) {
    // The handlers answered before the whole body came (a refusal): the rest is not read.
    c.phase = Phase::Reply;
    c.body_left = 0;
    c.up.clear();
    c.up_at = 0;
  }
  if (c.phase == Phase::Stream && c.body_left == 0 && c.up.empty()) {
    c.phase = Phase::Reply;
    c.since = now();
  }
  bool said = (c.phase == Phase::Answer && c.down.empty()) ||
              (c.phase == Phase::Reply && c.backend_done && c.down.empty());
  if (said) {
    ::shutdown(c.client, SHUT_WR);
    if (c.backend >= 0) ::close(c.backend), c.backend = -1;
    c.phase = Phase::Drain;
    c.since = now();
    // Answered: the connection no longer counts against its address (the client may already
    // be on its next request while this one closes; a closing one lasts at most 2 s).
    release(c);
  }
}

void Gate::turn(std::chrono::milliseconds wait) {
  std::vector<pollfd> fds;
  fds.push_back({wake_[0], POLLIN, 0});
  fds.push_back({stopping_ ? -1 : listening_, POLLIN, 0});
  for (const auto& c : conns_) watch(*c, fds);
  ::poll(fds.data(), fds.size(), static_cast<int>(wait.count()));
  if (fds[0].revents & POLLIN) {
    char sink[64];
    while (::read(wake_[0], sink, sizeof sink) > 0) {
    }
    stopping_ = true;
  }
  const std::size_t known = conns_.size();
  for (std::size_t i = 0; i < known; ++i) {
    Conn& c = *conns_[i];
    short client = fds[2 + 2 * i].revents, backend = fds[3 + 2 * i].revents;
    if (client & (POLLIN | POLLHUP | POLLERR)) from_client(c);
    if (c.backend >= 0 && backend != 0) with_backend(c, backend);
    settle(c);
    if (!c.down.empty() && (client & POLLOUT)) {
      std::size_t written = 0;
      if (!give(c.client, c.down, c.down_at, written)) c.dead = true;
      c.sent += written;
      if (written > 0) c.since = now();
      settle(c);
    }
  }
  if (fds[1].revents & POLLIN) accept_all();
  auto t = now();
  for (std::size_t i = conns_.size(); i-- > 0;)
    if (conns_[i]->dead || late(*conns_[i], t)) close(i);
  if (stopping_ && listening_ >= 0) {
    ::close(listening_);
    listening_ = -1;
  }
}

std::optional<std::string> address_text(const std::string& text) {
  char out[INET6_ADDRSTRLEN] = {};
  in6_addr buf{};
  if (::inet_pton(AF_INET, text.c_str(), &buf) == 1)
    return std::string(::inet_ntop(AF_INET, &buf, out, sizeof out));
  if (::inet_pton(AF_INET6, text.c_str(), &buf) == 1)
    return std::string(::inet_ntop(AF_INET6, &buf, out, sizeof out));
  return std::nullopt;
}

int listen_tcp(const std::string& host, int port, int backlog) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
  int fd = -1;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, backlog) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  return fd;
}

}  // namespace sroi::portal
