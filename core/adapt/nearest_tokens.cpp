#include "adapt/nearest_tokens.h"

#include <algorithm>
#include <stdexcept>

#include <ATen/ATen.h>

namespace pwb::adapt {

std::vector<std::vector<NearestToken>> nearestTokens(const at::Tensor& prompt, const at::Tensor& vocabulary,
                                                     std::int64_t k) {
  if (prompt.dim() != 2 || vocabulary.dim() != 2 || prompt.size(1) != vocabulary.size(1)) {
    throw std::invalid_argument("nearest tokens: the prompt (n, C) and the vocabulary (V, C) must share C");
  }
  const auto unit = [](const at::Tensor& x) {
    const auto v = x.detach().to(at::kDouble);
    return v / v.norm(2, 1, /*keepdim=*/true).clamp_min(1e-12);
  };
  const auto similarity = at::matmul(unit(prompt), unit(vocabulary).t()).contiguous();  // (n, V)
  const auto count = std::min<std::int64_t>(k, vocabulary.size(0));
  std::vector<std::vector<NearestToken>> nearest;
  const auto* values = similarity.data_ptr<double>();
  for (std::int64_t row = 0; row < similarity.size(0); ++row) {
    std::vector<NearestToken> tokens;
    for (std::int64_t id = 0; id < similarity.size(1); ++id) tokens.push_back({id, values[row * similarity.size(1) + id]});
    std::partial_sort(tokens.begin(), tokens.begin() + count, tokens.end(), [](const NearestToken& a, const NearestToken& b) {
      return a.cosine_similarity != b.cosine_similarity ? a.cosine_similarity > b.cosine_similarity : a.id < b.id;
    });
    tokens.resize(static_cast<std::size_t>(count));
    nearest.push_back(std::move(tokens));
  }
  return nearest;
}

}  // namespace pwb::adapt
