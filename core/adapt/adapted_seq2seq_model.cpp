#include "adapt/adapted_seq2seq_model.h"

#include <stdexcept>

namespace pwb::adapt {

AdaptedSeq2SeqModel::AdaptedSeq2SeqModel(BaseModel& base, AdaptationMethod& method) : base_(base), method_(method) {
  if (!base_.shape().encoder_decoder) {
    throw std::invalid_argument(base_.name() + ": a decoder-only model is not an encoder-decoder model");
  }
}

at::Tensor AdaptedSeq2SeqModel::forward(const at::Tensor& input_ids, const at::Tensor& attention_mask,
                                        const at::Tensor& labels) {
  return base_.forward({input_ids, attention_mask, labels}, method_.inject(input_ids.size(0))).logits;
}

model::ContinuationScore AdaptedSeq2SeqModel::score(const std::vector<std::int64_t>& input,
                                                    const std::vector<std::int64_t>& target) {
  // The function `pwb score --adapter` scores T5 with.
  return model::scoreContinuation(base_.t5(), input, target, method_.inject(1));
}

}  // namespace pwb::adapt
