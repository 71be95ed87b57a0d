#include "adapt/memory_estimate.h"

#include <gtest/gtest.h>

#include "adapt/method_factory.h"
#include "model/model_config.h"
#include "peft_fixture.h"

namespace pwb::adapt {
namespace {

const model::ModelConfig& gpt2Tiny() {
  static const auto config = model::parseModelConfigFile(testing::kReference / "gpt2-tiny" / "config.json");
  return config;
}

TEST(MemoryEstimate, GptTwoTinyByHand) {
  // 2 layers, width 64, 4 heads, d_ff 256, vocabulary 1000; batch 2 × 8 positions.
  const TrainableCount lora{4096, 176384};
  const auto m = estimateTrainingMemory(gpt2Tiny(), lora, 2, 8);
  EXPECT_EQ(m.weights, 176384 * 4);
  EXPECT_EQ(m.gradients, 4096 * 4);
  EXPECT_EQ(m.optimiser, 2 * 4096 * 4);
  // Per layer 16 positions × (3·64 + 4·64 + 2·256) + 2 · 4 heads · 8 · 8 scores; logits 2 · 16 · 1000.
  const std::int64_t per_layer = 16 * (3 * 64 + 4 * 64 + 2 * 256) + 2 * 4 * 8 * 8;
  EXPECT_EQ(m.activations, (2 * per_layer + 2 * 16 * 1000) * 4);
  EXPECT_EQ(m.total(), m.weights + m.gradients + m.optimiser + m.activations);
}

TEST(MemoryEstimate, FullFineTuningNeedsMoreThanLoraAndVirtualTokensCost) {
  const auto lora = estimateTrainingMemory(gpt2Tiny(), countMethod(gpt2Tiny(), "lora", {{"r", 8}}), 4, 32);
  const auto full = estimateTrainingMemory(gpt2Tiny(), countMethod(gpt2Tiny(), "full", nlohmann::json::object()), 4, 32);
  EXPECT_GT(full.total(), lora.total());
  EXPECT_EQ(full.optimiser, 2 * full.weights);
  const auto prompt = countMethod(gpt2Tiny(), "prompt_tuning", {{"num_virtual_tokens", 20}});
  EXPECT_GT(estimateTrainingMemory(gpt2Tiny(), prompt, 4, 32, 20).activations,
            estimateTrainingMemory(gpt2Tiny(), prompt, 4, 32).activations);
}

}  // namespace
}  // namespace pwb::adapt
