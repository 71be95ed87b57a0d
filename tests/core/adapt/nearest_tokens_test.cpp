#include "adapt/nearest_tokens.h"

#include <cmath>

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include "adapt/prompt_tuning.h"
#include "peft_fixture.h"

namespace pwb::adapt {
namespace {

TEST(NearestTokens, RanksByCosineSimilarity) {
  const auto vocabulary = at::tensor({1.0f, 0.0f, 0.0f, 1.0f, 1.0f, 1.0f, -1.0f, 0.0f}).view({4, 2});
  const auto prompt = at::tensor({2.0f, 0.1f}).view({1, 2});
  const auto nearest = nearestTokens(prompt, vocabulary, 3);
  ASSERT_EQ(nearest.size(), 1u);
  ASSERT_EQ(nearest[0].size(), 3u);
  const double length = std::sqrt(4.01);
  EXPECT_EQ(nearest[0][0].id, 0);
  EXPECT_NEAR(nearest[0][0].cosine_similarity, 2.0 / length, 1e-7);
  EXPECT_EQ(nearest[0][1].id, 2);
  EXPECT_NEAR(nearest[0][1].cosine_similarity, 2.1 / (length * std::sqrt(2.0)), 1e-7);
  EXPECT_EQ(nearest[0][2].id, 1);
  EXPECT_NEAR(nearest[0][2].cosine_similarity, 0.1 / length, 1e-7);
  EXPECT_EQ(nearestTokens(prompt, vocabulary, 10)[0].size(), 4u);
  EXPECT_THROW(nearestTokens(prompt, vocabulary.t(), 1), std::invalid_argument);
}

TEST(NearestTokens, ATextInitialisedPromptIsNearestToItsOwnTokens) {
  auto model = BaseModel::fromFolder(testing::kReference / "gpt2-tiny");
  const std::vector<std::int64_t> ids = {149, 34, 28, 7, 229, 62};
  PromptTuningConfig config;
  config.base.num_virtual_tokens = 6;
  config.prompt_tuning_init = PromptTuningConfig::Init::Text;
  config.prompt_tuning_init_text = "Classify the sentiment";
  PromptTuning tuning(config, ids);
  tuning.attach(model);
  const auto nearest = nearestTokens(tuning.promptTable(), model.tokenEmbeddingWeight(), 2);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(nearest[i][0].id, ids[i]);
    EXPECT_NEAR(nearest[i][0].cosine_similarity, 1.0, 1e-9);
    EXPECT_LT(nearest[i][1].cosine_similarity, 0.999);
  }
}

}  // namespace
}  // namespace pwb::adapt
