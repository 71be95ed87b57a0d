#include "model/attention_mask.h"

#include <ATen/ATen.h>

namespace pwb::model {

at::Tensor causalBlockedMask(std::int64_t new_tokens, std::int64_t past, const at::Tensor& key_mask,
                             const at::Device& device) {
  const auto T = new_tokens, S = past + new_tokens;
  auto blocked = at::ones({T, S}, at::TensorOptions().dtype(at::kBool).device(device)).triu(past + 1).view({1, 1, T, S});
  if (!key_mask.defined()) return blocked;
  TORCH_CHECK(key_mask.dim() == 2 && key_mask.size(1) == S, "the attention mask must be (batch, ", S,
              ") for ", past, " cached and ", T, " new tokens, got ", key_mask.sizes());
  return blocked.logical_or(key_mask.to(at::kBool).logical_not().view({key_mask.size(0), 1, 1, S}));
}

at::Tensor positionIds(std::int64_t batch, std::int64_t new_tokens, std::int64_t past, const at::Tensor& key_mask,
                       const at::Device& device) {
  if (!key_mask.defined()) {
    return at::arange(past, past + new_tokens, at::TensorOptions().dtype(at::kLong).device(device))
        .unsqueeze(0)
        .expand({batch, new_tokens});
  }
  // Count real tokens before each position; pads get position 0 (they are never attended to).
  const auto counted = key_mask.to(at::kLong).cumsum(1) - 1;  // (B, S)
  return counted.slice(1, past).clamp_min(0);
}

}  // namespace pwb::model
