#pragma once
// A training example as the trainer's language-model tasks see it: the prompt the model reads and
// the answer it learns to give. A causal model reads them as one sequence; an encoder-decoder
// reads the prompt with its encoder and the answer as its decoder's target.

#include <cstdint>
#include <string>
#include <vector>

namespace pwb::train {

constexpr std::int64_t kIgnoredLabel = -100;  // PyTorch's and transformers' ignore_index

struct PromptAnswer {
  std::vector<std::int64_t> prompt;  // not empty (with BOS or EOS where the model's tokenizer adds them)
  std::vector<std::int64_t> answer;  // not empty
};

// Throws std::invalid_argument naming the first example ("<noun> <index>") whose prompt or
// answer is empty.
void requireTokens(const std::vector<PromptAnswer>& examples, const std::string& noun);

}  // namespace pwb::train
