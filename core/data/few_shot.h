#pragma once
// Choosing the k demonstrations of a few-shot prompt. Torch-free.
//
// Examples come only from the pool given — pass the training split, never the split being
// evaluated, so that no evaluated example is shown to the model as a demonstration.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "data/dataset.h"

namespace pwb::data {

enum class FewShotStrategy {
  Fixed,     // exactly FewShotOptions::fixed, in that order
  Random,    // k drawn uniformly from the pool
  Balanced,  // k spread over the labels as evenly as the pool allows
};

struct FewShotOptions {
  FewShotStrategy strategy = FewShotStrategy::Balanced;
  std::size_t k = 4;                // Random and Balanced
  std::vector<std::size_t> fixed;   // Fixed: each must be in the pool
  std::uint64_t seed = 0;
};

// Indices into dataset.examples, in prompt order. Random: the pool shuffled (random.h), its
// first k. Balanced: each label's pool examples shuffled (labels in Dataset::labels order),
// then the labels, in a shuffled order, take one example each in turn until k are taken
// (a label that runs out is passed over), and the k are shuffled into prompt order so that
// the labels do not come in a fixed pattern. Throws std::invalid_argument when k exceeds the
// pool or a fixed index is not in the pool.
std::vector<std::size_t> selectFewShot(const Dataset& dataset, const std::vector<std::size_t>& pool,
                                       const FewShotOptions& options);

}  // namespace pwb::data
