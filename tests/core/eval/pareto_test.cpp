// The Pareto front of accuracy against trainable parameters: a worked example, edge cases,
// and agreement with the definition (checked pair by pair) on random sets.

#include "eval/pareto.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace pwb::eval {
namespace {

using Indices = std::vector<std::size_t>;

bool dominates(const ParetoCandidate& a, const ParetoCandidate& b) {
  return a.trainable_parameters <= b.trainable_parameters && a.accuracy >= b.accuracy &&
         (a.trainable_parameters < b.trainable_parameters || a.accuracy > b.accuracy);
}

TEST(EvalPareto, MethodLadder) {
  const std::vector<ParetoCandidate> runs{
      {0, 0.55},      // 0 design, best template: on the front
      {0, 0.50},      // 1 design, worse template: dominated by 0
      {1.0e4, 0.52},  // 2 soft prompt: more parameters than 0, less accurate
      {1.0e5, 0.60},  // 3 LoRA: on the front
      {5.0e4, 0.58},  // 4 prefix: on the front
      {1.0e6, 0.59},  // 5 full fine-tuning: dominated by LoRA
  };
  EXPECT_EQ(paretoFront(runs), (Indices{0, 4, 3}));
}

TEST(EvalPareto, SameParametersKeepsOnlyTheMostAccurate) {
  EXPECT_EQ(paretoFront({{100, 0.7}, {100, 0.8}, {100, 0.75}}), (Indices{1}));
}

TEST(EvalPareto, EqualCandidatesAreBothKept) {
  EXPECT_EQ(paretoFront({{100, 0.8}, {10, 0.5}, {100, 0.8}}), (Indices{1, 0, 2}));
}

TEST(EvalPareto, EmptyAndSingle) {
  EXPECT_TRUE(paretoFront({}).empty());
  EXPECT_EQ(paretoFront({{5, 0.1}}), (Indices{0}));
}

TEST(EvalPareto, AgreesWithTheDefinitionOnRandomSets) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> parameters(0, 6);  // few distinct values: many ties
  std::uniform_int_distribution<int> accuracy(0, 8);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<ParetoCandidate> runs(12);
    for (auto& run : runs) run = {std::pow(10.0, parameters(random)), accuracy(random) / 8.0};
    const auto front = paretoFront(runs);
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const bool dominated =
          std::any_of(runs.begin(), runs.end(), [&](const auto& other) { return dominates(other, runs[i]); });
      const bool listed = std::find(front.begin(), front.end(), i) != front.end();
      ASSERT_EQ(listed, !dominated) << "trial " << trial << ", candidate " << i;
    }
    EXPECT_TRUE(std::is_sorted(front.begin(), front.end(), [&](std::size_t a, std::size_t b) {
      return runs[a].trainable_parameters < runs[b].trainable_parameters;
    }));
  }
}

}  // namespace
}  // namespace pwb::eval
