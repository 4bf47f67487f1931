// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portal/sessions.hpp"

#include <algorithm>

#include "sroi/accounts/secrets.hpp"

namespace sroi::portal {
namespace {

constexpr auto kWindow = std::chrono::minutes(15);

}  // namespace

std::string Sessions::open(Identity who, std::string mark) {
  std::string token = accounts::random_hex(32);
  who.csrf = accounts::random_hex(32);
  std::lock_guard<std::mutex> lock(mu_);
  by_hash_[accounts::token_sha256(token)] = {std::move(who), std::move(mark), now_() + lifetime_};
  return token;
}

std::optional<Sessions::Found> Sessions::find(const std::string& token) {
  if (token.empty()) return std::nullopt;
  std::string key = accounts::token_sha256(token);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_hash_.find(key);
  if (it == by_hash_.end()) return std::nullopt;
  if (it->second.expires <= now_()) {
    by_hash_.erase(it);
    return std::nullopt;
  }
  return Found{it->second.who, it->second.mark};
}

void Sessions::close(const std::string& token) {
  std::lock_guard<std::mutex> lock(mu_);
  by_hash_.erase(accounts::token_sha256(token));
}

void Sessions::prune_throttle(Clock::time_point now) {
  for (auto it = attempts_.begin(); it != attempts_.end();)
    it = it->second.empty() || now - it->second.back() >= kWindow ? attempts_.erase(it)
                                                                  : std::next(it);
  while (attempts_.size() >= kMaxKeys) {  // room for the key about to come
    auto oldest = attempts_.begin();
    for (auto it = attempts_.begin(); it != attempts_.end(); ++it)
      if (it->second.back() < oldest->second.back()) oldest = it;
    attempts_.erase(oldest);
  }
}

int Sessions::waiting(std::vector<Clock::time_point>& times, Clock::time_point now, int most) {
  times.erase(std::remove_if(times.begin(), times.end(),
                             [&](Clock::time_point t) { return now - t >= kWindow; }),
              times.end());
  if (static_cast<int>(times.size()) < most) return 0;
  auto until = times.front() + kWindow;
  return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(until - now).count()) +
         1;
}

int Sessions::begin_attempt(const std::string& key, int most) {
  std::lock_guard<std::mutex> lock(mu_);
  auto now = now_();
  if (attempts_.size() >= kMaxKeys && !attempts_.count(key)) prune_throttle(now);
  auto& times = attempts_[key];
  int wait = waiting(times, now, most);
  if (wait == 0) times.push_back(now);
  return wait;
}

int Sessions::wait_for(const std::string& key, int most) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = attempts_.find(key);
  return it == attempts_.end() ? 0 : waiting(it->second, now_(), most);
}

void Sessions::failed(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto now = now_();
  if (attempts_.size() >= kMaxKeys && !attempts_.count(key)) prune_throttle(now);
  attempts_[key].push_back(now);
}

void Sessions::succeeded(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  attempts_.erase(key);
}

void Sessions::undo(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = attempts_.find(key);
  if (it != attempts_.end() && !it->second.empty()) it->second.pop_back();
}

std::size_t Sessions::throttle_size() {
  std::lock_guard<std::mutex> lock(mu_);
  return attempts_.size();
}

}  // namespace sroi::portal
