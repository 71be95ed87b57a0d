#pragma once
// GPT-2-style decoder (Radford et al. 2019) with Hugging Face's parameter names, so that a
// GPT2LMHeadModel state dict loads and saves by name: transformer.wte, transformer.wpe,
// transformer.h.<i>.{ln_1, attn.c_attn, attn.c_proj, ln_2, mlp.c_fc, mlp.c_proj}, transformer.ln_f.
// The language-model head is tied to wte. Shapes: B batch, T time, C width, H heads, D head dim.

#include <vector>

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/normalization.h>

#include "model/kv_cache.h"
#include "model/linear_hook.h"

namespace pwb::model {

struct Gpt2Options {
  std::int64_t vocab_size = 50257;
  std::int64_t n_positions = 1024;
  std::int64_t n_embd = 768;
  std::int64_t n_layer = 12;
  std::int64_t n_head = 12;
  std::int64_t n_inner = 0;  // 0: 4 * n_embd
  double layer_norm_epsilon = 1e-5;
  double initializer_range = 0.02;
};

// GPT-2's "Conv1D": a linear layer whose weight is stored [in, out] (y = x W + b).
class Conv1DImpl : public torch::nn::Module, public LinearHookSite {
 public:
  Conv1DImpl(std::int64_t in_features, std::int64_t out_features);
  torch::Tensor forward(const torch::Tensor& x);  // (..., in) -> (..., out)
  at::Tensor weightOutIn() override { return weight.t(); }
  at::Tensor biasTensor() override { return bias; }
  torch::Tensor weight;                           // (in, out)
  torch::Tensor bias;                             // (out)
};
TORCH_MODULE(Conv1D);

class Gpt2AttentionImpl : public torch::nn::Module {
 public:
  explicit Gpt2AttentionImpl(const Gpt2Options& options);
  // x (B, T, C); blocked (B|1, 1, T, S) true where a query must not see a key.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& blocked, KvCache* cache, std::size_t layer);
  Conv1D c_attn{nullptr};
  Conv1D c_proj{nullptr};

 private:
  std::int64_t n_head_;
};
TORCH_MODULE(Gpt2Attention);

class Gpt2MlpImpl : public torch::nn::Module {
 public:
  explicit Gpt2MlpImpl(const Gpt2Options& options);
  torch::Tensor forward(const torch::Tensor& x);  // (B, T, C) -> (B, T, C)
  Conv1D c_fc{nullptr};
  Conv1D c_proj{nullptr};
};
TORCH_MODULE(Gpt2Mlp);

class Gpt2BlockImpl : public torch::nn::Module {
 public:
  explicit Gpt2BlockImpl(const Gpt2Options& options);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& blocked, KvCache* cache, std::size_t layer);
  torch::nn::LayerNorm ln_1{nullptr};
  Gpt2Attention attn{nullptr};
  torch::nn::LayerNorm ln_2{nullptr};
  Gpt2Mlp mlp{nullptr};
};
TORCH_MODULE(Gpt2Block);

class Gpt2TransformerImpl : public torch::nn::Module {
 public:
  explicit Gpt2TransformerImpl(const Gpt2Options& options);
  // ids (B, T) int64 -> hidden states after ln_f (B, T, C). key_mask (B, S) covers cached + new
  // tokens (1 = real); positions come from it, so left padding changes nothing.
  // hidden_states, when given, receives n_layer + 1 tensors (B, T, C) as Hugging Face's
  // output_hidden_states: the embeddings, each block's output but the last, then after ln_f.
  torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& key_mask = {}, KvCache* cache = nullptr,
                        std::vector<torch::Tensor>* hidden_states = nullptr);
  // The same from token embeddings (B, T, C) instead of ids (position embeddings are added here).
  torch::Tensor forwardEmbeddings(const torch::Tensor& embeddings, const torch::Tensor& key_mask, KvCache* cache,
                                  std::vector<torch::Tensor>* hidden_states = nullptr);
  torch::nn::Embedding wte{nullptr};
  torch::nn::Embedding wpe{nullptr};
  torch::nn::ModuleList h{nullptr};
  torch::nn::LayerNorm ln_f{nullptr};
};
TORCH_MODULE(Gpt2Transformer);

class Gpt2LMHeadModelImpl : public torch::nn::Module {
 public:
  explicit Gpt2LMHeadModelImpl(const Gpt2Options& options);
  // ids (B, T) -> logits (B, T, V), the head tied to transformer.wte.
  torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& key_mask = {}, KvCache* cache = nullptr);
  torch::Tensor forwardEmbeddings(const torch::Tensor& embeddings, const torch::Tensor& key_mask, KvCache* cache);
  // Mean next-token cross-entropy: logits[:, :-1] against ids[:, 1:], ignoring masked targets.
  torch::Tensor languageModelLoss(const torch::Tensor& ids, const torch::Tensor& key_mask = {});
  const Gpt2Options& options() const { return options_; }
  Gpt2Transformer transformer{nullptr};

 private:
  // Hugging Face's initialisation, for training from scratch.
  void initialiseWeights();
  Gpt2Options options_;
};
TORCH_MODULE(Gpt2LMHeadModel);

}  // namespace pwb::model
