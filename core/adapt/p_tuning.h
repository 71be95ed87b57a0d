#pragma once
// P-tuning (Liu et al. 2021; PEFT's PromptEncoderConfig): virtual tokens produced by a prompt
// encoder from an embedding table — an MLP (Linear → ReLU → Linear → ReLU → Linear), or a
// bidirectional LSTM followed by an MLP head (Linear(2h, 2h) → ReLU → Linear(2h, token_dim)).

#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/rnn.h>

#include "adapt/prompt_learning.h"

namespace pwb::adapt {

struct PTuningConfig {
  enum class Encoder { Mlp, Lstm };
  PromptLearningConfig base;
  Encoder encoder_reparameterization_type = Encoder::Mlp;
  std::int64_t encoder_hidden_size = 0;  // 0: token_dim
  std::int64_t encoder_num_layers = 2;   // LSTM layers (the MLP always has three linears)
  double encoder_dropout = 0.0;

  static PTuningConfig fromJson(const nlohmann::json& options, const std::string& source);
  void resolve(const ModelShape& shape, const std::string& model_name);
};

TrainableCount countPTuning(const model::ModelConfig& config, PTuningConfig tuning);

class PTuning final : public PromptLearningMethod {
 public:
  explicit PTuning(PTuningConfig config) : config_(std::move(config)) {}

  std::string peftType() const override { return "P_TUNING"; }
  void attach(BaseModel& model) override;
  PromptInjection inject(std::int64_t batch) override;
  nlohmann::json adapterConfig() const override;

 protected:
  at::Tensor encode() override;
  std::int64_t tableRows() const override { return config_.base.totalVirtualTokens(); }
  std::int64_t tableWidth() const override { return config_.base.token_dim; }

 private:
  PTuningConfig config_;
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::LSTM lstm_head_{nullptr};
  torch::nn::Sequential mlp_head_{nullptr};
};

}  // namespace pwb::adapt
