#pragma once
// Prefix tuning (Li & Liang 2021; PEFT's PrefixTuningConfig): trainable keys and values in front
// of every decoder layer's self-attention, from an embedding table (n, 2·layers·token_dim) or,
// with prefix_projection, from Embedding(n, token_dim) → Linear(token_dim, encoder_hidden_size) →
// tanh → Linear(encoder_hidden_size, 2·layers·token_dim). For grouped-query models PEFT sizes the
// prefix per key/value head: token_dim = head_dim · num_key_value_heads.

#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/embedding.h>

#include "adapt/prompt_learning.h"

namespace pwb::adapt {

struct PrefixTuningConfig {
  PromptLearningConfig base;
  std::int64_t encoder_hidden_size = 0;  // 0: token_dim
  bool prefix_projection = false;

  static PrefixTuningConfig fromJson(const nlohmann::json& options, const std::string& source);
  // PEFT's resolution, including the grouped-query sizing.
  void resolve(const ModelShape& shape, const std::string& model_name);
  std::int64_t prefixWidth() const { return 2 * base.num_layers * base.token_dim; }
};

TrainableCount countPrefixTuning(const model::ModelConfig& config, PrefixTuningConfig tuning);

class PrefixTuning final : public PromptLearningMethod {
 public:
  explicit PrefixTuning(PrefixTuningConfig config) : config_(std::move(config)) {}

  std::string peftType() const override { return "PREFIX_TUNING"; }
  void attach(BaseModel& model) override;
  PromptInjection inject(std::int64_t batch) override;
  nlohmann::json adapterConfig() const override;

 protected:
  at::Tensor encode() override;
  std::int64_t tableRows() const override { return config_.base.num_virtual_tokens; }
  std::int64_t tableWidth() const override { return config_.prefixWidth(); }

 private:
  PrefixTuningConfig config_;
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::Sequential transform_{nullptr};  // with prefix_projection only
};

}  // namespace pwb::adapt
