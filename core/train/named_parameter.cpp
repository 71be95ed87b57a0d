#include "train/named_parameter.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include <torch/nn/module.h>

namespace pwb::train {

NamedParameters trainableParametersOf(torch::nn::Module& module) {
  NamedParameters parameters;
  for (const auto& item : module.named_parameters(/*recurse=*/true)) {
    if (item.value().requires_grad()) parameters.push_back({item.key(), item.value()});
  }
  return parameters;
}

namespace {

bool isNormModuleName(std::string part) {
  std::transform(part.begin(), part.end(), part.begin(), [](unsigned char c) { return std::tolower(c); });
  return part == "ln" || part.rfind("ln_", 0) == 0 || part.find("norm") != std::string::npos;
}

bool endsWith(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

bool takesWeightDecay(const std::string& parameter_name) {
  std::vector<std::string> parts;
  std::istringstream in(parameter_name);
  for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
  if (parts.empty()) return true;
  if (parts.back() == "bias" || endsWith(parts.back(), "_bias")) return false;
  return std::none_of(parts.begin(), parts.end() - 1, isNormModuleName);
}

}  // namespace pwb::train
