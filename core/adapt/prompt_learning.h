#pragma once
// What prompt tuning, prefix tuning and P-tuning share (PEFT's "prompt learning"): a table of
// virtual-token vectors produced by a small trainable encoder (PEFT's prompt_encoder), saved as
// "prompt_embeddings". A loaded adapter holds the table itself, as PEFT's inference mode does.

#include <memory>
#include <string>

#include <nlohmann/json.hpp>
#include <torch/nn/module.h>

#include "adapt/adaptation_method.h"

namespace pwb::adapt {

// The fields PEFT fills in from the model's config (PromptLearningConfig).
struct PromptLearningConfig {
  std::int64_t num_virtual_tokens = 20;
  std::int64_t token_dim = 0;
  std::int64_t num_transformer_submodules = 1;  // 2 for encoder-decoder models
  std::int64_t num_attention_heads = 0;
  std::int64_t num_layers = 0;
  std::string task_type = "CAUSAL_LM";  // or SEQ_2_SEQ_LM
  std::string base_model_name_or_path;

  std::int64_t totalVirtualTokens() const { return num_virtual_tokens * num_transformer_submodules; }
  // Reads num_virtual_tokens (and the other keys where present) from PEFT-named options.
  static PromptLearningConfig fromJson(const nlohmann::json& options, const std::string& source);
  // Fills every field the options did not give, from the model.
  void resolve(const ModelShape& shape, const std::string& model_name);
  // PEFT's adapter_config.json keys for these fields, plus peft_type and inference_mode.
  nlohmann::json toJson(const std::string& peft_type) const;
};

class PromptLearningMethod : public AdaptationMethod {
 public:
  std::vector<NamedTensor> trainableParameters() override;
  std::int64_t addedParameters() override;
  std::map<std::string, at::Tensor> adapterTensors() override;
  void loadAdapterTensors(const std::map<std::string, at::Tensor>& tensors, const std::string& source) override;
  // The table (rows, width): every virtual token's vector, from the encoder or a loaded adapter.
  at::Tensor promptTable();

 protected:
  virtual at::Tensor encode() = 0;  // the trainable encoder's table
  virtual std::int64_t tableRows() const = 0;
  virtual std::int64_t tableWidth() const = 0;

  std::shared_ptr<torch::nn::Module> encoder_ = std::make_shared<torch::nn::Module>("prompt_encoder");

 private:
  at::Tensor loaded_table_;  // set by loadAdapterTensors; the encoder is then unused
};

// The first n rows of `table` (rows, C) as virtual tokens (batch, n, C).
at::Tensor virtualTokens(const at::Tensor& table, std::int64_t n, std::int64_t batch);

// PEFT's past_key_values from a prefix table (n, 2·layers·heads·D), viewed as 2·layers slices of
// (heads, n, D). Causal models: layer i's key is slice 2i and its value slice 2i+1. Encoder-decoder
// models: PEFT repeats the slice list and hands each decoder layer four consecutive entries,
// (self key, self value, cross key, cross value) = slices 4i, 4i+1, 4i+2, 4i+3 modulo 2·layers —
// so in a 2-layer T5 both layers get slices 0 and 1. Each tensor is (batch, heads, n, D).
struct PrefixKeyValues {
  model::KvCache self_attention;
  model::KvCache cross_attention;  // encoder-decoder only
};
PrefixKeyValues prefixKeyValues(const at::Tensor& table, std::int64_t layers, std::int64_t heads,
                                std::int64_t submodules, std::int64_t batch);

// Reads an integer / string option with a PEFT name, or the fallback; errors name the key.
std::int64_t intOption(const nlohmann::json& options, const std::string& key, std::int64_t fallback,
                       const std::string& source);
std::string stringOption(const nlohmann::json& options, const std::string& key, const std::string& fallback,
                         const std::string& source);

}  // namespace pwb::adapt
