#include "model/model_config.h"

#include <fstream>
#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace pwb::model {
namespace {

using nlohmann::json;

// A value as it appears in the file, cut short so that a message stays one line.
std::string show(const json& value) {
  auto text = value.dump();
  constexpr std::size_t kMax = 60;
  if (text.size() > kMax) text = text.substr(0, kMax) + "...";
  return text;
}

std::string show(double value) { return json(value).dump(); }

// Typed reads from one JSON object; every failure names the source, the key and what was expected.
class Reader {
 public:
  Reader(const json& object, std::string source, std::string prefix = {})
      : object_(object), source_(std::move(source)), prefix_(std::move(prefix)) {}

  // Reads an object nested under `key`, naming its keys "key.inner" in messages.
  Reader nested(const json& object, const std::string& key) const {
    return Reader(object, source_, prefix_ + key + ".");
  }

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw std::runtime_error(source_ + ": key '" + prefix_ + key + "': " + what);
  }

  const json* find(const std::string& key) const {
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  const json& require(const std::string& key, const std::string& expected) const {
    const json* value = find(key);
    if (value == nullptr) fail(key, "expected " + expected + ", but the key is missing");
    return *value;
  }

  std::int64_t positiveInt(const std::string& key, std::int64_t fallback) const {
    const json* value = find(key);
    return value ? asPositiveInt(key, *value) : fallback;
  }

  std::int64_t requiredPositiveInt(const std::string& key) const {
    return asPositiveInt(key, require(key, "a positive integer"));
  }

  // Keys whose null (or absence) means "derive it from other keys".
  std::optional<std::int64_t> optionalPositiveInt(const std::string& key) const {
    const json* value = find(key);
    if (value == nullptr || value->is_null()) return std::nullopt;
    return asPositiveInt(key, *value);
  }

  double positiveNumber(const std::string& key, double fallback) const {
    const json* value = find(key);
    return value ? asPositiveNumber(key, *value) : fallback;
  }

  double requiredPositiveNumber(const std::string& key) const {
    return asPositiveNumber(key, require(key, "a positive number"));
  }

  bool boolean(const std::string& key, bool fallback) const {
    const json* value = find(key);
    if (value == nullptr) return fallback;
    if (!value->is_boolean()) fail(key, "expected true or false, got " + show(*value));
    return value->get<bool>();
  }

  std::string string(const std::string& key, const std::string& fallback) const {
    const json* value = find(key);
    return value ? asString(key, *value) : fallback;
  }

  std::string requiredString(const std::string& key, const std::string& expected) const {
    return asString(key, require(key, expected));
  }

  Activation activation(const std::string& key, Activation fallback) const {
    const json* value = find(key);
    return value ? activationNamed(key, asString(key, *value)) : fallback;
  }

  Activation activationNamed(const std::string& key, const std::string& name) const {
    if (name == "relu") return Activation::Relu;
    if (name == "gelu") return Activation::Gelu;
    // Three spellings of one formula, 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast") return Activation::GeluNew;
    if (name == "silu" || name == "swish") return Activation::Silu;
    fail(key, "unsupported activation '" + name +
                  "' (expected one of relu, gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, silu, swish)");
  }

  // A token id, or null for "none".
  std::optional<std::int64_t> tokenId(const std::string& key, std::optional<std::int64_t> fallback) const {
    const json* value = find(key);
    if (value == nullptr) return fallback;
    if (value->is_null()) return std::nullopt;
    return asTokenId(key, *value);
  }

  // One id, a list of ids (Llama 3 stops on several), or null for none.
  std::vector<std::int64_t> tokenIds(const std::string& key, std::vector<std::int64_t> fallback) const {
    const json* value = find(key);
    if (value == nullptr) return fallback;
    if (value->is_null()) return {};
    if (!value->is_array()) return {asTokenId(key, *value)};
    std::vector<std::int64_t> ids;
    for (const auto& id : *value) ids.push_back(asTokenId(key, id));
    return ids;
  }

 private:
  static bool fitsInt64(const json& value) {
    return value.is_number_integer() &&
           !(value.is_number_unsigned() &&
             value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
  }

  std::int64_t asPositiveInt(const std::string& key, const json& value) const {
    if (!fitsInt64(value) || value.get<std::int64_t>() <= 0) {
      fail(key, "expected a positive integer, got " + show(value));
    }
    return value.get<std::int64_t>();
  }

  std::int64_t asTokenId(const std::string& key, const json& value) const {
    if (!fitsInt64(value) || value.get<std::int64_t>() < 0) {
      fail(key, "expected a token id (a non-negative integer), got " + show(value));
    }
    return value.get<std::int64_t>();
  }

  double asPositiveNumber(const std::string& key, const json& value) const {
    if (!value.is_number() || !(value.get<double>() > 0.0)) fail(key, "expected a positive number, got " + show(value));
    return value.get<double>();
  }

  std::string asString(const std::string& key, const json& value) const {
    if (!value.is_string()) fail(key, "expected a string, got " + show(value));
    return value.get<std::string>();
  }

  const json& object_;
  std::string source_;
  std::string prefix_;  // "rope_scaling." inside nested objects
};

// model_type values that are exactly one of the three shapes. mt5 is T5 with other defaults.
enum class ModelType { Gpt2, T5, Mt5, Llama };

std::optional<ModelType> modelTypeNamed(const std::string& name) {
  if (name == "gpt2") return ModelType::Gpt2;
  if (name == "t5") return ModelType::T5;
  if (name == "mt5") return ModelType::Mt5;
  if (name == "llama") return ModelType::Llama;
  return std::nullopt;
}

// Hugging Face's AutoConfig goes by model_type; an older file may only name its class.
ModelType detectModelType(const Reader& reader) {
  if (reader.find("model_type") != nullptr) {
    const auto name = reader.requiredString("model_type", "a string");
    if (const auto type = modelTypeNamed(name)) return *type;
    reader.fail("model_type", "unsupported model_type '" + name + "' (supported: gpt2, llama, mt5, t5)");
  }
  const json* architectures = reader.find("architectures");
  if (architectures != nullptr && architectures->is_array() && !architectures->empty() &&
      architectures->front().is_string()) {
    const auto name = architectures->front().get<std::string>();
    const auto startsWith = [&name](const char* prefix) { return name.rfind(prefix, 0) == 0; };
    if (startsWith("GPT2")) return ModelType::Gpt2;
    if (startsWith("MT5")) return ModelType::Mt5;
    if (startsWith("T5")) return ModelType::T5;
    if (startsWith("Llama")) return ModelType::Llama;
  }
  reader.fail("model_type", "missing, and 'architectures' does not name a GPT-2, T5 or Llama class");
}

Gpt2Config parseGpt2(const Reader& r) {
  Gpt2Config c;
  c.vocab_size = r.positiveInt("vocab_size", c.vocab_size);
  c.n_positions = r.positiveInt("n_positions", c.n_positions);
  c.n_embd = r.positiveInt("n_embd", c.n_embd);
  c.n_layer = r.positiveInt("n_layer", c.n_layer);
  c.n_head = r.positiveInt("n_head", c.n_head);
  c.n_inner = r.optionalPositiveInt("n_inner").value_or(4 * c.n_embd);
  c.activation_function = r.activation("activation_function", c.activation_function);
  c.layer_norm_epsilon = r.positiveNumber("layer_norm_epsilon", c.layer_norm_epsilon);
  c.initializer_range = r.positiveNumber("initializer_range", c.initializer_range);
  c.scale_attn_weights = r.boolean("scale_attn_weights", c.scale_attn_weights);
  c.scale_attn_by_inverse_layer_idx = r.boolean("scale_attn_by_inverse_layer_idx", c.scale_attn_by_inverse_layer_idx);
  c.tie_word_embeddings = r.boolean("tie_word_embeddings", c.tie_word_embeddings);
  c.bos_token_id = r.tokenId("bos_token_id", c.bos_token_id);
  c.eos_token_ids = r.tokenIds("eos_token_id", c.eos_token_ids);
  c.pad_token_id = r.tokenId("pad_token_id", c.pad_token_id);
  // Cross-attention blocks would add tensors and inputs that GPT2LMHeadModel's layout lacks.
  if (r.boolean("add_cross_attention", false)) {
    r.fail("add_cross_attention", "expected false (GPT-2 with cross-attention is not supported)");
  }
  if (c.n_embd % c.n_head != 0) {
    r.fail("n_head", std::to_string(c.n_head) + " heads do not divide n_embd " + std::to_string(c.n_embd));
  }
  return c;
}

T5Config parseT5(const Reader& r, ModelType type) {
  T5Config c;
  std::string feed_forward_proj = "relu";
  if (type == ModelType::Mt5) {
    c.vocab_size = 250112;
    c.d_ff = 1024;
    c.num_layers = 8;
    c.num_heads = 6;
    feed_forward_proj = "gated-gelu";
    c.tie_word_embeddings = false;
    c.decoder_start_token_id = 0;
  }
  c.vocab_size = r.positiveInt("vocab_size", c.vocab_size);
  c.d_model = r.positiveInt("d_model", c.d_model);
  c.d_kv = r.positiveInt("d_kv", c.d_kv);
  c.d_ff = r.positiveInt("d_ff", c.d_ff);
  c.num_layers = r.positiveInt("num_layers", c.num_layers);
  c.num_decoder_layers = r.optionalPositiveInt("num_decoder_layers").value_or(c.num_layers);
  c.num_heads = r.positiveInt("num_heads", c.num_heads);
  c.relative_attention_num_buckets = r.positiveInt("relative_attention_num_buckets", c.relative_attention_num_buckets);
  c.relative_attention_max_distance =
      r.positiveInt("relative_attention_max_distance", c.relative_attention_max_distance);

  // "ACT" or "gated-ACT", as Hugging Face splits it.
  feed_forward_proj = r.string("feed_forward_proj", feed_forward_proj);
  const auto dash = feed_forward_proj.find('-');
  const auto prefix = feed_forward_proj.substr(0, dash);
  if (dash != std::string::npos && (prefix != "gated" || feed_forward_proj.find('-', dash + 1) != std::string::npos)) {
    r.fail("feed_forward_proj",
           "expected 'ACT' or 'gated-ACT' (e.g. 'relu', 'gated-gelu'), got '" + feed_forward_proj + "'");
  }
  c.is_gated_act = dash != std::string::npos;
  c.dense_act_fn = r.activationNamed("feed_forward_proj",
                                     c.is_gated_act ? feed_forward_proj.substr(dash + 1) : feed_forward_proj);
  // Hugging Face's backward-compatible reading: T5 v1.1 was trained with the tanh approximation.
  if (feed_forward_proj == "gated-gelu") c.dense_act_fn = Activation::GeluNew;
  // Newer files also store the derived values; transformers would use those, so they must agree.
  const auto disagreement = [&](const std::string& key) {
    r.fail(key, show(*r.find(key)) + " disagrees with feed_forward_proj '" + feed_forward_proj + "'");
  };
  if (r.activation("dense_act_fn", c.dense_act_fn) != c.dense_act_fn) disagreement("dense_act_fn");
  if (r.boolean("is_gated_act", c.is_gated_act) != c.is_gated_act) disagreement("is_gated_act");

  c.layer_norm_epsilon = r.positiveNumber("layer_norm_epsilon", c.layer_norm_epsilon);
  c.initializer_factor = r.positiveNumber("initializer_factor", c.initializer_factor);
  c.tie_word_embeddings = r.boolean("tie_word_embeddings", c.tie_word_embeddings);
  c.decoder_start_token_id = r.tokenId("decoder_start_token_id", c.decoder_start_token_id);
  c.pad_token_id = r.tokenId("pad_token_id", c.pad_token_id);
  c.eos_token_ids = r.tokenIds("eos_token_id", c.eos_token_ids);
  return c;
}

RopeScalingConfig parseRopeScaling(const Reader& r) {
  const json* value = r.find("rope_scaling");
  if (value == nullptr || value->is_null()) return {};
  if (!value->is_object()) r.fail("rope_scaling", "expected an object or null, got " + show(*value));
  const Reader s = r.nested(*value, "rope_scaling");
  // "type" is the older spelling of "rope_type".
  const std::string type_key = s.find("rope_type") != nullptr || s.find("type") == nullptr ? "rope_type" : "type";
  const auto type = s.requiredString(type_key, "a rope type (default, linear or llama3)");
  RopeScalingConfig scaling;
  if (type == "default") return scaling;
  if (type == "linear") {
    scaling.kind = RopeScalingConfig::Kind::Linear;
    scaling.factor = s.requiredPositiveNumber("factor");
    return scaling;
  }
  if (type == "llama3") {
    scaling.kind = RopeScalingConfig::Kind::Llama3;
    scaling.factor = s.requiredPositiveNumber("factor");
    scaling.low_freq_factor = s.requiredPositiveNumber("low_freq_factor");
    scaling.high_freq_factor = s.requiredPositiveNumber("high_freq_factor");
    scaling.original_max_position_embeddings = s.requiredPositiveInt("original_max_position_embeddings");
    // The smooth band between the two wavelengths is empty or inverted otherwise.
    if (scaling.high_freq_factor <= scaling.low_freq_factor) {
      s.fail("high_freq_factor", "expected more than low_freq_factor " + show(scaling.low_freq_factor) + ", got " +
                                     show(scaling.high_freq_factor));
    }
    return scaling;
  }
  s.fail(type_key, "unsupported rope scaling '" + type + "' (supported: default, linear, llama3)");
}

LlamaConfig parseLlama(const Reader& r) {
  LlamaConfig c;
  c.vocab_size = r.positiveInt("vocab_size", c.vocab_size);
  c.hidden_size = r.positiveInt("hidden_size", c.hidden_size);
  c.intermediate_size = r.positiveInt("intermediate_size", c.intermediate_size);
  c.num_hidden_layers = r.positiveInt("num_hidden_layers", c.num_hidden_layers);
  c.num_attention_heads = r.positiveInt("num_attention_heads", c.num_attention_heads);
  c.num_key_value_heads = r.optionalPositiveInt("num_key_value_heads").value_or(c.num_attention_heads);
  const auto head_dim = r.optionalPositiveInt("head_dim");
  if (!head_dim && c.hidden_size % c.num_attention_heads != 0) {
    r.fail("num_attention_heads", std::to_string(c.num_attention_heads) + " heads do not divide hidden_size " +
                                      std::to_string(c.hidden_size) + " (and there is no head_dim)");
  }
  c.head_dim = head_dim.value_or(c.hidden_size / c.num_attention_heads);
  if (c.num_attention_heads % c.num_key_value_heads != 0) {
    r.fail("num_key_value_heads", std::to_string(c.num_key_value_heads) +
                                      " key/value heads do not divide num_attention_heads " +
                                      std::to_string(c.num_attention_heads));
  }
  // Rotary positions rotate pairs of dimensions.
  if (c.head_dim % 2 != 0) {
    r.fail(head_dim ? "head_dim" : "num_attention_heads",
           "rotary positions need an even head dimension, got " + std::to_string(c.head_dim));
  }
  c.max_position_embeddings = r.positiveInt("max_position_embeddings", c.max_position_embeddings);
  c.hidden_act = r.activation("hidden_act", c.hidden_act);
  c.rms_norm_eps = r.positiveNumber("rms_norm_eps", c.rms_norm_eps);
  c.rope_theta = r.positiveNumber("rope_theta", c.rope_theta);
  c.rope_scaling = parseRopeScaling(r);
  c.initializer_range = r.positiveNumber("initializer_range", c.initializer_range);
  c.tie_word_embeddings = r.boolean("tie_word_embeddings", c.tie_word_embeddings);
  c.attention_bias = r.boolean("attention_bias", c.attention_bias);
  c.mlp_bias = r.boolean("mlp_bias", c.mlp_bias);
  c.bos_token_id = r.tokenId("bos_token_id", c.bos_token_id);
  c.eos_token_ids = r.tokenIds("eos_token_id", c.eos_token_ids);
  c.pad_token_id = r.tokenId("pad_token_id", c.pad_token_id);
  return c;
}

}  // namespace

ModelFamily familyOf(const ModelConfig& config) {
  if (std::holds_alternative<Gpt2Config>(config)) return ModelFamily::Gpt2;
  if (std::holds_alternative<T5Config>(config)) return ModelFamily::T5;
  return ModelFamily::Llama;
}

ModelConfig parseModelConfig(const nlohmann::json& config, const std::string& source) {
  if (!config.is_object()) throw std::runtime_error(source + ": expected a JSON object, got " + show(config));
  const Reader reader(config, source);
  const auto type = detectModelType(reader);
  if (type == ModelType::Gpt2) return parseGpt2(reader);
  if (type == ModelType::Llama) return parseLlama(reader);
  return parseT5(reader, type);
}

ModelConfig parseModelConfigFile(const std::filesystem::path& path) {
  const auto file = std::filesystem::is_directory(path) ? path / "config.json" : path;
  std::ifstream in(file);
  if (!in) {
    throw std::runtime_error(file.string() +
                             (std::filesystem::exists(file) ? ": cannot be read" : ": no such file"));
  }
  json config;
  try {
    config = json::parse(in);
  } catch (const json::parse_error& e) {
    throw std::runtime_error(file.string() + ": not valid JSON (" + e.what() + ")");
  }
  return parseModelConfig(config, file.string());
}

}  // namespace pwb::model
