#include "model/gpt2.h"

#include <cmath>
#include <limits>

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/loss.h>
#include <torch/nn/init.h>

#include "model/attention_mask.h"

namespace pwb::model {
namespace {

torch::nn::LayerNorm layerNorm(const Gpt2Options& options) {
  return torch::nn::LayerNorm(
      torch::nn::LayerNormOptions({options.n_embd}).eps(options.layer_norm_epsilon));
}

}  // namespace

Conv1DImpl::Conv1DImpl(std::int64_t in_features, std::int64_t out_features) {
  weight = register_parameter("weight", torch::empty({in_features, out_features}));
  bias = register_parameter("bias", torch::zeros({out_features}));
}

torch::Tensor Conv1DImpl::forward(const torch::Tensor& x) {
  return run(x, [this](const torch::Tensor& input) {
    auto shape = input.sizes().vec();
    shape.back() = weight.size(1);
    return torch::addmm(bias, input.reshape({-1, input.size(-1)}), weight).view(shape);
  });
}

Gpt2AttentionImpl::Gpt2AttentionImpl(const Gpt2Options& options) : n_head_(options.n_head) {
  c_attn = register_module("c_attn", Conv1D(options.n_embd, 3 * options.n_embd));
  c_proj = register_module("c_proj", Conv1D(options.n_embd, options.n_embd));
}

torch::Tensor Gpt2AttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& blocked, KvCache* cache,
                                         std::size_t layer) {
  const auto B = x.size(0), T = x.size(1), C = x.size(2);
  const auto D = C / n_head_;
  auto qkv = c_attn(x).split(C, /*dim=*/2);  // 3 × (B, T, C)
  auto heads = [&](const torch::Tensor& t) { return t.view({B, T, n_head_, D}).transpose(1, 2); };
  auto q = heads(qkv[0]), k = heads(qkv[1]), v = heads(qkv[2]);  // (B, H, T, D)
  if (cache != nullptr) std::tie(k, v) = cache->append(layer, k, v);  // (B, H, S, D)
  auto scores = torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(D));  // (B, H, T, S)
  // The minimum float (not -inf) keeps the rows of padding queries finite.
  scores = scores.masked_fill(blocked, std::numeric_limits<float>::lowest());
  auto attended = torch::matmul(torch::softmax(scores, -1), v);  // (B, H, T, D)
  return c_proj(attended.transpose(1, 2).reshape({B, T, C}));
}

Gpt2MlpImpl::Gpt2MlpImpl(const Gpt2Options& options) {
  const auto inner = options.n_inner > 0 ? options.n_inner : 4 * options.n_embd;
  c_fc = register_module("c_fc", Conv1D(options.n_embd, inner));
  c_proj = register_module("c_proj", Conv1D(inner, options.n_embd));
}

torch::Tensor Gpt2MlpImpl::forward(const torch::Tensor& x) {
  return c_proj(torch::gelu(c_fc(x), "tanh"));  // GPT-2's gelu_new is the tanh approximation
}

Gpt2BlockImpl::Gpt2BlockImpl(const Gpt2Options& options) {
  ln_1 = register_module("ln_1", layerNorm(options));
  attn = register_module("attn", Gpt2Attention(options));
  ln_2 = register_module("ln_2", layerNorm(options));
  mlp = register_module("mlp", Gpt2Mlp(options));
}

torch::Tensor Gpt2BlockImpl::forward(const torch::Tensor& x, const torch::Tensor& blocked, KvCache* cache,
                                     std::size_t layer) {
  auto hidden = x + attn(ln_1(x), blocked, cache, layer);
  return hidden + mlp(ln_2(hidden));
}

Gpt2TransformerImpl::Gpt2TransformerImpl(const Gpt2Options& options) {
  wte = register_module("wte", torch::nn::Embedding(options.vocab_size, options.n_embd));
  wpe = register_module("wpe", torch::nn::Embedding(options.n_positions, options.n_embd));
  h = register_module("h", torch::nn::ModuleList());
  for (std::int64_t i = 0; i < options.n_layer; ++i) h->push_back(Gpt2Block(options));
  ln_f = register_module("ln_f", layerNorm(options));
}

