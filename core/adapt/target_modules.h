#pragma once
// Which linear layers LoRA and IA3 wrap, chosen the way PEFT chooses: a list of names matches a
// layer whose full name equals one of them or ends with "." + one of them; a single string is a
// regular expression the whole name must match. Absent, each family has PEFT 0.12's defaults.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/nn/module.h>

#include "model/linear_hook.h"
#include "model/model_config.h"

namespace pwb::adapt {

struct TargetModules {
  std::vector<std::string> names;  // the list form
  std::optional<std::string> regex;  // the single-string form

  bool matches(const std::string& module_name) const;
  bool empty() const { return names.empty() && !regex; }
  nlohmann::json toJson() const;  // sorted list, or the string
  // null or absent → nullopt; a string or a list of strings otherwise. Errors name `key`.
  static std::optional<TargetModules> fromJson(const nlohmann::json& options, const std::string& key,
                                               const std::string& source);
};

// PEFT's TRANSFORMERS_MODELS_TO_{LORA,IA3}_TARGET_MODULES_MAPPING and IA3's feed-forward modules.
TargetModules defaultLoraTargets(model::ModelFamily family);
TargetModules defaultIa3Targets(model::ModelFamily family);
TargetModules defaultIa3FeedforwardModules(model::ModelFamily family);

// A linear layer as PEFT sees it: (full name, in, out), GPT-2's Conv1D included.
struct LinearLayer {
  std::string name;
  std::int64_t in_features = 0;
  std::int64_t out_features = 0;
  bool has_bias = false;
};

// Every adaptable linear layer of a model described by its config alone, in module order.
std::vector<LinearLayer> linearLayers(const model::ModelConfig& config);

// Every adaptable linear layer of a live module, in module order, with its hook site.
std::vector<std::pair<std::string, model::LinearHookSite*>> hookSites(torch::nn::Module& module);

}  // namespace pwb::adapt
