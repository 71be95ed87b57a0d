#include "adapt/method_factory.h"

#include <stdexcept>

#include "adapt/full_fine_tuning.h"
#include "adapt/ia3.h"
#include "adapt/lora.h"
#include "adapt/p_tuning.h"
#include "adapt/prefix_tuning.h"
#include "adapt/prompt_tuning.h"
#include "model/parameter_count.h"

namespace pwb::adapt {

std::string peftTypeOf(const std::string& method_name) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"prompt_tuning", "PROMPT_TUNING"}, {"prefix_tuning", "PREFIX_TUNING"}, {"p_tuning", "P_TUNING"},
      {"lora", "LORA"},                   {"ia3", "IA3"},                     {"full", "FULL"}};
  for (const auto& [name, type] : kNames) {
    if (method_name == name || method_name == type) return type;
  }
  throw std::invalid_argument("unknown method '" + method_name +
                              "' (known: prompt_tuning, prefix_tuning, p_tuning, lora, ia3, full)");
}

std::unique_ptr<AdaptationMethod> makeMethod(const std::string& method_name, const nlohmann::json& options,
                                             std::vector<std::int64_t> init_text_ids) {
  const auto type = peftTypeOf(method_name);
  const auto source = "options for " + method_name;
  if (type == "PROMPT_TUNING") {
    return std::make_unique<PromptTuning>(PromptTuningConfig::fromJson(options, source), std::move(init_text_ids));
  }
  if (type == "PREFIX_TUNING") return std::make_unique<PrefixTuning>(PrefixTuningConfig::fromJson(options, source));
  if (type == "P_TUNING") return std::make_unique<PTuning>(PTuningConfig::fromJson(options, source));
  if (type == "LORA") return std::make_unique<Lora>(LoraConfig::fromJson(options, source));
  if (type == "IA3") return std::make_unique<Ia3>(Ia3Config::fromJson(options, source));
  return std::make_unique<FullFineTuning>();
}

TrainableCount countMethod(const model::ModelConfig& config, const std::string& method_name,
                           const nlohmann::json& options) {
  const auto type = peftTypeOf(method_name);
  const auto source = "options for " + method_name;
  if (type == "PROMPT_TUNING") return countPromptTuning(config, PromptTuningConfig::fromJson(options, source));
  if (type == "PREFIX_TUNING") return countPrefixTuning(config, PrefixTuningConfig::fromJson(options, source));
  if (type == "P_TUNING") return countPTuning(config, PTuningConfig::fromJson(options, source));
  if (type == "LORA") return countLora(config, LoraConfig::fromJson(options, source));
  if (type == "IA3") return countIa3(config, Ia3Config::fromJson(options, source));
  const auto total = model::countParameters(config).total;
  return {total, total};
}

}  // namespace pwb::adapt
