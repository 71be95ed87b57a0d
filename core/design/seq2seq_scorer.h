#pragma once
// Prompt scoring and generation on an encoder-decoder (T5) model. The prompt, ended with the
// EOS T5's tokenizer appends, is the encoder's input; a continuation is the decoder's target,
// read after the decoder start token, and each of its tokens is scored given the start token,
// the target tokens before it and the encoder output.
//
// A continuation is scored without the EOS T5's tokenizer would append to it as a target
// (TextModel::score keeps it: there the target is a whole answer). For rank classification the
// label word's own tokens are what is compared: log p(EOS | word) would add to each word a term
// saying "the answer ends here", which the causal scorer has no counterpart of, and it would
// change a word's token count under Reduction::Mean. So sum and mean mean the same on both
// families: the word's log-likelihood, and its log-likelihood per token of the word.
//
// Efficiency: all prompts of a score() call run through the encoder once, as one right-padded
// batch with a padding mask, and the decoder's start token once per prompt: that predicts the
// first token of every continuation and caches the cross-attention keys and values of the
// encoder output. Only continuations of more than one token then run their remaining tokens,
// one row each over a copy of their prompt's cache, all in one more decoder pass (single-token
// label words need none). Decoder rows are right-padded and need no mask: the decoder is
// causal, so padding after a token cannot change that token's logits. A row's scores
// therefore equal the unbatched ones up to float rounding.
//
// There is no shared-prefix cache: the encoder is bidirectional, so the prefix's encoding
// depends on the text after it and cannot be computed once for all prompts. setSharedPrefix
// does nothing, and PrefixReuse makes no difference for this scorer. T5's relative positions
// have no fixed context length, so no prompt is a std::length_error (a long one costs memory
// and time quadratic in its length).

#include <memory>
#include <string>
#include <vector>

#include "design/prompt_scorer.h"
#include "model/model_loader.h"

namespace pwb::design {

class Seq2SeqScorer final : public PromptScorer {
 public:
  // Throws std::invalid_argument when the model is not encoder-decoder. The model may be shared
  // with other users (an experiment's runs), who must not run it at the same time.
  explicit Seq2SeqScorer(std::shared_ptr<model::LoadedModel> model);

  void setSharedPrefix(const std::string& prefix) override;
  std::vector<std::vector<TokenLogLikelihoods>> score(const std::vector<ScoringRequest>& requests) override;
  // Greedy or sampled decoding with the decoder's KV cache, from the start token, until EOS, a
  // stop string or the token budget.
  std::string generate(const std::string& prompt, const GenerationRequest& request) override;

 private:
  std::shared_ptr<model::LoadedModel> model_;
};

}  // namespace pwb::design
