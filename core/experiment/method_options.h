#pragma once
// The options of each adaptation method, by PEFT's names, checked and completed with PEFT's
// defaults. Torch-free.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pwb::experiment {

// "prompt_tuning", "prefix_tuning", "p_tuning", "lora", "ia3", "full".
const std::vector<std::string>& methodNames();

// `method` is {"name": ..., options...}; returns it with every option present. Throws SpecError
// naming `path` + the option.
nlohmann::json checkMethodOptions(const nlohmann::json& method, const std::string& path);

}  // namespace pwb::experiment
