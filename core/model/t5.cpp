#include "model/t5.h"

#include <cmath>

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/loss.h>

#include "model/attention_mask.h"

namespace pwb::model {
namespace {

torch::nn::Linear linear(std::int64_t in, std::int64_t out) {
  return torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(false));
}

HookedLinear hookedLinear(std::int64_t in, std::int64_t out) {
  return HookedLinear(torch::nn::LinearOptions(in, out).bias(false));
}

RmsNorm layerNorm(const T5Options& options) { return RmsNorm(options.d_model, options.layer_norm_epsilon); }

torch::Tensor activate(const torch::Tensor& x, T5Options::Activation activation) {
  switch (activation) {
    case T5Options::Activation::Relu: return torch::relu(x);
    case T5Options::Activation::GeluNew: return torch::gelu(x, "tanh");
    case T5Options::Activation::Gelu: return torch::gelu(x);
    case T5Options::Activation::Silu: return torch::silu(x);
  }
  TORCH_CHECK(false, "unknown T5 activation");
}

// Padding mask (B, S) -> (B, 1, 1, S), true where a key must not be seen; undefined stays undefined.
torch::Tensor blockedKeys(const torch::Tensor& mask) {
  if (!mask.defined()) return {};
  return mask.eq(0).view({mask.size(0), 1, 1, mask.size(1)});
}

}  // namespace

T5DenseActDenseImpl::T5DenseActDenseImpl(const T5Options& options)
    : activation_(options.feed_forward_proj.activation) {
  if (options.feed_forward_proj.is_gated) {
    wi_0 = register_module("wi_0", hookedLinear(options.d_model, options.d_ff));
    wi_1 = register_module("wi_1", hookedLinear(options.d_model, options.d_ff));
  } else {
    wi = register_module("wi", hookedLinear(options.d_model, options.d_ff));
  }
  wo = register_module("wo", hookedLinear(options.d_ff, options.d_model));
}

torch::Tensor T5DenseActDenseImpl::forward(const torch::Tensor& x) {
  const auto inner = wi ? activate(wi(x), activation_) : activate(wi_0(x), activation_) * wi_1(x);  // (B, T, d_ff)
  return wo(inner);
}

T5LayerFFImpl::T5LayerFFImpl(const T5Options& options) {
  DenseReluDense = register_module("DenseReluDense", T5DenseActDense(options));
  layer_norm = register_module("layer_norm", layerNorm(options));
}

torch::Tensor T5LayerFFImpl::forward(const torch::Tensor& x) { return x + DenseReluDense(layer_norm(x)); }

T5LayerSelfAttentionImpl::T5LayerSelfAttentionImpl(const T5Options& options, bool has_relative_attention_bias) {
  SelfAttention = register_module("SelfAttention", T5Attention(options, has_relative_attention_bias));
  layer_norm = register_module("layer_norm", layerNorm(options));
}

torch::Tensor T5LayerSelfAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& bias,
                                                const torch::Tensor& blocked, KvCache* cache, std::size_t layer) {
  return x + SelfAttention(layer_norm(x), torch::Tensor(), bias, blocked, cache, layer);
}

T5LayerCrossAttentionImpl::T5LayerCrossAttentionImpl(const T5Options& options) {
  EncDecAttention = register_module("EncDecAttention", T5Attention(options, false));
  layer_norm = register_module("layer_norm", layerNorm(options));
}

torch::Tensor T5LayerCrossAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& memory,
                                                 const torch::Tensor& blocked, KvCache* cache, std::size_t layer) {
  return x + EncDecAttention(layer_norm(x), memory, torch::Tensor(), blocked, cache, layer);
}

T5BlockImpl::T5BlockImpl(const T5Options& options, bool is_decoder, bool has_relative_attention_bias) {
  layer = register_module("layer", torch::nn::ModuleList());
  self_attention = T5LayerSelfAttention(options, has_relative_attention_bias);
  layer->push_back(self_attention);
  if (is_decoder) {
    cross_attention = T5LayerCrossAttention(options);
    layer->push_back(cross_attention);
  }
  feed_forward = T5LayerFF(options);
  layer->push_back(feed_forward);
}

torch::Tensor T5BlockImpl::forward(const torch::Tensor& x, const torch::Tensor& bias, const torch::Tensor& blocked,
                                   const torch::Tensor& memory, const torch::Tensor& memory_blocked, T5Cache* cache,
                                   std::size_t index) {
  auto hidden = self_attention(x, bias, blocked, cache != nullptr ? &cache->self_attention : nullptr, index);
  if (cross_attention) {
    hidden = cross_attention(hidden, memory, memory_blocked, cache != nullptr ? &cache->cross_attention : nullptr,
                             index);
  }
  return feed_forward(hidden);
}

T5StackImpl::T5StackImpl(const T5Options& options, bool is_decoder) {
  block = register_module("block", torch::nn::ModuleList());
  const auto layers = is_decoder ? options.decoderLayers() : options.num_layers;
  for (std::int64_t i = 0; i < layers; ++i) block->push_back(T5Block(options, is_decoder, i == 0));
  final_layer_norm = register_module("final_layer_norm", layerNorm(options));
}

T5Attention T5StackImpl::positionSource() { return block[0]->as<T5BlockImpl>()->self_attention->SelfAttention; }

