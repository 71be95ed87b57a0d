#pragma once
// The parameters a run trains, by name: the names key weight decay, checkpoints and resume, so
// the trainer never depends on which module or adaptation method they come from.

#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

namespace torch::nn {
class Module;
}

namespace pwb::train {

struct NamedParameter {
  std::string name;  // dotted, as in a state dict: "transformer.h.0.ln_1.weight"
  at::Tensor tensor;
};
using NamedParameters = std::vector<NamedParameter>;

// Every parameter of the module that requires a gradient (full fine-tuning trains them all).
NamedParameters trainableParametersOf(torch::nn::Module& module);

// Whether decoupled weight decay applies: not to biases and not to normalisation weights
// (LayerNorm, RMSNorm), as Hugging Face's Trainer decides. By name: the last part is "bias" (or
// ends in "_bias"), or a module on the path is a norm ("ln_1", "ln_f", "norm", "input_layernorm",
// "final_layer_norm", ...).
bool takesWeightDecay(const std::string& parameter_name);

}  // namespace pwb::train
