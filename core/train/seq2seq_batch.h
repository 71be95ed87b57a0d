#pragma once
// Encoder-decoder examples of mixed lengths as one padded batch, as Hugging Face's T5 takes it:
// the prompts are the encoder's input (right-padded with the pad id, the attention mask 0 there),
// the answers the decoder's labels (right-padded with -100, which the loss ignores and the
// decoder reads as the pad id). The decoder needs no mask of its own: it is causal, so padding
// after a target token cannot change that token's logits.

#include <cstdint>
#include <vector>

#include <ATen/core/Tensor.h>

#include "model/seq2seq_lm.h"
#include "train/prompt_answer.h"
#include "train/training_task.h"

namespace pwb::train {

struct Seq2SeqBatch {
  at::Tensor input_ids;       // (B, S) int64, the prompts, right-padded with the pad id
  at::Tensor attention_mask;  // (B, S) int64, 1 on real tokens, 0 on padding
  at::Tensor labels;          // (B, L) int64, the answers, right-padded with -100
};

// S is the longest prompt, L the longest answer. Throws as
// requireTokens(examples, "encoder-decoder example").
Seq2SeqBatch collateSeq2Seq(const std::vector<PromptAnswer>& examples, std::int64_t pad_id);

// Cross-entropy of the logits against the labels, summed over the labels that are not -100, with
// their count (their mean is Hugging Face's and PEFT's loss); tokens counts the encoder's real
// tokens and the targets.
LossSum seq2seqLossSum(model::Seq2SeqLanguageModel& model, const Seq2SeqBatch& batch);

}  // namespace pwb::train
