#pragma once
// A seeded uniform index that is the same with every standard library. Torch-free.
//
// std::mt19937_64's output sequence is fixed by the C++ standard, but the mapping of
// std::uniform_int_distribution is implementation-defined (libstdc++ and libc++ give different
// numbers for one seed), so it is not used: results that must reproduce for a seed go through
// uniformIndex below.

#include <cstdint>
#include <random>

namespace pwb::eval {

// Uniform in [0, bound), bound >= 1, without modulo bias: draws x until x >= 2^64 mod bound,
// then returns x mod bound (the accepted range holds a whole number of multiples of bound).
// Throws std::invalid_argument for bound 0.
std::uint64_t uniformIndex(std::mt19937_64& rng, std::uint64_t bound);

}  // namespace pwb::eval
