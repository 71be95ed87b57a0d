#pragma once
// Training a language model on (prompt, answer) examples with the loss on the answer: what the
// causal and the encoder-decoder tasks share (the examples, the parameters that train, picking a
// micro-batch, training mode). A family's task says how a batch of examples becomes a loss.

#include <vector>

#include <torch/nn/module.h>

#include "train/prompt_answer.h"
#include "train/training_task.h"

namespace pwb::train {

class PromptAnswerTask : public TrainingTask {
 public:
  const NamedParameters& parameters() const override { return parameters_; }
  std::size_t exampleCount() const override { return examples_.size(); }
  // Throws std::out_of_range naming an index that is not an example.
  LossSum loss(const std::vector<std::size_t>& examples) override;
  void setTraining(bool training) override { module_.train(training); }

 protected:
  // `module` switches between training and evaluation mode and must outlive the task. Throws as
  // requireTokens(examples, "training example").
  PromptAnswerTask(torch::nn::Module& module, NamedParameters parameters, std::vector<PromptAnswer> examples);
  // The loss over these examples, in this order.
  virtual LossSum lossOf(const std::vector<PromptAnswer>& batch) = 0;

 private:
  torch::nn::Module& module_;
  NamedParameters parameters_;
  std::vector<PromptAnswer> examples_;
};

}  // namespace pwb::train
