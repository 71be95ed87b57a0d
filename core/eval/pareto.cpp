#include "eval/pareto.h"

#include <algorithm>
#include <numeric>

namespace pwb::eval {

std::vector<std::size_t> paretoFront(const std::vector<ParetoCandidate>& candidates) {
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = candidates[a];
    const auto& y = candidates[b];
    if (x.trainable_parameters != y.trainable_parameters) return x.trainable_parameters < y.trainable_parameters;
    return x.accuracy > y.accuracy;
  });
  // Sweeping by cost, a candidate is on the front when it beats the best accuracy of every
  // cheaper one, or ties the front's last member exactly (a duplicate).
  std::vector<std::size_t> front;
  for (const auto index : order) {
    const auto& candidate = candidates[index];
    if (front.empty()) {
      front.push_back(index);
      continue;
    }
    const auto& last = candidates[front.back()];
    const bool better = candidate.accuracy > last.accuracy;
    const bool duplicate = candidate.accuracy == last.accuracy &&
                           candidate.trainable_parameters == last.trainable_parameters;
    if (better || duplicate) front.push_back(index);
  }
  return front;
}

}  // namespace pwb::eval
