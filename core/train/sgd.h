#pragma once
// Stochastic gradient descent with momentum and (coupled, L2) weight decay, as
// torch.optim.SGD without dampening or Nesterov:
//   d ← g + λ·p;  b ← d on the first step, else μ·b + d;  p ← p − lr·b   (μ = 0: p ← p − lr·d)

#include <vector>

#include "train/optimizer.h"

namespace pwb::train {

class Sgd final : public Optimizer {
 public:
  Sgd(const NamedParameters& parameters, const OptimizerOptions& options);
  void step(double learning_rate) override;
  // "momentum_buffer.<name>" for every parameter with a buffer (momentum > 0).
  std::map<std::string, at::Tensor> state() const override;
  void loadState(const std::map<std::string, at::Tensor>& state) override;

 private:
  double momentum_;
  std::vector<at::Tensor> buffers_;  // parallel to slots_; undefined until the first update
};

}  // namespace pwb::train
