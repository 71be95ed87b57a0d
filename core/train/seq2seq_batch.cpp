#include "train/seq2seq_batch.h"

#include <algorithm>
#include <stdexcept>

#include <ATen/ATen.h>
#include <torch/nn/functional/loss.h>

namespace pwb::train {

Seq2SeqBatch collateSeq2Seq(const std::vector<PromptAnswer>& examples, std::int64_t pad_id) {
  if (examples.empty()) throw std::invalid_argument("an encoder-decoder batch needs at least one example");
  requireTokens(examples, "encoder-decoder example");
  std::size_t longest_prompt = 0, longest_answer = 0;
  for (const auto& e : examples) {
    longest_prompt = std::max(longest_prompt, e.prompt.size());
    longest_answer = std::max(longest_answer, e.answer.size());
  }
  const auto B = static_cast<std::int64_t>(examples.size());
  const auto S = static_cast<std::int64_t>(longest_prompt), L = static_cast<std::int64_t>(longest_answer);
  Seq2SeqBatch batch{at::full({B, S}, pad_id, at::kLong), at::zeros({B, S}, at::kLong),
                     at::full({B, L}, kIgnoredLabel, at::kLong)};
  auto* ids = batch.input_ids.data_ptr<std::int64_t>();
  auto* mask = batch.attention_mask.data_ptr<std::int64_t>();
  auto* labels = batch.labels.data_ptr<std::int64_t>();
  for (std::int64_t b = 0; b < B; ++b) {
    const auto& e = examples[static_cast<std::size_t>(b)];
    std::copy(e.prompt.begin(), e.prompt.end(), ids + b * S);
    std::fill_n(mask + b * S, e.prompt.size(), 1);
    std::copy(e.answer.begin(), e.answer.end(), labels + b * L);
  }
  return batch;
}

LossSum seq2seqLossSum(model::Seq2SeqLanguageModel& model, const Seq2SeqBatch& batch) {
  const auto logits = model.forward(batch.input_ids, batch.attention_mask, batch.labels);  // (B, L, V)
  LossSum loss;
  loss.sum = torch::nn::functional::cross_entropy(
      logits.reshape({-1, logits.size(-1)}), batch.labels.reshape({-1}),
      torch::nn::functional::CrossEntropyFuncOptions().ignore_index(kIgnoredLabel).reduction(torch::kSum));
  loss.count = batch.labels.ne(kIgnoredLabel).sum().item<std::int64_t>();
  loss.tokens = batch.attention_mask.sum().item<std::int64_t>() + loss.count;
  return loss;
}

}  // namespace pwb::train
