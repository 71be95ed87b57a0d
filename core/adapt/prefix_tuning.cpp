#include "adapt/prefix_tuning.h"

#include <stdexcept>

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/linear.h>

#include "model/parameter_count.h"

namespace pwb::adapt {

PrefixTuningConfig PrefixTuningConfig::fromJson(const nlohmann::json& options, const std::string& source) {
  PrefixTuningConfig c;
  c.base = PromptLearningConfig::fromJson(options, source);
  c.encoder_hidden_size = intOption(options, "encoder_hidden_size", 0, source);
  const auto projection = options.find("prefix_projection");
  if (projection != options.end() && !projection->is_null()) {
    if (!projection->is_boolean()) throw std::invalid_argument(source + ": 'prefix_projection' must be true or false");
    c.prefix_projection = projection->get<bool>();
  }
  return c;
}

void PrefixTuningConfig::resolve(const ModelShape& shape, const std::string& model_name) {
  const bool sized = base.token_dim != 0;
  base.resolve(shape, model_name);
  if (!sized && shape.family == model::ModelFamily::Llama) {
    base.token_dim = base.token_dim / base.num_attention_heads * shape.num_key_value_heads;
    base.num_attention_heads = shape.num_key_value_heads;
  }
  if (encoder_hidden_size == 0) encoder_hidden_size = base.token_dim;
}

TrainableCount countPrefixTuning(const model::ModelConfig& config, PrefixTuningConfig tuning) {
  tuning.resolve(shapeOf(config), "");
  const auto n = tuning.base.num_virtual_tokens, d = tuning.base.token_dim;
  const auto h = tuning.encoder_hidden_size, width = tuning.prefixWidth();
  // Embedding(n, d) → Linear(d, h) → tanh → Linear(h, width), or Embedding(n, width).
  const auto added = tuning.prefix_projection ? n * d + (d * h + h) + (h * width + width) : n * width;
  return {added, model::countParameters(config).total + added};
}

void PrefixTuning::attach(BaseModel& model) {
  config_.resolve(model.shape(), model.name());
  const auto& c = config_.base;
  if (c.token_dim % c.num_attention_heads != 0) {
    throw std::invalid_argument("prefix tuning: token_dim " + std::to_string(c.token_dim) +
                                " is not divisible by num_attention_heads " + std::to_string(c.num_attention_heads));
  }
  if (config_.prefix_projection) {
    embedding_ = encoder_->register_module("embedding", torch::nn::Embedding(c.num_virtual_tokens, c.token_dim));
    // Draws as PEFT 0.12 does, so that seed 42 gives PEFT's adapter: each layer is built in its
    // own statement, in PEFT's order (constructors draw; C++ leaves argument order unspecified).
    torch::nn::Sequential transform;
    transform->push_back(torch::nn::Linear(c.token_dim, config_.encoder_hidden_size));
    transform->push_back(torch::nn::Tanh());
    transform->push_back(torch::nn::Linear(config_.encoder_hidden_size, config_.prefixWidth()));
    transform_ = encoder_->register_module("transform", transform);
  } else {
    embedding_ = encoder_->register_module("embedding", torch::nn::Embedding(c.num_virtual_tokens, config_.prefixWidth()));
  }
}

at::Tensor PrefixTuning::encode() {
  return transform_ ? transform_->forward(embedding_->weight) : embedding_->weight;
}

PromptInjection PrefixTuning::inject(std::int64_t batch) {
  PromptInjection injection;
  auto prefix = prefixKeyValues(promptTable(), config_.base.num_layers, config_.base.num_attention_heads,
                                config_.base.num_transformer_submodules, batch);
  injection.prefix = std::move(prefix.self_attention);
  injection.cross_prefix = std::move(prefix.cross_attention);
  return injection;
}

nlohmann::json PrefixTuning::adapterConfig() const {
  auto json = config_.base.toJson(peftType());
  json["encoder_hidden_size"] = config_.encoder_hidden_size;
  json["prefix_projection"] = config_.prefix_projection;
  return json;
}

}  // namespace pwb::adapt
