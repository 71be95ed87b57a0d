#include "model/scoring.h"

#include <stdexcept>

#include <ATen/ATen.h>
#include <torch/utils.h>

namespace pwb::model {

ContinuationScore scoreContinuation(CausalLanguageModel& model, const std::vector<std::int64_t>& context,
                                    const std::vector<std::int64_t>& continuation) {
  if (context.empty()) throw std::invalid_argument("scoring needs a non-empty context (start it with BOS)");
  if (continuation.empty()) throw std::invalid_argument("scoring needs a non-empty continuation");
  torch::NoGradGuard no_grad;
  std::vector<std::int64_t> ids = context;
  ids.insert(ids.end(), continuation.begin(), continuation.end());
  const auto logits = model.forward(at::tensor(ids, at::kLong).view({1, -1}), {}, nullptr)[0];  // (T, V)
  // The prediction for continuation[i] is made at position context.size() - 1 + i.
  const auto n = static_cast<std::int64_t>(continuation.size());
  const auto first = static_cast<std::int64_t>(context.size()) - 1;
  const auto log_probs = at::log_softmax(logits.slice(0, first, first + n).to(at::kDouble), -1);  // (n, V)
  const auto picked = log_probs.gather(1, at::tensor(continuation, at::kLong).view({-1, 1})).view({-1});
  ContinuationScore score;
  score.per_token.assign(picked.data_ptr<double>(), picked.data_ptr<double>() + n);
  for (const double lp : score.per_token) score.total += lp;
  return score;
}

}  // namespace pwb::model
