#include "model/parameter_count.h"

#include <chrono>
#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace pwb::model {
namespace {

using nlohmann::json;
using Shape = std::vector<std::int64_t>;

const std::filesystem::path kFixtures = PWB_FIXTURES_DIR;

json readJson(const std::filesystem::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

// name → shape, failing on a name listed twice.
std::map<std::string, Shape> byName(const std::vector<TensorSpec>& tensors) {
  std::map<std::string, Shape> shapes;
  for (const auto& t : tensors) EXPECT_TRUE(shapes.emplace(t.name, t.shape).second) << "listed twice: " << t.name;
  return shapes;
}

std::map<std::string, std::string> aliases(const CheckpointLayout& layout) {
  std::map<std::string, std::string> tied;
  for (const auto& alias : layout.tied) tied[alias.name] = alias.target;
  return tied;
}

class TinyFixture : public ::testing::TestWithParam<std::string> {};

// The layout is exactly the tensor list of the fixture's model.safetensors, and the count is
// what Hugging Face's num_parameters() printed.
TEST_P(TinyFixture, LayoutEqualsCheckpointTensorsAndCountEqualsHuggingFace) {
  const auto folder = kFixtures / GetParam();
  const auto cases = readJson(folder / "cases.json");
  const auto config = parseModelConfigFile(folder / "config.json");
  const auto layout = checkpointLayout(config);

  std::map<std::string, Shape> expected;
  for (const auto& [name, shape] : cases.at("checkpoint_tensors").items()) expected[name] = shape.get<Shape>();
  EXPECT_EQ(byName(layout.tensors), expected);
  EXPECT_EQ(layout.tensors.size(), expected.size());

  const auto count = countParameters(config);
  EXPECT_EQ(count.total, cases.at("num_parameters").get<std::int64_t>());
  std::int64_t stored = 0;
  for (const auto& t : layout.tensors) stored += t.numel();
  EXPECT_EQ(count.total, stored);
  EXPECT_EQ(count.non_embedding, count.total - count.input_embedding - count.output_embedding);
}

INSTANTIATE_TEST_SUITE_P(ReferenceModels, TinyFixture,
                         ::testing::Values("gpt2-tiny", "t5-tiny", "t5-tiny-gated", "llama-tiny"),
                         [](const auto& info) {
                           auto name = info.param;
                           for (auto& ch : name) ch = ch == '-' ? '_' : ch;
                           return name;
                         });

TEST(CheckpointLayout, TiedNamesPointAtTheStoredTensor) {
  const auto gpt2 = checkpointLayout(parseModelConfigFile(kFixtures / "gpt2-tiny"));
  EXPECT_EQ(aliases(gpt2), (std::map<std::string, std::string>{{"lm_head.weight", "transformer.wte.weight"}}));

  const auto t5 = checkpointLayout(parseModelConfigFile(kFixtures / "t5-tiny"));
  EXPECT_EQ(aliases(t5), (std::map<std::string, std::string>{{"decoder.embed_tokens.weight", "shared.weight"},
                                                             {"encoder.embed_tokens.weight", "shared.weight"},
                                                             {"lm_head.weight", "shared.weight"}}));

  const auto t5_gated = checkpointLayout(parseModelConfigFile(kFixtures / "t5-tiny-gated"));
  EXPECT_EQ(aliases(t5_gated), (std::map<std::string, std::string>{{"decoder.embed_tokens.weight", "shared.weight"},
                                                                   {"encoder.embed_tokens.weight", "shared.weight"}}));

  EXPECT_TRUE(checkpointLayout(parseModelConfigFile(kFixtures / "llama-tiny")).tied.empty());
}

TEST(CheckpointLayout, ShapesFollowEachFamilysModuleTypes) {
  const auto gpt2 = byName(checkpointLayout(parseModelConfig({{"model_type", "gpt2"}})).tensors);
  EXPECT_EQ(gpt2.at("transformer.h.0.attn.c_attn.weight"), (Shape{768, 2304}));  // Conv1D: [in, out]
  EXPECT_EQ(gpt2.at("transformer.h.11.mlp.c_proj.weight"), (Shape{3072, 768}));
  EXPECT_EQ(gpt2.count("transformer.h.12.ln_1.weight"), 0u);

  const auto llama = byName(checkpointLayout(parseModelConfigFile(kFixtures / "llama-tiny")).tensors);
  EXPECT_EQ(llama.at("model.layers.0.self_attn.k_proj.weight"), (Shape{32, 64}));  // 2 KV heads · 16

  const auto t5 = byName(checkpointLayout(parseModelConfig({{"model_type", "t5"}})).tensors);
  EXPECT_EQ(t5.at("encoder.block.0.layer.0.SelfAttention.q.weight"), (Shape{512, 512}));
  EXPECT_EQ(t5.at("decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"), (Shape{32, 8}));
  EXPECT_EQ(t5.count("encoder.block.1.layer.0.SelfAttention.relative_attention_bias.weight"), 0u);
  EXPECT_EQ(t5.count("decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight"), 0u);
}

TEST(CheckpointLayout, RolesNameTheEmbeddings) {
  const auto roles = [](const ModelConfig& config) {
    std::map<TensorRole, std::string> named;
    for (const auto& t : checkpointLayout(config).tensors) {
      if (t.role != TensorRole::Other) named[t.role] = t.name;
    }
    return named;
  };
  EXPECT_EQ(roles(parseModelConfig({{"model_type", "gpt2"}})),
            (std::map<TensorRole, std::string>{{TensorRole::TokenEmbedding, "transformer.wte.weight"},
                                               {TensorRole::PositionEmbedding, "transformer.wpe.weight"}}));
  EXPECT_EQ(roles(parseModelConfig({{"model_type", "mt5"}})),
            (std::map<TensorRole, std::string>{{TensorRole::TokenEmbedding, "shared.weight"},
                                               {TensorRole::OutputEmbedding, "lm_head.weight"}}));
}

TEST(CheckpointLayout, LlamaBiasesAndExplicitHeadDim) {
  const auto config = parseModelConfig({{"model_type", "llama"},
                                        {"vocab_size", 100},
                                        {"hidden_size", 64},
                                        {"intermediate_size", 96},
                                        {"num_hidden_layers", 1},
                                        {"num_attention_heads", 4},
                                        {"num_key_value_heads", 1},
                                        {"head_dim", 32},
                                        {"attention_bias", true},
                                        {"mlp_bias", true}});
  const auto shapes = byName(checkpointLayout(config).tensors);
  EXPECT_EQ(shapes.at("model.layers.0.self_attn.q_proj.weight"), (Shape{128, 64}));
  EXPECT_EQ(shapes.at("model.layers.0.self_attn.q_proj.bias"), (Shape{128}));
  EXPECT_EQ(shapes.at("model.layers.0.self_attn.k_proj.weight"), (Shape{32, 64}));
  EXPECT_EQ(shapes.at("model.layers.0.self_attn.v_proj.bias"), (Shape{32}));
  EXPECT_EQ(shapes.at("model.layers.0.self_attn.o_proj.weight"), (Shape{64, 128}));
  EXPECT_EQ(shapes.at("model.layers.0.self_attn.o_proj.bias"), (Shape{64}));
  EXPECT_EQ(shapes.at("model.layers.0.mlp.down_proj.bias"), (Shape{64}));
  EXPECT_EQ(shapes.at("model.layers.0.mlp.gate_proj.bias"), (Shape{96}));
  // 2 embeddings + q,o (64·128 + 128, 128·64 + 64) + k,v (64·32 + 32 each) + MLP (3·64·96 + 2·96 + 64) + 3 norms.
  const std::int64_t expected = 2 * 100 * 64 + (8192 + 128) + (8192 + 64) + 2 * (2048 + 32) +
                                (3 * 64 * 96 + 2 * 96 + 64) + 3 * 64;
  EXPECT_EQ(countParameters(config).total, expected);
}

TEST(ParameterCount, UntiedLmHeadIsCountedSeparately) {
  const auto tied = countParameters(parseModelConfig({{"model_type", "gpt2"}}));
  const auto untied = countParameters(parseModelConfig({{"model_type", "gpt2"}, {"tie_word_embeddings", false}}));
  EXPECT_EQ(untied.total - tied.total, 50257 * 768);
  EXPECT_EQ(untied.output_embedding, 50257 * 768);
  EXPECT_EQ(tied.output_embedding, 0);
  EXPECT_EQ(untied.non_embedding, tied.non_embedding);
  EXPECT_EQ(byName(checkpointLayout(parseModelConfig({{"model_type", "gpt2"}, {"tie_word_embeddings", false}})).tensors)
                .at("lm_head.weight"),
            (Shape{50257, 768}));
}

// Full-size public configurations, counted by Hugging Face from the config alone.
TEST(ParameterCount, EqualsHuggingFaceForRealArchitectures) {
  const auto reference = readJson(kFixtures / "real_arch_param_counts.json");
  ASSERT_EQ(reference.at("models").size(), 4u);
  for (const auto& [name, model] : reference.at("models").items()) {
    SCOPED_TRACE(name);
    // These configs carry no model_type; the class name decides, as for older config.json files.
    auto config_json = model.at("config");
    config_json["architectures"] = {model.at("model_class")};
    const auto config = parseModelConfig(config_json, name);
    const auto count = countParameters(config);
    EXPECT_EQ(count.total, model.at("total_params").get<std::int64_t>());
    EXPECT_EQ(count.total, model.at("hf_num_parameters").get<std::int64_t>());
    EXPECT_EQ(count.input_embedding, model.at("input_embedding_params").get<std::int64_t>());
    EXPECT_EQ(count.non_embedding, model.at("non_embedding_params").get<std::int64_t>());
    EXPECT_EQ(count.position_embedding, model.value("position_embedding_params", std::int64_t{0}));
    const bool tied = model.at("lm_head_tied_to_input_embedding").get<bool>();
    EXPECT_EQ(count.output_embedding == 0, tied);
    EXPECT_EQ(aliases(checkpointLayout(config)).count("lm_head.weight"), tied ? 1u : 0u);
  }
}

// mt0-large (mT5) from the PEFT documentation: the printed all-params minus the adapter's
// trainable params is the base model's count.
TEST(ParameterCount, EqualsPeftDocumentationForMt0Large) {
  const auto reference = readJson(kFixtures / "real_arch_param_counts.json");
  int checked = 0;
  for (const auto& check : reference.at("cross_checks_against_peft_docs")) {
    // OPT is not a family this module reads.
    if (check.at("model").get<std::string>() != "bigscience/mt0-large") continue;
    SCOPED_TRACE(check.at("peft_config").get<std::string>());
    auto config_json = check.at("config_used");
    config_json["model_type"] = "mt5";
    const auto& published = check.at("published");
    EXPECT_EQ(countParameters(parseModelConfig(config_json)).total,
              published.at("all_params").get<std::int64_t>() - published.at("trainable_params").get<std::int64_t>());
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

TEST(ParameterCount, TinyLlamaWithoutAllocatingWeights) {
  const auto reference = readJson(kFixtures / "real_arch_param_counts.json");
  const auto& tinyllama = reference.at("models").at("TinyLlama-1.1B (TinyLlama/TinyLlama-1.1B-Chat-v1.0 style)");
  auto config_json = tinyllama.at("config");
  config_json["model_type"] = "llama";
  const auto config = parseModelConfig(config_json);
  const auto start = std::chrono::steady_clock::now();
  const auto count = countParameters(config);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(count.total, 1100048384);
  EXPECT_EQ(count.total, tinyllama.at("total_params").get<std::int64_t>());
  EXPECT_EQ(count.output_embedding, 32000 * 2048);
  // Shape arithmetic only: even a loaded machine does this far inside 100 ms.
  EXPECT_LT(elapsed, std::chrono::milliseconds(100));
}

TEST(ParameterCount, SeventyBillionParametersNeedSixtyFourBitCounts) {
  // Llama-2-70B's shape: 80 layers, width 8192, 64 query heads and 8 key/value heads of 128.
  const auto count = countParameters(parseModelConfig({{"model_type", "llama"},
                                                       {"hidden_size", 8192},
                                                       {"intermediate_size", 28672},
                                                       {"num_hidden_layers", 80},
                                                       {"num_attention_heads", 64},
                                                       {"num_key_value_heads", 8}}));
  const std::int64_t d = 8192, per_layer = 2 * d * d + 2 * d * 1024 + 3 * d * 28672 + 2 * d;
  EXPECT_EQ(count.total, 2 * 32000 * d + 80 * per_layer + d);
  EXPECT_EQ(count.total, 68976648192);
}

TEST(ParameterCount, TiedLlamaCountsTheEmbeddingOnce) {
  // SmolLM-135M's shape: tied embeddings, 9 query heads and 3 key/value heads of 64.
  const auto config = parseModelConfig({{"model_type", "llama"},
                                        {"vocab_size", 49152},
                                        {"hidden_size", 576},
                                        {"intermediate_size", 1536},
                                        {"num_hidden_layers", 30},
                                        {"num_attention_heads", 9},
                                        {"num_key_value_heads", 3},
                                        {"tie_word_embeddings", true}});
  const auto count = countParameters(config);
  const std::int64_t d = 576, per_layer = 2 * d * d + 2 * d * 192 + 3 * d * 1536 + 2 * d;
  EXPECT_EQ(count.total, 49152 * d + 30 * per_layer + d);
  EXPECT_EQ(count.total, 134515008);
  EXPECT_EQ(count.output_embedding, 0);
  EXPECT_EQ(aliases(checkpointLayout(config)),
            (std::map<std::string, std::string>{{"lm_head.weight", "model.embed_tokens.weight"}}));
}

}  // namespace
}  // namespace pwb::model
