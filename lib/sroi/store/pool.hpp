// SPDX-License-Identifier: EUPL-1.2
// Read-only registers kept open between requests: a portal request borrows one instead of
// connecting anew (on PostgreSQL a new connection is a server process and four round trips
// before the first read; on SQLite a file opened and its pages read again).
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sroi/store/register.hpp"

namespace sroi::store {

class RegisterPool {
 public:
  /// Keeps up to `keep` idle registers at `path`; more are opened when more are borrowed at
  /// once, and closed again when they come back to a full pool.
  explicit RegisterPool(std::string path, std::size_t keep = 8);

  /// A read-only register for one thread, returned to the pool when the Lease ends. A lease
  /// that ends by an exception closes its register instead (a broken connection, a read cut
  /// off half-way): the next borrower gets a sound one.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    Register& operator*() const { return *reg_; }
    Register* operator->() const { return reg_.get(); }

   private:
    friend class RegisterPool;
    Lease(RegisterPool* pool, std::unique_ptr<Register> reg);
    RegisterPool* pool_;
    std::unique_ptr<Register> reg_;
    int exceptions_;  // uncaught exceptions when the lease began
  };

  /// Borrows an idle register or opens one (throws StoreError as Register's constructor does).
  Lease read();
  /// Idle registers now (for tests).
  std::size_t idle() const;

 private:
  void give_back(std::unique_ptr<Register> reg);

  std::string path_;
  std::size_t keep_;
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<Register>> idle_;
};

}  // namespace sroi::store
