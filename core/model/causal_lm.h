#pragma once
// Every decoder-only family (GPT-2, Llama, ...) behind one interface, so that scoring,
// generation and training need not know which one they drive.

#include <memory>

#include <torch/nn/module.h>

#include "model/kv_cache.h"

namespace pwb::model {

class CausalLanguageModel {
 public:
  virtual ~CausalLanguageModel() = default;
  // ids (B, T) -> logits (B, T, V); key_mask (B, S) over cached + new tokens, or undefined.
  virtual at::Tensor forward(const at::Tensor& ids, const at::Tensor& key_mask, KvCache* cache) = 0;
  virtual torch::nn::Module& module() = 0;
  // False for a model that runs whole sequences only (generation then re-runs the sequence).
  virtual bool extendsKvCache() const { return true; }
};

// Wraps a family's module holder (Gpt2LMHeadModel, LlamaForCausalLM, ...).
template <class Holder>
class CausalModelAdapter final : public CausalLanguageModel {
 public:
  explicit CausalModelAdapter(Holder model) : model_(std::move(model)) {}
  at::Tensor forward(const at::Tensor& ids, const at::Tensor& key_mask, KvCache* cache) override {
    return model_->forward(ids, key_mask, cache);
  }
  torch::nn::Module& module() override { return *model_; }
  Holder& holder() { return model_; }

 private:
  Holder model_;
};

template <class Holder>
std::unique_ptr<CausalLanguageModel> wrapCausal(Holder model) {
  return std::make_unique<CausalModelAdapter<Holder>>(std::move(model));
}

}  // namespace pwb::model
