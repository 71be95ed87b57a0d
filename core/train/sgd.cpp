#include "train/sgd.h"

#include <ATen/ATen.h>

namespace pwb::train {

Sgd::Sgd(const NamedParameters& parameters, const OptimizerOptions& options)
    : Optimizer(parameters, options.weight_decay), momentum_(options.momentum), buffers_(slots_.size()) {}

void Sgd::step(double learning_rate) {
  at::NoGradGuard no_grad;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    auto& p = slots_[i].parameter.tensor;
    if (!p.grad().defined()) continue;
    auto direction = slots_[i].weight_decay != 0.0 ? p.grad().add(p, slots_[i].weight_decay) : p.grad();
    if (momentum_ != 0.0) {
      auto& buffer = buffers_[i];
      if (buffer.defined()) {
        buffer.mul_(momentum_).add_(direction);
      } else {
        buffer = direction.clone();
      }
      direction = buffer;
    }
    p.add_(direction, -learning_rate);
  }
}

std::map<std::string, at::Tensor> Sgd::state() const {
  std::map<std::string, at::Tensor> state;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (buffers_[i].defined()) state.emplace("momentum_buffer." + slots_[i].parameter.name, buffers_[i]);
  }
  return state;
}

void Sgd::loadState(const std::map<std::string, at::Tensor>& state) {
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const auto key = "momentum_buffer." + slots_[i].parameter.name;
    buffers_[i] = state.count(key) != 0 ? stateTensor(state, key, slots_[i].parameter.tensor) : at::Tensor();
  }
}

}  // namespace pwb::train
