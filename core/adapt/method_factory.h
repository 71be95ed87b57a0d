#pragma once
// The methods by name, with PEFT-named options (a JSON object such as an adapter_config.json, or
// options from the command line): one place that knows every method.

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapt/adaptation_method.h"
#include "adapt/method_counts.h"
#include "model/model_config.h"

namespace pwb::adapt {

// init_text_ids: prompt tuning's TEXT init ids (see PromptTuning).
std::unique_ptr<AdaptationMethod> makeMethod(const std::string& method_name, const nlohmann::json& options,
                                             std::vector<std::int64_t> init_text_ids = {});

}  // namespace pwb::adapt
