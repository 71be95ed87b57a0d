#include "adapt/adapted_causal_model.h"

#include <stdexcept>

namespace pwb::adapt {

AdaptedCausalModel::AdaptedCausalModel(BaseModel& base, AdaptationMethod& method) : base_(base), method_(method) {
  if (base_.shape().encoder_decoder) {
    throw std::invalid_argument(base_.name() + ": an encoder-decoder model is not a causal language model");
  }
}

AdaptedCausalModel::AdaptedCausalModel(std::unique_ptr<BaseModel> base, std::unique_ptr<AdaptationMethod> method)
    : AdaptedCausalModel(*base, *method) {
  owned_base_ = std::move(base);
  owned_method_ = std::move(method);
}

at::Tensor AdaptedCausalModel::forward(const at::Tensor& ids, const at::Tensor& key_mask, model::KvCache* cache) {
  if (cache != nullptr) throw std::invalid_argument("an adapted model runs without a KV cache");
  Batch batch;
  batch.input_ids = ids;
  batch.attention_mask = key_mask;
  const auto logits = base_.forward(batch, method_.inject(ids.size(0))).logits;  // (B, n + T, V)
  return logits.slice(1, logits.size(1) - ids.size(1));
}

}  // namespace pwb::adapt
