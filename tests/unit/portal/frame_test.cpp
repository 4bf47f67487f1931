// SPDX-License-Identifier: EUPL-1.2
// The portal's frame in pieces: matching a request's path against the route table, the name
// an activated model gets, and the sign-in throttle.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sroi/portal/portal.hpp"
#include "sroi/portal/routes.hpp"
#include "sroi/portal/sessions.hpp"

namespace sroi::portal {

TEST(RoutePath, DecodesEachSegmentOnItsOwn) {
  // A contract id holding '/' arrives as %2F and is still one segment.
  auto p = match_path("/contracts/{contract}/status.xlsx", "/contracts/ON%2F2027%2F9/status.xlsx");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->at("contract"), "ON/2027/9");
  EXPECT_FALSE(match_path("/contracts/{contract}", "/contracts/ON/2027/9"));
  EXPECT_FALSE(match_path("/contracts/{contract}", "/contracts/"));
  EXPECT_FALSE(match_path("/contracts/{contract}", "/contracts/A%2"));    // broken escape
  EXPECT_FALSE(match_path("/contracts/{contract}", "/contracts/A%00B"));  // a NUL
  EXPECT_FALSE(match_path("/contracts/{contract}/status.xlsx", "/contracts/A/status%2Exlsx2"));
  EXPECT_TRUE(match_path("/", "/"));
  EXPECT_FALSE(match_path("/", "/x"));
}

TEST(RouteTable, EveryRouteHasARuleAndOnePlace) {
  // A route is a method, a path and its rule; no path is listed twice for one method, every
  // write states the largest body it takes, and a route with {contract} checks its owner.
  std::set<std::string> seen;
  for (const auto& r : route_table()) {
    EXPECT_TRUE(seen.insert(r.method + " " + r.path).second) << r.path;
    if (r.method == "POST") {
      EXPECT_GT(r.rule.max_body, 0u) << r.path;
    }
    if (r.path.find("{contract}") != std::string::npos) {
      EXPECT_EQ(r.rule.owner, Owner::Contract) << r.path;
    }
    if (r.rule.access == Access::Form) {
      EXPECT_EQ(r.method, "POST") << r.path;
    }
  }
  EXPECT_GE(seen.size(), 20u);
}

TEST(ModelFileName, OnlyLettersDigitsAndDashes) {
  EXPECT_EQ(model_file_name("utrecht", "V2028.1"), "utrecht-v2028-1.toml");
  // What the loader refuses anyway cannot reach another file either.
  EXPECT_EQ(model_file_name("utrecht", "x/oost-nederland"), "utrecht-x-oost-nederland.toml");
  EXPECT_EQ(model_file_name("utrecht", "..\\oost"), "utrecht----oost.toml");
}

TEST(Throttle, CountsAttemptsAsTheyStartAndForgetsOldKeys) {
  Clock::time_point t{};
  Sessions s(std::chrono::hours(8), [&t] { return t; });
  // Five attempts are let through; the sixth waits until the first is 15 minutes old,
  // whatever its password: 14 minutes on, 61 seconds (60 and the one it is into).
  for (int i = 0; i < 5; ++i) EXPECT_EQ(s.begin_attempt("name:a", 5), 0);
  t += std::chrono::minutes(14);
  EXPECT_EQ(s.begin_attempt("name:a", 5), 61);
  t += std::chrono::minutes(1);
  EXPECT_EQ(s.begin_attempt("name:a", 5), 0);  // the first five are 15 minutes old
  for (int i = 0; i < 4; ++i) EXPECT_EQ(s.begin_attempt("name:a", 5), 0);
  EXPECT_GT(s.begin_attempt("name:a", 5), 0);
  // Undoing one (a sign-in that succeeded) lets one more in.
  s.undo("name:a");
  EXPECT_EQ(s.begin_attempt("name:a", 5), 0);
  s.succeeded("name:a");
  EXPECT_EQ(s.begin_attempt("name:a", 5), 0);
  // However many names are tried, the throttle keeps at most kMaxKeys of them.
  for (std::size_t i = 0; i < Sessions::kMaxKeys + 50; ++i)
    s.begin_attempt("name:" + std::to_string(i), 5);
  EXPECT_LE(s.throttle_size(), Sessions::kMaxKeys);
}

TEST(Throttle, AnAddressCountsFailuresOnly) {
  // An office behind one address: fifty people signing in at once are not attempts against
  // it; twenty failures are, and then the address waits 15 minutes from the first of them.
  Clock::time_point t{};
  Sessions s(std::chrono::hours(8), [&t] { return t; });
  for (int i = 0; i < 50; ++i) EXPECT_EQ(s.wait_for("addr:10.0.0.1", 20), 0);
  for (int i = 0; i < 19; ++i) s.failed("addr:10.0.0.1");
  EXPECT_EQ(s.wait_for("addr:10.0.0.1", 20), 0);
  t += std::chrono::minutes(5);
  s.failed("addr:10.0.0.1");
  EXPECT_EQ(s.wait_for("addr:10.0.0.1", 20), 10 * 60 + 1);
  EXPECT_EQ(s.wait_for("addr:10.0.0.2", 20), 0);  // another office is not touched
  t += std::chrono::minutes(10);
  EXPECT_EQ(s.wait_for("addr:10.0.0.1", 20), 0);  // the first 19 are 15 minutes old
}

TEST(Sessions, ExpireByTheInjectedClock) {
  Clock::time_point t{};
  Sessions s(std::chrono::seconds(60), [&t] { return t; });
  std::string token = s.open({"lev", store::Role::Supplier, "BV", ""}, "m");
  t += std::chrono::seconds(59);
  EXPECT_TRUE(s.find(token));
  t += std::chrono::seconds(1);
  EXPECT_FALSE(s.find(token));
}

TEST(Sessions, KeepTheAccountsMarkAndEndOnClose) {
  Sessions s;
  std::string token = s.open({"lev", store::Role::Supplier, "BV", ""}, "mark-1");
  auto found = s.find(token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->who.name, "lev");
  EXPECT_EQ(found->mark, "mark-1");
  EXPECT_EQ(found->who.csrf.size(), 64u);
  s.close(token);
  EXPECT_FALSE(s.find(token));
}

}  // namespace sroi::portal
