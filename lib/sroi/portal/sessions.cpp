// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portal/sessions.hpp"

#include <algorithm>

#include "sroi/accounts/secrets.hpp"

namespace sroi::portal {
namespace {

constexpr auto kWindow = std::chrono::minutes(15);

}  // namespace

std::string Sessions::open(Identity who) {
  std::string token = accounts::random_hex(32);
  who.csrf = accounts::random_hex(32);
  std::lock_guard<std::mutex> lock(mu_);
  by_hash_[accounts::token_sha256(token)] = {std::move(who), Clock::now() + lifetime_};
  return token;
}

std::optional<Identity> Sessions::find(const std::string& token) {
  if (token.empty()) return std::nullopt;
  std::string key = accounts::token_sha256(token);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_hash_.find(key);
  if (it == by_hash_.end()) return std::nullopt;
  if (it->second.expires <= Clock::now()) {
    by_hash_.erase(it);
    return std::nullopt;
  }
  return it->second.who;
}

void Sessions::close(const std::string& token) {
  std::lock_guard<std::mutex> lock(mu_);
  by_hash_.erase(accounts::token_sha256(token));
}

int Sessions::wait_seconds(const std::string& key, int most) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& times = failures_[key];
  auto now = Clock::now();
  times.erase(std::remove_if(times.begin(), times.end(),
                             [&](Clock::time_point t) { return now - t >= kWindow; }),
              times.end());
  if (static_cast<int>(times.size()) < most) return 0;
  auto until = times.front() + kWindow;
  return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(until - now).count()) +
         1;
}

void Sessions::failed(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  failures_[key].push_back(Clock::now());
}

void Sessions::succeeded(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  failures_.erase(key);
}

}  // namespace sroi::portal
