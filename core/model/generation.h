#pragma once
// Token-by-token generation over any decoder that can take new tokens and return the next
// logits (a KV-cached causal model, a T5 decoder): greedy, or sampled with temperature, top-k
// and top-p from a seeded generator, stopping at a stop token or the token budget.

#include <cstdint>
#include <functional>
#include <random>
#include <vector>

#include <ATen/core/Tensor.h>

#include "model/causal_lm.h"
#include "model/sampling_options.h"
#include "model/t5.h"

namespace pwb::model {

class TokenSampler {
 public:
  explicit TokenSampler(const SamplingOptions& options);
  // logits (V) -> the chosen token id.
  std::int64_t next(const at::Tensor& logits);

 private:
  SamplingOptions options_;
  std::mt19937_64 rng_;
};

// Feeds `new_ids` (1, n) to the decoder and returns the logits (V) after its last token.
using DecoderStep = std::function<at::Tensor(const at::Tensor& new_ids)>;

// Asked after every new token with all the ids generated so far; true ends generation (e.g. a
// stop string has appeared in the decoded text).
using StopCondition = std::function<bool(const std::vector<std::int64_t>& generated)>;

// Returns only the generated ids. The first call to `step` gets the whole prompt.
std::vector<std::int64_t> generateTokens(const DecoderStep& step, const std::vector<std::int64_t>& prompt,
                                         const SamplingOptions& options, const StopCondition& stop_when = {});

// A causal model's step with its own KV cache.
DecoderStep cachedCausalStep(CausalLanguageModel& model, KvCache& cache);
// A causal model's step that runs the whole sequence so far every time, for models that cannot
// extend a cache (CausalLanguageModel::extendsKvCache).
DecoderStep wholeSequenceCausalStep(CausalLanguageModel& model);

// A T5 decoder's step over a fixed encoder output (1, S, C), with its own self- and
// cross-attention cache. Its prompt is the decoder start token.
DecoderStep cachedT5Step(T5ForConditionalGenerationImpl& model, const at::Tensor& encoder_output, T5Cache& cache);

// An encoder-decoder's generation: the encoder reads `input` once, then the decoder generates
// from its start token with its cache. Returns the generated ids, as generateTokens.
std::vector<std::int64_t> generateSeq2Seq(T5ForConditionalGenerationImpl& model, const std::vector<std::int64_t>& input,
                                          const SamplingOptions& options, const StopCondition& stop_when = {},
                                          const PromptInjection& adapter_prompt = {});

}  // namespace pwb::model
