#include "train/rank_classification.h"

#include <algorithm>
#include <stdexcept>

#include "model/scoring.h"

namespace pwb::train {

LabelScorer labelScorer(model::CausalLanguageModel& model) {
  return [&model](const std::vector<std::int64_t>& prompt, const std::vector<std::int64_t>& words) {
    return model::scoreContinuation(model, prompt, words).total;
  };
}

LabelScorer labelScorer(model::Seq2SeqLanguageModel& model) {
  return [&model](const std::vector<std::int64_t>& prompt, const std::vector<std::int64_t>& words) {
    return model.score(prompt, words).total;
  };
}

RankClassificationEvaluator::RankClassificationEvaluator(LabelScorer scorer,
                                                         std::vector<std::vector<std::int64_t>> label_words,
                                                         std::vector<LabelledPrompt> examples, std::string split)
    : score_(std::move(scorer)), label_words_(std::move(label_words)), examples_(std::move(examples)), split_(std::move(split)) {
  if (label_words_.size() < 2) throw std::invalid_argument("rank classification needs at least two labels");
  for (std::size_t l = 0; l < label_words_.size(); ++l) {
    if (label_words_[l].empty()) throw std::invalid_argument("label " + std::to_string(l) + " has no words");
  }
  if (examples_.empty()) throw std::invalid_argument("rank classification needs at least one example");
  for (std::size_t i = 0; i < examples_.size(); ++i) {
    if (examples_[i].prompt.empty()) {
      throw std::invalid_argument("evaluation example " + std::to_string(i) + ": the prompt has no tokens");
    }
    if (examples_[i].label >= label_words_.size()) {
      throw std::invalid_argument("evaluation example " + std::to_string(i) + ": label " +
                                  std::to_string(examples_[i].label) + " is not one of the " +
                                  std::to_string(label_words_.size()) + " labels");
    }
  }
}

std::vector<std::vector<double>> RankClassificationEvaluator::scores() {
  std::vector<std::vector<double>> all;
  all.reserve(examples_.size());
  for (const auto& example : examples_) {
    auto& row = all.emplace_back();
    for (const auto& words : label_words_) row.push_back(score_(example.prompt, words));
  }
  return all;
}

std::map<std::string, double> RankClassificationEvaluator::evaluate() {
  const auto all = scores();
  std::size_t correct = 0, gold_tokens = 0;
  double gold_log_likelihood = 0.0;
  for (std::size_t i = 0; i < examples_.size(); ++i) {
    const auto& row = all[i];
    const auto gold = examples_[i].label;
    const auto best = static_cast<std::size_t>(std::max_element(row.begin(), row.end()) - row.begin());
    correct += best == gold ? 1 : 0;
    gold_log_likelihood += row[gold];
    gold_tokens += label_words_[gold].size();
  }
  return {{"accuracy", static_cast<double>(correct) / static_cast<double>(examples_.size())},
          {"loss", -gold_log_likelihood / static_cast<double>(gold_tokens)}};
}

}  // namespace pwb::train
