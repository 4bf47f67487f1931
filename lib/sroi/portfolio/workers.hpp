// SPDX-License-Identifier: EUPL-1.2
// Reading on one thread while workers use what was read: what status and kpi do with a
// register's lines.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace sroi::portfolio {

/// How many workers value or count beside the reader: one per core, at most four.
inline std::size_t worker_count() {
  return std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
}

/// Reads batches of items on this thread (`feed` streams them) and hands them to `workers`
/// threads running `work(batch, worker)`; rethrows the first error. A batch is cut once it holds
/// `size` items, where `cut(last, next)` allows it (status keeps a candidate's lines together).
/// A batch done with comes back to be filled again: its room is allocated once, not once per
/// batch (a fresh page costs more than reading an item into it).
template <typename Item>
void in_workers(std::size_t workers, std::size_t size,
                const std::function<void(const std::function<void(Item&&)>&)>& feed,
                const std::function<bool(const Item&, const Item&)>& cut,
                const std::function<void(const std::vector<Item>&, std::size_t)>& work) {
  using Batch = std::vector<Item>;
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Batch> queue;
  std::vector<Batch> spare;  // emptied, their room kept
  bool reading = true;
  bool failed = false;  // a worker stopped with an error: nothing more is handed over
  std::vector<std::exception_ptr> errors(workers);
  std::vector<std::thread> threads;
  for (std::size_t p = 0; p < workers; ++p)
    threads.emplace_back([&, p] {
      try {
        for (;;) {
          Batch batch;
          {
            std::unique_lock<std::mutex> lock(mu);
            cv.wait(lock, [&] { return !queue.empty() || !reading; });
            if (queue.empty()) return;
            batch = std::move(queue.front());
            queue.pop_front();
          }
          cv.notify_all();
          work(batch, p);
          batch.clear();
          std::lock_guard<std::mutex> lock(mu);
          spare.push_back(std::move(batch));
        }
      } catch (...) {
        errors[p] = std::current_exception();
        {
          std::lock_guard<std::mutex> lock(mu);
          failed = true;
          queue.clear();
        }
        cv.notify_all();
      }
    });
  // Stops the reading once a worker failed: its error is what the caller gets.
  struct Stopped {};
  auto hand_over = [&](Batch&& batch) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return queue.size() < 2 * workers || failed; });
    if (failed) throw Stopped{};
    queue.push_back(std::move(batch));
    cv.notify_all();
  };
  std::exception_ptr read_error;
  try {
    // A batch has room for its items from the start: growing it would move every one.
    auto fresh = [&] {
      Batch b;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (!spare.empty()) {
          b = std::move(spare.back());
          spare.pop_back();
        }
      }
      b.reserve(size + 64);
      return b;
    };
    Batch batch = fresh();
    feed([&](Item&& item) {
      if (batch.size() >= size && cut(batch.back(), item)) hand_over(std::exchange(batch, fresh()));
      batch.push_back(std::move(item));
    });
    if (!batch.empty()) hand_over(std::move(batch));
  } catch (const Stopped&) {
  } catch (...) {
    read_error = std::current_exception();
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    reading = false;
  }
  cv.notify_all();
  for (auto& t : threads) t.join();
  if (read_error) std::rethrow_exception(read_error);
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace sroi::portfolio
