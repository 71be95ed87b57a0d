#pragma once
// Rank classification: each label is scored by how likely the model finds its words right after
// the prompt, and the best-scored label is the prediction. Torch-free.

#include <string>
#include <vector>

#include "design/prompt_scorer.h"
#include "design/verbalizer.h"

namespace pwb::design {

enum class Reduction {
  Sum,   // the word's log-likelihood: favours short words
  Mean,  // per token: does not penalise a word for being split into more tokens
};

double reduce(const TokenLogLikelihoods& tokens, Reduction reduction);

// Every word of every label, label by label: the continuations of one scoring request.
std::vector<std::string> continuationsOf(const Verbalizer& verbalizer);

// One score per label from the scores of continuationsOf(verbalizer): a label with several words
// takes its best word's score (any of its words counts as saying that label).
std::vector<double> labelScores(const std::vector<TokenLogLikelihoods>& word_tokens, const Verbalizer& verbalizer,
                                Reduction reduction);

}  // namespace pwb::design
