#include "train/optimizer.h"

#include <sstream>
#include <stdexcept>

#include <ATen/ATen.h>

#include "train/adamw.h"
#include "train/sgd.h"

namespace pwb::train {

OptimizerKind optimizerKindFromName(const std::string& name) {
  if (name == "adamw") return OptimizerKind::AdamW;
  if (name == "sgd") return OptimizerKind::Sgd;
  throw std::invalid_argument("unknown optimiser '" + name + "' (expected adamw or sgd)");
}

std::string toString(OptimizerKind kind) { return kind == OptimizerKind::AdamW ? "adamw" : "sgd"; }

Optimizer::Optimizer(const NamedParameters& parameters, double weight_decay) {
  for (const auto& parameter : parameters) {
    slots_.push_back({parameter, takesWeightDecay(parameter.name) ? weight_decay : 0.0});
  }
}

void Optimizer::zeroGrad() {
  // As PyTorch's zero_grad(set_to_none=True): the next backward pass writes fresh gradients.
  for (auto& slot : slots_) slot.parameter.tensor.mutable_grad() = at::Tensor();
}

at::Tensor Optimizer::stateTensor(const std::map<std::string, at::Tensor>& state, const std::string& key,
                                  const at::Tensor& like) {
  const auto found = state.find(key);
  if (found == state.end()) throw std::runtime_error("optimiser state: tensor '" + key + "' is missing");
  if (found->second.sizes() != like.sizes()) {
    std::ostringstream why;
    why << "optimiser state: tensor '" << key << "' has shape " << found->second.sizes() << ", expected "
        << like.sizes();
    throw std::runtime_error(why.str());
  }
  return found->second.to(like.options()).clone();
}

std::unique_ptr<Optimizer> makeOptimizer(const NamedParameters& parameters, const OptimizerOptions& options) {
  if (options.kind == OptimizerKind::AdamW) return std::make_unique<AdamW>(parameters, options);
  return std::make_unique<Sgd>(parameters, options);
}

}  // namespace pwb::train
