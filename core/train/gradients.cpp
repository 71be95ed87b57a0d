#include "train/gradients.h"

#include <ATen/ATen.h>

namespace pwb::train {

void divideGradients(const NamedParameters& parameters, double divisor) {
  for (const auto& p : parameters) {
    if (p.tensor.grad().defined()) p.tensor.mutable_grad().div_(divisor);
  }
}

double clipGradientNorm(const NamedParameters& parameters, double max_norm) {
  std::vector<at::Tensor> norms;
  for (const auto& p : parameters) {
    if (p.tensor.grad().defined()) norms.push_back(p.tensor.grad().norm(2));
  }
  if (norms.empty()) return 0.0;
  const auto total = norms.size() == 1 ? norms.front() : at::stack(norms).norm(2);
  if (max_norm > 0.0) {
    const auto scale = (max_norm / (total + 1e-6)).clamp_max(1.0);
    for (const auto& p : parameters) {
      if (p.tensor.grad().defined()) p.tensor.mutable_grad().mul_(scale);
    }
  }
  return total.item<double>();
}

}  // namespace pwb::train
