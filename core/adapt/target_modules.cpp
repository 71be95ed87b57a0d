#include "adapt/target_modules.h"

#include <algorithm>
#include <regex>
#include <stdexcept>

#include "model/parameter_count.h"

namespace pwb::adapt {
namespace {

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TargetModules listOf(std::vector<std::string> names) { return TargetModules{std::move(names), std::nullopt}; }

}  // namespace

bool TargetModules::matches(const std::string& module_name) const {
  if (regex) return std::regex_match(module_name, std::regex(*regex));
  return std::any_of(names.begin(), names.end(), [&](const std::string& target) {
    return module_name == target || endsWith(module_name, "." + target);
  });
}

nlohmann::json TargetModules::toJson() const {
  if (regex) return *regex;
  auto sorted = names;
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

std::optional<TargetModules> TargetModules::fromJson(const nlohmann::json& options, const std::string& key,
                                                     const std::string& source) {
  const auto found = options.find(key);
  if (found == options.end() || found->is_null()) return std::nullopt;
  if (found->is_string()) return TargetModules{{}, found->get<std::string>()};
  if (!found->is_array() || found->empty()) {
    throw std::invalid_argument(source + ": '" + key + "' must be a module name pattern or a list of module names");
  }
  TargetModules targets;
  for (const auto& name : *found) {
    if (!name.is_string()) throw std::invalid_argument(source + ": '" + key + "' holds " + name.dump() + ", not a name");
    targets.names.push_back(name.get<std::string>());
  }
  return targets;
}

TargetModules defaultLoraTargets(model::ModelFamily family) {
  switch (family) {
    case model::ModelFamily::Gpt2: return listOf({"c_attn"});
    case model::ModelFamily::T5: return listOf({"q", "v"});
    case model::ModelFamily::Llama: return listOf({"q_proj", "v_proj"});
  }
  return {};
}

TargetModules defaultIa3Targets(model::ModelFamily family) {
  switch (family) {
    case model::ModelFamily::Gpt2: return listOf({"c_attn", "mlp.c_proj"});
    case model::ModelFamily::T5: return listOf({"k", "v", "wo"});
    case model::ModelFamily::Llama: return listOf({"k_proj", "v_proj", "down_proj"});
  }
  return {};
}

TargetModules defaultIa3FeedforwardModules(model::ModelFamily family) {
  switch (family) {
    case model::ModelFamily::Gpt2: return listOf({"mlp.c_proj"});
    case model::ModelFamily::T5: return listOf({"wo"});
    case model::ModelFamily::Llama: return listOf({"down_proj"});
  }
  return {};
}

std::vector<LinearLayer> linearLayers(const model::ModelConfig& config) {
  const bool conv1d = model::familyOf(config) == model::ModelFamily::Gpt2;
  const auto layout = model::checkpointLayout(config);
  std::vector<LinearLayer> layers;
  for (const auto& tensor : layout.tensors) {
    // 2-D weights of projections: not embeddings (token, position, relative-position bias).
    if (tensor.shape.size() != 2 || !endsWith(tensor.name, ".weight")) continue;
    if (tensor.role == model::TensorRole::TokenEmbedding || tensor.role == model::TensorRole::PositionEmbedding) continue;
    if (endsWith(tensor.name, "relative_attention_bias.weight")) continue;
    LinearLayer layer;
    layer.name = tensor.name.substr(0, tensor.name.size() - 7);
    const bool stored_in_out = conv1d && tensor.role != model::TensorRole::OutputEmbedding;
    layer.in_features = stored_in_out ? tensor.shape[0] : tensor.shape[1];
    layer.out_features = stored_in_out ? tensor.shape[1] : tensor.shape[0];
    layer.has_bias = std::any_of(layout.tensors.begin(), layout.tensors.end(),
                                 [&](const model::TensorSpec& t) { return t.name == layer.name + ".bias"; });
    layers.push_back(layer);
  }
  return layers;
}

std::vector<std::pair<std::string, model::LinearHookSite*>> hookSites(torch::nn::Module& module) {
  std::vector<std::pair<std::string, model::LinearHookSite*>> sites;
  for (const auto& item : module.named_modules("", /*include_self=*/false)) {
    if (auto* site = dynamic_cast<model::LinearHookSite*>(item.value().get())) sites.emplace_back(item.key(), site);
  }
  return sites;
}

}  // namespace pwb::adapt
