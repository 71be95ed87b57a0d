#pragma once
// What both scorers use to batch: token rows of different lengths as one right-padded batch
// (a real token keeps its position; a mask tells the model which keys are padding), and a KV
// cache's rows picked per continuation.

#include <cstdint>
#include <vector>

#include <ATen/core/Tensor.h>

#include "model/kv_cache.h"

namespace pwb::design {

struct PaddedBatch {
  at::Tensor ids;   // (B, T), padding is id 0
  at::Tensor mask;  // (B, T), 1 for a real token, 0 for padding
};

PaddedBatch padRight(const std::vector<std::vector<std::int64_t>>& rows);

// The cache's batch rows picked by `rows` (N), e.g. each prompt's row once per continuation.
model::KvCache selectRows(const model::KvCache& cache, const at::Tensor& rows);

}  // namespace pwb::design
