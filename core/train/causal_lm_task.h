#pragma once
// Training a causal language model on (prompt, answer) examples with the loss on the answer:
// full fine-tuning of every weight, or, given a method's model and parameters, any adaptation.

#include <vector>

#include "model/causal_lm.h"
#include "train/causal_lm_batch.h"
#include "train/prompt_answer_task.h"

namespace pwb::train {

class CausalLmTask final : public PromptAnswerTask {
 public:
  // Full fine-tuning: every parameter of the model that requires a gradient.
  CausalLmTask(model::CausalLanguageModel& model, std::vector<PromptAnswer> examples, std::int64_t pad_id);
  // A chosen set (an adaptation method's parameters; the model's forward pass applies it).
  CausalLmTask(model::CausalLanguageModel& model, NamedParameters parameters, std::vector<PromptAnswer> examples,
               std::int64_t pad_id);

 private:
  LossSum lossOf(const std::vector<PromptAnswer>& batch) override;

  model::CausalLanguageModel& model_;
  std::int64_t pad_id_;
};

}  // namespace pwb::train
