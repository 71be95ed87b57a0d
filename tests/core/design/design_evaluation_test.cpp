#include "design/design_evaluation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "../eval/expect_invalid_argument.h"
#include "design/design_grid.h"
#include "eval/softmax.h"
#include "yelp_split.h"

namespace pwb::design {
namespace {

struct Fixture : YelpSplit {
  Fixture() : YelpSplit(10) {}
};

DesignOptions twoShots() {
  DesignOptions options;
  options.shots.k = 2;
  options.shots.strategy = data::FewShotStrategy::Balanced;
  options.shots.seed = 7;
  options.batch_size = 4;
  options.bootstrap.resamples = 200;
  return options;
}

TEST(DesignEvaluation, PredictsEveryExampleAndSummarisesThePredictions) {
  const Fixture f;
  auto scorer = openPromptScorer("stories260k");
  std::vector<std::size_t> progress;
  const auto result = evaluateDesign(*scorer, f.makeBuilder(), f.dataset, f.evaluated, f.splits.train, twoShots(), nullptr,
                                     [&](std::size_t done, std::size_t total) {
                                       EXPECT_EQ(total, 10u);
                                       progress.push_back(done);
                                     });
  EXPECT_EQ(progress, (std::vector<std::size_t>{4, 8, 10}));
  ASSERT_EQ(result.demonstrations.size(), 2u);
  const std::unordered_set<std::size_t> train(f.splits.train.begin(), f.splits.train.end());
  for (const auto d : result.demonstrations) {
    EXPECT_EQ(train.count(d), 1u);
    EXPECT_NE(result.prefix.find(f.dataset.examples[d].text), std::string::npos);
  }
  ASSERT_EQ(result.predictions.size(), 10u);
  std::size_t correct = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    const auto& p = result.predictions[i];
    const auto& example = f.dataset.examples[f.evaluated[i]];
    EXPECT_EQ(p.example_id, example.id);
    EXPECT_EQ(f.dataset.labels[p.gold], example.label);
    ASSERT_EQ(p.scores.size(), 2u);
    EXPECT_EQ(p.predicted, p.scores[1] > p.scores[0] ? 1u : 0u);
    EXPECT_NEAR(p.confidence, eval::softmax(p.scores)[p.predicted], 1e-12);
    EXPECT_EQ(p.correct, p.predicted == p.gold);
    correct += p.correct ? 1 : 0;
  }
  ASSERT_TRUE(result.metrics);
  EXPECT_DOUBLE_EQ(result.metrics->accuracy.estimate, correct / 10.0);
  EXPECT_LE(result.metrics->accuracy.lower, result.metrics->accuracy.estimate);
  EXPECT_GE(result.metrics->accuracy.upper, result.metrics->accuracy.estimate);
  const auto& confusion = result.metrics->report.confusion;
  EXPECT_EQ(confusion[0][0] + confusion[1][1], correct);
  EXPECT_EQ(confusion[0][0] + confusion[0][1] + confusion[1][0] + confusion[1][1], 10u);
}

TEST(DesignEvaluation, TheCachedScorerPredictsWhatFullRecomputationPredicts) {
  const Fixture f;
  auto cached = openPromptScorer("stories260k", PrefixReuse::SharedPrefixCache);
  auto naive = openPromptScorer("stories260k", PrefixReuse::None);
  const auto a = evaluateDesign(*cached, f.makeBuilder(), f.dataset, f.evaluated, f.splits.train, twoShots());
  const auto b = evaluateDesign(*naive, f.makeBuilder(), f.dataset, f.evaluated, f.splits.train, twoShots());
  ASSERT_EQ(a.predictions.size(), b.predictions.size());
  for (std::size_t i = 0; i < a.predictions.size(); ++i) {
    EXPECT_EQ(a.predictions[i].predicted, b.predictions[i].predicted);
    for (std::size_t k = 0; k < 2; ++k) {
      const double naive = b.predictions[i].scores[k];
      EXPECT_NEAR(a.predictions[i].scores[k], naive, 1e-5 * std::max(1.0, std::abs(naive)));  // as in causal_scorer_test
    }
  }
}

TEST(DesignEvaluation, CalibrationDividesByTheContentFreeProbabilities) {
  const Fixture f;
  auto scorer = openPromptScorer("stories260k");
  auto options = twoShots();
  const auto raw = evaluateDesign(*scorer, f.makeBuilder(), f.dataset, f.evaluated, f.splits.train, options);
  options.calibrate = true;
  const auto calibrated = evaluateDesign(*scorer, f.makeBuilder(), f.dataset, f.evaluated, f.splits.train, options);
  const auto& p_cf = calibrated.content_free_probabilities;
  ASSERT_EQ(p_cf.size(), 2u);
  EXPECT_NEAR(p_cf[0] + p_cf[1], 1.0, 1e-12);
  for (std::size_t i = 0; i < raw.predictions.size(); ++i) {
    const auto p = eval::softmax(raw.predictions[i].scores);
    for (std::size_t k = 0; k < 2; ++k) {
      EXPECT_NEAR(calibrated.predictions[i].scores[k], std::log(p[k]) - std::log(p_cf[k]), 1e-9);
    }
  }
}

TEST(DesignEvaluation, RefusesDemonstrationsFromTheEvaluatedSplitAndNamesATooLongExample) {
  const Fixture f;
  auto scorer = openPromptScorer("stories260k");
  EXPECT_INVALID_ARGUMENT(evaluateDesign(*scorer, f.makeBuilder(), f.dataset, f.evaluated, f.splits.test, twoShots()),
                          "is both evaluated and a possible demonstration");
  auto long_one = f.dataset;
  for (int i = 0; i < 200; ++i) long_one.examples[f.evaluated[6]].text += " and then";
  try {
    evaluateDesign(*scorer, f.makeBuilder(), long_one, f.evaluated, f.splits.train, twoShots());
    FAIL() << "no length error";
  } catch (const std::length_error& error) {
    EXPECT_EQ(std::string(error.what()).rfind("example " + f.dataset.examples[f.evaluated[6]].id + ": ", 0), 0u)
        << error.what();
  }
}

TEST(DesignEvaluation, StopsBetweenBatchesWhenCancelled) {
  const Fixture f;
  auto scorer = openPromptScorer("stories260k");
  system::CancellationToken cancel;
  const auto result = evaluateDesign(*scorer, f.makeBuilder(), f.dataset, f.evaluated, f.splits.train, twoShots(), &cancel,
                                     [&](std::size_t, std::size_t) { cancel.cancel(); });
  EXPECT_TRUE(result.cancelled);
  EXPECT_EQ(result.predictions.size(), 4u);
  ASSERT_TRUE(result.metrics);
  EXPECT_EQ(result.metrics->examples, 4u);
}

TEST(DesignEvaluation, ChainOfThoughtKeepsTheRationaleItGenerated) {
  const Fixture f;
  auto scorer = openPromptScorer("stories260k");
  auto options = twoShots();
  ChainOfThoughtOptions cot;
  cot.generation.sampling.max_new_tokens = 12;
  options.chain_of_thought = cot;
  const std::vector<std::size_t> three(f.evaluated.begin(), f.evaluated.begin() + 3);
  const auto result = evaluateDesign(*scorer, f.makeBuilder(), f.dataset, three, f.splits.train, options);
  ASSERT_EQ(result.predictions.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& p = result.predictions[i];
    const auto query = result.prefix + f.makeBuilder().query(f.dataset.examples[three[i]]);
    EXPECT_EQ(p.rationale, scorer->generate(reasoningPrompt(query, cot), cot.generation));
    EXPECT_FALSE(p.rationale.empty());
    EXPECT_EQ(p.extracted, extractAnswer(p.rationale, f.makeBuilder().verbalizer(), cot).has_value());
  }
}

TEST(DesignGrid, RunsEveryTemplateShotAndSeedOnceAndZeroShotOnce) {
  const Fixture f;
  auto scorer = openPromptScorer("stories260k");
  DesignGrid grid;
  grid.templates.push_back({"plain", f.makeBuilder()});
  grid.templates.push_back({"stars", f.makeBuilder("{{text}} Overall it was {{label}}")});
  grid.shots = {0, 1};
  grid.seeds = {1, 2};
  grid.options.bootstrap.resamples = 50;
  grid.options.batch_size = 8;  // one progress report per cell
  const std::vector<std::size_t> four(f.evaluated.begin(), f.evaluated.begin() + 4);
  std::size_t reports = 0;
  const auto result = runDesignGrid(*scorer, grid, f.dataset, four, f.splits.train, nullptr,
                                    [&](const GridProgress& p) {
                                      EXPECT_EQ(p.cells, 6u);
                                      ++reports;
                                    });
  EXPECT_FALSE(result.cancelled);
  ASSERT_EQ(result.rows.size(), 6u);
  EXPECT_EQ(cellCount(grid), 6u);
  EXPECT_EQ(reports, 6u);
  EXPECT_EQ(result.rows[0].template_name, "plain");
  EXPECT_EQ(result.rows[0].shots, 0u);
  EXPECT_EQ(result.rows[2].seed, 2u);
  EXPECT_EQ(result.rows[3].template_name, "stars");
  for (const auto& row : result.rows) EXPECT_EQ(row.examples, 4u);

  system::CancellationToken cancel;
  cancel.cancel();
  const auto none = runDesignGrid(*scorer, grid, f.dataset, four, f.splits.train, &cancel);
  EXPECT_TRUE(none.cancelled);
  EXPECT_TRUE(none.rows.empty());
}

}  // namespace
}  // namespace pwb::design
