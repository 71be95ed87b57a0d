#include "data/apportion.h"

#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace pwb::data {
namespace {

std::uint64_t total(const std::vector<std::size_t>& sizes) {
  const std::uint64_t sum = std::accumulate(sizes.begin(), sizes.end(), std::uint64_t{0});
  // Products of two sizes must fit in 64 bits.
  if (sum > std::numeric_limits<std::uint32_t>::max()) throw std::invalid_argument("too many examples");
  return sum;
}

// Which cells of the table get one more than their rounded-down share.
class RoundUpFlow {
 public:
  RoundUpFlow(std::vector<std::vector<bool>> fractional, std::vector<std::size_t> room)
      : fractional_(std::move(fractional)),
        room_(std::move(room)),
        up_(fractional_.size(), std::vector<bool>(room_.size(), false)) {}

  // Rounds one more cell of row c up, re-routing earlier choices when needed.
  bool addUnit(std::size_t c) {
    std::vector<bool> visited(room_.size(), false);
    return augment(c, visited);
  }

  bool up(std::size_t c, std::size_t s) const { return up_[c][s]; }

 private:
  bool augment(std::size_t c, std::vector<bool>& visited) {
    for (std::size_t s = 0; s < room_.size(); ++s) {
      if (!fractional_[c][s] || up_[c][s] || visited[s]) continue;
      visited[s] = true;
      if (room_[s] > 0) {
        --room_[s];
        up_[c][s] = true;
        return true;
      }
      // Column s is full: move another row's unit out of s to make space.
      for (std::size_t other = 0; other < up_.size(); ++other) {
        if (up_[other][s] && augment(other, visited)) {
          up_[other][s] = false;
          up_[c][s] = true;
          return true;
        }
      }
    }
    return false;
  }

  std::vector<std::vector<bool>> fractional_;
  std::vector<std::size_t> room_;
  std::vector<std::vector<bool>> up_;
};

}  // namespace

std::vector<std::vector<std::size_t>> apportion(const std::vector<std::size_t>& class_sizes,
                                                const std::vector<std::size_t>& part_sizes) {
  const std::uint64_t n = total(class_sizes);
  if (total(part_sizes) != n) throw std::invalid_argument("apportion: class and part sizes have different totals");
  std::vector<std::vector<std::size_t>> counts(class_sizes.size(), std::vector<std::size_t>(part_sizes.size(), 0));
  if (n == 0) return counts;

  std::vector<std::vector<bool>> fractional(class_sizes.size(), std::vector<bool>(part_sizes.size(), false));
  std::vector<std::size_t> row_missing(class_sizes);
  std::vector<std::size_t> column_room(part_sizes);
  for (std::size_t c = 0; c < class_sizes.size(); ++c) {
    for (std::size_t s = 0; s < part_sizes.size(); ++s) {
      const std::uint64_t product = std::uint64_t{class_sizes[c]} * part_sizes[s];
      counts[c][s] = static_cast<std::size_t>(product / n);
      fractional[c][s] = product % n != 0;
      row_missing[c] -= counts[c][s];
      column_room[s] -= counts[c][s];
    }
  }
  RoundUpFlow flow(std::move(fractional), std::move(column_room));
  for (std::size_t c = 0; c < class_sizes.size(); ++c) {
    for (std::size_t unit = 0; unit < row_missing[c]; ++unit) {
      if (!flow.addUnit(c)) throw std::logic_error("apportion: no rounding found");
    }
  }
  for (std::size_t c = 0; c < class_sizes.size(); ++c) {
    for (std::size_t s = 0; s < part_sizes.size(); ++s) counts[c][s] += flow.up(c, s) ? 1 : 0;
  }
  return counts;
}

std::vector<std::size_t> proportionalSequence(const std::vector<std::size_t>& class_sizes) {
  const std::uint64_t n = total(class_sizes);
  std::vector<std::size_t> taken(class_sizes.size(), 0);
  std::vector<std::size_t> sequence;
  sequence.reserve(static_cast<std::size_t>(n));
  for (std::uint64_t position = 1; position <= n; ++position) {
    std::size_t best = class_sizes.size();
    std::uint64_t best_deadline = 0;
    for (std::size_t c = 0; c < class_sizes.size(); ++c) {
      const std::uint64_t size = class_sizes[c];
      const std::uint64_t k = taken[c] + 1;  // the item this class would place next
      if (k > size || (k - 1) * n / size + 1 > position) continue;  // none left, or not released
      const std::uint64_t deadline = (k * n + size - 1) / size;
      if (best == class_sizes.size() || deadline < best_deadline) {
        best = c;
        best_deadline = deadline;
      }
    }
    if (best == class_sizes.size() || best_deadline < position) {
      throw std::logic_error("proportionalSequence: no schedule found");
    }
    ++taken[best];
    sequence.push_back(best);
  }
  return sequence;
}

}  // namespace pwb::data
