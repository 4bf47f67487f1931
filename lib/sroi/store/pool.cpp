// SPDX-License-Identifier: EUPL-1.2
#include "sroi/store/pool.hpp"

#include <exception>
#include <utility>

namespace sroi::store {

RegisterPool::RegisterPool(std::string path, std::size_t keep)
    : path_(std::move(path)), keep_(keep) {}

RegisterPool::Lease::Lease(RegisterPool* pool, std::unique_ptr<Register> reg)
    : pool_(pool), reg_(std::move(reg)), exceptions_(std::uncaught_exceptions()) {}

RegisterPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), reg_(std::move(other.reg_)), exceptions_(other.exceptions_) {}

RegisterPool::Lease::~Lease() {
  // Ended by an exception: the register may be half-way through a read; it is closed.
  if (reg_ && std::uncaught_exceptions() == exceptions_) pool_->give_back(std::move(reg_));
}

RegisterPool::Lease RegisterPool::read() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      auto reg = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(reg));
    }
  }
  // Opened outside the lock: a slow connection does not hold up the idle ones.
  return Lease(this, std::make_unique<Register>(path_, Register::Access::ReadOnly, "portal"));
}

std::size_t RegisterPool::idle() const {
  std::lock_guard<std::mutex> lock(mu_);
  return idle_.size();
}

void RegisterPool::give_back(std::unique_ptr<Register> reg) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (idle_.size() < keep_) {
      idle_.push_back(std::move(reg));
      return;
    }
  }
  reg.reset();  // a full pool: closed outside the lock
}

}  // namespace sroi::store
