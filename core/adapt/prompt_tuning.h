#pragma once
// Prompt tuning (Lester et al. 2021; PEFT's PromptTuningConfig): num_virtual_tokens trainable
// input embeddings in front of the input (the encoder's, for T5). PEFT sizes the table
// num_virtual_tokens × num_transformer_submodules, so T5 trains twice as many rows as it uses.

#include <memory>
#include <vector>

#include <torch/nn/modules/embedding.h>

#include "adapt/prompt_learning.h"

namespace pwb::adapt {

struct PromptTuningConfig {
  enum class Init { Random, Text, SampleVocab };
  PromptLearningConfig base;
  Init prompt_tuning_init = Init::Random;
  std::string prompt_tuning_init_text;  // for Text
  std::string tokenizer_name_or_path;   // recorded in adapter_config.json
  nlohmann::json tokenizer_kwargs;      // recorded in adapter_config.json (null when absent)

  static PromptTuningConfig fromJson(const nlohmann::json& options, const std::string& source);
};

class PromptTuning final : public PromptLearningMethod {
 public:
  // init_text_ids: the tokenizer's ids for prompt_tuning_init_text, with its special tokens (as
  // PEFT's tokenizer(text)["input_ids"]); needed for Init::Text only.
  explicit PromptTuning(PromptTuningConfig config, std::vector<std::int64_t> init_text_ids = {});
  // For an adapter about to be loaded: the init is skipped, its tensors replace it anyway.
  static std::unique_ptr<PromptTuning> forLoading(PromptTuningConfig config);

  std::string peftType() const override { return "PROMPT_TUNING"; }
  void attach(BaseModel& model) override;
  PromptInjection inject(std::int64_t batch) override;
  nlohmann::json adapterConfig() const override;
  const PromptTuningConfig& config() const { return config_; }

 protected:
  at::Tensor encode() override { return embedding_->weight; }
  std::int64_t tableRows() const override { return config_.base.totalVirtualTokens(); }
  std::int64_t tableWidth() const override { return config_.base.token_dim; }

 private:
  PromptTuningConfig config_;
  std::vector<std::int64_t> init_text_ids_;
  bool initialise_ = true;
  torch::nn::Embedding embedding_{nullptr};
};

// What prompt tuning adds and trains on a model known by its config alone.
TrainableCount countPromptTuning(const model::ModelConfig& config, PromptTuningConfig tuning);

// PEFT's TEXT init: the ids cut to `count`, or repeated until there are `count`.
std::vector<std::int64_t> repeatOrCut(const std::vector<std::int64_t>& ids, std::int64_t count);

}  // namespace pwb::adapt
