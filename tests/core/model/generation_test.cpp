#include "model/generation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "model/llama2c_checkpoint.h"
#include "model/scoring.h"
#include "text/sentencepiece_tokenizer.h"

namespace pwb::model {
namespace {

const std::filesystem::path kStories = std::filesystem::path(PWB_RESOURCE_DIR) / "models" / "stories260k";

class Stories260k : public ::testing::Test {
 protected:
  std::vector<std::int64_t> generate(const SamplingOptions& options) {
    KvCache cache;
    return generateTokens(cachedCausalStep(*model_, cache), {bos_}, options);
  }
  std::unique_ptr<CausalLanguageModel> model_ = wrapCausal(loadLlama2cCheckpoint(kStories / "stories260K.bin").model);
  std::unique_ptr<text::SentencePieceTokenizer> tokenizer_ = text::SentencePieceTokenizer::load(kStories / "tok512.model");
  std::int64_t bos_ = *tokenizer_->specialTokens().bos;
};

TEST_F(Stories260k, GreedyGenerationWritesTheDocumentedStory) {
  SamplingOptions greedy;
  greedy.max_new_tokens = 30;
  const auto text = tokenizer_->decode(generate(greedy));
  EXPECT_EQ(text.rfind("Once upon a time, there was a little girl named Lily.", 0), 0u) << text;
}

TEST_F(Stories260k, SamplingIsReproducibleBySeed) {
  SamplingOptions sampled;
  sampled.max_new_tokens = 40;
  sampled.temperature = 1.0;
  sampled.top_p = 0.9;
  sampled.seed = 7;
  const auto first = generate(sampled);
  EXPECT_EQ(generate(sampled), first);
  sampled.seed = 8;
  EXPECT_NE(generate(sampled), first);
}

TEST_F(Stories260k, TopKOfOneIsGreedyAtAnyTemperature) {
  SamplingOptions greedy;
  greedy.max_new_tokens = 20;
  SamplingOptions hot = greedy;
  hot.temperature = 5.0;
  hot.top_k = 1;
  hot.seed = 3;
  EXPECT_EQ(generate(hot), generate(greedy));
}

TEST_F(Stories260k, StopsAtAStopToken) {
  SamplingOptions options;
  options.max_new_tokens = 30;
  const auto free_run = generate(options);
  options.stop_ids = {free_run[3]};
  const auto stopped = generate(options);
  ASSERT_LE(stopped.size(), 4u);
  EXPECT_EQ(stopped.back(), free_run[3]);
}

TEST_F(Stories260k, ScoreIsTheSumOfTheModelsOwnTokenLogProbabilities) {
  const std::vector<std::int64_t> context = {bos_, 403};  // "<s> Once"
  const auto continuation = tokenizer_->encode(" upon a time");
  const auto score = scoreContinuation(*model_, context, continuation);
  ASSERT_EQ(score.per_token.size(), continuation.size());
  // By hand: one forward pass per prefix, log-softmax of its last position.
  double total = 0.0;
  std::vector<std::int64_t> prefix = context;
  torch::NoGradGuard no_grad;
  for (std::size_t i = 0; i < continuation.size(); ++i) {
    const auto logits = model_->forward(torch::tensor(prefix, torch::kLong).view({1, -1}), {}, nullptr)[0][-1];
    const double lp = torch::log_softmax(logits.to(torch::kDouble), -1)[continuation[i]].item<double>();
    EXPECT_NEAR(score.per_token[i], lp, 1e-5) << "token " << i;
    total += lp;
    prefix.push_back(continuation[i]);
  }
  EXPECT_NEAR(score.total, total, 1e-5);
  // The story model finds its favourite opening far likelier than a scrambled one.
  EXPECT_GT(score.total, scoreContinuation(*model_, context, tokenizer_->encode(" time a upon")).total + 3.0);
  EXPECT_THROW(scoreContinuation(*model_, {}, continuation), std::invalid_argument);
}

TEST(TokenSampler, DrawsOnlyFromTheTopKInProportion) {
  SamplingOptions options;
  options.temperature = 1.0;
  options.top_k = 2;
  options.seed = 11;
  TokenSampler sampler(options);
  const auto logits = torch::tensor({0.0f, 2.0f, -1.0f, 1.0f});
  int counts[4] = {0, 0, 0, 0};
  const int draws = 4000;
  for (int i = 0; i < draws; ++i) ++counts[sampler.next(logits)];
  EXPECT_EQ(counts[0] + counts[2], 0);
  // Renormalised over {1, 3}: e^2 / (e^2 + e^1) = 0.731.
  EXPECT_NEAR(counts[1] / static_cast<double>(draws), 0.731, 0.03);
}

TEST(TokenSampler, TopPKeepsTheSmallestHeadReachingTheMass) {
  SamplingOptions options;
  options.temperature = 1.0;
  options.top_p = 0.5;  // softmax([3, 0, 0]) = [0.87, 0.065, 0.065]: the head alone reaches 0.5
  TokenSampler sampler(options);
  const auto logits = torch::tensor({0.0f, 3.0f, 0.0f});
  for (int i = 0; i < 200; ++i) EXPECT_EQ(sampler.next(logits), 1);
}

TEST(TokenSampler, RejectsImpossibleSettings) {
  SamplingOptions options;
  options.top_p = 0.0;
  EXPECT_THROW(TokenSampler{options}, std::invalid_argument);
  options.top_p = 1.0;
  options.temperature = -1.0;
  EXPECT_THROW(TokenSampler{options}, std::invalid_argument);
}

}  // namespace
}  // namespace pwb::model
