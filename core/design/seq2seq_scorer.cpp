#include "design/seq2seq_scorer.h"

#include <stdexcept>

#include <ATen/ATen.h>
#include <torch/utils.h>

#include "design/scoring_batch.h"
#include "design/stopped_generation.h"
#include "model/generation.h"
#include "model/token_log_likelihoods.h"

namespace pwb::design {

Seq2SeqScorer::Seq2SeqScorer(std::shared_ptr<model::LoadedModel> model) : model_(std::move(model)) {
  if (!model_->isEncoderDecoder()) {
    throw std::invalid_argument(model_->source.string() + ": a " + model_->family +
                                " model is not encoder-decoder; the sequence-to-sequence scorer cannot drive it");
  }
}

void Seq2SeqScorer::setSharedPrefix(const std::string& /*prefix*/) {}

std::vector<std::vector<TokenLogLikelihoods>> Seq2SeqScorer::score(const std::vector<ScoringRequest>& requests) {
  if (requests.empty()) return {};
  std::vector<std::vector<std::int64_t>> prompts, targets, later_inputs;
  std::vector<std::int64_t> owner;        // the prompt of each continuation
  std::vector<std::int64_t> later_owner;  // the prompt of each row of step 2
  std::vector<std::int64_t> later_row;    // each continuation's row in step 2, or -1
  for (std::size_t r = 0; r < requests.size(); ++r) {
    const auto& request = requests[r];
    if (request.continuations.empty()) throw std::invalid_argument("a scoring request needs at least one continuation");
    prompts.push_back(model_->encodePrompt(request.prompt));
    for (const auto& continuation : request.continuations) {
      auto target = model_->tokenizer->encode(continuation);  // no EOS: see the header
      if (target.empty()) throw std::invalid_argument("continuation \"" + continuation + "\" has no tokens");
      later_row.push_back(target.size() > 1 ? static_cast<std::int64_t>(later_inputs.size()) : -1);
      if (target.size() > 1) {
        later_inputs.emplace_back(target.begin(), target.end() - 1);
        later_owner.push_back(static_cast<std::int64_t>(r));
      }
      targets.push_back(std::move(target));
      owner.push_back(static_cast<std::int64_t>(r));
    }
  }

  torch::NoGradGuard no_grad;
  auto& t5 = *model_->seq2seq.ptr();
  // Step 1, one row per prompt: the encoder, then the decoder on its start token, which predicts
  // every continuation's first token and leaves the cross-attention keys and values in the cache.
  const auto encoder_batch = padRight(prompts);
  const auto encoded = t5.encode(encoder_batch.ids, encoder_batch.mask);  // (R, S, C)
  const auto R = static_cast<std::int64_t>(prompts.size());
  const auto start = at::full({R, 1}, t5.options().decoder_start_token_id, at::kLong);
  model::T5Cache cache;
  const auto first = t5.decode(start, encoded, encoder_batch.mask, &cache);  // (R, 1, V)

  // Step 2, one row per continuation with more than one token: its tokens but the last, over
  // its prompt's cache.
  at::Tensor later;  // (rows, T, V)
  if (!later_inputs.empty()) {
    const auto rows = at::tensor(later_owner, at::kLong);
    model::T5Cache rows_cache{selectRows(cache.self_attention, rows), selectRows(cache.cross_attention, rows)};
    later = t5.decode(padRight(later_inputs).ids, encoded.index_select(0, rows),
                      encoder_batch.mask.index_select(0, rows), &rows_cache);
  }

  std::vector<std::vector<TokenLogLikelihoods>> scores(requests.size());
  for (std::size_t n = 0; n < targets.size(); ++n) {
    auto predictions = first[owner[n]];  // (1, V)
    if (later_row[n] >= 0) {
      predictions =
          at::cat({predictions, later[later_row[n]].slice(0, 0, static_cast<std::int64_t>(targets[n].size()) - 1)});
    }
    scores[static_cast<std::size_t>(owner[n])].push_back(model::tokenLogLikelihoods(predictions, targets[n]));
  }
  return scores;
}

std::string Seq2SeqScorer::generate(const std::string& prompt, const GenerationRequest& request) {
  const auto ids = model_->encodePrompt(prompt);
  return generateUntilStop(*model_, request, [&](const model::SamplingOptions& sampling, const model::StopCondition& stop) {
    return model::generateSeq2Seq(*model_->seq2seq.ptr(), ids, sampling, stop);
  });
}

}  // namespace pwb::design
