#include "model/text_model.h"

#include <gtest/gtest.h>

#include <cmath>

namespace pwb::model {
namespace {

TEST(TextModel, SummarisesTheBuiltInStoriesModel) {
  const auto s = TextModel::open("stories260k").summary();
  EXPECT_EQ(s.family, "llama");
  EXPECT_EQ(s.format, "llama2.c");
  EXPECT_EQ(s.parameters, 260032);
  EXPECT_EQ(s.context_length, 512);
  EXPECT_TRUE(s.add_bos);
  EXPECT_EQ(s.special_tokens.bos, 1);
  EXPECT_EQ(s.special_tokens.eos, 2);
  ASSERT_FALSE(s.tensors.empty());
  EXPECT_EQ(s.tensors.front().name, "model.embed_tokens.weight");
  EXPECT_EQ(s.tensors.front().shape, (std::vector<std::int64_t>{512, 64}));
}

TEST(TextModel, ContinuesAPromptKeepingTheLeadingSpace) {
  SamplingOptions greedy;
  greedy.max_new_tokens = 12;
  const auto out = TextModel::open("stories260k").generate("Once upon a time", greedy);
  EXPECT_EQ(out.text.rfind(", there was a little girl named Lily.", 0), 0u) << out.text;
  EXPECT_EQ(out.token_ids.size(), 12u);
  EXPECT_FALSE(out.stopped_at_eos);
}

TEST(TextModel, ScoresAContinuationTokenByToken) {
  const auto model = TextModel::open("stories260k");
  const auto likely = model.score("Once upon a", " time");
  ASSERT_EQ(likely.tokens.size(), 1u);
  EXPECT_EQ(likely.tokens[0].piece, "\u2581time");
  EXPECT_LT(likely.total, 0.0);
  EXPECT_GT(likely.total, std::log(0.5));  // the story model is nearly sure of "time"
  const auto unlikely = model.score("Once upon a", " banana");
  EXPECT_LT(unlikely.total, likely.total - 5.0);
  double sum = 0.0;
  for (const auto& t : unlikely.tokens) sum += t.log_likelihood;
  EXPECT_DOUBLE_EQ(unlikely.total, sum);
}

TEST(TextModel, NamesAMissingModel) {
  try {
    TextModel::open("/no/such/model");
    FAIL() << "opening a missing model must fail";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("/no/such/model"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace pwb::model
