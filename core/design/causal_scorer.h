#pragma once
// Prompt scoring and generation on a decoder-only model, with the shared prefix's KV cache
// reused: the prefix runs once; each batch of prompts runs its own tokens over a copy of that
// cache (one forward for the batch), and the label continuations run batched over the prompts'
// caches. Rows of different lengths are right-padded and the padding masked, so a row's scores
// equal its unbatched, uncached scores up to float rounding.

#include <cstdint>
#include <memory>
#include <vector>

#include "design/prompt_scorer.h"
#include "model/kv_cache.h"
#include "model/model_loader.h"

namespace pwb::design {

class CausalScorer final : public PromptScorer {
 public:
  // Throws std::invalid_argument when the model is not decoder-only. The model may be shared
  // with other users (an experiment's runs), who must not run it at the same time.
  CausalScorer(std::shared_ptr<model::LoadedModel> model, PrefixReuse reuse);

  void setSharedPrefix(const std::string& prefix) override;
  std::vector<std::vector<TokenLogLikelihoods>> score(const std::vector<ScoringRequest>& requests) override;
  std::string generate(const std::string& prompt, const GenerationRequest& request) override;

 private:
  // One continuation as ids: context then continuation; scored from `start` on.
  struct Sequence {
    std::vector<std::int64_t> ids;
    std::size_t start = 0;
  };
  std::vector<Sequence> encode(const ScoringRequest& request) const;
  void checkLength(std::size_t tokens) const;
  std::vector<std::vector<TokenLogLikelihoods>> scoreWithPrefixCache(
      const std::vector<std::vector<Sequence>>& sequences);

  std::shared_ptr<model::LoadedModel> model_;
  PrefixReuse reuse_;
  std::vector<std::int64_t> prefix_ids_;
  model::KvCache prefix_cache_;  // (1, G, P, D) per layer, never appended to
};

}  // namespace pwb::design
