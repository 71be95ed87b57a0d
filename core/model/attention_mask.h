#pragma once
// The mask every decoder's self-attention shares: query t (at absolute index past + t of the
// sequence) must not see later keys, nor keys the padding mask marks as absent.

#include <ATen/core/Tensor.h>

namespace pwb::model {

// Returns (B or 1, 1, T, S) bool, true where attention is blocked. key_mask: (B, S) with 1 for
// real tokens over cached + new positions, or undefined when every key is real.
at::Tensor causalBlockedMask(std::int64_t new_tokens, std::int64_t past, const at::Tensor& key_mask,
                             const at::Device& device);

// Position ids for new tokens (B, T): after left padding, a row's first real token gets position
// 0, as if the pads were not there. Without a mask: past, past+1, ...
at::Tensor positionIds(std::int64_t batch, std::int64_t new_tokens, std::int64_t past, const at::Tensor& key_mask,
                       const at::Device& device);

}  // namespace pwb::model
