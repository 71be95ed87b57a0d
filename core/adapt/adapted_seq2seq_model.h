#pragma once
// An encoder-decoder base model (T5) with an adaptation method attached, behind the
// Seq2SeqLanguageModel interface, so that the trainer's loss and rank classification run the
// adapted forward pass as PEFT runs it on seq2seq models (virtual tokens before the encoder's
// input, a key/value prefix before the decoder's, LoRA and IA3 hooks) without knowing the method.

#include "adapt/adaptation_method.h"
#include "adapt/base_model.h"
#include "model/seq2seq_lm.h"

namespace pwb::adapt {

class AdaptedSeq2SeqModel final : public model::Seq2SeqLanguageModel {
 public:
  // Both must outlive this object; the method must be attached to the model. Throws
  // std::invalid_argument for a decoder-only base.
  AdaptedSeq2SeqModel(BaseModel& base, AdaptationMethod& method);

  at::Tensor forward(const at::Tensor& input_ids, const at::Tensor& attention_mask, const at::Tensor& labels) override;
  model::ContinuationScore score(const std::vector<std::int64_t>& input,
                                 const std::vector<std::int64_t>& target) override;
  torch::nn::Module& module() override { return base_.module(); }

 private:
  BaseModel& base_;
  AdaptationMethod& method_;
};

}  // namespace pwb::adapt
