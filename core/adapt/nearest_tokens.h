#pragma once
// What a learned soft prompt is "close to": for each virtual token, the vocabulary tokens whose
// input embeddings have the highest cosine similarity with it.

#include <cstdint>
#include <vector>

#include <ATen/core/Tensor.h>

namespace pwb::adapt {

struct NearestToken {
  std::int64_t id = 0;
  double cosine_similarity = 0.0;
};

// prompt (n, C), vocabulary (V, C) -> n lists of min(k, V) tokens, most similar first (ties by
// lower id). A zero vector is similar to nothing (similarity 0).
std::vector<std::vector<NearestToken>> nearestTokens(const at::Tensor& prompt, const at::Tensor& vocabulary,
                                                     std::int64_t k);

}  // namespace pwb::adapt
