#pragma once
// A decoder-only base model with an adaptation method attached, behind the CausalLanguageModel
// interface, so that the trainer's loss and rank-classification scoring run the adapted forward
// pass (virtual tokens, key/value prefixes, LoRA and IA3 hooks) without knowing the method.

#include <memory>

#include "adapt/adaptation_method.h"
#include "adapt/base_model.h"
#include "model/causal_lm.h"

namespace pwb::adapt {

class AdaptedCausalModel final : public model::CausalLanguageModel {
 public:
  // Both must outlive this object; the method must be attached to the model. Throws
  // std::invalid_argument for an encoder-decoder base.
  AdaptedCausalModel(BaseModel& base, AdaptationMethod& method);
  // The same, owning both.
  AdaptedCausalModel(std::unique_ptr<BaseModel> base, std::unique_ptr<AdaptationMethod> method);

  // Logits for the given positions only (virtual tokens are cut off). A KV cache is not
  // supported here (throws): scoring and training run whole sequences.
  at::Tensor forward(const at::Tensor& ids, const at::Tensor& key_mask, model::KvCache* cache) override;
  torch::nn::Module& module() override { return base_.module(); }
  bool extendsKvCache() const override { return false; }

 private:
  std::unique_ptr<BaseModel> owned_base_;
  std::unique_ptr<AdaptationMethod> owned_method_;
  BaseModel& base_;
  AdaptationMethod& method_;
};

}  // namespace pwb::adapt
