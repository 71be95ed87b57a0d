#pragma once
// Evaluating a causal model as a classifier by rank classification: each label has its words
// (token ids), the model scores every label's words after an example's prompt, and the label
// with the highest total log-likelihood is the prediction.

#include <cstdint>
#include <string>
#include <vector>

#include "model/causal_lm.h"
#include "train/evaluator.h"

namespace pwb::train {

struct LabelledPrompt {
  std::vector<std::int64_t> prompt;  // not empty
  std::size_t label = 0;             // index into the label words
};

class RankClassificationEvaluator final : public Evaluator {
 public:
  // Throws std::invalid_argument for fewer than two labels, a label without words, an empty
  // prompt or a label index out of range (naming the example's position).
  RankClassificationEvaluator(model::CausalLanguageModel& model, std::vector<std::vector<std::int64_t>> label_words,
                              std::vector<LabelledPrompt> examples, std::string split = "validation");

  std::string split() const override { return split_; }
  // "accuracy": the share of examples whose gold label scores highest (ties go to the first);
  // "loss": the gold words' negative log-likelihood per token over the split — the training
  // loss, measured on held-out examples.
  std::map<std::string, double> evaluate() override;
  // Per example, each label's total log-likelihood.
  std::vector<std::vector<double>> scores();

 private:
  model::CausalLanguageModel& model_;
  std::vector<std::vector<std::int64_t>> label_words_;
  std::vector<LabelledPrompt> examples_;
  std::string split_;
};

}  // namespace pwb::train
