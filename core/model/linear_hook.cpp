#include "model/linear_hook.h"

namespace pwb::model {

at::Tensor HookedLinearImpl::forward(const at::Tensor& x) {
  return run(x, [this](const at::Tensor& input) { return torch::nn::LinearImpl::forward(input); });
}

}  // namespace pwb::model
