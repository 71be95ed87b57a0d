#pragma once
// What an adaptation method puts in front of a sequence (PEFT's prompt-learning methods), and an
// adapter attached to a loaded model as scoring and generation see it.

#include <cstdint>

#include <ATen/core/Tensor.h>

#include "model/kv_cache.h"

namespace pwb::model {

struct PromptInjection {
  at::Tensor virtual_tokens;    // (B, n, C) before the input embeddings (T5: the encoder's), or undefined
  KvCache prefix;               // per decoder layer (B, KV heads, n, D) keys and values, or empty
  KvCache cross_prefix;         // T5: per decoder layer, used only when n equals the encoder length
};

// An adapter attached to a model: while it lives, what it changed in the model (hooks on its
// layers, loaded weights) stays in place; it says what goes in front of a batch of sequences.
class AttachedAdapter {
 public:
  virtual ~AttachedAdapter() = default;
  virtual PromptInjection inject(std::int64_t batch) = 0;
};

}  // namespace pwb::model
