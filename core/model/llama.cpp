#include "model/llama.h"

#include <cmath>
#include <limits>

#include <torch/nn/functional/activation.h>

#include "model/attention_mask.h"

namespace pwb::model {
namespace {

torch::nn::Linear linear(std::int64_t in, std::int64_t out, bool bias) {
  return torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(bias));
}

HookedLinear hookedLinear(std::int64_t in, std::int64_t out, bool bias) {
  return HookedLinear(torch::nn::LinearOptions(in, out).bias(bias));
}

// Hugging Face's rotate_half: (x1, x2) -> (-x2, x1) over the two halves of the last axis.
torch::Tensor rotateHalf(const torch::Tensor& x) {
  const auto half = x.size(-1) / 2;
  return torch::cat({-x.slice(-1, half), x.slice(-1, 0, half)}, -1);
}

torch::Tensor llama3Frequencies(torch::Tensor inv_freq, const RopeScaling& s) {
  // Long wavelengths are slowed by `factor`, short ones kept, the band between interpolated.
  const double old_context = static_cast<double>(s.original_max_position_embeddings);
  const double low_wavelen = old_context / s.low_freq_factor;
  const double high_wavelen = old_context / s.high_freq_factor;
  auto* f = inv_freq.data_ptr<double>();
  for (std::int64_t i = 0; i < inv_freq.numel(); ++i) {
    const double wavelen = 2.0 * M_PI / f[i];
    if (wavelen > low_wavelen) {
      f[i] /= s.factor;
    } else if (wavelen >= high_wavelen) {
      const double smooth = (old_context / wavelen - s.low_freq_factor) / (s.high_freq_factor - s.low_freq_factor);
      f[i] = (1.0 - smooth) * f[i] / s.factor + smooth * f[i];
    }
  }
  return inv_freq;
}

}  // namespace

RmsNormImpl::RmsNormImpl(std::int64_t width, double eps) : eps_(eps) {
  weight = register_parameter("weight", torch::ones({width}));
}

torch::Tensor RmsNormImpl::forward(const torch::Tensor& x) {
  return weight * (x * torch::rsqrt(x.pow(2).mean(-1, /*keepdim=*/true) + eps_));
}

RotaryEmbedding::RotaryEmbedding(const LlamaOptions& options) {
  const auto D = options.headDim();
  // Computed in double, then rounded once, to stay within float32 rounding of the reference.
  auto exponents = torch::arange(0, D, 2, torch::kDouble) / static_cast<double>(D);
  auto inv_freq = torch::pow(options.rope_theta, exponents).reciprocal();
  switch (options.rope_scaling.kind) {
    case RopeScaling::Kind::None: break;
    case RopeScaling::Kind::Linear: inv_freq = inv_freq / options.rope_scaling.factor; break;
    case RopeScaling::Kind::Llama3: inv_freq = llama3Frequencies(inv_freq.contiguous(), options.rope_scaling); break;
  }
  inv_freq_ = inv_freq.to(torch::kFloat);
}

torch::Tensor RotaryEmbedding::apply(const torch::Tensor& x, const torch::Tensor& positions) const {
  const auto freqs = positions.to(torch::kFloat).unsqueeze(-1) * inv_freq_;  // (B, T, D/2)
  const auto angles = torch::cat({freqs, freqs}, -1).unsqueeze(1);           // (B, 1, T, D)
  return x * angles.cos() + rotateHalf(x) * angles.sin();
}

LlamaAttentionImpl::LlamaAttentionImpl(const LlamaOptions& o)
    : heads_(o.num_attention_heads), kv_heads_(o.num_key_value_heads), head_dim_(o.headDim()) {
  q_proj = register_module("q_proj", hookedLinear(o.hidden_size, heads_ * head_dim_, o.attention_bias));
  k_proj = register_module("k_proj", hookedLinear(o.hidden_size, kv_heads_ * head_dim_, o.attention_bias));
  v_proj = register_module("v_proj", hookedLinear(o.hidden_size, kv_heads_ * head_dim_, o.attention_bias));
  o_proj = register_module("o_proj", hookedLinear(heads_ * head_dim_, o.hidden_size, o.attention_bias));
}

torch::Tensor LlamaAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& positions,
                                          const torch::Tensor& blocked, const RotaryEmbedding& rope, KvCache* cache,
                                          std::size_t layer) {
  const auto B = x.size(0), T = x.size(1);
  auto q = rope.apply(q_proj(x).view({B, T, heads_, head_dim_}).transpose(1, 2), positions);     // (B, H, T, D)
  auto k = rope.apply(k_proj(x).view({B, T, kv_heads_, head_dim_}).transpose(1, 2), positions);  // (B, G, T, D)
  auto v = v_proj(x).view({B, T, kv_heads_, head_dim_}).transpose(1, 2);                         // (B, G, T, D)
  if (cache != nullptr) std::tie(k, v) = cache->append(layer, k, v);  // (B, G, S, D)
  // Grouped-query attention: each KV head serves heads_ / kv_heads_ query heads.
  const auto repeat = heads_ / kv_heads_;
  if (repeat > 1) {
    k = k.repeat_interleave(repeat, 1);  // (B, H, S, D)
    v = v.repeat_interleave(repeat, 1);
  }
  auto scores = torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(head_dim_));  // (B, H, T, S)
  scores = scores.masked_fill(blocked, std::numeric_limits<float>::lowest());
  const auto attended = torch::matmul(torch::softmax(scores, -1), v);  // (B, H, T, D)
  return o_proj(attended.transpose(1, 2).reshape({B, T, heads_ * head_dim_}));
}

