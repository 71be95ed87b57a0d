#include "train/causal_lm_task.h"

#include <stdexcept>
#include <string>

namespace pwb::train {

CausalLmTask::CausalLmTask(model::CausalLanguageModel& model, std::vector<PromptAnswer> examples,
                           std::int64_t pad_id)
    : CausalLmTask(model, trainableParametersOf(model.module()), std::move(examples), pad_id) {}

CausalLmTask::CausalLmTask(model::CausalLanguageModel& model, NamedParameters parameters,
                           std::vector<PromptAnswer> examples, std::int64_t pad_id)
    : model_(model), parameters_(std::move(parameters)), examples_(std::move(examples)), pad_id_(pad_id) {
  requireTokens(examples_, "training example");  // named by their index in the training set
}

LossSum CausalLmTask::loss(const std::vector<std::size_t>& examples) {
  std::vector<PromptAnswer> chosen;
  chosen.reserve(examples.size());
  for (const auto index : examples) {
    if (index >= examples_.size()) {
      throw std::out_of_range("training example " + std::to_string(index) + " does not exist (there are " +
                              std::to_string(examples_.size()) + ")");
    }
    chosen.push_back(examples_[index]);
  }
  return causalLmLossSum(model_, collateCausalLm(chosen, pad_id_));
}

void CausalLmTask::setTraining(bool training) { model_.module().train(training); }

}  // namespace pwb::train
