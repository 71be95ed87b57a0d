#pragma once
// Training an encoder-decoder model (T5) on (prompt, answer) examples: the prompt is the
// encoder's input, the answer the decoder's target, the loss Hugging Face's cross-entropy over
// the target tokens. Full fine-tuning or, given a method's model and parameters, any adaptation.

#include <vector>

#include "model/seq2seq_lm.h"
#include "train/prompt_answer_task.h"
#include "train/seq2seq_batch.h"

namespace pwb::train {

class Seq2SeqTask final : public PromptAnswerTask {
 public:
  // The parameters that train (an adaptation method's; the model's forward pass applies it).
  Seq2SeqTask(model::Seq2SeqLanguageModel& model, NamedParameters parameters, std::vector<PromptAnswer> examples,
              std::int64_t pad_id);

 private:
  LossSum lossOf(const std::vector<PromptAnswer>& batch) override;

  model::Seq2SeqLanguageModel& model_;
  std::int64_t pad_id_;
};

}  // namespace pwb::train
