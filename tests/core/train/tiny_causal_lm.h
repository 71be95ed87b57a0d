#pragma once
// A 2-layer GPT-2 of width 32 and a synthetic task it can learn in a few dozen steps, for the
// trainer tests: the answer token says whether the prompt's last token is even or odd.

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include <torch/utils.h>

#include "model/causal_lm.h"
#include "model/gpt2.h"
#include "train/causal_lm_batch.h"
#include "train/rank_classification.h"

namespace pwb::train::testing {

constexpr std::int64_t kVocab = 40;
constexpr std::int64_t kPad = 0;
constexpr std::int64_t kEven = 1, kOdd = 2;  // the two answers

inline std::unique_ptr<model::CausalLanguageModel> tinyGpt2(std::uint64_t init_seed) {
  torch::manual_seed(init_seed);
  model::Gpt2Options options;
  options.vocab_size = kVocab;
  options.n_positions = 32;
  options.n_embd = 32;
  options.n_layer = 2;
  options.n_head = 2;
  return model::wrapCausal(model::Gpt2LMHeadModel(options));
}

// Prompts of 2..7 tokens (ids 3..12) and a one- or two-token answer, so batches mix lengths.
inline std::vector<PromptAnswer> parityExamples(std::size_t count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<PromptAnswer> examples;
  for (std::size_t i = 0; i < count; ++i) {
    PromptAnswer e;
    const auto length = 2 + static_cast<std::size_t>(rng() % 6);
    for (std::size_t t = 0; t < length; ++t) e.prompt.push_back(3 + static_cast<std::int64_t>(rng() % 10));
    e.answer = {e.prompt.back() % 2 == 0 ? kEven : kOdd};
    if (i % 3 == 0) e.answer.push_back(e.answer[0]);
    examples.push_back(e);
  }
  return examples;
}

inline std::vector<LabelledPrompt> parityEvaluation(std::size_t count, std::uint64_t seed) {
  std::vector<LabelledPrompt> labelled;
  for (const auto& e : parityExamples(count, seed)) labelled.push_back({e.prompt, e.answer[0] == kEven ? 0u : 1u});
  return labelled;
}

}  // namespace pwb::train::testing
