#include "train/seq2seq_task.h"

namespace pwb::train {

Seq2SeqTask::Seq2SeqTask(model::Seq2SeqLanguageModel& model, NamedParameters parameters,
                         std::vector<PromptAnswer> examples, std::int64_t pad_id)
    : PromptAnswerTask(model.module(), std::move(parameters), std::move(examples)), model_(model), pad_id_(pad_id) {}

LossSum Seq2SeqTask::lossOf(const std::vector<PromptAnswer>& batch) {
  return seq2seqLossSum(model_, collateSeq2Seq(batch, pad_id_));
}

}  // namespace pwb::train
