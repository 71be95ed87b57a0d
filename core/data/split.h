#pragma once
// Seeded train/validation/test splits and nested training subsamples. Torch-free.
//
// Deterministic for a seed with any standard library (see random.h): the same dataset, options
// and seed give the same indices everywhere.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "data/dataset.h"

namespace pwb::data {

// The size of a split: a share of all examples (rounded to the nearest count, halves up) or
// an exact count.
class SplitSize {
 public:
  static SplitSize fraction(double share);
  static SplitSize count(std::size_t examples);

  // Throws std::invalid_argument when the share is outside [0, 1] or the count exceeds total.
  std::size_t of(std::size_t total) const;

 private:
  SplitSize(double share, std::size_t examples, bool is_fraction)
      : share_(share), examples_(examples), is_fraction_(is_fraction) {}

  double share_;
  std::size_t examples_;
  bool is_fraction_;
};

struct SplitOptions {
  SplitSize validation = SplitSize::fraction(0.1);
  SplitSize test = SplitSize::fraction(0.1);  // train gets the rest
  // Each label spread over the splits in proportion: its count in each split is its exact
  // share rounded down or up (see apportion.h), and the split sizes are still exact.
  bool stratified = false;
  std::uint64_t seed = 0;
};

// Indices into Dataset::examples, each list ascending; together disjoint and covering all.
struct Splits {
  std::vector<std::size_t> train;
  std::vector<std::size_t> validation;
  std::vector<std::size_t> test;
};

// Plain: the indices are shuffled once; test takes the first test-size, validation the next,
// train the rest (so the test set depends only on the seed and its own size). Stratified:
// each label's indices are shuffled (labels in Dataset::labels order, one generator) and
// dealt out the same way in the counts apportion() gives.
Splits split(const Dataset& dataset, const SplitOptions& options);

// `size` examples of `pool` (e.g. Splits::train), ascending. Nested: for one pool and seed,
// a smaller subsample lies inside every larger one (both are prefixes of one seeded order).
// Stratified, that order interleaves the labels so that every prefix holds each label in
// proportion, rounded down or up (proportionalSequence in apportion.h).
std::vector<std::size_t> subsample(const Dataset& dataset, const std::vector<std::size_t>& pool, std::size_t size,
                                   bool stratified, std::uint64_t seed);

}  // namespace pwb::data
