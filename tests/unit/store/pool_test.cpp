// SPDX-License-Identifier: EUPL-1.2
// The portal's pool of read-only registers: a register comes back for the next request, sees
// what other connections commit after it was opened, and one lent out when an exception ended
// its use is closed instead of kept. Runs on both stores (pg.RegisterPool.*).
#include "sroi/store/pool.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "scratch.hpp"
#include "test_support.hpp"

namespace sroi::store {
TEST(RegisterPool, ARegisterComesBackAndSeesLaterCommits) {
  test::ScratchRegister s("pool-reuse");
  RegisterPool pool(s.location, 2);
  const Register* first = nullptr;
  {
    auto lease = pool.read();
    first = &*lease;
    EXPECT_EQ(lease->counts().contracts, 0);
  }
  EXPECT_EQ(pool.idle(), 1u);
  // Written through another connection after the pooled one was opened.
  s.reg->add_contract(test::contract_offer("C-1"), "c1.toml", "h1");
  auto again = pool.read();
  EXPECT_EQ(&*again, first);  // the same register, not a new connection
  EXPECT_EQ(again->counts().contracts, 1);
  EXPECT_EQ(pool.idle(), 0u);
}

TEST(RegisterPool, BorrowedAtOnceGetTheirOwnAndAFullPoolClosesTheRest) {
  test::ScratchRegister s("pool-many");
  RegisterPool pool(s.location, 2);
  {
    auto a = pool.read();
    auto b = pool.read();
    auto c = pool.read();
    EXPECT_NE(&*a, &*b);
    EXPECT_NE(&*b, &*c);
    EXPECT_EQ(pool.idle(), 0u);
  }
  EXPECT_EQ(pool.idle(), 2u);  // kept two; the third was closed
}

TEST(RegisterPool, ALeaseEndedByAnExceptionIsNotKept) {
  test::ScratchRegister s("pool-throw");
  RegisterPool pool(s.location, 2);
  { auto kept = pool.read(); }
  ASSERT_EQ(pool.idle(), 1u);
  EXPECT_THROW(
      {
        auto lease = pool.read();
        EXPECT_EQ(pool.idle(), 0u);
        throw std::runtime_error("cut off half-way through a read");
      },
      std::runtime_error);
  EXPECT_EQ(pool.idle(), 0u);
  // A lease that merely lives while an exception is being handled elsewhere is kept.
  try {
    throw std::runtime_error("handled");
  } catch (const std::exception&) {
    { auto lease = pool.read(); }
  }
  EXPECT_EQ(pool.idle(), 1u);
}

}  // namespace sroi::store
