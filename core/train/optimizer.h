#pragma once
// Optimisers over named parameters, with their state exposed by name so that a checkpoint can
// save it and a resumed run continue bit for bit.

#include <map>
#include <memory>
#include <string>

#include <ATen/core/Tensor.h>

#include "train/named_parameter.h"

namespace pwb::train {

enum class OptimizerKind { AdamW, Sgd };
// "adamw", "sgd"; throws std::invalid_argument naming the unknown name.
OptimizerKind optimizerKindFromName(const std::string& name);
std::string toString(OptimizerKind kind);

struct OptimizerOptions {
  OptimizerKind kind = OptimizerKind::AdamW;
  double weight_decay = 0.0;  // applied only where takesWeightDecay(name)
  // AdamW (PyTorch's defaults)
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
  // SGD
  double momentum = 0.0;
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  // One update from the parameters' current .grad(); a parameter without a gradient is left
  // alone (and, as in PyTorch, its step count does not advance).
  virtual void step(double learning_rate) = 0;
  // Every state tensor under a stable key ("exp_avg.<parameter name>", ...).
  virtual std::map<std::string, at::Tensor> state() const = 0;
  // Copies a state() back; throws std::runtime_error naming a missing key or a shape that
  // does not fit.
  virtual void loadState(const std::map<std::string, at::Tensor>& state) = 0;
  void zeroGrad();

 protected:
  struct Slot {
    NamedParameter parameter;
    double weight_decay = 0.0;
  };
  Optimizer(const NamedParameters& parameters, double weight_decay);
  static at::Tensor stateTensor(const std::map<std::string, at::Tensor>& state, const std::string& key,
                                const at::Tensor& like);
  std::vector<Slot> slots_;
};

// AdamW or SGD over the parameters, weight decay split by takesWeightDecay().
std::unique_ptr<Optimizer> makeOptimizer(const NamedParameters& parameters, const OptimizerOptions& options);

}  // namespace pwb::train
