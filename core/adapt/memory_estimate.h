#pragma once
// Peak memory of one training step, estimated before a run from the config and the method's
// counts: float32 weights, gradients of what trains, AdamW's two moments, and the activations
// autograd keeps for the backward pass of a (batch, sequence) shape. An estimate to plan with:
// allocator overhead and temporary buffers are not counted.

#include <cstdint>

#include "adapt/method_counts.h"
#include "model/model_config.h"

namespace pwb::adapt {

struct MemoryEstimate {
  std::int64_t weights = 0;      // bytes
  std::int64_t gradients = 0;    // bytes
  std::int64_t optimiser = 0;    // bytes, AdamW's exp_avg and exp_avg_sq
  std::int64_t activations = 0;  // bytes

  std::int64_t total() const { return weights + gradients + optimiser + activations; }
};

// extra_positions: virtual tokens or prefix length the method adds to every sequence.
MemoryEstimate estimateTrainingMemory(const model::ModelConfig& config, const TrainableCount& count,
                                      std::int64_t batch_size, std::int64_t sequence_length,
                                      std::int64_t extra_positions = 0);

}  // namespace pwb::adapt
