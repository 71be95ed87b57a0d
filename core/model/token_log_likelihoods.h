#pragma once
// What every scorer reads from a forward pass: the log-probability of each given token under
// the logits that predict it.

#include <cstdint>
#include <vector>

#include <ATen/core/Tensor.h>

namespace pwb::model {

// predictions (n, V): row i predicts tokens[i]. Computed in double.
std::vector<double> tokenLogLikelihoods(const at::Tensor& predictions, const std::vector<std::int64_t>& tokens);

}  // namespace pwb::model
