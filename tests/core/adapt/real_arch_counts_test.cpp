// The print_trainable_parameters() line of every method on gpt2, t5-small, flan-t5-small and
// TinyLlama-1.1B, from their configs alone (real_arch_param_counts.json), and the three numbers
// PEFT's own documentation prints for mt0-large.

#include <chrono>

#include <gtest/gtest.h>

#include "adapt/method_factory.h"
#include "model/parameter_count.h"
#include "peft_fixture.h"

namespace pwb::adapt {
namespace {

using nlohmann::json;
using namespace testing;

// The fixture's configs leave model_type out; the model's name says it.
model::ModelConfig configOf(const std::string& model_name, json config) {
  const bool t5 = model_name.find("t5") != std::string::npos || model_name.find("mt0") != std::string::npos;
  config["model_type"] = model_name == "gpt2" ? "gpt2" : t5 ? "t5" : "llama";
  return model::parseModelConfig(config, model_name);
}

// The fixture's entry names → our method name and PEFT options.
std::pair<std::string, json> methodOf(const std::string& entry) {
  if (entry == "prompt_tuning_20") return {"prompt_tuning", {{"num_virtual_tokens", 20}}};
  if (entry == "prefix_tuning_20") return {"prefix_tuning", {{"num_virtual_tokens", 20}}};
  if (entry == "prefix_tuning_20_projection_h512") {
    return {"prefix_tuning", {{"num_virtual_tokens", 20}, {"prefix_projection", true}, {"encoder_hidden_size", 512}}};
  }
  if (entry == "p_tuning_mlp_20_h128") return {"p_tuning", {{"num_virtual_tokens", 20}, {"encoder_hidden_size", 128}}};
  if (entry == "lora_r8_alpha16") return {"lora", {{"r", 8}, {"lora_alpha", 16}}};
  if (entry == "ia3_default_targets") return {"ia3", json::object()};
  throw std::runtime_error("unknown fixture entry " + entry);
}

TEST(RealArchitectureCounts, EveryMethodLineEqualsPeft) {
  const auto fixture = readJson(kReference / "real_arch_param_counts.json");
  int lines = 0;
  for (const auto& [name, model] : fixture.at("models").items()) {
    const auto config = configOf(name, model.at("config"));
    for (const auto& [entry, expected] : model.at("peft").items()) {
      const auto [method, options] = methodOf(entry);
      const auto started = std::chrono::steady_clock::now();
      const auto line = formatTrainableParameters(countMethod(config, method, options));
      EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(50)) << "no weights are made";
      EXPECT_EQ(line, expected.at("print_trainable_parameters")) << name << " " << entry;
      ++lines;
    }
    const std::int64_t total = model.at("total_params");
    EXPECT_EQ(formatTrainableParameters(countMethod(config, "full", json::object())),
              formatTrainableParameters({total, total}));
  }
  EXPECT_EQ(lines, 24);
}

TEST(RealArchitectureCounts, Mt0LargeAsInPeftDocs) {
  const auto fixture = readJson(kReference / "real_arch_param_counts.json");
  const auto& checks = fixture.at("cross_checks_against_peft_docs");
  const auto config = configOf("mt0-large", checks.at(0).at("config_used"));
  const auto lora = countMethod(config, "lora", {{"r", 8}, {"lora_alpha", 32}, {"lora_dropout", 0.1}});
  EXPECT_EQ(lora.trainable, checks.at(0).at("published").at("trainable_params").get<std::int64_t>());
  EXPECT_EQ(lora.all, checks.at(0).at("published").at("all_params").get<std::int64_t>());
  const auto ia3 = countMethod(config, "ia3", json::object());
  EXPECT_EQ(ia3.trainable, checks.at(1).at("published").at("trainable_params").get<std::int64_t>());
  EXPECT_EQ(ia3.all, checks.at(1).at("published").at("all_params").get<std::int64_t>());
}

TEST(RealArchitectureCounts, LoraOptionsChangeTheCountAsPeftDoes) {
  const auto config = configOf("gpt2", readJson(kReference / "real_arch_param_counts.json")["models"]["gpt2"]["config"]);
  // c_attn is 768 → 2304 in 12 layers: r · (768 + 2304) per layer.
  EXPECT_EQ(countMethod(config, "lora", {{"r", 16}}).trainable, 12 * 16 * (768 + 2304));
  // bias "all" trains every bias of the model (4 projections and 2 norms per layer, and ln_f),
  // which are the base's own tensors: the total stays.
  const auto with_bias = countMethod(config, "lora", {{"r", 8}, {"bias", "all"}});
  EXPECT_EQ(with_bias.trainable, 294912 + 12 * (2304 + 768 + 3072 + 768 + 2 * 768) + 768);
  EXPECT_EQ(with_bias.all, 124734720);
  EXPECT_THROW(countMethod(config, "lora", {{"r", 0}}), std::invalid_argument);
  EXPECT_THROW(countMethod(config, "loraa", json::object()), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::adapt
