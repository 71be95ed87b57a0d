#include "model/state_dict.h"

#include <set>
#include <stdexcept>

#include <torch/utils.h>

namespace pwb::model {
namespace {

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

bool isIgnorableCheckpointTensor(const std::string& name) {
  return endsWith(name, ".attn.bias") || endsWith(name, ".attn.masked_bias") || endsWith(name, "rotary_emb.inv_freq");
}

void loadStateDict(torch::nn::Module& module, const TensorSource& source) {
  const auto params = module.named_parameters(/*recurse=*/true);
  const std::set<std::string> available(source.names.begin(), source.names.end());
  std::vector<std::string> problems;
  for (const auto& p : params) {
    if (available.count(p.key()) == 0) {
      problems.push_back("missing tensor '" + p.key() + "' " + shapeText(p.value().sizes().vec()));
      continue;
    }
    const auto shape = source.shape(p.key());
    if (shape != p.value().sizes().vec()) {
      problems.push_back("tensor '" + p.key() + "' has shape " + shapeText(shape) + ", the model needs " +
                         shapeText(p.value().sizes().vec()));
    }
  }
  for (const auto& name : source.names) {
    if (!params.contains(name) && !isIgnorableCheckpointTensor(name)) {
      problems.push_back("unexpected tensor '" + name + "' (no such parameter in this model)");
    }
  }
  if (!problems.empty()) {
    std::string message = source.description + ": the checkpoint does not fit the model:";
    for (const auto& problem : problems) message += "\n  " + problem;
    throw std::runtime_error(message);
  }
  torch::NoGradGuard no_grad;
  for (const auto& p : params) {
    auto parameter = p.value();  // a handle to the parameter's storage
    source.copy_into(p.key(), parameter);
  }
}

}  // namespace pwb::model
