#include "model/model_config.h"

#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../../support/temp_dir.h"

namespace pwb::model {
namespace {

using nlohmann::json;

const std::filesystem::path kFixtures = PWB_FIXTURES_DIR;

// The message of the std::runtime_error that parsing `config` throws ("" if none).
std::string parseError(const json& config) {
  try {
    parseModelConfig(config);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(ModelConfig, ReadsGpt2TinyFixture) {
  const auto config = parseModelConfigFile(kFixtures / "gpt2-tiny" / "config.json");
  ASSERT_EQ(familyOf(config), ModelFamily::Gpt2);
  const auto& c = std::get<Gpt2Config>(config);
  EXPECT_EQ(c.vocab_size, 1000);
  EXPECT_EQ(c.n_positions, 128);
  EXPECT_EQ(c.n_embd, 64);
  EXPECT_EQ(c.n_layer, 2);
  EXPECT_EQ(c.n_head, 4);
  EXPECT_EQ(c.headDim(), 16);
  EXPECT_EQ(c.n_inner, 256);  // null → 4 · n_embd
  EXPECT_EQ(c.activation_function, Activation::GeluNew);
  EXPECT_DOUBLE_EQ(c.layer_norm_epsilon, 1e-5);
  EXPECT_DOUBLE_EQ(c.initializer_range, 0.2);
  EXPECT_TRUE(c.scale_attn_weights);
  EXPECT_FALSE(c.scale_attn_by_inverse_layer_idx);
  EXPECT_TRUE(c.tie_word_embeddings);  // absent from the file
  EXPECT_EQ(c.bos_token_id, 3);
  EXPECT_EQ(c.eos_token_ids, std::vector<std::int64_t>{1});
  EXPECT_FALSE(c.pad_token_id.has_value());
}

TEST(ModelConfig, ReadsT5TinyFixtures) {
  const auto plain = parseModelConfigFile(kFixtures / "t5-tiny");  // a folder finds its config.json
  ASSERT_EQ(familyOf(plain), ModelFamily::T5);
  const auto& c = std::get<T5Config>(plain);
  EXPECT_EQ(c.vocab_size, 1000);
  EXPECT_EQ(c.d_model, 64);
  EXPECT_EQ(c.d_kv, 16);
  EXPECT_EQ(c.d_ff, 128);
  EXPECT_EQ(c.num_layers, 2);
  EXPECT_EQ(c.num_decoder_layers, 2);
  EXPECT_EQ(c.num_heads, 4);
  EXPECT_EQ(c.innerDim(), 64);
  EXPECT_EQ(c.relative_attention_num_buckets, 32);
  EXPECT_EQ(c.relative_attention_max_distance, 128);
  EXPECT_FALSE(c.is_gated_act);
  EXPECT_EQ(c.dense_act_fn, Activation::Relu);
  EXPECT_DOUBLE_EQ(c.layer_norm_epsilon, 1e-6);
  EXPECT_TRUE(c.tie_word_embeddings);  // absent from the file
  EXPECT_EQ(c.decoder_start_token_id, 0);
  EXPECT_EQ(c.pad_token_id, 0);
  EXPECT_EQ(c.eos_token_ids, std::vector<std::int64_t>{1});

  const auto gated = std::get<T5Config>(parseModelConfigFile(kFixtures / "t5-tiny-gated" / "config.json"));
  EXPECT_TRUE(gated.is_gated_act);
  EXPECT_EQ(gated.dense_act_fn, Activation::GeluNew);  // "gated-gelu" means gelu_new
  EXPECT_FALSE(gated.tie_word_embeddings);
}

TEST(ModelConfig, ReadsLlamaTinyFixture) {
  const auto config = parseModelConfigFile(kFixtures / "llama-tiny" / "config.json");
  ASSERT_EQ(familyOf(config), ModelFamily::Llama);
  const auto& c = std::get<LlamaConfig>(config);
  EXPECT_EQ(c.vocab_size, 1000);
  EXPECT_EQ(c.hidden_size, 64);
  EXPECT_EQ(c.intermediate_size, 128);
  EXPECT_EQ(c.num_hidden_layers, 2);
  EXPECT_EQ(c.num_attention_heads, 4);
  EXPECT_EQ(c.num_key_value_heads, 2);
  EXPECT_EQ(c.head_dim, 16);
  EXPECT_EQ(c.max_position_embeddings, 128);
  EXPECT_EQ(c.hidden_act, Activation::Silu);
  EXPECT_DOUBLE_EQ(c.rms_norm_eps, 1e-6);
  EXPECT_DOUBLE_EQ(c.rope_theta, 10000.0);
  EXPECT_EQ(c.rope_scaling.kind, RopeScalingConfig::Kind::None);
  EXPECT_DOUBLE_EQ(c.initializer_range, 0.2);
  EXPECT_FALSE(c.tie_word_embeddings);
  EXPECT_FALSE(c.attention_bias);
  EXPECT_FALSE(c.mlp_bias);
  EXPECT_EQ(c.bos_token_id, 3);
  EXPECT_EQ(c.eos_token_ids, std::vector<std::int64_t>{1});
  EXPECT_EQ(c.pad_token_id, 0);
}

TEST(ModelConfig, AbsentKeysTakeHuggingFaceDefaults) {
  const auto gpt2 = std::get<Gpt2Config>(parseModelConfig({{"model_type", "gpt2"}}));
  EXPECT_EQ(gpt2.vocab_size, 50257);
  EXPECT_EQ(gpt2.n_positions, 1024);
  EXPECT_EQ(gpt2.n_embd, 768);
  EXPECT_EQ(gpt2.n_inner, 3072);
  EXPECT_EQ(gpt2.bos_token_id, 50256);
  EXPECT_EQ(gpt2.eos_token_ids, std::vector<std::int64_t>{50256});

  const auto t5 = std::get<T5Config>(parseModelConfig({{"model_type", "t5"}, {"num_layers", 4}}));
  EXPECT_EQ(t5.vocab_size, 32128);
  EXPECT_EQ(t5.d_ff, 2048);
  EXPECT_EQ(t5.num_decoder_layers, 4);  // follows num_layers
  EXPECT_EQ(t5.num_heads, 8);
  EXPECT_FALSE(t5.is_gated_act);
  EXPECT_TRUE(t5.tie_word_embeddings);
  EXPECT_FALSE(t5.decoder_start_token_id.has_value());  // T5Config has none

  const auto mt5 = std::get<T5Config>(parseModelConfig({{"model_type", "mt5"}}));
  EXPECT_EQ(mt5.vocab_size, 250112);
  EXPECT_EQ(mt5.d_ff, 1024);
  EXPECT_EQ(mt5.num_layers, 8);
  EXPECT_EQ(mt5.num_decoder_layers, 8);
  EXPECT_EQ(mt5.num_heads, 6);
  EXPECT_TRUE(mt5.is_gated_act);
  EXPECT_EQ(mt5.dense_act_fn, Activation::GeluNew);
  EXPECT_FALSE(mt5.tie_word_embeddings);
  EXPECT_EQ(mt5.decoder_start_token_id, 0);

  const auto llama =
      std::get<LlamaConfig>(parseModelConfig({{"model_type", "llama"}, {"num_key_value_heads", nullptr}}));
  EXPECT_EQ(llama.hidden_size, 4096);
  EXPECT_EQ(llama.intermediate_size, 11008);
  EXPECT_EQ(llama.num_key_value_heads, 32);  // null → num_attention_heads
  EXPECT_EQ(llama.head_dim, 128);
  EXPECT_EQ(llama.max_position_embeddings, 2048);
  EXPECT_DOUBLE_EQ(llama.rms_norm_eps, 1e-6);
  EXPECT_DOUBLE_EQ(llama.rope_theta, 10000.0);
  EXPECT_FALSE(llama.tie_word_embeddings);
  EXPECT_EQ(llama.bos_token_id, 1);
  EXPECT_EQ(llama.eos_token_ids, std::vector<std::int64_t>{2});
  EXPECT_FALSE(llama.pad_token_id.has_value());
}

TEST(ModelConfig, FamilyComesFromArchitecturesWhenModelTypeIsAbsent) {
  EXPECT_EQ(familyOf(parseModelConfig({{"architectures", {"GPT2LMHeadModel"}}})), ModelFamily::Gpt2);
  EXPECT_EQ(familyOf(parseModelConfig({{"architectures", {"T5ForConditionalGeneration"}}})), ModelFamily::T5);
  EXPECT_EQ(familyOf(parseModelConfig({{"architectures", {"LlamaForCausalLM"}}})), ModelFamily::Llama);
  // MT5's class picks mt5's defaults.
  EXPECT_EQ(std::get<T5Config>(parseModelConfig({{"architectures", {"MT5ForConditionalGeneration"}}})).vocab_size,
            250112);
  EXPECT_EQ(parseError({{"architectures", {"BertForMaskedLM"}}}),
            "config.json: key 'model_type': missing, and 'architectures' does not name a GPT-2, T5 or Llama class");
}

TEST(ModelConfig, RejectsFamiliesThatAreNotExactlyOneOfTheThree) {
  EXPECT_EQ(parseError({{"model_type", "qwen2"}, {"architectures", {"Qwen2ForCausalLM"}}}),
            "config.json: key 'model_type': unsupported model_type 'qwen2' (supported: gpt2, llama, mt5, t5)");
  EXPECT_EQ(parseError({{"model_type", "mistral"}}),
            "config.json: key 'model_type': unsupported model_type 'mistral' (supported: gpt2, llama, mt5, t5)");
  // model_type decides, as in transformers' AutoConfig.
  EXPECT_NE(parseError({{"model_type", "umt5"}, {"architectures", {"T5ForConditionalGeneration"}}}), "");
  EXPECT_EQ(parseError({{"model_type", "gpt2"}, {"add_cross_attention", true}}),
            "config.json: key 'add_cross_attention': expected false (GPT-2 with cross-attention is not supported)");
}

TEST(ModelConfig, FeedForwardProjIsActOrGatedAct) {
  const auto read = [](const std::string& proj) {
    return std::get<T5Config>(parseModelConfig({{"model_type", "t5"}, {"feed_forward_proj", proj}}));
  };
  EXPECT_EQ(read("gelu").dense_act_fn, Activation::Gelu);  // only "gated-gelu" is rewritten to gelu_new
  EXPECT_FALSE(read("gelu").is_gated_act);
  EXPECT_TRUE(read("gated-silu").is_gated_act);
  EXPECT_EQ(read("gated-silu").dense_act_fn, Activation::Silu);
  EXPECT_EQ(read("gated-gelu_new").dense_act_fn, Activation::GeluNew);
  EXPECT_EQ(read("gated-gelu").dense_act_fn, Activation::GeluNew);

  const auto error = [](const std::string& proj) {
    return parseError({{"model_type", "t5"}, {"feed_forward_proj", proj}});
  };
  EXPECT_EQ(error("relu-gated"),
            "config.json: key 'feed_forward_proj': expected 'ACT' or 'gated-ACT' (e.g. 'relu', 'gated-gelu'), got "
            "'relu-gated'");
  EXPECT_NE(error("gated-gelu-new"), "");
  EXPECT_EQ(error("gated-tanh"),
            "config.json: key 'feed_forward_proj': unsupported activation 'tanh' (expected one of relu, gelu, "
            "gelu_new, gelu_pytorch_tanh, gelu_fast, silu, swish)");
  EXPECT_NE(error("gated-"), "");
}

TEST(ModelConfig, StoredDerivedActivationMustAgreeWithFeedForwardProj) {
  EXPECT_EQ(parseError({{"model_type", "t5"}, {"feed_forward_proj", "gated-gelu"}, {"dense_act_fn", "gelu"}}),
            "config.json: key 'dense_act_fn': \"gelu\" disagrees with feed_forward_proj 'gated-gelu'");
  EXPECT_EQ(parseError({{"model_type", "t5"}, {"feed_forward_proj", "relu"}, {"is_gated_act", true}}),
            "config.json: key 'is_gated_act': true disagrees with feed_forward_proj 'relu'");
}

TEST(ModelConfig, ReadsLlama3RopeScaling) {
  // Llama-3.2-1B's values.
  const auto c = std::get<LlamaConfig>(parseModelConfig(json::parse(R"({
    "model_type": "llama", "hidden_size": 2048, "num_attention_heads": 32, "num_key_value_heads": 8,
    "head_dim": 64, "rope_theta": 500000.0, "eos_token_id": [128001, 128008, 128009],
    "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                     "original_max_position_embeddings": 8192, "rope_type": "llama3"}})")));
  EXPECT_EQ(c.rope_scaling.kind, RopeScalingConfig::Kind::Llama3);
  EXPECT_DOUBLE_EQ(c.rope_scaling.factor, 32.0);
  EXPECT_DOUBLE_EQ(c.rope_scaling.low_freq_factor, 1.0);
  EXPECT_DOUBLE_EQ(c.rope_scaling.high_freq_factor, 4.0);
  EXPECT_EQ(c.rope_scaling.original_max_position_embeddings, 8192);
  EXPECT_DOUBLE_EQ(c.rope_theta, 500000.0);
  EXPECT_EQ(c.head_dim, 64);
  EXPECT_EQ(c.eos_token_ids, (std::vector<std::int64_t>{128001, 128008, 128009}));
}

TEST(ModelConfig, ReadsLinearAndDefaultRopeScaling) {
  // "type" is the older spelling of "rope_type".
  const auto linear = std::get<LlamaConfig>(
      parseModelConfig({{"model_type", "llama"}, {"rope_scaling", {{"type", "linear"}, {"factor", 4}}}}));
  EXPECT_EQ(linear.rope_scaling.kind, RopeScalingConfig::Kind::Linear);
  EXPECT_DOUBLE_EQ(linear.rope_scaling.factor, 4.0);
  const auto plain = std::get<LlamaConfig>(
      parseModelConfig({{"model_type", "llama"}, {"rope_scaling", {{"rope_type", "default"}}}}));
  EXPECT_EQ(plain.rope_scaling.kind, RopeScalingConfig::Kind::None);
}

TEST(ModelConfig, RejectsRopeScalingItCannotApply) {
  EXPECT_EQ(parseError({{"model_type", "llama"}, {"rope_scaling", {{"rope_type", "yarn"}, {"factor", 4.0}}}}),
            "config.json: key 'rope_scaling.rope_type': unsupported rope scaling 'yarn' (supported: default, linear, "
            "llama3)");
  EXPECT_EQ(parseError({{"model_type", "llama"}, {"rope_scaling", {{"type", "dynamic"}, {"factor", 2.0}}}}),
            "config.json: key 'rope_scaling.type': unsupported rope scaling 'dynamic' (supported: default, linear, "
            "llama3)");
  EXPECT_EQ(parseError({{"model_type", "llama"},
                        {"rope_scaling",
                         {{"rope_type", "llama3"}, {"factor", 8.0}, {"high_freq_factor", 4.0},
                          {"original_max_position_embeddings", 8192}}}}),
            "config.json: key 'rope_scaling.low_freq_factor': expected a positive number, but the key is missing");
  EXPECT_EQ(parseError({{"model_type", "llama"},
                        {"rope_scaling",
                         {{"rope_type", "llama3"}, {"factor", 8.0}, {"low_freq_factor", 4.0}, {"high_freq_factor", 1.0},
                          {"original_max_position_embeddings", 8192}}}}),
            "config.json: key 'rope_scaling.high_freq_factor': expected more than low_freq_factor 4.0, got 1.0");
  EXPECT_EQ(parseError({{"model_type", "llama"}, {"rope_scaling", {{"factor", 2.0}}}}),
            "config.json: key 'rope_scaling.rope_type': expected a rope type (default, linear or llama3), but the key "
            "is missing");
  EXPECT_EQ(parseError({{"model_type", "llama"}, {"rope_scaling", "linear"}}),
            "config.json: key 'rope_scaling': expected an object or null, got \"linear\"");
}

TEST(ModelConfig, ErrorsNameTheKeyAndWhatWasExpected) {
  EXPECT_EQ(parseError({{"model_type", "gpt2"}, {"n_head", -1}}),
            "config.json: key 'n_head': expected a positive integer, got -1");
  EXPECT_EQ(parseError({{"model_type", "gpt2"}, {"n_embd", "768"}}),
            "config.json: key 'n_embd': expected a positive integer, got \"768\"");
  EXPECT_EQ(parseError({{"model_type", "gpt2"}, {"n_layer", 2.5}}),
            "config.json: key 'n_layer': expected a positive integer, got 2.5");
  EXPECT_EQ(parseError({{"model_type", "gpt2"}, {"n_head", nullptr}}),
            "config.json: key 'n_head': expected a positive integer, got null");
  EXPECT_EQ(parseError({{"model_type", "gpt2"}, {"layer_norm_epsilon", 0}}),
            "config.json: key 'layer_norm_epsilon': expected a positive number, got 0");
  EXPECT_EQ(parseError({{"model_type", "gpt2"}, {"tie_word_embeddings", "yes"}}),
            "config.json: key 'tie_word_embeddings': expected true or false, got \"yes\"");
  EXPECT_EQ(parseError({{"model_type", "gpt2"}, {"activation_function", "quick_gelu"}}),
            "config.json: key 'activation_function': unsupported activation 'quick_gelu' (expected one of relu, "
            "gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, silu, swish)");
  EXPECT_EQ(parseError({{"model_type", "llama"}, {"eos_token_id", {2, -5}}}),
            "config.json: key 'eos_token_id': expected a token id (a non-negative integer), got -5");
  EXPECT_EQ(parseError({{"model_type", "llama"}, {"vocab_size", 18446744073709551615ULL}}),
            "config.json: key 'vocab_size': expected a positive integer, got 18446744073709551615");
  EXPECT_EQ(parseError({{"model_type", 2}}), "config.json: key 'model_type': expected a string, got 2");
  EXPECT_EQ(parseError(json::array({1, 2})), "config.json: expected a JSON object, got [1,2]");
}

TEST(ModelConfig, HeadsMustDivideTheWidth) {
  EXPECT_EQ(parseError({{"model_type", "gpt2"}, {"n_embd", 64}, {"n_head", 5}}),
            "config.json: key 'n_head': 5 heads do not divide n_embd 64");
  EXPECT_EQ(parseError({{"model_type", "llama"}, {"hidden_size", 64}, {"num_attention_heads", 5}}),
            "config.json: key 'num_attention_heads': 5 heads do not divide hidden_size 64 (and there is no head_dim)");
  EXPECT_EQ(parseError({{"model_type", "llama"},
                        {"hidden_size", 64},
                        {"num_attention_heads", 4},
                        {"num_key_value_heads", 3}}),
            "config.json: key 'num_key_value_heads': 3 key/value heads do not divide num_attention_heads 4");
  EXPECT_EQ(parseError({{"model_type", "llama"}, {"hidden_size", 60}, {"num_attention_heads", 4}}),
            "config.json: key 'num_attention_heads': rotary positions need an even head dimension, got 15");
  // An explicit head_dim frees the width from the head count.
  const auto c = std::get<LlamaConfig>(
      parseModelConfig({{"model_type", "llama"}, {"hidden_size", 64}, {"num_attention_heads", 5}, {"head_dim", 32}}));
  EXPECT_EQ(c.head_dim, 32);
  // T5 heads have their own width (d_kv), so nothing needs to divide d_model.
  EXPECT_EQ(std::get<T5Config>(parseModelConfig({{"model_type", "t5"}, {"num_heads", 6}, {"d_model", 512}})).innerDim(),
            384);
}

TEST(ModelConfig, FileErrorsNameTheFile) {
  const auto message = [](const std::filesystem::path& path) -> std::string {
    try {
      parseModelConfigFile(path);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "";
  };
  testing::TempDir dir;
  const auto file = dir / "config.json";
  std::ofstream(file) << R"({"model_type": "gpt2", "n_head": 0})";
  EXPECT_EQ(message(file), file.string() + ": key 'n_head': expected a positive integer, got 0");
  std::ofstream(file) << R"({"model_type": "gpt2",)";
  EXPECT_EQ(message(dir.path()).rfind(file.string() + ": not valid JSON (", 0), 0u) << message(dir.path());
  EXPECT_EQ(message(dir / "missing"), (dir / "missing").string() + ": no such file");
}

}  // namespace
}  // namespace pwb::model
