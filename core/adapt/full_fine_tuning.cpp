#include "adapt/full_fine_tuning.h"

#include <stdexcept>

#include "model/parameter_count.h"

namespace pwb::adapt {

void FullFineTuning::attach(BaseModel& model) {
  model_ = &model;
  for (auto& p : model.module().parameters()) p.set_requires_grad(true);
}

std::vector<NamedTensor> FullFineTuning::trainableParameters() {
  // The checkpoint layout lists tensors in Hugging Face's registration order.
  const auto parameters = model_->module().named_parameters();
  std::vector<NamedTensor> named;
  for (const auto& spec : model::checkpointLayout(model_->config()).tensors) {
    if (const auto* tensor = parameters.find(spec.name)) named.emplace_back(spec.name, *tensor);
  }
  if (named.size() != parameters.size()) throw std::logic_error("full fine-tuning: the layout does not cover the model");
  return named;
}

nlohmann::json FullFineTuning::adapterConfig() const {
  return {{"peft_type", peftType()}, {"base_model_name_or_path", model_->name()}};
}

std::map<std::string, at::Tensor> FullFineTuning::adapterTensors() {
  std::map<std::string, at::Tensor> tensors;
  for (auto& [name, tensor] : trainableParameters()) tensors.emplace(name, tensor.detach().clone());
  return tensors;
}

void FullFineTuning::loadAdapterTensors(const std::map<std::string, at::Tensor>& tensors, const std::string& source) {
  for (auto& [name, tensor] : trainableParameters()) copyChecked(tensor, tensorNamed(tensors, name, source), source, name);
}

}  // namespace pwb::adapt
