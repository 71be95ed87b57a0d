#pragma once
// Causal-LM examples of mixed lengths as one padded batch, with the loss on the answer only.

#include <cstdint>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "model/causal_lm.h"
#include "train/prompt_answer.h"
#include "train/training_task.h"

namespace pwb::train {

struct CausalLmBatch {
  at::Tensor ids;             // (B, T) int64, prompt + answer, right-padded with the pad id
  at::Tensor attention_mask;  // (B, T) int64, 1 on real tokens, 0 on padding
  at::Tensor labels;          // (B, T) int64, the answer's ids where they stand, -100 elsewhere
};

// T is the longest prompt + answer. Throws as requireTokens(examples, "causal-LM example").
CausalLmBatch collateCausalLm(const std::vector<PromptAnswer>& examples, std::int64_t pad_id);

// Next-token cross-entropy summed over the labelled positions (logits at t predict labels at
// t + 1), with their count; tokens counts the attention mask.
LossSum causalLmLossSum(model::CausalLanguageModel& model, const CausalLmBatch& batch);

}  // namespace pwb::train
