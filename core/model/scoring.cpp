#include "model/scoring.h"

#include <stdexcept>

#include <ATen/ATen.h>
#include <torch/utils.h>

#include "model/token_log_likelihoods.h"

namespace pwb::model {
namespace {

void checkNotEmpty(const std::vector<std::int64_t>& context, const std::vector<std::int64_t>& continuation) {
  if (context.empty()) throw std::invalid_argument("scoring needs a non-empty context (start it with BOS)");
  if (continuation.empty()) throw std::invalid_argument("scoring needs a non-empty continuation");
}

at::Tensor row(const std::vector<std::int64_t>& ids) { return at::tensor(ids, at::kLong).view({1, -1}); }

ContinuationScore scoreOf(const at::Tensor& predictions, const std::vector<std::int64_t>& continuation) {
  ContinuationScore score;
  score.per_token = tokenLogLikelihoods(predictions, continuation);
  for (const double lp : score.per_token) score.total += lp;
  return score;
}

}  // namespace

ContinuationScore scoreContinuation(CausalLanguageModel& model, const std::vector<std::int64_t>& context,
                                    const std::vector<std::int64_t>& continuation) {
  checkNotEmpty(context, continuation);
  torch::NoGradGuard no_grad;
  std::vector<std::int64_t> ids = context;
  ids.insert(ids.end(), continuation.begin(), continuation.end());
  const auto logits = model.forward(row(ids), {}, nullptr)[0];  // (T, V)
  // The prediction for continuation[i] is made at position context.size() - 1 + i.
  const auto first = static_cast<std::int64_t>(context.size()) - 1;
  return scoreOf(logits.slice(0, first, first + static_cast<std::int64_t>(continuation.size())), continuation);
}

ContinuationScore scoreContinuation(T5ForConditionalGenerationImpl& model, const std::vector<std::int64_t>& context,
                                    const std::vector<std::int64_t>& continuation, const PromptInjection& prompt) {
  checkNotEmpty(context, continuation);
  torch::NoGradGuard no_grad;
  const auto [memory, mask] = encodeAfterPrompt(model, row(context), {}, prompt);
  auto cache = startingCache(prompt, memory.size(1));
  const auto decoder_input = model.shiftRight(row(continuation));  // start token, continuation[..-1]
  const auto logits = model.decode(decoder_input, memory, mask, &cache)[0];  // (T, V)
  return scoreOf(logits, continuation);
}

}  // namespace pwb::model
