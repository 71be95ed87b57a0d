#pragma once
// An encoder-decoder model (T5), perhaps with an adapter attached, as training and rank
// classification drive it: a padded batch's logits, and one target's log-likelihood. The
// counterpart of causal_lm.h for the trainer.

#include <cstdint>
#include <vector>

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>

#include "model/scoring.h"

namespace pwb::model {

class Seq2SeqLanguageModel {
 public:
  virtual ~Seq2SeqLanguageModel() = default;
  // input_ids (B, S) with attention_mask (B, S), 1 = real token; labels (B, L), the targets with
  // -100 on padding -> logits (B, L, V): the decoder reads the labels shifted right after its
  // start token, as Hugging Face's T5 does when given `labels`.
  virtual at::Tensor forward(const at::Tensor& input_ids, const at::Tensor& attention_mask,
                             const at::Tensor& labels) = 0;
  // log p(target[i] | input, target[..i]) for one input and one target, neither empty; no
  // gradients.
  virtual ContinuationScore score(const std::vector<std::int64_t>& input, const std::vector<std::int64_t>& target) = 0;
  virtual torch::nn::Module& module() = 0;
};

}  // namespace pwb::model
