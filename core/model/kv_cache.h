#pragma once
// Keys and values of every decoder layer for the tokens seen so far, so that generation runs one
// forward pass per new token instead of re-reading the whole sequence.

#include <vector>

#include <ATen/core/Tensor.h>

namespace pwb::model {

struct KvCache {
  std::vector<at::Tensor> keys;    // per layer (B, KV heads, S, D)
  std::vector<at::Tensor> values;  // per layer (B, KV heads, S, D)

  std::int64_t length() const { return keys.empty() || !keys.front().defined() ? 0 : keys.front().size(2); }

  // Appends this step's k, v (B, G, T, D) for `layer` and returns the whole sequence's (B, G, S, D).
  std::pair<at::Tensor, at::Tensor> append(std::size_t layer, const at::Tensor& k, const at::Tensor& v);
};

}  // namespace pwb::model
