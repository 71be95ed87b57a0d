#include <gtest/gtest.h>

#include "experiment/experiment_grid.h"

namespace pwb::experiment {
namespace {

ExperimentSpec ladder() {
  return parseExperimentSpec(nlohmann::json::parse(R"({
    "format_version": 1,
    "name": "grid",
    "models": ["stories260k", "other"],
    "dataset": {"builtin": "sst2"},
    "seeds": [1, 2],
    "train_sizes": [8, 32],
    "prompt": {"template": "{{text}} {{label}}", "verbalizer": {"0": "bad", "1": "good"}},
    "runs": [
      {"name": "zero-shot", "kind": "design"},
      {"name": "four-shot", "kind": "design", "shots": 4},
      {"name": "lora", "kind": "tuning", "method": {"name": "lora"},
       "sweep": {"method.r": [4, 16], "learning_rate": [0.001, 0.01]}}
    ]
  })"));
}

TEST(ExperimentGrid, ExpandsModelsRunsSweepsSizesAndSeeds) {
  const auto runs = expandExperiment(ladder());
  // Per model: zero-shot once; four-shot 2 sizes × 2 seeds; lora 2 lr × 2 r × 2 sizes × 2 seeds
  // (sweep keys in alphabetical order, the first varying slowest).
  ASSERT_EQ(runs.size(), 2u * (1 + 4 + 16));
  EXPECT_EQ(runs[0].name, "zero-shot · stories260k");
  EXPECT_FALSE(runs[0].train_size.has_value());
  EXPECT_EQ(runs[1].name, "four-shot · stories260k · n=8 · seed 1");
  EXPECT_EQ(runs[2].name, "four-shot · stories260k · n=8 · seed 2");
  EXPECT_EQ(runs[3].name, "four-shot · stories260k · n=32 · seed 1");
  EXPECT_EQ(runs[5].name, "lora learning_rate=0.001 r=4 · stories260k · n=8 · seed 1");
  EXPECT_EQ(runs[21].model, "other");
}

TEST(ExperimentGrid, SweptValuesAreInTheRunsSpecAndConfig) {
  const auto runs = expandExperiment(ladder());
  const auto& last_lora = runs[20];  // lr = 0.01, r = 16, n = 32, seed 2 on the first model
  EXPECT_EQ(last_lora.base_name, "lora");
  EXPECT_EQ(last_lora.spec.tuning.method["r"], 16);
  EXPECT_EQ(last_lora.spec.tuning.learning_rate, 0.01);
  EXPECT_EQ(last_lora.seed, 2u);
  EXPECT_EQ(last_lora.train_size, 32);
  EXPECT_EQ(last_lora.config["method"]["r"], 16);
  EXPECT_EQ(last_lora.config["method"]["lora_alpha"], 8.0);
  EXPECT_EQ(last_lora.config["seed"], 2);
  EXPECT_EQ(last_lora.config["train_size"], 32);
  EXPECT_EQ(last_lora.config["model"], "stories260k");
  EXPECT_EQ(last_lora.config["dataset"]["builtin"], "sst2");
  EXPECT_FALSE(last_lora.config.contains("sweep"));
}

TEST(ExperimentGrid, ARunsOwnSeedsOverrideTheExperiments) {
  auto spec = ladder();
  spec.models = {"stories260k"};
  spec.train_sizes.clear();
  spec.runs[1].seeds = {7, 8, 9};
  const auto runs = expandExperiment(spec);
  ASSERT_EQ(runs.size(), 1u + 3u + 4u * 2u);
  EXPECT_EQ(runs[1].name, "four-shot · seed 7");
  EXPECT_EQ(runs[3].seed, 9u);
  EXPECT_EQ(runs[4].seed, 1u);  // lora keeps the experiment's seeds
}

TEST(ExperimentGrid, OneModelAndOneSeedKeepNamesShort) {
  auto spec = ladder();
  spec.models = {"stories260k"};
  spec.seeds = {0};
  spec.train_sizes.clear();
  const auto runs = expandExperiment(spec);
  ASSERT_EQ(runs.size(), 1u + 1u + 4u);
  EXPECT_EQ(runs[1].name, "four-shot");
  EXPECT_EQ(runs[2].name, "lora learning_rate=0.001 r=4");
}

TEST(ExperimentGrid, ASweepOverShotsRunsItsZeroShotCellOnce) {
  auto spec = ladder();
  spec.models = {"stories260k"};
  spec.train_sizes.clear();
  spec.runs = {parseRunSpec(nlohmann::json::parse(R"({"name": "t", "kind": "design", "sweep": {"shots": [0, 4]},
                                                    "prompt": {"template": "{{text}} {{label}}", "verbalizer": {"0": "a", "1": "b"}}})"),
                            "runs[0]")};
  const auto runs = expandExperiment(spec);
  ASSERT_EQ(runs.size(), 1u + 2u);
  EXPECT_EQ(runs[0].name, "t shots=0");
  EXPECT_EQ(runs[0].spec.design.shots, 0);
  EXPECT_EQ(runs[1].name, "t shots=4 · seed 1");
  EXPECT_EQ(runs[2].name, "t shots=4 · seed 2");
  EXPECT_EQ(runs[2].spec.design.shots, 4);
  EXPECT_EQ(runs[2].seed, 2u);
}

}  // namespace
}  // namespace pwb::experiment
