#pragma once
// What a tuning run will train and how much memory a step will need, from the model's config
// and the run's method object alone (as written in an experiment file: {"name": ..., PEFT's
// options}): the GUI shows it live while options change, before anything is loaded. Torch-free.

#include <cstdint>

#include <nlohmann/json.hpp>

#include "adapt/memory_estimate.h"
#include "adapt/method_counts.h"
#include "model/model_config.h"

namespace pwb::experiment {

struct TuningEstimate {
  adapt::TrainableCount count;
  adapt::MemoryEstimate memory;
  std::int64_t extra_positions = 0;  // virtual tokens added to every sequence
};

// Throws (SpecError or std::invalid_argument) naming the option that is wrong.
TuningEstimate estimateTuning(const model::ModelConfig& config, const nlohmann::json& method, std::int64_t batch_size,
                              std::int64_t sequence_length);

}  // namespace pwb::experiment