torch::Tensor Gpt2TransformerImpl::forward(const torch::Tensor& ids, const torch::Tensor& key_mask, KvCache* cache,
                                           std::vector<torch::Tensor>* hidden_states) {
  return forwardEmbeddings(wte(ids), key_mask, cache, hidden_states);
}

torch::Tensor Gpt2TransformerImpl::forwardEmbeddings(const torch::Tensor& embeddings, const torch::Tensor& key_mask,
                                                     KvCache* cache, std::vector<torch::Tensor>* hidden_states) {
  const auto B = embeddings.size(0), T = embeddings.size(1);
  const auto past = cache != nullptr ? cache->length() : 0;
  TORCH_CHECK(past + T <= wpe->weight.size(0), "a sequence of ", past + T, " tokens is longer than the model's ",
              wpe->weight.size(0), " positions");
  const auto positions = positionIds(B, T, past, key_mask, embeddings.device());  // (B, T)
  const auto blocked = causalBlockedMask(T, past, key_mask, embeddings.device());  // (B|1, 1, T, S)
  auto x = embeddings + wpe(positions);                                           // (B, T, C)
  std::size_t layer = 0;
  for (const auto& block : *h) {
    if (hidden_states != nullptr) hidden_states->push_back(x);
    x = block->as<Gpt2Block>()->forward(x, blocked, cache, layer++);
  }
  x = ln_f(x);
  if (hidden_states != nullptr) hidden_states->push_back(x);
  return x;
}

Gpt2LMHeadModelImpl::Gpt2LMHeadModelImpl(const Gpt2Options& options) : options_(options) {
  TORCH_CHECK(options.n_embd % options.n_head == 0, "n_embd ", options.n_embd, " is not divisible by n_head ",
              options.n_head);
  transformer = register_module("transformer", Gpt2Transformer(options));
  initialiseWeights();
}

torch::Tensor Gpt2LMHeadModelImpl::forward(const torch::Tensor& ids, const torch::Tensor& key_mask, KvCache* cache) {
  return forwardEmbeddings(transformer->wte(ids), key_mask, cache);
}

torch::Tensor Gpt2LMHeadModelImpl::forwardEmbeddings(const torch::Tensor& embeddings, const torch::Tensor& key_mask,
                                                     KvCache* cache) {
  const auto hidden = transformer->forwardEmbeddings(embeddings, key_mask, cache);
  return torch::matmul(hidden, transformer->wte->weight.t());  // (B, T, V)
}

torch::Tensor Gpt2LMHeadModelImpl::languageModelLoss(const torch::Tensor& ids, const torch::Tensor& key_mask) {
  const auto logits = forward(ids, key_mask);
  const auto V = logits.size(-1);
  auto targets = ids.slice(1, 1).clone();  // (B, T-1)
  if (key_mask.defined()) targets.masked_fill_(key_mask.slice(1, 1).logical_not(), -100);
  return torch::nn::functional::cross_entropy(
      logits.slice(1, 0, -1).reshape({-1, V}), targets.reshape({-1}),
      torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
}

void Gpt2LMHeadModelImpl::initialiseWeights() {
  torch::NoGradGuard no_grad;
  const double std = options_.initializer_range;
  // Residual projections get std / sqrt(2 * layers), as GPT-2 does.
  const double residual_std = std / std::sqrt(2.0 * static_cast<double>(options_.n_layer));
  for (auto& item : named_parameters()) {
    const auto& name = item.key();
    auto& p = item.value();
    const bool is_norm = name.find(".ln_") != std::string::npos || name.rfind("transformer.ln_f", 0) == 0;
    const bool is_weight = name.compare(name.size() - 6, 6, "weight") == 0;
    if (is_norm && is_weight) {
      p.fill_(1.0);
    } else if (is_norm) {
      p.zero_();
    } else if (name.compare(name.size() - 4, 4, "bias") == 0) {
      p.zero_();
    } else if (name.find("c_proj.weight") != std::string::npos) {
      p.normal_(0.0, residual_std);
    } else {
      p.normal_(0.0, std);
    }
  }
}

}  // namespace pwb::model
