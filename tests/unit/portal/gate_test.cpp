// SPDX-License-Identifier: EUPL-1.2
// The portal's gate (gate.hpp) on real sockets with a clock of the test's own: a request is
// handed on with the caller's address and `Connection: close`; a head or body that comes too
// slowly is cut off when the clock says so (not when the machine is slow); one address cannot
// hold more than its connections; what cannot be read safely is refused before a worker sees it.
#include "sroi/portal/gate.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace sroi::portal {
namespace {

using namespace std::chrono_literals;

/// A gate between a TCP port on 127.0.0.1 and a Unix socket the test answers on, both driven
/// by the test's thread, with a clock that moves only when the test says.
class GateTest : public ::testing::Test {
 protected:
  void start(GateLimits limits = {}) {
    char dir[] = "/tmp/sroi-gate-test-XXXXXX";
    ASSERT_NE(::mkdtemp(dir), nullptr);
    dir_ = dir;
    std::string path = dir_ + "/b.sock";
    backend_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
    ASSERT_EQ(::bind(backend_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ASSERT_EQ(::listen(backend_, 16), 0);
    int tcp = listen_tcp("127.0.0.1", 0, 64);
    ASSERT_GE(tcp, 0);
    sockaddr_in bound{};
    socklen_t size = sizeof bound;
    ::getsockname(tcp, reinterpret_cast<sockaddr*>(&bound), &size);
    port_ = ntohs(bound.sin_port);
    gate_ = std::make_unique<Gate>(tcp, path, limits, [this] { return now_; });
  }
  void TearDown() override {
    gate_.reset();
    for (int fd : fds_) ::close(fd);
    if (backend_ >= 0) ::close(backend_);
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  int client(const std::string& send = "") {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port_));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    fds_.push_back(fd);
    if (!send.empty()) put(fd, send);
    return fd;
  }
  void put(int fd, const std::string& bytes) {
    EXPECT_EQ(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
  }
  /// Turns the gate until `done` holds (at most a few thousand rounds: a condition, not a time).
  bool until(const std::function<bool()>& done) {
    for (int i = 0; i < 3000; ++i) {
      if (done()) return true;
      gate_->turn(2ms);
    }
    return done();
  }
  /// What `fd` has to read now, and whether it reached its end.
  static bool drain(int fd, std::string& into) {
    char buf[4096];
    while (true) {
      ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
      if (n > 0) {
        into.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      return n == 0;
    }
  }
  /// Everything the client gets until the gate closes its side.
  std::string answer_of(int fd) {
    std::string got;
    EXPECT_TRUE(until([&] { return drain(fd, got); })) << got;
    return got;
  }
  /// The next connection the gate makes to the handlers (-1 when there is none).
  int handed_on() {
    int fd = -1;
    until([&] { return (fd = ::accept(backend_, nullptr, nullptr)) >= 0; });
    if (fd >= 0) fds_.push_back(fd);
    return fd;
  }
  /// What the handlers receive on `fd` up to the end of the head (and `body` bytes more).
  std::string request_at(int fd, std::size_t body = 0) {
    std::string got;
    until([&] {
      drain(fd, got);
      auto end = got.find("\r\n\r\n");
      return end != std::string::npos && got.size() >= end + 4 + body;
    });
    return got;
  }

  std::string dir_;
  int backend_ = -1, port_ = 0;
  std::vector<int> fds_;
  std::chrono::steady_clock::time_point now_{};
  std::unique_ptr<Gate> gate_;
};

TEST_F(GateTest, HandsOnWithTheCallersAddressAndOneRequestPerConnection) {
  start();
  int c = client(
      "POST /login HTTP/1.1\r\nHost: x\r\nX-Sroi-Peer: 6.6.6.6\r\nConnection: keep-alive\r\n"
      "Content-Length: 5\r\n\r\nab");
  put(c, "cde");
  int b = handed_on();
  ASSERT_GE(b, 0);
  std::string req = request_at(b, 5);
  // The client's own X-Sroi-Peer and keep-alive are gone; the gate says who called.
  EXPECT_EQ(req,
            "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n"
            "X-Sroi-Peer: 127.0.0.1\r\n\r\nabcde");
  put(b, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  ::shutdown(b, SHUT_WR);
  EXPECT_EQ(answer_of(c), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  EXPECT_EQ(gate_->counts().passed, 1);
}

TEST_F(GateTest, AHeadSentByteByByteIsCutOffWhenItsTimeIsUp) {
  GateLimits l;
  l.head = 10s;
  start(l);
  int c = client("GET / HT");
  until([&] { return gate_->open_connections() == 1; });
  // 9,9 s after it was accepted the head may still come; no worker has been asked.
  now_ += 9900ms;
  put(c, "T");
  for (int i = 0; i < 20; ++i) gate_->turn(1ms);
  EXPECT_EQ(gate_->open_connections(), 1u);
  // At 10,1 s it is answered 408 and closed, without ever reaching the handlers.
  now_ += 200ms;
  std::string got = answer_of(c);
  EXPECT_EQ(got.rfind("HTTP/1.1 408 Request Timeout\r\n", 0), 0u) << got;
  EXPECT_NE(got.find("niet op tijd"), std::string::npos);
  EXPECT_LT(::accept(backend_, nullptr, nullptr), 0);
  EXPECT_EQ(gate_->counts().too_slow, 1);
  EXPECT_EQ(gate_->counts().passed, 0);
}

TEST_F(GateTest, OneAddressHoldsAtMostItsConnections) {
  GateLimits l;
  l.per_address = 2;
  start(l);
  client("GET / HTTP/1.1\r\n");
  client("GET / HTTP/1.1\r\n");
  until([&] { return gate_->open_connections() == 2; });
  int third = client();
  std::string got = answer_of(third);
  EXPECT_EQ(got.rfind("HTTP/1.1 503 Service Unavailable\r\n", 0), 0u) << got;
  EXPECT_NE(got.find("Retry-After: 5\r\n"), std::string::npos);
  EXPECT_EQ(gate_->open_connections(), 2u);
  EXPECT_EQ(gate_->counts().too_many, 1);
}

TEST_F(GateTest, AnAnsweredConnectionNoLongerCounts) {
  // A client that has its answer may take a moment to close; it is already on its next
  // request, and that one must not be refused for the one still closing.
  GateLimits l;
  l.per_address = 2;
  start(l);
  for (int round = 0; round < 3; ++round) {
    int c = client("GET / HTTP/1.1\r\n\r\n");
    int b = handed_on();
    ASSERT_GE(b, 0) << round;
    request_at(b);
    put(b, "HTTP/1.1 204 No Content\r\n\r\n");
    ::shutdown(b, SHUT_WR);
    std::string got;
    EXPECT_TRUE(until([&] { return drain(c, got); }));  // answered; the client keeps it open
    EXPECT_EQ(got.rfind("HTTP/1.1 204", 0), 0u);
  }
  EXPECT_EQ(gate_->counts().too_many, 0);
  EXPECT_EQ(gate_->counts().passed, 3);
}

TEST_F(GateTest, ALargeBodyThatTricklesIsCutOff) {
  // Bodies over 10 bytes are streamed: the handlers see the head at once (to refuse early),
  // and the body must keep coming: 1.000 bytes a second on average after the first 10 s.
  GateLimits l;
  l.buffered_body = 10;
  l.stall = 10s;
  l.min_rate = 1000;
  start(l);
  int c = client("POST /api/v1/offers HTTP/1.1\r\nContent-Length: 100000\r\n\r\n");
  int b = handed_on();
  ASSERT_GE(b, 0);
  request_at(b);
  // Every second a byte: never a pause over 10 s, but at 11 s it has sent 11 bytes where
  // (11 − 10) × 1.000 = 1.000 were due: both sides are closed then, not before.
  int cut_at = 0;
  for (int s = 1; s <= 15 && cut_at == 0; ++s) {
    ::send(c, "x", 1, MSG_NOSIGNAL);
    now_ += 1s;
    for (int i = 0; i < 5; ++i) gate_->turn(1ms);
    if (gate_->open_connections() == 0) cut_at = s;
  }
  EXPECT_EQ(cut_at, 11);
  std::string rest;
  EXPECT_TRUE(until([&] { return drain(b, rest); }));
  EXPECT_EQ(gate_->counts().too_slow, 1);
}

TEST_F(GateTest, AnAnswerTheClientDoesNotTakeIsLetGo) {
  // After a first 10 s the client takes its answer at 1 MB a second on average or is let go:
  // 4 MB are written, so after 21 s (11 MB due) it is gone whatever the kernel buffered.
  GateLimits l;
  l.stall = 10s;
  l.min_rate = 1000 * 1000;
  start(l);
  int c = client("GET /big HTTP/1.1\r\n\r\n");
  int small = 1;
  ::setsockopt(c, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  int b = handed_on();
  ASSERT_GE(b, 0);
  request_at(b);
  // The handlers write 4 MB; the client reads none of it.
  std::string big =
      "HTTP/1.1 200 OK\r\nContent-Length: 4000000\r\n\r\n" + std::string(4000000, 'x');
  std::size_t sent = 0;
  until([&] {
    ssize_t n = ::send(b, big.data() + sent, big.size() - sent, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n > 0) sent += static_cast<std::size_t>(n);
    return n < 0 || sent == big.size();  // all written, or the gate stopped taking
  });
  EXPECT_EQ(gate_->open_connections(), 1u);
  now_ += 9s;
  for (int i = 0; i < 20; ++i) gate_->turn(1ms);
  EXPECT_EQ(gate_->open_connections(), 1u);
  now_ += 12s;
  until([&] { return gate_->open_connections() == 0; });
  EXPECT_EQ(gate_->open_connections(), 0u);
  EXPECT_EQ(gate_->counts().too_slow, 1);
}

TEST_F(GateTest, WhatCannotBeReadSafelyIsRefusedBeforeAWorkerSeesIt) {
  GateLimits l;
  l.largest_body = 100;
  start(l);
  struct Case {
    std::string request, status;
  };
  for (const Case& k : {
           Case{"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "411"},
           Case{"POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n", "413"},
           Case{"POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", "400"},
           Case{"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "400"},
           Case{"GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n", "400"},
           Case{"GET / HTTP/1.1\r\nno colon\r\n\r\n", "400"},
           Case{"GET /\r\n\r\n", "400"},
           Case{"GET / HTTP/1.1\r\nA: " + std::string(40000, 'a'), "431"},
       }) {
    int c = client(k.request);
    std::string got = answer_of(c);
    EXPECT_EQ(got.substr(0, 12), "HTTP/1.1 " + k.status) << k.request.substr(0, 60);
  }
  EXPECT_LT(::accept(backend_, nullptr, nullptr), 0);
  EXPECT_EQ(gate_->counts().refused, 8);
}

TEST_F(GateTest, BehindATrustedProxyTheForwardedAddressCounts) {
  GateLimits l;
  l.per_address = 1;
  l.trusted_proxies = {"127.0.0.1"};
  start(l);
  // The proxy is not limited to one connection, and the last address it adds is the caller.
  int c1 = client("GET / HTTP/1.1\r\nX-Forwarded-For: 1.2.3.4, 5.6.7.8\r\n\r\n");
  int c2 = client("GET / HTTP/1.1\r\nX-Forwarded-For: not-an-address\r\n\r\n");
  int b1 = handed_on(), b2 = handed_on();
  ASSERT_GE(b1, 0);
  ASSERT_GE(b2, 0);
  std::string r1 = request_at(b1), r2 = request_at(b2);
  std::string both = r1 + r2;
  EXPECT_NE(both.find("X-Sroi-Peer: 5.6.7.8\r\n"), std::string::npos) << both;
  // A forwarded value that is no address is not believed.
  EXPECT_NE(both.find("X-Sroi-Peer: 127.0.0.1\r\n"), std::string::npos) << both;
  (void)c1;
  (void)c2;
}

TEST_F(GateTest, AnEarlyRefusalReachesTheClientWithoutTheRestOfTheBody) {
  GateLimits l;
  l.buffered_body = 10;
  start(l);
  int c = client("POST /api/v1/offers HTTP/1.1\r\nContent-Length: 60000000\r\n\r\nxxxx");
  int b = handed_on();
  ASSERT_GE(b, 0);
  request_at(b);
  put(b, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
  ::close(b);
  fds_.erase(std::find(fds_.begin(), fds_.end(), b));
  std::string got = answer_of(c);
  EXPECT_EQ(got, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
}

}  // namespace
}  // namespace sroi::portal
