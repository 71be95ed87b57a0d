#pragma once
// Token rows of different lengths as one batch for the scorers: right-padded, so that a real
// token keeps its position, with a mask telling the model which keys are padding.

#include <cstdint>
#include <vector>

#include <ATen/core/Tensor.h>

namespace pwb::design {

struct PaddedBatch {
  at::Tensor ids;   // (B, T), padding is id 0
  at::Tensor mask;  // (B, T), 1 for a real token, 0 for padding
};

PaddedBatch padRight(const std::vector<std::vector<std::int64_t>>& rows);

}  // namespace pwb::design
