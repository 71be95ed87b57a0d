#include "train/prompt_answer_task.h"

#include <stdexcept>
#include <string>

namespace pwb::train {

PromptAnswerTask::PromptAnswerTask(torch::nn::Module& module, NamedParameters parameters,
                                   std::vector<PromptAnswer> examples)
    : module_(module), parameters_(std::move(parameters)), examples_(std::move(examples)) {
  requireTokens(examples_, "training example");  // named by their index in the training set
}

LossSum PromptAnswerTask::loss(const std::vector<std::size_t>& examples) {
  std::vector<PromptAnswer> chosen;
  chosen.reserve(examples.size());
  for (const auto index : examples) {
    if (index >= examples_.size()) {
      throw std::out_of_range("training example " + std::to_string(index) + " does not exist (there are " +
                              std::to_string(examples_.size()) + ")");
    }
    chosen.push_back(examples_[index]);
  }
  return lossOf(chosen);
}

}  // namespace pwb::train
