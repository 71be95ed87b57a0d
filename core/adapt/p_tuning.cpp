#include "adapt/p_tuning.h"

#include <stdexcept>

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/linear.h>

#include "model/parameter_count.h"

namespace pwb::adapt {

PTuningConfig PTuningConfig::fromJson(const nlohmann::json& options, const std::string& source) {
  PTuningConfig c;
  c.base = PromptLearningConfig::fromJson(options, source);
  const auto type = stringOption(options, "encoder_reparameterization_type", "MLP", source);
  if (type == "MLP") {
    c.encoder_reparameterization_type = Encoder::Mlp;
  } else if (type == "LSTM") {
    c.encoder_reparameterization_type = Encoder::Lstm;
  } else {
    throw std::invalid_argument(source + ": 'encoder_reparameterization_type' must be MLP or LSTM, got " + type);
  }
  c.encoder_hidden_size = intOption(options, "encoder_hidden_size", 0, source);
  c.encoder_num_layers = intOption(options, "encoder_num_layers", c.encoder_num_layers, source);
  const auto dropout = options.find("encoder_dropout");
  if (dropout != options.end() && !dropout->is_null()) {
    if (!dropout->is_number()) throw std::invalid_argument(source + ": 'encoder_dropout' must be a number");
    c.encoder_dropout = dropout->get<double>();
  }
  return c;
}

void PTuningConfig::resolve(const ModelShape& shape, const std::string& model_name) {
  base.resolve(shape, model_name);
  if (encoder_hidden_size == 0) encoder_hidden_size = base.token_dim;
}

TrainableCount countPTuning(const model::ModelConfig& config, PTuningConfig tuning) {
  tuning.resolve(shapeOf(config), "");
  const auto d = tuning.base.token_dim, h = tuning.encoder_hidden_size;
  auto linear = [](std::int64_t in, std::int64_t out) { return in * out + out; };
  std::int64_t added = tuning.base.totalVirtualTokens() * d;
  if (tuning.encoder_reparameterization_type == PTuningConfig::Encoder::Lstm) {
    // Per layer and direction: input and hidden weights for 4 gates, two bias vectors.
    for (std::int64_t layer = 0; layer < tuning.encoder_num_layers; ++layer) {
      const auto input = layer == 0 ? d : 2 * h;
      added += 2 * (4 * h * input + 4 * h * h + 8 * h);
    }
    added += linear(2 * h, 2 * h) + linear(2 * h, d);
  } else {
    added += linear(d, h) + linear(h, h) + linear(h, d);
  }
  return {added, model::countParameters(config).total + added};
}

void PTuning::attach(BaseModel& model) {
  config_.resolve(model.shape(), model.name());
  const auto d = config_.base.token_dim, h = config_.encoder_hidden_size;
  embedding_ = encoder_->register_module("embedding", torch::nn::Embedding(tableRows(), d));
  // Draws as PEFT 0.12 does, so that seed 42 gives PEFT's adapter: each module is built in its own
  // statement, in PEFT's order (constructors draw; C++ leaves argument order unspecified).
  using torch::nn::Linear;
  using torch::nn::ReLU;
  torch::nn::Sequential mlp;
  if (config_.encoder_reparameterization_type == PTuningConfig::Encoder::Lstm) {
    lstm_head_ = encoder_->register_module(
        "lstm_head", torch::nn::LSTM(torch::nn::LSTMOptions(d, h)
                                         .num_layers(config_.encoder_num_layers)
                                         .dropout(config_.encoder_dropout)
                                         .bidirectional(true)
                                         .batch_first(true)));
    mlp->push_back(Linear(2 * h, 2 * h));
    mlp->push_back(ReLU());
    mlp->push_back(Linear(2 * h, d));
  } else {
    mlp->push_back(Linear(d, h));
    mlp->push_back(ReLU());
    mlp->push_back(Linear(h, h));
    mlp->push_back(ReLU());
    mlp->push_back(Linear(h, d));
  }
  mlp_head_ = encoder_->register_module("mlp_head", mlp);
}

at::Tensor PTuning::encode() {
  const auto& embeddings = embedding_->weight;  // (rows, d)
  if (!lstm_head_) return mlp_head_->forward(embeddings);
  const auto sequence = std::get<0>(lstm_head_->forward(embeddings.unsqueeze(0)));  // (1, rows, 2h)
  return mlp_head_->forward(sequence).squeeze(0);
}

PromptInjection PTuning::inject(std::int64_t batch) {
  PromptInjection injection;
  // T5: the encoder runs over all rows, and only the first num_virtual_tokens are used.
  injection.virtual_tokens = virtualTokens(promptTable(), config_.base.num_virtual_tokens, batch);
  return injection;
}

nlohmann::json PTuning::adapterConfig() const {
  auto json = config_.base.toJson(peftType());
  json["encoder_dropout"] = config_.encoder_dropout;
  json["encoder_hidden_size"] = config_.encoder_hidden_size;
  json["encoder_num_layers"] = config_.encoder_num_layers;
  json["encoder_reparameterization_type"] =
      config_.encoder_reparameterization_type == PTuningConfig::Encoder::Lstm ? "LSTM" : "MLP";
  return json;
}

}  // namespace pwb::adapt
