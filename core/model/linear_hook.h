#pragma once
// A seam in every adaptable linear layer (Llama's and T5's nn.Linear, GPT-2's Conv1D): an
// adaptation method (LoRA, IA3, ...) installs a hook that wraps the layer's own computation,
// without changing the layer's parameters or their names.

#include <functional>
#include <memory>

#include <ATen/core/Tensor.h>
#include <torch/nn/modules/linear.h>

namespace pwb::model {

class LinearHook {
 public:
  virtual ~LinearHook() = default;
  // x (..., in) -> (..., out); `base` is the layer's own y = x W^T + b.
  virtual at::Tensor forward(const at::Tensor& x, const std::function<at::Tensor(const at::Tensor&)>& base) = 0;
};

// Mixed into a layer: holds at most one hook.
class LinearHookSite {
 public:
  virtual ~LinearHookSite() = default;
  void setHook(std::shared_ptr<LinearHook> hook) { hook_ = std::move(hook); }
  const std::shared_ptr<LinearHook>& hook() const { return hook_; }
  // Weight as (out, in), whatever the layer stores; a view, so writing to it changes the layer.
  virtual at::Tensor weightOutIn() = 0;
  virtual at::Tensor biasTensor() = 0;  // undefined when the layer has none

 protected:
  at::Tensor run(const at::Tensor& x, const std::function<at::Tensor(const at::Tensor&)>& base) {
    return hook_ ? hook_->forward(x, base) : base(x);
  }

 private:
  std::shared_ptr<LinearHook> hook_;
};

// torch::nn::Linear with a hook site; its parameters keep the names weight and bias.
class HookedLinearImpl : public torch::nn::LinearImpl, public LinearHookSite {
 public:
  using torch::nn::LinearImpl::LinearImpl;
  at::Tensor forward(const at::Tensor& x);
  at::Tensor weightOutIn() override { return weight; }
  at::Tensor biasTensor() override { return bias; }
};
TORCH_MODULE(HookedLinear);

}  // namespace pwb::model
