#pragma once
// Evaluating a language model as a classifier by rank classification: each label has its words
// (token ids), the model scores every label's words after an example's prompt, and the label
// with the highest total log-likelihood is the prediction. A causal model reads the words after
// the prompt; an encoder-decoder reads the prompt with its encoder and the words as its
// decoder's target.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/causal_lm.h"
#include "model/seq2seq_lm.h"
#include "train/evaluator.h"

namespace pwb::train {

struct LabelledPrompt {
  std::vector<std::int64_t> prompt;  // not empty
  std::size_t label = 0;             // index into the label words
};

// The total log-likelihood of a label's words (second) after a prompt (first).
using LabelScorer = std::function<double(const std::vector<std::int64_t>&, const std::vector<std::int64_t>&)>;

// A causal model: prompt and words as one sequence. An encoder-decoder: the words are the
// decoder's whole target, so they carry an EOS only if the caller puts one there.
LabelScorer labelScorer(model::CausalLanguageModel& model);
LabelScorer labelScorer(model::Seq2SeqLanguageModel& model);

class RankClassificationEvaluator final : public Evaluator {
 public:
  // Throws std::invalid_argument for fewer than two labels, a label without words, an empty
  // prompt or a label index out of range (naming the example's position).
  RankClassificationEvaluator(LabelScorer scorer, std::vector<std::vector<std::int64_t>> label_words,
                              std::vector<LabelledPrompt> examples, std::string split = "validation");
  RankClassificationEvaluator(model::CausalLanguageModel& model, std::vector<std::vector<std::int64_t>> label_words,
                              std::vector<LabelledPrompt> examples, std::string split = "validation")
      : RankClassificationEvaluator(labelScorer(model), std::move(label_words), std::move(examples),
                                    std::move(split)) {}

  std::string split() const override { return split_; }
  // "accuracy": the share of examples whose gold label scores highest (ties go to the first);
  // "loss": the gold words' negative log-likelihood per token over the split — the training
  // loss, measured on held-out examples (on an encoder-decoder, over the words as given: without
  // the EOS a training target ends with, when the caller leaves it out).
  std::map<std::string, double> evaluate() override;
  // Per example, each label's total log-likelihood.
  std::vector<std::vector<double>> scores();

 private:
  LabelScorer score_;
  std::vector<std::vector<std::int64_t>> label_words_;
  std::vector<LabelledPrompt> examples_;
  std::string split_;
};

}  // namespace pwb::train
