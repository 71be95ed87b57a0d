#pragma once
// A Hugging Face model of one of the three families, as the adaptation methods see it: its shape
// numbers, its token embedding, its adaptable linear layers, and one forward pass over a batch
// that a method may extend with virtual tokens (in front of the input embeddings) or with a
// key/value prefix in every decoder layer.

#include <filesystem>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>

#include "model/gpt2.h"
#include "model/kv_cache.h"
#include "model/llama.h"
#include "model/model_config.h"
#include "model/model_loader.h"
#include "model/prompt_injection.h"
#include "model/t5.h"

namespace pwb::adapt {

// The numbers PEFT reads from a model's config to size its prompt-learning modules.
struct ModelShape {
  model::ModelFamily family = model::ModelFamily::Gpt2;
  std::int64_t vocab_size = 0;
  std::int64_t hidden_size = 0;          // token_dim: n_embd / d_model / hidden_size
  std::int64_t num_layers = 0;           // n_layer / num_layers (T5's encoder) / num_hidden_layers
  std::int64_t num_attention_heads = 0;  // query heads
  std::int64_t num_key_value_heads = 0;  // Llama's grouped-query heads; = num_attention_heads elsewhere
  bool encoder_decoder = false;          // T5: PEFT's num_transformer_submodules is 2

  std::int64_t transformerSubmodules() const { return encoder_decoder ? 2 : 1; }
};

ModelShape shapeOf(const model::ModelConfig& config);

// A padded batch as PEFT's fixtures hold it. Causal models: labels are the input ids with -100 on
// pads. T5: labels are the target ids (-100 on pads); the decoder input is labels shifted right.
struct Batch {
  at::Tensor input_ids;       // (B, T) int64
  at::Tensor attention_mask;  // (B, T), 1 = real token
  at::Tensor labels;          // (B, T) or (B, L) for T5
};

// What a prompt-learning method puts in front of the sequence.
using model::PromptInjection;

struct ForwardOutput {
  at::Tensor logits;  // (B, n + T, V) causal with virtual tokens; (B, L, V) for T5
  at::Tensor loss;    // Hugging Face's mean cross-entropy over labels != -100
};

class BaseModel {
 public:
  // A folder with config.json and model.safetensors (Hugging Face names), tokenizer or not.
  // Throws naming the file.
  static BaseModel fromFolder(const std::filesystem::path& folder);
  // The loaded model's own module (shared, not copied): a Hugging Face folder or a llama2.c file.
  static BaseModel fromLoaded(const model::LoadedModel& loaded);
  // Randomly initialised, for tests and for counting.
  explicit BaseModel(const model::ModelConfig& config, std::string name = "");

  const model::ModelConfig& config() const { return config_; }
  const ModelShape& shape() const { return shape_; }
  const std::string& name() const { return name_; }  // the folder's name, PEFT's base_model_name_or_path
  torch::nn::Module& module();
  at::Tensor tokenEmbeddingWeight();  // (V, C), the model's own tensor
  at::Tensor embedTokens(const at::Tensor& ids);
  // The T5 module itself; throws std::invalid_argument for another family.
  model::T5ForConditionalGenerationImpl& t5();

  ForwardOutput forward(const Batch& batch, const PromptInjection& injection = {});

 private:
  using Module = std::variant<model::Gpt2LMHeadModel, model::LlamaForCausalLM, model::T5ForConditionalGeneration>;
  BaseModel(const model::ModelConfig& config, std::string name, Module module);

  ForwardOutput forwardCausal(const Batch& batch, const PromptInjection& injection);
  ForwardOutput forwardSeq2Seq(const Batch& batch, const PromptInjection& injection);

  model::ModelConfig config_;
  ModelShape shape_;
  std::string name_;
  Module module_;
};

}  // namespace pwb::adapt
