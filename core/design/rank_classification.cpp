#include "design/rank_classification.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace pwb::design {

double reduce(const TokenLogLikelihoods& tokens, Reduction reduction) {
  if (tokens.empty()) throw std::invalid_argument("a label word without tokens cannot be scored");
  double total = 0.0;
  for (const double lp : tokens) total += lp;
  return reduction == Reduction::Sum ? total : total / static_cast<double>(tokens.size());
}

std::vector<std::string> continuationsOf(const Verbalizer& verbalizer) {
  std::vector<std::string> words;
  for (const auto& label_words : verbalizer.words) words.insert(words.end(), label_words.begin(), label_words.end());
  return words;
}

std::vector<double> labelScores(const std::vector<TokenLogLikelihoods>& word_tokens, const Verbalizer& verbalizer,
                                Reduction reduction) {
  std::vector<double> scores;
  std::size_t next = 0;
  for (const auto& label_words : verbalizer.words) {
    double best = -std::numeric_limits<double>::infinity();
    for (std::size_t w = 0; w < label_words.size(); ++w) best = std::max(best, reduce(word_tokens.at(next++), reduction));
    scores.push_back(best);
  }
  if (next != word_tokens.size()) throw std::invalid_argument("more word scores than the verbalizer has words");
  return scores;
}

}  // namespace pwb::design
