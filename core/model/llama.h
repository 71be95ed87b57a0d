#pragma once
// Llama-family decoder (RMSNorm, rotary positions, SwiGLU, grouped-query attention) with
// Hugging Face's parameter names: model.embed_tokens, model.layers.<i>.{input_layernorm,
// self_attn.{q,k,v,o}_proj, post_attention_layernorm, mlp.{gate,up,down}_proj}, model.norm,
// lm_head (absent when tied). Rotary positions use Hugging Face's half-split layout.
// Shapes: B batch, T new tokens, S cached + new tokens, C width, H query heads, G KV heads, D head dim.

#include <vector>

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>

#include "model/kv_cache.h"
#include "model/linear_hook.h"

namespace pwb::model {

struct RopeScaling {
  enum class Kind { None, Linear, Llama3 } kind = Kind::None;
  double factor = 1.0;
  double low_freq_factor = 1.0;
  double high_freq_factor = 4.0;
  std::int64_t original_max_position_embeddings = 8192;
};

struct LlamaOptions {
  std::int64_t vocab_size = 32000;
  std::int64_t hidden_size = 4096;
  std::int64_t intermediate_size = 11008;
  std::int64_t num_hidden_layers = 32;
  std::int64_t num_attention_heads = 32;
  std::int64_t num_key_value_heads = 32;
  std::int64_t head_dim = 0;  // 0: hidden_size / num_attention_heads
  std::int64_t max_position_embeddings = 2048;
  double rms_norm_eps = 1e-6;
  double rope_theta = 10000.0;
  RopeScaling rope_scaling;
  bool tie_word_embeddings = false;
  bool attention_bias = false;
  bool mlp_bias = false;

  std::int64_t headDim() const { return head_dim > 0 ? head_dim : hidden_size / num_attention_heads; }
};

class RmsNormImpl : public torch::nn::Module {
 public:
  RmsNormImpl(std::int64_t width, double eps);
  torch::Tensor forward(const torch::Tensor& x);
  torch::Tensor weight;  // (C)

 private:
  double eps_;
};
TORCH_MODULE(RmsNorm);

class RotaryEmbedding {
 public:
  explicit RotaryEmbedding(const LlamaOptions& options);
  // Rotates x (B, heads, T, D) for positions (B, T) int64.
  torch::Tensor apply(const torch::Tensor& x, const torch::Tensor& positions) const;
  const torch::Tensor& inverseFrequencies() const { return inv_freq_; }

 private:
  torch::Tensor inv_freq_;  // (D/2)
};

class LlamaAttentionImpl : public torch::nn::Module {
 public:
  explicit LlamaAttentionImpl(const LlamaOptions& options);
  // x (B, T, C); blocked (B or 1, 1, T, S) true where a query must not see a key.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& positions, const torch::Tensor& blocked,
                        const RotaryEmbedding& rope, KvCache* cache, std::size_t layer);
  HookedLinear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, o_proj{nullptr};

 private:
  std::int64_t heads_, kv_heads_, head_dim_;
};
TORCH_MODULE(LlamaAttention);

class LlamaMlpImpl : public torch::nn::Module {
 public:
  explicit LlamaMlpImpl(const LlamaOptions& options);
  torch::Tensor forward(const torch::Tensor& x);  // down(silu(gate(x)) * up(x))
  HookedLinear gate_proj{nullptr}, up_proj{nullptr}, down_proj{nullptr};
};
TORCH_MODULE(LlamaMlp);

class LlamaDecoderLayerImpl : public torch::nn::Module {
 public:
  explicit LlamaDecoderLayerImpl(const LlamaOptions& options);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& positions, const torch::Tensor& blocked,
                        const RotaryEmbedding& rope, KvCache* cache, std::size_t layer);
  RmsNorm input_layernorm{nullptr};
  LlamaAttention self_attn{nullptr};
  RmsNorm post_attention_layernorm{nullptr};
  LlamaMlp mlp{nullptr};
};
TORCH_MODULE(LlamaDecoderLayer);

class LlamaModelImpl : public torch::nn::Module {
 public:
  explicit LlamaModelImpl(const LlamaOptions& options);
  // ids (B, T) -> (B, T, C) after norm. hidden_states, when given, receives num_hidden_layers + 1
  // tensors (B, T, C) as Hugging Face's output_hidden_states: the embeddings, each layer's output
  // but the last, then after norm.
  torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& key_mask, KvCache* cache,
                        std::vector<torch::Tensor>* hidden_states = nullptr);
  // The same from token embeddings (B, T, C) instead of ids.
  torch::Tensor forwardEmbeddings(const torch::Tensor& embeddings, const torch::Tensor& key_mask, KvCache* cache,
                                  std::vector<torch::Tensor>* hidden_states = nullptr);
  torch::nn::Embedding embed_tokens{nullptr};
  torch::nn::ModuleList layers{nullptr};
  RmsNorm norm{nullptr};

 private:
  RotaryEmbedding rope_;
};
TORCH_MODULE(LlamaModel);

class LlamaForCausalLMImpl : public torch::nn::Module {
 public:
  explicit LlamaForCausalLMImpl(const LlamaOptions& options);
  // ids (B, T) -> logits (B, T, V). key_mask (B, S) covers cached + new tokens (1 = real);
  // with a cache, new tokens are appended to it and positions continue after it. Positions come
  // from the mask, so left padding gives the same logits as no padding.
  torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& key_mask = {}, KvCache* cache = nullptr);
  // The same from token embeddings (B, T, C) instead of ids.
  torch::Tensor forwardEmbeddings(const torch::Tensor& embeddings, const torch::Tensor& key_mask, KvCache* cache);
  const LlamaOptions& options() const { return options_; }
  LlamaModel model{nullptr};
  torch::nn::Linear lm_head{nullptr};  // null when tied to model.embed_tokens

 private:
  LlamaOptions options_;
};
TORCH_MODULE(LlamaForCausalLM);

}  // namespace pwb::model
