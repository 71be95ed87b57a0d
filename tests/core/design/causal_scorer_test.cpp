#include "design/causal_scorer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <ATen/ATen.h>
#include <torch/utils.h>

namespace pwb::design {
namespace {

CausalScorer stories(PrefixReuse reuse) { return CausalScorer(std::make_shared<model::LoadedModel>(model::loadModel("stories260k")), reuse); }

// Batching, padding and the cache change the order of float32 sums, so log-likelihoods of
// magnitude ~10 move by ~1e-6 of their size: compared to 1e-5, relative above magnitude 1.
void expectSameScores(const std::vector<std::vector<TokenLogLikelihoods>>& a,
                      const std::vector<std::vector<TokenLogLikelihoods>>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t r = 0; r < a.size(); ++r) {
    ASSERT_EQ(a[r].size(), b[r].size());
    for (std::size_t c = 0; c < a[r].size(); ++c) {
      ASSERT_EQ(a[r][c].size(), b[r][c].size()) << "request " << r << ", continuation " << c;
      for (std::size_t t = 0; t < a[r][c].size(); ++t) {
        EXPECT_NEAR(a[r][c][t], b[r][c][t], 1e-5 * std::max(1.0, std::abs(b[r][c][t])))
            << "request " << r << ", continuation " << c << ", token " << t;
      }
    }
  }
}

TEST(CausalScorer, ScoresAreTheModelsOwnTokenLogProbabilities) {
  const auto loaded = model::loadModel("stories260k");
  const std::string prompt = "Once upon a time, there was a little";
  const auto [context, continuation] = loaded.encodeContextAndContinuation(prompt, " girl named Lily");
  ASSERT_GT(continuation.size(), 1u);
  auto ids = context;
  ids.insert(ids.end(), continuation.begin(), continuation.end());
  torch::NoGradGuard no_grad;
  const auto log_probs = at::log_softmax(
      loaded.causal->forward(at::tensor(ids, at::kLong).view({1, -1}), {}, nullptr)[0].to(at::kDouble), -1);

  for (const auto reuse : {PrefixReuse::None, PrefixReuse::SharedPrefixCache}) {
    auto scorer = stories(reuse);
    scorer.setSharedPrefix("Once upon a time,");
    const auto scored = scorer.score({{prompt, {" girl named Lily"}}});
    ASSERT_EQ(scored[0][0].size(), continuation.size());
    for (std::size_t i = 0; i < continuation.size(); ++i) {
      const auto position = static_cast<std::int64_t>(context.size() + i - 1);
      EXPECT_NEAR(scored[0][0][i], log_probs[position][continuation[i]].item<double>(), 1e-5) << "token " << i;
    }
  }
}

TEST(CausalScorer, TheReusedPrefixCacheGivesTheScoresOfFullRecomputation) {
  const std::string prefix =
      "Review: the cat was happy.\nSentiment: great\n\nReview: the dog was sad and cried.\nSentiment: terrible\n\n";
  const std::vector<std::string> words = {" great", " terrible", " very good", " bad", "ly sad"};
  const std::vector<ScoringRequest> requests = {
      {prefix + "Review: Lily played in the park.\nSentiment:", words},
      {prefix + "Review: Tom lost his red ball and his mom was angry.\nSentiment:", words},
      {prefix + "Review: fun\nSentiment:", words},
      // Not starting with the prefix's tokens: a word of the prefix is split differently.
      {"Review: the cat was happyish.\nSentiment:", words},
  };
  auto naive = stories(PrefixReuse::None);
  auto cached = stories(PrefixReuse::SharedPrefixCache);
  naive.setSharedPrefix(prefix);
  cached.setSharedPrefix(prefix);
  expectSameScores(cached.score(requests), naive.score(requests));
  // One request alone gives the same as inside a batch.
  expectSameScores(cached.score({requests[1]}), naive.score({requests[1]}));
  cached.setSharedPrefix("");
  expectSameScores(cached.score(requests), naive.score(requests));
}

TEST(CausalScorer, GeneratesOverTheCacheAndCutsAtAStopString) {
  auto naive = stories(PrefixReuse::None);
  auto cached = stories(PrefixReuse::SharedPrefixCache);
  const std::string prefix = "Once upon a time, there was a little girl.";
  cached.setSharedPrefix(prefix);
  GenerationRequest request;
  request.sampling.max_new_tokens = 24;
  const auto free_text = naive.generate(prefix + " She", request);
  EXPECT_EQ(cached.generate(prefix + " She", request), free_text);
  ASSERT_NE(free_text.find('.'), std::string::npos) << free_text;
  request.stop_strings = {"."};
  EXPECT_EQ(cached.generate(prefix + " She", request), free_text.substr(0, free_text.find('.')));
}

TEST(CausalScorer, APromptLongerThanTheContextIsALengthError) {
  auto scorer = stories(PrefixReuse::SharedPrefixCache);
  std::string long_prompt;
  for (int i = 0; i < 300; ++i) long_prompt += "the cat sat. ";
  EXPECT_THROW(scorer.score({{long_prompt, {" yes"}}}), std::length_error);
  EXPECT_THROW(scorer.setSharedPrefix(long_prompt), std::length_error);
  EXPECT_THROW(scorer.score({{"short", {}}}), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::design
