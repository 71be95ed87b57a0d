#include "adapt/prompt_learning.h"

#include <stdexcept>

#include <ATen/ATen.h>

namespace pwb::adapt {

std::int64_t intOption(const nlohmann::json& options, const std::string& key, std::int64_t fallback,
                       const std::string& source) {
  const auto found = options.find(key);
  if (found == options.end() || found->is_null()) return fallback;
  if (!found->is_number_integer()) {
    throw std::invalid_argument(source + ": '" + key + "' must be an integer, got " + found->dump());
  }
  return found->get<std::int64_t>();
}

std::string stringOption(const nlohmann::json& options, const std::string& key, const std::string& fallback,
                         const std::string& source) {
  const auto found = options.find(key);
  if (found == options.end() || found->is_null()) return fallback;
  if (!found->is_string()) throw std::invalid_argument(source + ": '" + key + "' must be a string, got " + found->dump());
  return found->get<std::string>();
}

PromptLearningConfig PromptLearningConfig::fromJson(const nlohmann::json& options, const std::string& source) {
  PromptLearningConfig c;
  c.num_virtual_tokens = intOption(options, "num_virtual_tokens", c.num_virtual_tokens, source);
  if (c.num_virtual_tokens <= 0) throw std::invalid_argument(source + ": 'num_virtual_tokens' must be positive");
  c.token_dim = intOption(options, "token_dim", 0, source);
  c.num_transformer_submodules = intOption(options, "num_transformer_submodules", 0, source);
  c.num_attention_heads = intOption(options, "num_attention_heads", 0, source);
  c.num_layers = intOption(options, "num_layers", 0, source);
  c.task_type = stringOption(options, "task_type", "", source);
  c.base_model_name_or_path = stringOption(options, "base_model_name_or_path", "", source);
  return c;
}

void PromptLearningConfig::resolve(const ModelShape& shape, const std::string& model_name) {
  if (token_dim == 0) token_dim = shape.hidden_size;
  if (num_transformer_submodules == 0) num_transformer_submodules = shape.transformerSubmodules();
  if (num_attention_heads == 0) num_attention_heads = shape.num_attention_heads;
  if (num_layers == 0) num_layers = shape.num_layers;
  if (task_type.empty()) task_type = shape.encoder_decoder ? "SEQ_2_SEQ_LM" : "CAUSAL_LM";
  if (base_model_name_or_path.empty()) base_model_name_or_path = model_name;
}

nlohmann::json PromptLearningConfig::toJson(const std::string& peft_type) const {
  return {{"auto_mapping", nullptr},
          {"base_model_name_or_path", base_model_name_or_path},
          {"inference_mode", true},
          {"num_attention_heads", num_attention_heads},
          {"num_layers", num_layers},
          {"num_transformer_submodules", num_transformer_submodules},
          {"num_virtual_tokens", num_virtual_tokens},
          {"peft_type", peft_type},
          {"revision", nullptr},
          {"task_type", task_type},
          {"token_dim", token_dim}};
}

std::vector<NamedTensor> PromptLearningMethod::trainableParameters() {
  std::vector<NamedTensor> named;
  if (loaded_table_.defined()) return named;
  for (auto& p : encoder_->named_parameters()) named.emplace_back("prompt_encoder.default." + p.key(), p.value());
  return named;
}

std::int64_t PromptLearningMethod::addedParameters() {
  if (loaded_table_.defined()) return loaded_table_.numel();
  std::int64_t n = 0;
  for (const auto& p : encoder_->parameters()) n += p.numel();
  return n;
}

at::Tensor PromptLearningMethod::promptTable() { return loaded_table_.defined() ? loaded_table_ : encode(); }

std::map<std::string, at::Tensor> PromptLearningMethod::adapterTensors() {
  return {{"prompt_embeddings", promptTable().detach().clone()}};
}

void PromptLearningMethod::loadAdapterTensors(const std::map<std::string, at::Tensor>& tensors,
                                              const std::string& source) {
  loaded_table_ = at::empty({tableRows(), tableWidth()}, at::kFloat);
  copyChecked(loaded_table_, tensorNamed(tensors, "prompt_embeddings", source), source, "prompt_embeddings");
}

at::Tensor virtualTokens(const at::Tensor& table, std::int64_t n, std::int64_t batch) {
  return table.slice(0, 0, n).unsqueeze(0).expand({batch, n, table.size(1)});
}

PrefixKeyValues prefixKeyValues(const at::Tensor& table, std::int64_t layers, std::int64_t heads,
                                std::int64_t submodules, std::int64_t batch) {
  const auto n = table.size(0), slices = 2 * layers;
  const auto head_dim = table.size(1) / (slices * heads);
  const auto sliced = table.view({n, slices, heads, head_dim}).permute({1, 2, 0, 3});  // (2L, heads, n, D)
  const auto slice = [&](std::int64_t index) {
    return sliced[index % slices].unsqueeze(0).expand({batch, heads, n, head_dim});
  };
  const auto stride = 2 * submodules;
  PrefixKeyValues prefix;
  for (std::int64_t i = 0; i < layers; ++i) {
    prefix.self_attention.keys.push_back(slice(stride * i));
    prefix.self_attention.values.push_back(slice(stride * i + 1));
    if (submodules == 2) {
      prefix.cross_attention.keys.push_back(slice(stride * i + 2));
      prefix.cross_attention.values.push_back(slice(stride * i + 3));
    }
  }
  return prefix;
}

}  // namespace pwb::adapt
