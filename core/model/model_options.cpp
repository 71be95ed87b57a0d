#include "model/model_options.h"

#include <stdexcept>

namespace pwb::model {
namespace {

[[noreturn]] void unsupported(const std::string& source, const std::string& key, const std::string& why) {
  throw std::runtime_error(source + ": key '" + key + "': " + why);
}

RopeScaling ropeScaling(const RopeScalingConfig& config) {
  RopeScaling scaling;
  switch (config.kind) {
    case RopeScalingConfig::Kind::None: scaling.kind = RopeScaling::Kind::None; break;
    case RopeScalingConfig::Kind::Linear: scaling.kind = RopeScaling::Kind::Linear; break;
    case RopeScalingConfig::Kind::Llama3: scaling.kind = RopeScaling::Kind::Llama3; break;
  }
  scaling.factor = config.factor;
  scaling.low_freq_factor = config.low_freq_factor;
  scaling.high_freq_factor = config.high_freq_factor;
  scaling.original_max_position_embeddings = config.original_max_position_embeddings;
  return scaling;
}

T5Options::Activation t5Activation(Activation activation) {
  switch (activation) {
    case Activation::Relu: return T5Options::Activation::Relu;
    case Activation::Gelu: return T5Options::Activation::Gelu;
    case Activation::GeluNew: return T5Options::Activation::GeluNew;
    case Activation::Silu: return T5Options::Activation::Silu;
  }
  return T5Options::Activation::Relu;
}

}  // namespace

Gpt2Options gpt2Options(const Gpt2Config& c, const std::string& source) {
  if (c.activation_function != Activation::GeluNew) {
    unsupported(source, "activation_function", "only gelu_new (the tanh approximation) is implemented for GPT-2");
  }
  if (!c.scale_attn_weights) unsupported(source, "scale_attn_weights", "false is not implemented");
  if (c.scale_attn_by_inverse_layer_idx) unsupported(source, "scale_attn_by_inverse_layer_idx", "true is not implemented");
  if (!c.tie_word_embeddings) unsupported(source, "tie_word_embeddings", "an untied GPT-2 head is not implemented");
  Gpt2Options o;
  o.vocab_size = c.vocab_size;
  o.n_positions = c.n_positions;
  o.n_embd = c.n_embd;
  o.n_layer = c.n_layer;
  o.n_head = c.n_head;
  o.n_inner = c.n_inner;
  o.layer_norm_epsilon = c.layer_norm_epsilon;
  o.initializer_range = c.initializer_range;
  return o;
}

LlamaOptions llamaOptions(const LlamaConfig& c, const std::string& source) {
  if (c.hidden_act != Activation::Silu) unsupported(source, "hidden_act", "only silu (SwiGLU) is implemented for Llama");
  LlamaOptions o;
  o.vocab_size = c.vocab_size;
  o.hidden_size = c.hidden_size;
  o.intermediate_size = c.intermediate_size;
  o.num_hidden_layers = c.num_hidden_layers;
  o.num_attention_heads = c.num_attention_heads;
  o.num_key_value_heads = c.num_key_value_heads;
  o.head_dim = c.head_dim;
  o.max_position_embeddings = c.max_position_embeddings;
  o.rms_norm_eps = c.rms_norm_eps;
  o.rope_theta = c.rope_theta;
  o.rope_scaling = ropeScaling(c.rope_scaling);
  o.tie_word_embeddings = c.tie_word_embeddings;
  o.attention_bias = c.attention_bias;
  o.mlp_bias = c.mlp_bias;
  return o;
}

T5Options t5Options(const T5Config& c, const std::string& source) {
  if (!c.decoder_start_token_id) {
    unsupported(source, "decoder_start_token_id", "missing; a T5 decoder needs the id it starts from");
  }
  T5Options o;
  o.vocab_size = c.vocab_size;
  o.d_model = c.d_model;
  o.d_kv = c.d_kv;
  o.d_ff = c.d_ff;
  o.num_layers = c.num_layers;
  o.num_decoder_layers = c.num_decoder_layers;
  o.num_heads = c.num_heads;
  o.relative_attention_num_buckets = c.relative_attention_num_buckets;
  o.relative_attention_max_distance = c.relative_attention_max_distance;
  o.feed_forward_proj.is_gated = c.is_gated_act;
  o.feed_forward_proj.activation = t5Activation(c.dense_act_fn);
  o.layer_norm_epsilon = c.layer_norm_epsilon;
  o.tie_word_embeddings = c.tie_word_embeddings;
  o.decoder_start_token_id = *c.decoder_start_token_id;
  o.pad_token_id = c.pad_token_id.value_or(0);
  o.eos_token_id = c.eos_token_ids.empty() ? 1 : c.eos_token_ids.front();
  return o;
}

}  // namespace pwb::model
