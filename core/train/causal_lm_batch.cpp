#include "train/causal_lm_batch.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include <ATen/ATen.h>
#include <torch/nn/functional/loss.h>

namespace pwb::train {

CausalLmBatch collateCausalLm(const std::vector<PromptAnswer>& examples, std::int64_t pad_id) {
  if (examples.empty()) throw std::invalid_argument("a causal-LM batch needs at least one example");
  requireTokens(examples, "causal-LM example");
  std::size_t longest = 0;
  for (const auto& e : examples) longest = std::max(longest, e.prompt.size() + e.answer.size());
  const auto B = static_cast<std::int64_t>(examples.size()), T = static_cast<std::int64_t>(longest);
  CausalLmBatch batch{at::full({B, T}, pad_id, at::kLong), at::zeros({B, T}, at::kLong),
                      at::full({B, T}, kIgnoredLabel, at::kLong)};
  auto* ids = batch.ids.data_ptr<std::int64_t>();
  auto* mask = batch.attention_mask.data_ptr<std::int64_t>();
  auto* labels = batch.labels.data_ptr<std::int64_t>();
  for (std::int64_t b = 0; b < B; ++b) {
    const auto& e = examples[static_cast<std::size_t>(b)];
    auto* row = ids + b * T;
    std::copy(e.prompt.begin(), e.prompt.end(), row);
    std::copy(e.answer.begin(), e.answer.end(), row + e.prompt.size());
    std::fill_n(mask + b * T, e.prompt.size() + e.answer.size(), 1);
    std::copy(e.answer.begin(), e.answer.end(), labels + b * T + e.prompt.size());
  }
  return batch;
}

LossSum causalLmLossSum(model::CausalLanguageModel& model, const CausalLmBatch& batch) {
  const auto logits = model.forward(batch.ids, batch.attention_mask, nullptr);  // (B, T, V)
  const auto V = logits.size(-1);
  const auto targets = batch.labels.slice(1, 1);  // (B, T-1)
  LossSum loss;
  loss.sum = torch::nn::functional::cross_entropy(
      logits.slice(1, 0, -1).reshape({-1, V}), targets.reshape({-1}),
      torch::nn::functional::CrossEntropyFuncOptions().ignore_index(kIgnoredLabel).reduction(torch::kSum));
  loss.count = targets.ne(kIgnoredLabel).sum().item<std::int64_t>();
  loss.tokens = batch.attention_mask.sum().item<std::int64_t>();
  return loss;
}

}  // namespace pwb::train
