#include "train/rank_classification.h"

#include <gtest/gtest.h>

#include <cmath>

#include <ATen/ATen.h>

namespace pwb::train {
namespace {

// A "model" over 3 tokens whose next-token distribution is always (0.2, 0.6, 0.2).
class FixedDistribution final : public model::CausalLanguageModel {
 public:
  at::Tensor forward(const at::Tensor& ids, const at::Tensor& /*key_mask*/, model::KvCache* /*cache*/) override {
    const auto logits = at::log(at::tensor({0.2, 0.6, 0.2}, at::kFloat));
    return logits.expand({ids.size(0), ids.size(1), 3});
  }
  torch::nn::Module& module() override { return module_; }

 private:
  torch::nn::Module module_;
};

TEST(RankClassification, PredictsTheMostLikelyLabelWordsAndReportsTheGoldLoss) {
  FixedDistribution model;
  // Label 0 is token 1 (p 0.6), label 1 is tokens 2 2 (p 0.04): every prediction is label 0.
  RankClassificationEvaluator evaluator(model, {{1}, {2, 2}}, {{{0}, 0}, {{0, 1}, 1}, {{2}, 0}});
  const auto scores = evaluator.scores();
  ASSERT_EQ(scores.size(), 3u);
  EXPECT_NEAR(scores[1][0], std::log(0.6), 1e-6);
  EXPECT_NEAR(scores[1][1], 2.0 * std::log(0.2), 1e-6);
  const auto metrics = evaluator.evaluate();
  EXPECT_DOUBLE_EQ(metrics.at("accuracy"), 2.0 / 3.0);
  // Gold words: 1 (×2 examples) and 2 2: −(2 log 0.6 + 2 log 0.2) over 4 tokens.
  EXPECT_NEAR(metrics.at("loss"), -(2.0 * std::log(0.6) + 2.0 * std::log(0.2)) / 4.0, 1e-6);
  EXPECT_EQ(evaluator.split(), "validation");
}

TEST(RankClassification, BadLabelsAndExamplesAreErrorsNamingThem) {
  FixedDistribution model;
  EXPECT_THROW(RankClassificationEvaluator(model, {{1}}, {{{0}, 0}}), std::invalid_argument);
  EXPECT_THROW(RankClassificationEvaluator(model, {{1}, {}}, {{{0}, 0}}), std::invalid_argument);
  try {
    RankClassificationEvaluator(model, {{1}, {2}}, {{{0}, 0}, {{0}, 2}});
    FAIL() << "label 2 of 2 was accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("example 1: label 2"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace pwb::train
