#include "eval/uniform_index.h"

#include <stdexcept>

namespace pwb::eval {

std::uint64_t uniformIndex(std::mt19937_64& rng, std::uint64_t bound) {
  if (bound == 0) throw std::invalid_argument("uniformIndex: bound is 0");
  // Unsigned arithmetic wraps: (0 − bound) is 2^64 − bound, which has the same remainder as 2^64.
  const std::uint64_t rejected_below = (std::uint64_t{0} - bound) % bound;
  std::uint64_t x = rng();
  while (x < rejected_below) x = rng();
  return x % bound;
}

}  // namespace pwb::eval
