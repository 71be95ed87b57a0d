#include "model/token_log_likelihoods.h"

#include <ATen/ATen.h>

namespace pwb::model {

std::vector<double> tokenLogLikelihoods(const at::Tensor& predictions, const std::vector<std::int64_t>& tokens) {
  const auto log_probs = at::log_softmax(predictions.to(at::kDouble), -1);  // (n, V)
  const auto picked = log_probs.gather(1, at::tensor(tokens, at::kLong).view({-1, 1})).view({-1}).contiguous();
  return {picked.data_ptr<double>(), picked.data_ptr<double>() + picked.numel()};
}

}  // namespace pwb::model
