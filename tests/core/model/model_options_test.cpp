#include "model/model_options.h"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace pwb::model {
namespace {

std::string errorOf(const std::function<void()>& convert) {
  try {
    convert();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ModelOptions, CarriesEveryShapeFieldOfTheConfig) {
  const auto llama = std::get<LlamaConfig>(parseModelConfig(nlohmann::json::parse(R"({"model_type": "llama",
      "vocab_size": 100, "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 3, "num_attention_heads": 4,
      "num_key_value_heads": 2, "head_dim": 16, "rope_theta": 500000.0, "tie_word_embeddings": true,
      "rope_scaling": {"rope_type": "linear", "factor": 2.0}})")));
  const auto o = llamaOptions(llama, "config.json");
  EXPECT_EQ(o.vocab_size, 100);
  EXPECT_EQ(o.intermediate_size, 48);
  EXPECT_EQ(o.num_key_value_heads, 2);
  EXPECT_EQ(o.headDim(), 16);
  EXPECT_DOUBLE_EQ(o.rope_theta, 500000.0);
  EXPECT_TRUE(o.tie_word_embeddings);
  EXPECT_EQ(o.rope_scaling.kind, RopeScaling::Kind::Linear);
  EXPECT_DOUBLE_EQ(o.rope_scaling.factor, 2.0);

  const auto t5 = std::get<T5Config>(parseModelConfig(nlohmann::json::parse(
      R"({"model_type": "t5", "feed_forward_proj": "gated-gelu", "decoder_start_token_id": 0, "num_layers": 3,
          "num_decoder_layers": 2})")));
  const auto t = t5Options(t5, "config.json");
  EXPECT_TRUE(t.feed_forward_proj.is_gated);
  EXPECT_EQ(t.feed_forward_proj.activation, T5Options::Activation::GeluNew);
  EXPECT_EQ(t.decoderLayers(), 2);
}

TEST(ModelOptions, RefusesWhatTheModulesDoNotImplementNamingTheKey) {
  auto gpt2 = Gpt2Config{};
  gpt2.activation_function = Activation::Relu;
  EXPECT_EQ(errorOf([&] { gpt2Options(gpt2, "a/config.json"); }),
            "a/config.json: key 'activation_function': only gelu_new (the tanh approximation) is implemented for GPT-2");
  gpt2 = Gpt2Config{};
  gpt2.scale_attn_by_inverse_layer_idx = true;
  EXPECT_NE(errorOf([&] { gpt2Options(gpt2, "a"); }).find("'scale_attn_by_inverse_layer_idx'"), std::string::npos);

  auto llama = LlamaConfig{};
  llama.hidden_act = Activation::Gelu;
  EXPECT_NE(errorOf([&] { llamaOptions(llama, "a"); }).find("key 'hidden_act': only silu"), std::string::npos);

  auto t5 = T5Config{};  // model_type t5 has no default decoder start
  EXPECT_NE(errorOf([&] { t5Options(t5, "a"); }).find("key 'decoder_start_token_id': missing"), std::string::npos);
}

}  // namespace
}  // namespace pwb::model
