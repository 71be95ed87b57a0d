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

// Checked options as PEFT's config objects read them (what adapt::makeMethod and
// adapt::countMethod take): our own keys out ("name", "init_from_design"), "use the family's
// default" (0 or an empty list) as absent, and the init text when there is one.
nlohmann::json peftOptions(nlohmann::json method, const std::string& init_text);

}  // namespace pwb::experiment