LlamaMlpImpl::LlamaMlpImpl(const LlamaOptions& o) {
  gate_proj = register_module("gate_proj", hookedLinear(o.hidden_size, o.intermediate_size, o.mlp_bias));
  up_proj = register_module("up_proj", hookedLinear(o.hidden_size, o.intermediate_size, o.mlp_bias));
  down_proj = register_module("down_proj", hookedLinear(o.intermediate_size, o.hidden_size, o.mlp_bias));
}

torch::Tensor LlamaMlpImpl::forward(const torch::Tensor& x) {
  return down_proj(torch::silu(gate_proj(x)) * up_proj(x));
}

LlamaDecoderLayerImpl::LlamaDecoderLayerImpl(const LlamaOptions& o) {
  input_layernorm = register_module("input_layernorm", RmsNorm(o.hidden_size, o.rms_norm_eps));
  self_attn = register_module("self_attn", LlamaAttention(o));
  post_attention_layernorm = register_module("post_attention_layernorm", RmsNorm(o.hidden_size, o.rms_norm_eps));
  mlp = register_module("mlp", LlamaMlp(o));
}

torch::Tensor LlamaDecoderLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& positions,
                                             const torch::Tensor& blocked, const RotaryEmbedding& rope,
                                             KvCache* cache, std::size_t layer) {
  auto hidden = x + self_attn(input_layernorm(x), positions, blocked, rope, cache, layer);
  return hidden + mlp(post_attention_layernorm(hidden));
}

LlamaModelImpl::LlamaModelImpl(const LlamaOptions& o) : rope_(o) {
  embed_tokens = register_module("embed_tokens", torch::nn::Embedding(o.vocab_size, o.hidden_size));
  layers = register_module("layers", torch::nn::ModuleList());
  for (std::int64_t i = 0; i < o.num_hidden_layers; ++i) layers->push_back(LlamaDecoderLayer(o));
  norm = register_module("norm", RmsNorm(o.hidden_size, o.rms_norm_eps));
}

torch::Tensor LlamaModelImpl::forward(const torch::Tensor& ids, const torch::Tensor& key_mask, KvCache* cache,
                                      std::vector<torch::Tensor>* hidden_states) {
  return forwardEmbeddings(embed_tokens(ids), key_mask, cache, hidden_states);
}

torch::Tensor LlamaModelImpl::forwardEmbeddings(const torch::Tensor& embeddings, const torch::Tensor& key_mask,
                                                KvCache* cache, std::vector<torch::Tensor>* hidden_states) {
  const auto B = embeddings.size(0), T = embeddings.size(1);
  const auto past = cache != nullptr ? cache->length() : 0;
  const auto positions = positionIds(B, T, past, key_mask, embeddings.device());  // (B, T)
  const auto blocked = causalBlockedMask(T, past, key_mask, embeddings.device());  // (B|1, 1, T, S)
  auto x = embeddings;  // (B, T, C)
  std::size_t index = 0;
  for (const auto& layer : *layers) {
    if (hidden_states != nullptr) hidden_states->push_back(x);
    x = layer->as<LlamaDecoderLayer>()->forward(x, positions, blocked, rope_, cache, index++);
  }
  x = norm(x);
  if (hidden_states != nullptr) hidden_states->push_back(x);
  return x;
}

LlamaForCausalLMImpl::LlamaForCausalLMImpl(const LlamaOptions& o) : options_(o) {
  TORCH_CHECK(o.num_attention_heads % o.num_key_value_heads == 0, "num_attention_heads ", o.num_attention_heads,
              " is not a multiple of num_key_value_heads ", o.num_key_value_heads);
  model = register_module("model", LlamaModel(o));
  if (!o.tie_word_embeddings) lm_head = register_module("lm_head", linear(o.hidden_size, o.vocab_size, false));
}

torch::Tensor LlamaForCausalLMImpl::forward(const torch::Tensor& ids, const torch::Tensor& key_mask, KvCache* cache) {
  return forwardEmbeddings(model->embed_tokens(ids), key_mask, cache);
}

torch::Tensor LlamaForCausalLMImpl::forwardEmbeddings(const torch::Tensor& embeddings, const torch::Tensor& key_mask,
                                                      KvCache* cache) {
  const auto hidden = model->forwardEmbeddings(embeddings, key_mask, cache);
  return lm_head ? lm_head(hidden) : torch::matmul(hidden, model->embed_tokens->weight.t());  // (B, T, V)
}

}  // namespace pwb::model
