#pragma once
// A trainer checkpoint: everything a run needs to continue as if it had never stopped.
//
// A folder holds `checkpoint.json` (the step, data position, generator state of the data order,
// early-stopping state, counters) and the tensors it names, `checkpoint-<step>.safetensors`
// ("parameter.<name>", "optimizer.<key>", "rng.torch" — the CPU generator's state). The tensor
// file is written first and the JSON, which names it, last; both atomically (temp + rename), so a
// reader finds the old checkpoint or the new one, never a mix. Older tensor files are removed
// once the new JSON is in place.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <ATen/core/Tensor.h>

#include "train/data_order.h"

namespace pwb::train {

struct TrainerCheckpoint {
  std::int64_t step = 0;  // optimiser steps done; the schedule continues from here
  std::size_t training_examples = 0;  // the data order is a permutation of this many
  DataPosition data;
  std::int64_t tokens_seen = 0;
  double elapsed_seconds = 0.0;
  std::optional<double> best_metric;  // early stopping
  int evaluations_without_improvement = 0;
  std::map<std::string, at::Tensor> parameters;  // by parameter name
  std::map<std::string, at::Tensor> optimizer;   // Optimizer::state()
  at::Tensor torch_rng;                          // uint8, at::Generator::get_state()
};

// Returns the JSON file's path. Throws std::runtime_error naming the file that cannot be written.
std::filesystem::path writeCheckpoint(const std::filesystem::path& folder, const TrainerCheckpoint& checkpoint);

// Throws std::runtime_error naming the file and the JSON key or tensor that is missing or wrong.
TrainerCheckpoint readCheckpoint(const std::filesystem::path& folder);

// The CPU generator that seeds dropout and initialisation, as a tensor and back.
at::Tensor torchGeneratorState();
void restoreTorchGeneratorState(const at::Tensor& state);

}  // namespace pwb::train
