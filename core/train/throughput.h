#pragma once
// How fast training steps run on this machine, for `pwb bench` and docs/performance.md.
// Torch-free header.

#include <cstdint>

namespace pwb::train {

struct ThroughputShape {
  std::int64_t layers = 4, width = 128, heads = 4, context = 128, vocab = 4000, batch = 16;
};

struct ThroughputResult {
  double tokens_per_second = 0.0;
  double seconds_per_step = 0.0;
  double model_gflop_per_second = 0.0;  // 6 · parameters · tokens per second (forward + backward)
  std::int64_t parameters = 0;
};

// Times full AdamW steps (forward, backward, update) of a GPT-2-style decoder on random tokens,
// after one warm-up step.
ThroughputResult measureTrainingThroughput(const ThroughputShape& shape, int steps);

}  // namespace pwb::train
