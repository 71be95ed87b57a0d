#pragma once
// Seeded randomness that gives the same results with every standard library.
//
// The generator is std::mt19937_64, whose output sequence the C++ standard fixes. The standard
// does not fix std::uniform_int_distribution or std::shuffle, so neither is used: a bounded
// integer is drawn by rejection (below), and a shuffle is the Fisher–Yates shuffle written out.

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace pwb::data {

using Rng = std::mt19937_64;

// Uniform in [0, bound), bound > 0: draws x = rng() until x < 2^64 - (2^64 mod bound), then
// returns x % bound (no modulo bias).
std::uint64_t uniformBelow(Rng& rng, std::uint64_t bound);

// Fisher–Yates: for i = n-1 down to 1, swap items i and uniformBelow(i + 1).
void shuffle(std::vector<std::size_t>& items, Rng& rng);

}  // namespace pwb::data
