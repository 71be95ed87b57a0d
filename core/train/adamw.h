#pragma once
// AdamW (Loshchilov & Hutter 2019) with PyTorch's update, operation for operation, so a step
// here equals torch.optim.AdamW's (decoupled weight decay, bias-corrected moments):
//   p ← p·(1 − lr·λ);  m ← m + (1 − β1)(g − m);  v ← β2·v + (1 − β2)·g²
//   p ← p − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε)

#include <cstdint>
#include <vector>

#include "train/optimizer.h"

namespace pwb::train {

class AdamW final : public Optimizer {
 public:
  AdamW(const NamedParameters& parameters, const OptimizerOptions& options);
  void step(double learning_rate) override;
  // "step.<name>" (int64 scalar), "exp_avg.<name>", "exp_avg_sq.<name>" for every parameter
  // updated at least once.
  std::map<std::string, at::Tensor> state() const override;
  void loadState(const std::map<std::string, at::Tensor>& state) override;

 private:
  struct Moments {
    std::int64_t step = 0;
    at::Tensor exp_avg;
    at::Tensor exp_avg_sq;
  };
  double beta1_, beta2_, epsilon_;
  std::vector<Moments> moments_;  // parallel to slots_
};

}  // namespace pwb::train
