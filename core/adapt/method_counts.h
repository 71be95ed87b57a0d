#pragma once
// How many parameters a method trains, from the model's config alone: torch-free, so that the
// command line and the GUI can show PEFT's line before anything is loaded. Nothing is allocated,
// so billion-parameter configs take microseconds.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "model/model_config.h"

namespace pwb::adapt {

// Trainable and total counts as PEFT's print_trainable_parameters() sees them.
struct TrainableCount {
  std::int64_t trainable = 0;
  std::int64_t all = 0;
};

// 294912 -> "294,912", as PEFT prints counts.
std::string withThousands(std::int64_t n);

// "trainable params: 294,912 || all params: 124,734,720 || trainable%: 0.2364"
std::string formatTrainableParameters(const TrainableCount& count);

// "prompt_tuning", "prefix_tuning", "p_tuning", "lora", "ia3", "full" — or PEFT's peft_type
// ("PROMPT_TUNING", "PREFIX_TUNING", "P_TUNING", "LORA", "IA3"). Throws listing the known names.
std::string peftTypeOf(const std::string& method_name);

// Equal to what attaching the method to the loaded model would give. `options` carry PEFT's
// names; absent ones take PEFT's defaults. Throws std::invalid_argument naming a bad option.
TrainableCount countMethod(const model::ModelConfig& config, const std::string& method_name,
                           const nlohmann::json& options);

}  // namespace pwb::adapt
