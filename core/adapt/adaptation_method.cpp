#include "adapt/adaptation_method.h"

#include <cstdio>
#include <stdexcept>

#include <ATen/ATen.h>
#include <torch/utils.h>

#include "model/safetensors.h"

namespace pwb::adapt {

PromptInjection AdaptationMethod::inject(std::int64_t) { return {}; }

TrainableCount countTrainable(AdaptationMethod& method, BaseModel& model) {
  TrainableCount count;
  for (const auto& [name, tensor] : method.trainableParameters()) count.trainable += tensor.numel();
  // The base's parameters are distinct tensors (tied ones are registered once).
  for (const auto& p : model.module().parameters()) count.all += p.numel();
  count.all += method.addedParameters();
  return count;
}

std::string withThousands(std::int64_t n) {
  auto digits = std::to_string(n < 0 ? -n : n);
  for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return n < 0 ? "-" + digits : digits;
}

std::string formatTrainableParameters(const TrainableCount& count) {
  const double percent = count.all > 0 ? 100.0 * static_cast<double>(count.trainable) / static_cast<double>(count.all) : 0.0;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", percent);
  return "trainable params: " + withThousands(count.trainable) + " || all params: " + withThousands(count.all) +
         " || trainable%: " + buffer;
}

std::string withoutAdapterName(std::string name) {
  // The adapter name is a whole name component: ".default." inside, or ".default" at the end.
  const std::string component = ".default";
  for (auto found = name.find(component); found != std::string::npos; found = name.find(component, found + 1)) {
    const auto after = found + component.size();
    if (after == name.size() || name[after] == '.') return name.erase(found, component.size());
  }
  return name;
}

const at::Tensor& tensorNamed(const std::map<std::string, at::Tensor>& tensors, const std::string& name,
                              const std::string& source) {
  const auto found = tensors.find(name);
  if (found == tensors.end()) throw std::runtime_error(source + ": no tensor '" + name + "'");
  return found->second;
}

void copyChecked(at::Tensor& to, const at::Tensor& from, const std::string& source, const std::string& name) {
  if (!to.sizes().equals(from.sizes())) {
    throw std::runtime_error(source + ": tensor '" + name + "' has shape " + model::shapeText(from.sizes().vec()) +
                             ", the adapter needs " + model::shapeText(to.sizes().vec()));
  }
  torch::NoGradGuard no_grad;
  to.copy_(from);
}

}  // namespace pwb::adapt
