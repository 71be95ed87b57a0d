#include "train/adamw.h"

#include <cmath>

#include <ATen/ATen.h>

namespace pwb::train {

AdamW::AdamW(const NamedParameters& parameters, const OptimizerOptions& options)
    : Optimizer(parameters, options.weight_decay),
      beta1_(options.beta1),
      beta2_(options.beta2),
      epsilon_(options.epsilon),
      moments_(slots_.size()) {}

void AdamW::step(double learning_rate) {
  at::NoGradGuard no_grad;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    auto& p = slots_[i].parameter.tensor;
    const auto& grad = p.grad();
    if (!grad.defined()) continue;
    auto& m = moments_[i];
    if (m.step == 0) {
      m.exp_avg = at::zeros_like(p);
      m.exp_avg_sq = at::zeros_like(p);
    }
    ++m.step;
    p.mul_(1.0 - learning_rate * slots_[i].weight_decay);
    m.exp_avg.lerp_(grad, 1.0 - beta1_);
    m.exp_avg_sq.mul_(beta2_).addcmul_(grad, grad, 1.0 - beta2_);
    const double t = static_cast<double>(m.step);
    const double bias_correction1 = 1.0 - std::pow(beta1_, t);
    const double bias_correction2_sqrt = std::sqrt(1.0 - std::pow(beta2_, t));
    const auto denom = (m.exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(epsilon_);
    p.addcdiv_(m.exp_avg, denom, -learning_rate / bias_correction1);
  }
}

std::map<std::string, at::Tensor> AdamW::state() const {
  std::map<std::string, at::Tensor> state;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const auto& m = moments_[i];
    if (m.step == 0) continue;
    const auto& name = slots_[i].parameter.name;
    state.emplace("step." + name, at::scalar_tensor(m.step, at::kLong));
    state.emplace("exp_avg." + name, m.exp_avg);
    state.emplace("exp_avg_sq." + name, m.exp_avg_sq);
  }
  return state;
}

void AdamW::loadState(const std::map<std::string, at::Tensor>& state) {
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const auto& p = slots_[i].parameter;
    const auto step = state.find("step." + p.name);
    moments_[i] = Moments{};
    if (step == state.end()) continue;  // never updated before the checkpoint
    moments_[i].step = step->second.item<std::int64_t>();
    moments_[i].exp_avg = stateTensor(state, "exp_avg." + p.name, p.tensor);
    moments_[i].exp_avg_sq = stateTensor(state, "exp_avg_sq." + p.name, p.tensor);
  }
}

}  // namespace pwb::train
