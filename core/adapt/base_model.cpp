#include "adapt/base_model.h"

#include <stdexcept>

#include <torch/nn/functional/loss.h>

#include "model/safetensors_torch.h"
#include "model/state_dict.h"

namespace pwb::adapt {
namespace {

model::Gpt2Options gpt2Options(const model::Gpt2Config& c) {
  model::Gpt2Options o;
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

model::LlamaOptions llamaOptions(const model::LlamaConfig& c) {
  model::LlamaOptions o;
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
  o.rope_scaling.kind = static_cast<model::RopeScaling::Kind>(c.rope_scaling.kind);
  o.rope_scaling.factor = c.rope_scaling.factor;
  o.rope_scaling.low_freq_factor = c.rope_scaling.low_freq_factor;
  o.rope_scaling.high_freq_factor = c.rope_scaling.high_freq_factor;
  o.rope_scaling.original_max_position_embeddings = c.rope_scaling.original_max_position_embeddings;
  o.tie_word_embeddings = c.tie_word_embeddings;
  o.attention_bias = c.attention_bias;
  o.mlp_bias = c.mlp_bias;
  return o;
}

model::T5Options t5Options(const model::T5Config& c) {
  model::T5Options o;
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
  switch (c.dense_act_fn) {
    case model::Activation::Relu: o.feed_forward_proj.activation = model::T5Options::Activation::Relu; break;
    case model::Activation::Gelu: o.feed_forward_proj.activation = model::T5Options::Activation::Gelu; break;
    case model::Activation::GeluNew: o.feed_forward_proj.activation = model::T5Options::Activation::GeluNew; break;
    case model::Activation::Silu: o.feed_forward_proj.activation = model::T5Options::Activation::Silu; break;
  }
  o.layer_norm_epsilon = c.layer_norm_epsilon;
  o.tie_word_embeddings = c.tie_word_embeddings;
  o.decoder_start_token_id = c.decoder_start_token_id.value_or(c.pad_token_id.value_or(0));
  o.pad_token_id = c.pad_token_id.value_or(0);
  if (!c.eos_token_ids.empty()) o.eos_token_id = c.eos_token_ids.front();
  return o;
}

// Hugging Face's causal loss: logits[:, :-1] predict labels[:, 1:].
at::Tensor shiftedCrossEntropy(const at::Tensor& logits, const at::Tensor& labels) {
  const auto V = logits.size(-1);
  return torch::nn::functional::cross_entropy(
      logits.slice(1, 0, -1).reshape({-1, V}), labels.slice(1, 1).reshape({-1}),
      torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
}

at::Tensor prependOnes(const at::Tensor& mask, std::int64_t count) {
  return at::cat({at::ones({mask.size(0), count}, mask.options()), mask}, 1);
}

}  // namespace

ModelShape shapeOf(const model::ModelConfig& config) {
  ModelShape s;
  s.family = model::familyOf(config);
  if (const auto* g = std::get_if<model::Gpt2Config>(&config)) {
    s.vocab_size = g->vocab_size;
    s.hidden_size = g->n_embd;
    s.num_layers = g->n_layer;
    s.num_attention_heads = s.num_key_value_heads = g->n_head;
  } else if (const auto* t = std::get_if<model::T5Config>(&config)) {
    s.vocab_size = t->vocab_size;
    s.hidden_size = t->d_model;
    s.num_layers = t->num_layers;
    s.num_attention_heads = s.num_key_value_heads = t->num_heads;
    s.encoder_decoder = true;
  } else {
    const auto& l = std::get<model::LlamaConfig>(config);
    s.vocab_size = l.vocab_size;
    s.hidden_size = l.hidden_size;
    s.num_layers = l.num_hidden_layers;
    s.num_attention_heads = l.num_attention_heads;
    s.num_key_value_heads = l.num_key_value_heads;
  }
  return s;
}

BaseModel::BaseModel(const model::ModelConfig& config, std::string name)
    : config_(config), shape_(shapeOf(config)), name_(std::move(name)), module_([&]() -> decltype(module_) {
        if (const auto* g = std::get_if<model::Gpt2Config>(&config)) return model::Gpt2LMHeadModel(gpt2Options(*g));
        if (const auto* t = std::get_if<model::T5Config>(&config)) {
          return model::T5ForConditionalGeneration(t5Options(*t));
        }
        return model::LlamaForCausalLM(llamaOptions(std::get<model::LlamaConfig>(config)));
      }()) {
  // The base is frozen unless a method (full fine-tuning) says otherwise.
  for (auto& p : module().parameters()) p.set_requires_grad(false);
  module().eval();
}

BaseModel BaseModel::fromFolder(const std::filesystem::path& folder) {
  BaseModel base(model::parseModelConfigFile(folder / "config.json"), folder.filename().string());
  const model::SafetensorsFile file(folder / "model.safetensors");
  model::TensorSource source;
  source.description = file.path().string();
  source.names = file.names();
  source.shape = [&file](const std::string& name) { return file.tensor(name).shape; };
  source.read = [&file](const std::string& name) { return model::readTensor(file, name, at::kFloat); };
  model::loadStateDict(base.module(), source);
  return base;
}

torch::nn::Module& BaseModel::module() {
  return std::visit([](auto& holder) -> torch::nn::Module& { return *holder; }, module_);
}

at::Tensor BaseModel::tokenEmbeddingWeight() {
  if (auto* g = std::get_if<model::Gpt2LMHeadModel>(&module_)) return (*g)->transformer->wte->weight;
  if (auto* t = std::get_if<model::T5ForConditionalGeneration>(&module_)) return (*t)->shared->weight;
  return std::get<model::LlamaForCausalLM>(module_)->model->embed_tokens->weight;
}

at::Tensor BaseModel::embedTokens(const at::Tensor& ids) { return at::embedding(tokenEmbeddingWeight(), ids); }

ForwardOutput BaseModel::forward(const Batch& batch, const PromptInjection& injection) {
  return shape_.encoder_decoder ? forwardSeq2Seq(batch, injection) : forwardCausal(batch, injection);
}

ForwardOutput BaseModel::forwardCausal(const Batch& batch, const PromptInjection& injection) {
  auto embeddings = embedTokens(batch.input_ids);  // (B, T, C)
  auto mask = batch.attention_mask.defined() ? batch.attention_mask : at::ones_like(batch.input_ids);
  auto labels = batch.labels;
  if (injection.virtual_tokens.defined()) {
    // PEFT: virtual tokens are real to attention and ignored by the loss.
    const auto n = injection.virtual_tokens.size(1);
    embeddings = at::cat({injection.virtual_tokens, embeddings}, 1);
    mask = prependOnes(mask, n);
    labels = at::cat({at::full({labels.size(0), n}, -100, labels.options()), labels}, 1);
  }
  model::KvCache cache = injection.prefix;
  const bool has_prefix = cache.length() > 0;
  if (has_prefix) mask = prependOnes(mask, cache.length());
  auto* cache_pointer = has_prefix ? &cache : nullptr;
  ForwardOutput out;
  if (auto* g = std::get_if<model::Gpt2LMHeadModel>(&module_)) {
    out.logits = (*g)->forwardEmbeddings(embeddings, mask, cache_pointer);
  } else {
    out.logits = std::get<model::LlamaForCausalLM>(module_)->forwardEmbeddings(embeddings, mask, cache_pointer);
  }
  if (labels.defined()) out.loss = shiftedCrossEntropy(out.logits, labels);
  return out;
}

ForwardOutput BaseModel::forwardSeq2Seq(const Batch& batch, const PromptInjection& injection) {
  auto& t5 = std::get<model::T5ForConditionalGeneration>(module_);
  if (!batch.labels.defined()) throw std::invalid_argument("a T5 batch needs labels (the target ids)");
  auto embeddings = embedTokens(batch.input_ids);
  auto mask = batch.attention_mask.defined() ? batch.attention_mask : at::ones_like(batch.input_ids);
  if (injection.virtual_tokens.defined()) {
    embeddings = at::cat({injection.virtual_tokens, embeddings}, 1);
    mask = prependOnes(mask, injection.virtual_tokens.size(1));
  }
  const auto memory = t5->encoder->encode(embeddings, mask, nullptr);
  model::T5Cache cache;
  cache.self_attention = injection.prefix;
  // Hugging Face uses a cross-attention prefix only when its length equals the encoder's.
  if (injection.cross_prefix.length() == memory.size(1)) cache.cross_attention = injection.cross_prefix;
  const bool has_prefix = cache.self_attention.length() > 0;
  ForwardOutput out;
  out.logits = t5->decode(t5->shiftRight(batch.labels), memory, mask, has_prefix ? &cache : nullptr);
  out.loss = torch::nn::functional::cross_entropy(
      out.logits.reshape({-1, out.logits.size(-1)}), batch.labels.reshape({-1}),
      torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
  return out;
}

}  // namespace pwb::adapt
