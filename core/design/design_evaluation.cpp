#include "design/design_evaluation.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

#include "design/contextual_calibration.h"
#include "eval/softmax.h"

namespace pwb::design {
namespace {

std::size_t classOf(const data::Dataset& dataset, const data::Example& example) {
  const auto it = std::find(dataset.labels.begin(), dataset.labels.end(), example.label);
  if (it == dataset.labels.end()) {
    throw std::invalid_argument("example " + example.id + " has label \"" + example.label + "\", not one of the dataset's");
  }
  return static_cast<std::size_t>(it - dataset.labels.begin());
}

void checkDisjoint(const std::vector<std::size_t>& evaluated, const std::vector<std::size_t>& pool,
                   const data::Dataset& dataset) {
  const std::unordered_set<std::size_t> shown(pool.begin(), pool.end());
  for (const auto index : evaluated) {
    if (index >= dataset.examples.size()) {
      throw std::invalid_argument("evaluated index " + std::to_string(index) + " is outside the dataset");
    }
    if (shown.count(index) > 0) {
      throw std::invalid_argument("example " + dataset.examples[index].id +
                                  " is both evaluated and a possible demonstration; use disjoint splits");
    }
  }
}

std::vector<std::vector<double>> scoreLabels(PromptScorer& scorer, const std::vector<std::string>& prompts,
                                             const Verbalizer& verbalizer, Reduction reduction) {
  const auto words = continuationsOf(verbalizer);
  std::vector<ScoringRequest> requests;
  for (const auto& prompt : prompts) requests.push_back({prompt, words});
  std::vector<std::vector<double>> scores;
  for (const auto& tokens : scorer.score(requests)) scores.push_back(labelScores(tokens, verbalizer, reduction));
  return scores;
}

// Scores a batch; when a prompt is too long, finds it and names its example.
std::vector<std::vector<double>> scoreBatch(PromptScorer& scorer, const std::vector<std::string>& prompts,
                                            const std::vector<const data::Example*>& examples,
                                            const Verbalizer& verbalizer, Reduction reduction) {
  try {
    return scoreLabels(scorer, prompts, verbalizer, reduction);
  } catch (const std::length_error&) {
    for (std::size_t i = 0; i < prompts.size(); ++i) {
      try {
        scoreLabels(scorer, {prompts[i]}, verbalizer, reduction);
      } catch (const std::length_error& error) {
        throw std::length_error("example " + examples[i]->id + ": " + error.what());
      }
    }
    throw;
  }
}

}  // namespace

std::vector<std::size_t> chooseDemonstrations(const data::Dataset& dataset, const std::vector<std::size_t>& pool,
                                              const data::FewShotOptions& shots) {
  const bool wants_shots = shots.strategy == data::FewShotStrategy::Fixed ? !shots.fixed.empty() : shots.k > 0;
  if (!wants_shots) return {};
  return data::selectFewShot(dataset, pool, shots);
}

std::string promptPrefix(const PromptBuilder& builder, const data::Dataset& dataset,
                         const std::vector<std::size_t>& demonstrations, const DesignOptions& options) {
  const auto& cot = options.chain_of_thought;
  return builder.prefix(dataset, demonstrations,
                        cot ? rationaleDemonstrations(dataset, *cot) : PromptBuilder::AnswerWriter{});
}

DesignResult evaluateDesign(PromptScorer& scorer, const PromptBuilder& builder, const data::Dataset& dataset,
                            const std::vector<std::size_t>& evaluated,
                            const std::vector<std::size_t>& demonstration_pool, const DesignOptions& options,
                            const system::CancellationToken* cancel, const DesignProgress& progress) {
  const auto& verbalizer = builder.verbalizer();
  if (verbalizer.labels != dataset.labels) {
    throw std::invalid_argument("the verbalizer's labels are not the dataset's, in its order (use orderForLabels)");
  }
  if (options.batch_size == 0) throw std::invalid_argument("batch size must be at least 1");
  checkDisjoint(evaluated, demonstration_pool, dataset);
  const auto& cot = options.chain_of_thought;
  if (cot && cot->extraction == AnswerExtraction::Pattern) extractAnswer({}, verbalizer, *cot);  // rejects a bad pattern now

  DesignResult result;
  result.labels = dataset.labels;
  result.demonstrations = chooseDemonstrations(dataset, demonstration_pool, options.shots);
  result.prefix = promptPrefix(builder, dataset, result.demonstrations, options);
  scorer.setSharedPrefix(result.prefix);

  if (options.calibrate) {
    std::vector<std::string> prompts;
    for (const auto& input : options.content_free_inputs) {
      data::Example content_free;
      content_free.text = content_free.text_b = input;
      prompts.push_back(result.prefix + builder.query(content_free));
    }
    if (prompts.empty()) throw std::invalid_argument("calibration needs at least one content-free input");
    result.content_free_probabilities =
        contentFreeProbabilities(scoreLabels(scorer, prompts, verbalizer, options.reduction));
  }

  for (std::size_t begin = 0; begin < evaluated.size(); begin += options.batch_size) {
    if (cancel != nullptr && cancel->isCancelled()) {
      result.cancelled = true;
      break;
    }
    const auto end = std::min(evaluated.size(), begin + options.batch_size);
    std::vector<const data::Example*> examples;
    std::vector<std::string> prompts, rationales;
    for (auto i = begin; i < end; ++i) {
      const auto& example = dataset.examples[evaluated[i]];
      examples.push_back(&example);
      auto prompt = result.prefix + builder.query(example);
      if (cot) {
        const auto reasoning = reasoningPrompt(prompt, *cot);
        rationales.push_back(scorer.generate(reasoning, cot->generation));
        prompt = answerPrompt(reasoning, rationales.back(), *cot);
      }
      prompts.push_back(std::move(prompt));
    }
    const auto scores = scoreBatch(scorer, prompts, examples, verbalizer, options.reduction);
    for (std::size_t j = 0; j < examples.size(); ++j) {
      ExamplePrediction p;
      p.example_id = examples[j]->id;
      p.gold = classOf(dataset, *examples[j]);
      p.scores = options.calibrate ? calibrateScores(scores[j], result.content_free_probabilities) : scores[j];
      const auto probabilities = eval::softmax(p.scores);
      p.predicted = eval::predictFromScores(p.scores).label;
      if (cot) {
        p.rationale = rationales[j];
        const auto extracted = extractAnswer(p.rationale, verbalizer, *cot);
        p.extracted = extracted.has_value();
        if (extracted) p.predicted = *extracted;
      }
      p.confidence = probabilities[p.predicted];
      p.correct = p.predicted == p.gold;
      result.predictions.push_back(std::move(p));
    }
    if (progress) progress(result.predictions.size(), evaluated.size());
  }
  if (!result.predictions.empty()) result.metrics = summarize(result.predictions, dataset.labels.size(), options.bootstrap);
  return result;
}

}  // namespace pwb::design
