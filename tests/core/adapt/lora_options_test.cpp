// LoRA's and prompt tuning's options beyond the fixture cases: rsLoRA scaling, Gaussian and random
// init, SAMPLE_VOCAB init, and the errors for options that make no sense.

#include <cmath>

#include <gtest/gtest.h>

#include "adapt/lora.h"
#include "adapt/nearest_tokens.h"
#include "adapt/prompt_tuning.h"
#include "peft_fixture.h"

namespace pwb::adapt {
namespace {

TEST(LoraOptions, RsLoraScalesByTheSquareRootOfTheRank) {
  EXPECT_DOUBLE_EQ(LoraConfig::fromJson({{"r", 16}, {"lora_alpha", 32}}, "t").scaling(), 2.0);
  EXPECT_DOUBLE_EQ(LoraConfig::fromJson({{"r", 16}, {"lora_alpha", 32}, {"use_rslora", true}}, "t").scaling(), 8.0);
}

TEST(LoraOptions, GaussianInitDrawsAWithStandardDeviationOneOverR) {
  auto model = BaseModel::fromFolder(testing::kReference / "llama-tiny");
  Lora lora(LoraConfig::fromJson({{"r", 4}, {"init_lora_weights", "gaussian"}, {"target_modules", {"gate_proj", "up_proj"}}},
                                 "t"));
  lora.attach(model);
  const auto trainable = lora.trainableParameters();
  ASSERT_EQ(trainable.size(), 8u);  // 2 layers × 2 targets × (A, B)
  std::vector<at::Tensor> a_values;
  for (const auto& [name, tensor] : trainable) {
    if (name.find("lora_A") != std::string::npos) a_values.push_back(tensor.flatten());
    if (name.find("lora_B") != std::string::npos) {
      EXPECT_EQ(tensor.abs().max().item<double>(), 0.0) << name;
    }
  }
  // 4 tensors of 4 × 64 draws: the sample deviation is within a few percent of 1/4.
  EXPECT_NEAR(at::cat(a_values).std().item<double>(), 0.25, 0.02);
  EXPECT_EQ(lora.adapterConfig()["init_lora_weights"], "gaussian");
}

// PEFT builds A and B as nn.Linear(in, r) and nn.Linear(r, out) and, with init_lora_weights false,
// keeps their kaiming-uniform (a = √5) init, uniform within ±1/√fan_in: not a no-op adapter.
TEST(LoraOptions, InitFalseKeepsTheLinearLayersRandomInit) {
  auto model = BaseModel::fromFolder(testing::kReference / "gpt2-tiny");
  Lora lora(LoraConfig::fromJson({{"r", 8}, {"init_lora_weights", false}}, "t"));
  at::manual_seed(42);
  lora.attach(model);
  const auto trainable = lora.trainableParameters();
  ASSERT_EQ(trainable[0].second.sizes().vec(), (std::vector<std::int64_t>{8, 64}));   // h.0 c_attn's A
  ASSERT_EQ(trainable[1].second.sizes().vec(), (std::vector<std::int64_t>{192, 8}));  // and its B
  at::manual_seed(42);
  const auto a = at::empty({8, 64}).uniform_(-1.0 / 8.0, 1.0 / 8.0);
  const auto b = at::empty({192, 8}).uniform_(-1.0 / std::sqrt(8.0), 1.0 / std::sqrt(8.0));
  EXPECT_TRUE(trainable[0].second.equal(a));
  EXPECT_TRUE(trainable[1].second.equal(b));
  EXPECT_EQ(lora.adapterConfig()["init_lora_weights"], false);
}

TEST(LoraOptions, NonsenseIsRefusedWithTheOptionNamed) {
  EXPECT_THROW(LoraConfig::fromJson({{"r", 2.5}}, "t"), std::invalid_argument);
  EXPECT_THROW(LoraConfig::fromJson({{"lora_dropout", 1.0}}, "t"), std::invalid_argument);
  EXPECT_THROW(LoraConfig::fromJson({{"bias", "some"}}, "t"), std::invalid_argument);
  auto model = BaseModel::fromFolder(testing::kReference / "gpt2-tiny");
  Lora lora(LoraConfig::fromJson({{"target_modules", {"q_proj"}}}, "t"));
  try {
    lora.attach(model);
    FAIL() << "q_proj is not a GPT-2 layer";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("match no linear layer of gpt2-tiny"), std::string::npos) << e.what();
  }
}

TEST(PromptTuningInit, SampleVocabRowsAreVocabularyEmbeddings) {
  auto model = BaseModel::fromFolder(testing::kReference / "t5-tiny");
  PromptTuning tuning(PromptTuningConfig::fromJson({{"num_virtual_tokens", 5}, {"prompt_tuning_init", "SAMPLE_VOCAB"}}, "t"));
  tuning.attach(model);
  const auto table = tuning.promptTable();
  ASSERT_EQ(table.sizes().vec(), (std::vector<std::int64_t>{10, 64}));  // × 2 for encoder-decoder
  for (const auto& nearest : nearestTokens(table, model.tokenEmbeddingWeight(), 1)) {
    EXPECT_NEAR(nearest[0].cosine_similarity, 1.0, 1e-9);
  }
}

TEST(PromptTuningInit, TextIsRepeatedOrCutToTheTableSize) {
  EXPECT_EQ(repeatOrCut({5, 6, 7}, 7), (std::vector<std::int64_t>{5, 6, 7, 5, 6, 7, 5}));
  EXPECT_EQ(repeatOrCut({5, 6, 7}, 2), (std::vector<std::int64_t>{5, 6}));
  EXPECT_THROW(repeatOrCut({}, 2), std::invalid_argument);
  EXPECT_THROW(PromptTuningConfig::fromJson({{"prompt_tuning_init", "TEXT"}}, "t"), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::adapt
