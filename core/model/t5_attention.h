#pragma once
// T5's attention (Raffel et al. 2020) with Hugging Face's names q, k, v, o and, in the first block
// of each stack only, relative_attention_bias. Unlike GPT-2 it has no biases, no 1/sqrt(D)
// scaling (folded into the initialisation), and positions enter only as a learned per-head bias
// indexed by log-spaced buckets of the query-key distance.
// Shapes: B batch, T queries, S keys, C width, H heads, D d_kv.

#include <torch/nn/module.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>

#include "model/kv_cache.h"
#include "model/linear_hook.h"
#include "model/t5_options.h"

namespace pwb::model {

// Bucket of each key-minus-query distance, as Hugging Face's _relative_position_bucket: half the
// buckets are exact small distances, the rest log-spaced up to max_distance (farther shares the
// last bucket). Bidirectional (encoder) splits the buckets between keys before and after the
// query; unidirectional (decoder) maps every later key to bucket 0.
at::Tensor relativePositionBucket(const at::Tensor& relative_position, bool bidirectional, std::int64_t num_buckets,
                                  std::int64_t max_distance);

class T5AttentionImpl : public torch::nn::Module {
 public:
  T5AttentionImpl(const T5Options& options, bool has_relative_attention_bias);

  // x (B, T, C) queries. Self-attention when memory is undefined: keys and values come from x and
  // are appended to cache. Cross-attention otherwise: keys and values come from memory (B, S, C),
  // or from cache when it already holds them for `layer`. bias (1, H, T, S) is added to the
  // scores; blocked (B|1, 1, T, S) is true where a query must not see a key.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& memory, const torch::Tensor& bias,
                        const torch::Tensor& blocked, KvCache* cache, std::size_t layer);

  // Learned position bias (1, H, T, S) for queries at positions first_query.. and keys at 0..S-1.
  torch::Tensor positionBias(std::int64_t first_query, std::int64_t queries, std::int64_t keys,
                             bool bidirectional);

  HookedLinear q{nullptr}, k{nullptr}, v{nullptr}, o{nullptr};
  torch::nn::Embedding relative_attention_bias{nullptr};  // (buckets, H), only in block 0

 private:
  torch::Tensor heads(const torch::Tensor& x) const;  // (B, L, H·D) -> (B, H, L, D)
  std::int64_t heads_, d_kv_, num_buckets_, max_distance_;
};
TORCH_MODULE(T5Attention);

}  // namespace pwb::model
