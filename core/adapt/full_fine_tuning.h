#pragma once
// Full fine-tuning: every base parameter trains, named as Hugging Face names it, in the order of
// the model's named_parameters(). PEFT has no adapter for it: the "adapter" is the whole state
// dict, saved with Hugging Face's tensor names.

#include "adapt/adaptation_method.h"

namespace pwb::adapt {

class FullFineTuning final : public AdaptationMethod {
 public:
  std::string peftType() const override { return "FULL"; }
  void attach(BaseModel& model) override;
  std::vector<NamedTensor> trainableParameters() override;
  std::int64_t addedParameters() override { return 0; }
  nlohmann::json adapterConfig() const override;
  std::map<std::string, at::Tensor> adapterTensors() override;
  void loadAdapterTensors(const std::map<std::string, at::Tensor>& tensors, const std::string& source) override;

 private:
  BaseModel* model_ = nullptr;
};

}  // namespace pwb::adapt
