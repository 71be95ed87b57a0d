#include "design/causal_scorer.h"

#include <algorithm>
#include <stdexcept>

#include <ATen/ATen.h>
#include <torch/utils.h>

#include "design/scoring_batch.h"
#include "design/stopped_generation.h"
#include "model/generation.h"
#include "model/scoring.h"
#include "model/token_log_likelihoods.h"

namespace pwb::design {
namespace {

std::size_t commonPrefix(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

std::vector<std::int64_t> slice(const std::vector<std::int64_t>& ids, std::size_t from, std::size_t to) {
  return {ids.begin() + static_cast<std::ptrdiff_t>(from), ids.begin() + static_cast<std::ptrdiff_t>(to)};
}

// A copy of a one-row cache for `batch` rows, or for its first `tokens` positions. Views: the
// cache appends by concatenation, so the shared tensors are never written.
model::KvCache expandRows(const model::KvCache& cache, std::int64_t batch) {
  model::KvCache out;
  for (std::size_t layer = 0; layer < cache.keys.size(); ++layer) {
    out.keys.push_back(cache.keys[layer].expand({batch, -1, -1, -1}));
    out.values.push_back(cache.values[layer].expand({batch, -1, -1, -1}));
  }
  return out;
}

model::KvCache firstTokens(const model::KvCache& cache, std::int64_t tokens) {
  model::KvCache out;
  for (std::size_t layer = 0; layer < cache.keys.size(); ++layer) {
    out.keys.push_back(cache.keys[layer].slice(2, 0, tokens));
    out.values.push_back(cache.values[layer].slice(2, 0, tokens));
  }
  return out;
}

}  // namespace

CausalScorer::CausalScorer(std::shared_ptr<model::LoadedModel> model, PrefixReuse reuse)
    : model_(std::move(model)), reuse_(reuse) {
  if (!model_->causal) {
    throw std::invalid_argument(model_->source.string() + ": a " + model_->family +
                                " model is not decoder-only; the causal scorer cannot drive it");
  }
}

void CausalScorer::setSharedPrefix(const std::string& prefix) {
  prefix_ids_.clear();
  prefix_cache_ = {};
  if (reuse_ == PrefixReuse::None || prefix.empty()) return;
  torch::NoGradGuard no_grad;
  prefix_ids_ = model_->encodePrompt(prefix);
  checkLength(prefix_ids_.size());
  model_->causal->forward(at::tensor(prefix_ids_, at::kLong).view({1, -1}), {}, &prefix_cache_);
}

void CausalScorer::checkLength(std::size_t tokens) const {
  if (model_->context_length > 0 && tokens > static_cast<std::size_t>(model_->context_length)) {
    throw std::length_error("a prompt with its continuation is " + std::to_string(tokens) +
                            " tokens, longer than the model's context of " + std::to_string(model_->context_length) +
                            " (use fewer or shorter demonstrations)");
  }
}

std::vector<CausalScorer::Sequence> CausalScorer::encode(const ScoringRequest& request) const {
  if (request.continuations.empty()) throw std::invalid_argument("a scoring request needs at least one continuation");
  std::vector<Sequence> sequences;
  for (const auto& continuation : request.continuations) {
    auto [context, tail] = model_->encodeContextAndContinuation(request.prompt, continuation);
    if (context.empty()) throw std::invalid_argument("scoring needs a non-empty prompt for a model without BOS");
    if (tail.empty()) throw std::invalid_argument("continuation \"" + continuation + "\" has no tokens");
    Sequence sequence{std::move(context), 0};
    sequence.start = sequence.ids.size();
    sequence.ids.insert(sequence.ids.end(), tail.begin(), tail.end());
    checkLength(sequence.ids.size());
    sequences.push_back(std::move(sequence));
  }
  return sequences;
}

std::vector<std::vector<TokenLogLikelihoods>> CausalScorer::score(const std::vector<ScoringRequest>& requests) {
  std::vector<std::vector<Sequence>> sequences;
  for (const auto& request : requests) sequences.push_back(encode(request));
  if (reuse_ == PrefixReuse::SharedPrefixCache) return scoreWithPrefixCache(sequences);
  std::vector<std::vector<TokenLogLikelihoods>> scores;
  for (const auto& request : sequences) {
    auto& out = scores.emplace_back();
    for (const auto& s : request) {
      out.push_back(model::scoreContinuation(*model_->causal, slice(s.ids, 0, s.start),
                                             slice(s.ids, s.start, s.ids.size()))
                        .per_token);
    }
  }
  return scores;
}

std::vector<std::vector<TokenLogLikelihoods>> CausalScorer::scoreWithPrefixCache(
    const std::vector<std::vector<Sequence>>& sequences) {
  torch::NoGradGuard no_grad;
  const auto prompts = sequences.size();
  const auto P = prefix_cache_.length();
  // Per prompt: `shared` tokens common to all its continuations (up to the first scored one),
  // of which the first `reused` come from the prefix cache. At least one token is run, so that
  // the logits after the last shared token exist.
  std::vector<std::size_t> shared(prompts), reused(prompts);
  std::vector<std::vector<std::int64_t>> own_tokens(prompts);
  for (std::size_t r = 0; r < prompts; ++r) {
    const auto& first = sequences[r].front().ids;
    shared[r] = first.size();
    for (const auto& s : sequences[r]) shared[r] = std::min({shared[r], commonPrefix(first, s.ids), s.start});
    reused[r] = std::min(commonPrefix(prefix_ids_, first), shared[r] - 1);
    own_tokens[r] = slice(first, reused[r], shared[r]);
  }

  // Step 1: every prompt's own tokens, one row each, over the prefix cache.
  const auto step1 = padRight(own_tokens);
  auto cached_mask = at::zeros({static_cast<std::int64_t>(prompts), P}, at::kLong);
  for (std::size_t r = 0; r < prompts; ++r) {
    cached_mask[static_cast<std::int64_t>(r)].slice(0, 0, static_cast<std::int64_t>(reused[r])).fill_(1);
  }
  const auto mask1 = at::cat({cached_mask, step1.mask}, 1);  // (R, P + T1)
  auto cache1 = expandRows(prefix_cache_, static_cast<std::int64_t>(prompts));
  const auto logits1 = model_->causal->forward(step1.ids, mask1, &cache1);  // (R, T1, V)

  // Step 2: each continuation's tokens but its last, one row per (prompt, continuation).
  std::vector<std::vector<std::int64_t>> label_tokens;
  std::vector<std::int64_t> owner;
  bool any = false;
  for (std::size_t r = 0; r < prompts; ++r) {
    for (const auto& s : sequences[r]) {
      label_tokens.push_back(slice(s.ids, shared[r], s.ids.size() - 1));
      owner.push_back(static_cast<std::int64_t>(r));
      any = any || !label_tokens.back().empty();
    }
  }
  at::Tensor logits2;  // (N, T2, V), when some continuation has more than one token
  if (any) {
    const auto rows = at::tensor(owner, at::kLong);
    const auto step2 = padRight(label_tokens);
    auto cache2 = selectRows(cache1, rows);
    logits2 = model_->causal->forward(step2.ids, at::cat({mask1.index_select(0, rows), step2.mask}, 1), &cache2);
  }

  // The logits predicting token p sit at position p - 1: the last of step 1 for p = shared,
  // else row n of step 2 at p - 1 - shared.
  std::vector<std::vector<TokenLogLikelihoods>> scores(prompts);
  std::size_t n = 0;
  for (std::size_t r = 0; r < prompts; ++r) {
    const auto last = logits1[static_cast<std::int64_t>(r)][static_cast<std::int64_t>(shared[r] - reused[r] - 1)];
    for (const auto& s : sequences[r]) {
      auto predicting = last.unsqueeze(0);
      if (s.ids.size() - 1 > shared[r]) {
        predicting = at::cat({predicting, logits2[static_cast<std::int64_t>(n)].slice(
                                              0, 0, static_cast<std::int64_t>(s.ids.size() - 1 - shared[r]))});
      }
      const auto from = static_cast<std::int64_t>(s.start - shared[r]);
      scores[r].push_back(model::tokenLogLikelihoods(predicting.slice(0, from), slice(s.ids, s.start, s.ids.size())));
      ++n;
    }
  }
  return scores;
}

std::string CausalScorer::generate(const std::string& prompt, const GenerationRequest& request) {
  torch::NoGradGuard no_grad;
  const auto ids = model_->encodePrompt(prompt);
  if (ids.empty()) throw std::invalid_argument("generation needs a non-empty prompt for a model without BOS");
  checkLength(ids.size() + 1);
  const auto reused = std::min(commonPrefix(prefix_ids_, ids), ids.size() - 1);
  auto cache = firstTokens(prefix_cache_, static_cast<std::int64_t>(reused));
  return generateUntilStop(*model_, request, [&](model::SamplingOptions sampling, const model::StopCondition& stop) {
    if (model_->context_length > 0) {
      sampling.max_new_tokens = std::min<std::int64_t>(sampling.max_new_tokens,
                                                       model_->context_length - static_cast<std::int64_t>(ids.size()));
    }
    return model::generateTokens(model::cachedCausalStep(*model_->causal, cache), slice(ids, reused, ids.size()),
                                 sampling, stop);
  });
}

}  // namespace pwb::design
