#pragma once
// What the trainer trains, given by the caller: a named set of parameters and a loss over a
// batch of examples. The trainer knows nothing of models or adaptation methods.

#include <cstdint>
#include <vector>

#include <ATen/core/Tensor.h>

#include "train/named_parameter.h"

namespace pwb::train {

// A loss as the sum over the units it averages (e.g. answer tokens) and their count. The
// trainer divides the gradients by the count of the whole optimiser step, so k micro-batches
// of b examples give the gradient of one batch of k·b.
struct LossSum {
  at::Tensor sum;          // scalar, with a graph back to the parameters
  std::int64_t count = 0;  // units in `sum`
  std::int64_t tokens = 0; // tokens fed to the model (for tokens/s)
};

class TrainingTask {
 public:
  virtual ~TrainingTask() = default;
  virtual const NamedParameters& parameters() const = 0;
  virtual std::size_t exampleCount() const = 0;
  // The loss over the examples at these indices (0 ≤ index < exampleCount()).
  virtual LossSum loss(const std::vector<std::size_t>& examples) = 0;
  // Training mode (dropout on) or evaluation mode.
  virtual void setTraining(bool training) = 0;
};

}  // namespace pwb::train