torch::Tensor T5StackImpl::encode(const torch::Tensor& embeddings, const torch::Tensor& mask,
                                  std::vector<torch::Tensor>* hidden_states) {
  const auto S = embeddings.size(1);
  const auto bias = positionSource()->positionBias(0, S, S, /*bidirectional=*/true);  // (1, H, S, S)
  return run(embeddings, bias, blockedKeys(mask), torch::Tensor(), torch::Tensor(), nullptr, hidden_states);
}

torch::Tensor T5StackImpl::decode(const torch::Tensor& embeddings, const torch::Tensor& memory,
                                  const torch::Tensor& memory_mask, T5Cache* cache,
                                  std::vector<torch::Tensor>* hidden_states) {
  const auto T = embeddings.size(1);
  const auto past = cache != nullptr ? cache->self_attention.length() : 0;
  const auto bias = positionSource()->positionBias(past, T, past + T, /*bidirectional=*/false);  // (1, H, T, S)
  const auto blocked = causalBlockedMask(T, past, torch::Tensor(), embeddings.device());        // (1, 1, T, S)
  return run(embeddings, bias, blocked, memory, blockedKeys(memory_mask), cache, hidden_states);
}

torch::Tensor T5StackImpl::run(torch::Tensor x, const torch::Tensor& bias, const torch::Tensor& blocked,
                               const torch::Tensor& memory, const torch::Tensor& memory_blocked, T5Cache* cache,
                               std::vector<torch::Tensor>* hidden_states) {
  std::size_t index = 0;
  for (const auto& module : *block) {
    if (hidden_states != nullptr) hidden_states->push_back(x);
    x = module->as<T5BlockImpl>()->forward(x, bias, blocked, memory, memory_blocked, cache, index++);
  }
  x = final_layer_norm(x);
  if (hidden_states != nullptr) hidden_states->push_back(x);
  return x;
}

T5ForConditionalGenerationImpl::T5ForConditionalGenerationImpl(const T5Options& options) : options_(options) {
  shared = register_module("shared", torch::nn::Embedding(options.vocab_size, options.d_model));
  encoder = register_module("encoder", T5Stack(options, /*is_decoder=*/false));
  decoder = register_module("decoder", T5Stack(options, /*is_decoder=*/true));
  if (!options.tie_word_embeddings) lm_head = register_module("lm_head", linear(options.d_model, options.vocab_size));
}

torch::Tensor T5ForConditionalGenerationImpl::encode(const torch::Tensor& input_ids,
                                                     const torch::Tensor& attention_mask,
                                                     std::vector<torch::Tensor>* hidden_states) {
  return encoder->encode(shared(input_ids), attention_mask, hidden_states);
}

torch::Tensor T5ForConditionalGenerationImpl::decode(const torch::Tensor& decoder_input_ids,
                                                     const torch::Tensor& encoder_output,
                                                     const torch::Tensor& attention_mask, T5Cache* cache,
                                                     std::vector<torch::Tensor>* hidden_states) {
  const auto hidden = decoder->decode(shared(decoder_input_ids), encoder_output, attention_mask, cache, hidden_states);
  if (lm_head) return lm_head(hidden);
  // Mesh TensorFlow's tied head rescales before reusing the input embedding.
  return torch::linear(hidden * std::pow(static_cast<double>(options_.d_model), -0.5), shared->weight);  // (B, T, V)
}

torch::Tensor T5ForConditionalGenerationImpl::forward(const torch::Tensor& input_ids,
                                                      const torch::Tensor& attention_mask,
                                                      const torch::Tensor& decoder_input_ids) {
  return decode(decoder_input_ids, encode(input_ids, attention_mask), attention_mask);
}

torch::Tensor T5ForConditionalGenerationImpl::loss(const torch::Tensor& input_ids, const torch::Tensor& attention_mask,
                                                   const torch::Tensor& labels) {
  const auto logits = forward(input_ids, attention_mask, shiftRight(labels));  // (B, T, V)
  namespace F = torch::nn::functional;
  return F::cross_entropy(logits.reshape({-1, logits.size(-1)}), labels.reshape({-1}),
                          F::CrossEntropyFuncOptions().ignore_index(-100));
}

torch::Tensor T5ForConditionalGenerationImpl::shiftRight(const torch::Tensor& labels) const {
  auto shifted = torch::full_like(labels, options_.decoder_start_token_id);  // (B, T)
  shifted.slice(1, 1).copy_(labels.slice(1, 0, labels.size(1) - 1));
  return shifted.masked_fill_(shifted.eq(-100), options_.pad_token_id);
}

std::pair<torch::Tensor, torch::Tensor> encodeAfterPrompt(T5ForConditionalGenerationImpl& model,
                                                          const torch::Tensor& input_ids,
                                                          const torch::Tensor& attention_mask,
                                                          const PromptInjection& prompt) {
  auto embeddings = model.shared(input_ids);  // (B, S, C)
  auto mask = attention_mask;
  if (prompt.virtual_tokens.defined()) {
    const auto n = prompt.virtual_tokens.size(1);
    embeddings = torch::cat({prompt.virtual_tokens, embeddings}, 1);
    if (mask.defined()) mask = torch::cat({torch::ones({mask.size(0), n}, mask.options()), mask}, 1);
  }
  return {model.encoder->encode(embeddings, mask, nullptr), mask};
}

T5Cache startingCache(const PromptInjection& prompt, std::int64_t encoder_length) {
  T5Cache cache;
  cache.self_attention = prompt.prefix;
  if (prompt.cross_prefix.length() == encoder_length) cache.cross_attention = prompt.cross_prefix;
  return cache;
}

}  // namespace pwb::model
