#include "train/causal_lm_task.h"

namespace pwb::train {

CausalLmTask::CausalLmTask(model::CausalLanguageModel& model, std::vector<PromptAnswer> examples,
                           std::int64_t pad_id)
    : CausalLmTask(model, trainableParametersOf(model.module()), std::move(examples), pad_id) {}

CausalLmTask::CausalLmTask(model::CausalLanguageModel& model, NamedParameters parameters,
                           std::vector<PromptAnswer> examples, std::int64_t pad_id)
    : PromptAnswerTask(model.module(), std::move(parameters), std::move(examples)), model_(model), pad_id_(pad_id) {}

LossSum CausalLmTask::lossOf(const std::vector<PromptAnswer>& batch) {
  return causalLmLossSum(model_, collateCausalLm(batch, pad_id_));
}

}  // namespace pwb::train
