#pragma once
// One adaptation method (prompt tuning, prefix tuning, P-tuning, LoRA, IA3, full fine-tuning)
// behind one interface, with Hugging Face PEFT's names: which tensors train (named as PEFT's
// named_parameters() names them), how the forward pass changes, how many parameters it adds, and
// what goes into adapter_config.json and adapter_model.safetensors.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include "adapt/base_model.h"
#include "adapt/method_counts.h"

namespace pwb::adapt {

using NamedTensor = std::pair<std::string, at::Tensor>;

class AdaptationMethod {
 public:
  virtual ~AdaptationMethod() = default;

  // PEFT's peft_type ("PROMPT_TUNING", "LORA", ...); "FULL" for full fine-tuning.
  virtual std::string peftType() const = 0;
  // Attaches to `model` (hooks on its layers, new tensors); once, before anything else. The
  // model must outlive the method.
  virtual void attach(BaseModel& model) = 0;
  // Every tensor that trains, in PEFT's named_parameters() order, with requires_grad set.
  virtual std::vector<NamedTensor> trainableParameters() = 0;
  // Parameters the method adds beside the base model's (0 for full fine-tuning).
  virtual std::int64_t addedParameters() = 0;
  // Virtual tokens or a key/value prefix for a batch of `batch` rows; nothing by default.
  virtual PromptInjection inject(std::int64_t batch);

  // adapter_config.json as PEFT's save_pretrained writes it (inference_mode true, lists sorted).
  virtual nlohmann::json adapterConfig() const = 0;
  // adapter_model.safetensors: PEFT's tensor names, without the ".default" adapter name.
  virtual std::map<std::string, at::Tensor> adapterTensors() = 0;
  // The inverse; throws naming `source` and the missing or mis-shaped tensor.
  virtual void loadAdapterTensors(const std::map<std::string, at::Tensor>& tensors, const std::string& source) = 0;
};

// The live counterpart of countMethod: the method's trainable tensors and the model's total.
TrainableCount countTrainable(AdaptationMethod& method, BaseModel& model);

// A trainable tensor's name as adapter_model.safetensors holds it: without ".default".
std::string withoutAdapterName(std::string name);

// Copies `from` into `to` after checking its shape; the message names `source` and `name`.
void copyChecked(at::Tensor& to, const at::Tensor& from, const std::string& source, const std::string& name);
const at::Tensor& tensorNamed(const std::map<std::string, at::Tensor>& tensors, const std::string& name,
                              const std::string& source);

}  // namespace pwb::adapt
