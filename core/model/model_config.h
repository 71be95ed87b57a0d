#pragma once
// Hugging Face `config.json` → typed model configurations, torch-free. Every field keeps its
// config.json name; an absent key takes the default that Hugging Face transformers 4.44 (the
// version the reference fixtures were made with) gives it, and derived values (GPT-2's n_inner,
// Llama's num_key_value_heads and head_dim, T5's num_decoder_layers and activation) are resolved
// here, so the model code reads plain numbers.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace pwb::model {

enum class ModelFamily { Gpt2, T5, Llama };

// The activation functions of Hugging Face's ACT2FN that the supported families use.
enum class Activation {
  Relu,
  Gelu,     // "gelu": exact, with erf
  GeluNew,  // "gelu_new" (also "gelu_pytorch_tanh", "gelu_fast"): the tanh approximation
  Silu,     // "silu" / "swish"
};

// GPT2LMHeadModel (model_type "gpt2").
struct Gpt2Config {
  std::int64_t vocab_size = 50257;
  std::int64_t n_positions = 1024;
  std::int64_t n_embd = 768;
  std::int64_t n_layer = 12;
  std::int64_t n_head = 12;
  std::int64_t n_inner = 3072;  // config.json null → 4 · n_embd
  Activation activation_function = Activation::GeluNew;
  double layer_norm_epsilon = 1e-5;
  double initializer_range = 0.02;
  bool scale_attn_weights = true;                // scores / sqrt(head dim)
  bool scale_attn_by_inverse_layer_idx = false;  // scores additionally / (layer index + 1)
  bool tie_word_embeddings = true;               // lm_head shares transformer.wte
  std::optional<std::int64_t> bos_token_id = 50256;
  std::vector<std::int64_t> eos_token_ids = {50256};  // config.json may hold one id or a list
  std::optional<std::int64_t> pad_token_id;

  std::int64_t headDim() const { return n_embd / n_head; }
};

// T5ForConditionalGeneration: model_type "t5" (v1.0, v1.1, Flan-T5) and "mt5" (mT5, mT0), which
// differ only in their defaults.
struct T5Config {
  std::int64_t vocab_size = 32128;
  std::int64_t d_model = 512;
  std::int64_t d_kv = 64;  // per head; num_heads · d_kv need not equal d_model
  std::int64_t d_ff = 2048;
  std::int64_t num_layers = 6;
  std::int64_t num_decoder_layers = 6;  // config.json null or absent → num_layers
  std::int64_t num_heads = 8;
  std::int64_t relative_attention_num_buckets = 32;
  std::int64_t relative_attention_max_distance = 128;
  // From feed_forward_proj "ACT" or "gated-ACT": gated is wo(act(wi_0 x) · wi_1 x), otherwise
  // wo(act(wi x)). "gated-gelu" means gelu_new, as in Hugging Face.
  bool is_gated_act = false;
  Activation dense_act_fn = Activation::Relu;
  double layer_norm_epsilon = 1e-6;
  double initializer_factor = 1.0;
  bool tie_word_embeddings = true;  // tied: lm_head is `shared` and the decoder output is scaled by d_model^-0.5
  std::optional<std::int64_t> decoder_start_token_id;  // t5 has no default (mt5: 0)
  std::optional<std::int64_t> pad_token_id = 0;
  std::vector<std::int64_t> eos_token_ids = {1};

  std::int64_t innerDim() const { return num_heads * d_kv; }
};

struct RopeScalingConfig {
  // Linear: positions divided by factor. Llama3: Llama 3.1's frequency-band rescaling.
  enum class Kind { None, Linear, Llama3 } kind = Kind::None;
  double factor = 1.0;
  double low_freq_factor = 1.0;   // Llama3 only
  double high_freq_factor = 4.0;  // Llama3 only
  std::int64_t original_max_position_embeddings = 8192;  // Llama3 only
};

// LlamaForCausalLM (model_type "llama": Llama 1–3, TinyLlama, SmolLM, ...).
struct LlamaConfig {
  std::int64_t vocab_size = 32000;
  std::int64_t hidden_size = 4096;
  std::int64_t intermediate_size = 11008;
  std::int64_t num_hidden_layers = 32;
  std::int64_t num_attention_heads = 32;
  std::int64_t num_key_value_heads = 32;  // absent or null → num_attention_heads
  std::int64_t head_dim = 128;            // absent or null → hidden_size / num_attention_heads
  std::int64_t max_position_embeddings = 2048;
  Activation hidden_act = Activation::Silu;
  double rms_norm_eps = 1e-6;
  double rope_theta = 10000.0;
  RopeScalingConfig rope_scaling;
  double initializer_range = 0.02;
  bool tie_word_embeddings = false;
  bool attention_bias = false;  // biases on q, k, v and o projections
  bool mlp_bias = false;        // biases on gate, up and down projections
  std::optional<std::int64_t> bos_token_id = 1;
  std::vector<std::int64_t> eos_token_ids = {2};
  std::optional<std::int64_t> pad_token_id;
};

using ModelConfig = std::variant<Gpt2Config, T5Config, LlamaConfig>;

ModelFamily familyOf(const ModelConfig& config);

// Reads `path` (a config.json, or a model folder holding one). Throws std::runtime_error that
// names the file, and the key and what was expected when a value is wrong.
ModelConfig parseModelConfigFile(const std::filesystem::path& path);

// The family comes from "model_type", or from "architectures" when model_type is absent. Models
// that are not exactly one of the three shapes (mistral, qwen2, ...) are rejected as unsupported.
// `source` starts every error message ("config.json: key 'n_head': expected ...").
ModelConfig parseModelConfig(const nlohmann::json& config, const std::string& source = "config.json");

}  // namespace pwb::model
