#include "data/random.h"

#include <limits>
#include <utility>

namespace pwb::data {

std::uint64_t uniformBelow(Rng& rng, std::uint64_t bound) {
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t excess = (max % bound + 1) % bound;  // 2^64 mod bound
  // [0, last] holds a whole number of multiples of bound; values above it would make small
  // remainders more likely than large ones.
  const std::uint64_t last = max - excess;
  std::uint64_t x = rng();
  while (x > last) x = rng();
  return x % bound;
}

void shuffle(std::vector<std::size_t>& items, Rng& rng) {
  for (std::size_t i = items.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(uniformBelow(rng, i));
    std::swap(items[i - 1], items[j]);
  }
}

}  // namespace pwb::data
