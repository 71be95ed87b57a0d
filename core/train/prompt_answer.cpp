#include "train/prompt_answer.h"

#include <stdexcept>

namespace pwb::train {

void requireTokens(const std::vector<PromptAnswer>& examples, const std::string& noun) {
  for (std::size_t i = 0; i < examples.size(); ++i) {
    const auto& e = examples[i];
    if (e.prompt.empty() || e.answer.empty()) {
      throw std::invalid_argument(noun + " " + std::to_string(i) + ": its " + (e.prompt.empty() ? "prompt" : "answer") +
                                  " has no tokens");
    }
  }
}

}  // namespace pwb::train
