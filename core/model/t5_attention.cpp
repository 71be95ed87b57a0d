#include "model/t5_attention.h"

#include <cmath>
#include <limits>

#include <ATen/ATen.h>

namespace pwb::model {

at::Tensor relativePositionBucket(const at::Tensor& relative_position, bool bidirectional, std::int64_t num_buckets,
                                  std::int64_t max_distance) {
  auto buckets = at::zeros_like(relative_position);
  at::Tensor distance;  // >= 0
  if (bidirectional) {
    num_buckets /= 2;
    buckets = (relative_position > 0).to(at::kLong) * num_buckets;
    distance = relative_position.abs();
  } else {
    distance = -relative_position.clamp_max(0);
  }
  const auto max_exact = num_buckets / 2;
  // The reference's float32 operations in its order, so that distances on a bucket boundary agree.
  const auto log_ratio = at::log(distance.to(at::kFloat) / max_exact) /
                         std::log(static_cast<double>(max_distance) / static_cast<double>(max_exact));
  const auto large = (max_exact + (log_ratio * (num_buckets - max_exact)).to(at::kLong)).clamp_max(num_buckets - 1);
  return buckets + at::where(distance < max_exact, distance, large);
}

T5AttentionImpl::T5AttentionImpl(const T5Options& options, bool has_relative_attention_bias)
    : heads_(options.num_heads),
      d_kv_(options.d_kv),
      num_buckets_(options.relative_attention_num_buckets),
      max_distance_(options.relative_attention_max_distance) {
  const auto inner = heads_ * d_kv_;
  const auto width = options.d_model;
  auto linear = [](std::int64_t in, std::int64_t out) {
    return HookedLinear(torch::nn::LinearOptions(in, out).bias(false));
  };
  q = register_module("q", linear(width, inner));
  k = register_module("k", linear(width, inner));
  v = register_module("v", linear(width, inner));
  o = register_module("o", linear(inner, width));
  if (has_relative_attention_bias) {
    relative_attention_bias =
        register_module("relative_attention_bias", torch::nn::Embedding(num_buckets_, heads_));
  }
}

torch::Tensor T5AttentionImpl::heads(const torch::Tensor& x) const {
  return x.view({x.size(0), x.size(1), heads_, d_kv_}).transpose(1, 2);
}

torch::Tensor T5AttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& memory, const torch::Tensor& bias,
                                       const torch::Tensor& blocked, KvCache* cache, std::size_t layer) {
  const auto B = x.size(0), T = x.size(1);
  const auto query = heads(q(x));  // (B, H, T, D)
  torch::Tensor key, value;        // (B, H, S, D)
  if (!memory.defined()) {
    key = heads(k(x));
    value = heads(v(x));
    if (cache != nullptr) std::tie(key, value) = cache->append(layer, key, value);
  } else if (cache != nullptr && cache->keys.size() > layer && cache->keys[layer].defined()) {
    key = cache->keys[layer];  // the encoder output does not change between decoder steps
    value = cache->values[layer];
  } else {
    key = heads(k(memory));
    value = heads(v(memory));
    if (cache != nullptr) cache->append(layer, key, value);
  }
  auto scores = torch::matmul(query, key.transpose(-2, -1));  // (B, H, T, S), unscaled as in T5
  if (bias.defined()) scores = scores + bias;
  // The minimum float (not -inf) keeps the rows of padding queries finite.
  if (blocked.defined()) scores = scores.masked_fill(blocked, std::numeric_limits<float>::lowest());
  const auto attended = torch::matmul(torch::softmax(scores, -1), value);  // (B, H, T, D)
  return o(attended.transpose(1, 2).reshape({B, T, heads_ * d_kv_}));
}

torch::Tensor T5AttentionImpl::positionBias(std::int64_t first_query, std::int64_t queries, std::int64_t keys,
                                            bool bidirectional) {
  const auto options = at::TensorOptions().dtype(at::kLong).device(relative_attention_bias->weight.device());
  const auto query_position = at::arange(first_query, first_query + queries, options).unsqueeze(1);  // (T, 1)
  const auto key_position = at::arange(keys, options).unsqueeze(0);                                 // (1, S)
  const auto buckets =
      relativePositionBucket(key_position - query_position, bidirectional, num_buckets_, max_distance_);  // (T, S)
  return relative_attention_bias(buckets).permute({2, 0, 1}).unsqueeze(0);  // (1, H, T, S)
}

}  // namespace pwb::model
