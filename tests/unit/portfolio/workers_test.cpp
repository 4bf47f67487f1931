// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portfolio/workers.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

namespace sroi::portfolio {

TEST(Workers, EveryItemIsWorkedOnceInBatchesCutWhereAllowed) {
  // 10,000 numbers in batches of at least 64, cut only after an even number.
  std::atomic<long> sum{0}, batches{0};
  std::atomic<bool> cut_badly{false};
  in_workers<int>(
      3, 64,
      [](const std::function<void(int&&)>& take) {
        for (int i = 1; i <= 10'000; ++i) take(int{i});
      },
      [](const int& last, const int&) { return last % 2 == 0; },
      [&](const std::vector<int>& batch, std::size_t worker) {
        EXPECT_LT(worker, 3u);
        if (batch.back() != 10'000 && (batch.size() < 64 || batch.back() % 2 != 0))
          cut_badly = true;
        for (int i : batch) sum += i;
        ++batches;
      });
  EXPECT_EQ(sum.load(), 10'000L * 10'001 / 2);
  EXPECT_FALSE(cut_badly.load());
  EXPECT_GT(batches.load(), 100);
}

TEST(Workers, AWorkerThatFailsStopsTheReadingAndItsErrorComesOut) {
  // Every worker fails on its first batch: the reading stops (it used to wait for room in the
  // queue for ever) and the caller gets the error, not a hang.
  std::atomic<int> read{0};
  EXPECT_THROW(
      in_workers<int>(
          2, 1,
          [&](const std::function<void(int&&)>& take) {
            for (int i = 0; i < 100'000; ++i) {
              ++read;
              take(int{i});
            }
          },
          [](const int&, const int&) { return true; },
          [](const std::vector<int>&, std::size_t) -> void { throw std::runtime_error("cannot"); }),
      std::runtime_error);
  EXPECT_LT(read.load(), 100'000) << "the reading went on after the workers failed";
}

}  // namespace sroi::portfolio
