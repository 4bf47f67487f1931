// SPDX-License-Identifier: EUPL-1.2
// Taking items sorted by a key a key at a time: the one way lines sorted by candidate are
// valued one candidate at a time (only a candidate's own lines interact, REFERENCE.md §6).
#pragma once

namespace sroi {

/// Calls fn(begin, end) for each run of neighbouring items with an equal key(item), in order.
template <typename It, typename Key, typename Fn>
void for_each_run(It begin, It end, Key key, Fn fn) {
  while (begin != end) {
    It next = begin;
    const auto& k = key(*begin);
    while (next != end && key(*next) == k) ++next;
    fn(begin, next);
    begin = next;
  }
}

}  // namespace sroi
