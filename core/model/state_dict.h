#pragma once
// Loading and saving a module's parameters by Hugging Face tensor name, strictly: a missing,
// extra or wrongly shaped tensor is an error that names it.

#include <functional>
#include <string>
#include <vector>

#include <torch/nn/module.h>

#include "model/safetensors.h"  // shapeText

namespace pwb::model {

// Where checkpoint tensors come from (a safetensors file, a sharded checkpoint, ...).
struct TensorSource {
  std::string description;                                // e.g. the file name, for messages
  std::vector<std::string> names;                          // every tensor the checkpoint holds
  std::function<std::vector<std::int64_t>(const std::string&)> shape;  // without reading data
  // Copies the named tensor into a parameter of its shape, converting to the parameter's dtype.
  std::function<void(const std::string&, at::Tensor&)> copy_into;
};

// Names a checkpoint may hold that no module parameter matches and that carry nothing to load
// (GPT-2's causal-mask buffers "attn.bias" / "attn.masked_bias", rotary "inv_freq").
bool isIgnorableCheckpointTensor(const std::string& name);

// Copies every parameter of `module` from `source`. Throws std::runtime_error listing the
// missing, unexpected and mis-shaped tensors (each by name) before anything is copied.
void loadStateDict(torch::nn::Module& module, const TensorSource& source);

}  // namespace pwb::model
