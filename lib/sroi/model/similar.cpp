// SPDX-License-Identifier: EUPL-1.2
#include "sroi/model/similar.hpp"

#include <algorithm>

namespace sroi {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string> closest(std::string_view id, const std::vector<std::string>& candidates,
                                 std::size_t max_distance, std::size_t limit) {
  std::vector<std::pair<std::size_t, std::string>> near;
  std::string folded = lower_ascii(id);
  for (const auto& c : candidates)
    if (std::size_t d = edit_distance(folded, c); d <= max_distance) near.push_back({d, c});
  std::stable_sort(near.begin(), near.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < near.size() && i < limit; ++i) out.push_back(near[i].second);
  return out;
}

}  // namespace sroi
