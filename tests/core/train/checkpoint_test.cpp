#include "train/checkpoint.h"

#include <gtest/gtest.h>

#include <fstream>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include "../../support/temp_dir.h"

namespace pwb::train {
namespace {

TrainerCheckpoint sample(std::int64_t step) {
  TrainerCheckpoint c;
  c.step = step;
  c.training_examples = 20;
  c.data = {3, 5, "1 2 3"};
  c.tokens_seen = 1234;
  c.elapsed_seconds = 2.5;
  c.best_metric = 0.25;
  c.evaluations_without_improvement = 1;
  c.parameters = {{"h.0.weight", at::arange(6, at::kFloat).view({2, 3})}};
  c.optimizer = {{"step.h.0.weight", at::scalar_tensor(step, at::kLong)},
                 {"exp_avg.h.0.weight", at::full({2, 3}, 0.5, at::kFloat)}};
  c.torch_rng = torchGeneratorState();
  return c;
}

TEST(TrainerCheckpoint, RoundTripsEveryField) {
  pwb::testing::TempDir dir;
  const auto written = sample(7);
  EXPECT_EQ(writeCheckpoint(dir.path(), written), dir / "checkpoint.json");
  const auto read = readCheckpoint(dir.path());
  EXPECT_EQ(read.step, 7);
  EXPECT_EQ(read.training_examples, 20u);
  EXPECT_EQ(read.data.epoch, 3);
  EXPECT_EQ(read.data.offset, 5u);
  EXPECT_EQ(read.data.rng_at_epoch_start, "1 2 3");
  EXPECT_EQ(read.tokens_seen, 1234);
  EXPECT_DOUBLE_EQ(read.elapsed_seconds, 2.5);
  EXPECT_DOUBLE_EQ(*read.best_metric, 0.25);
  EXPECT_EQ(read.evaluations_without_improvement, 1);
  EXPECT_TRUE(at::equal(read.parameters.at("h.0.weight"), written.parameters.at("h.0.weight")));
  EXPECT_EQ(read.optimizer.at("step.h.0.weight").item<std::int64_t>(), 7);
  EXPECT_TRUE(at::equal(read.optimizer.at("exp_avg.h.0.weight"), written.optimizer.at("exp_avg.h.0.weight")));
  EXPECT_TRUE(at::equal(read.torch_rng, written.torch_rng));
}

TEST(TrainerCheckpoint, TheGeneratorStateRestoresTheSameDraws) {
  const auto state = torchGeneratorState();
  const auto first = at::rand({5});
  restoreTorchGeneratorState(state);
  EXPECT_TRUE(at::equal(at::rand({5}), first));
}

TEST(TrainerCheckpoint, ANewerCheckpointReplacesTheOlderTensorFile) {
  pwb::testing::TempDir dir;
  writeCheckpoint(dir.path(), sample(4));
  writeCheckpoint(dir.path(), sample(8));
  EXPECT_FALSE(std::filesystem::exists(dir / "checkpoint-00000004.safetensors"));
  EXPECT_TRUE(std::filesystem::exists(dir / "checkpoint-00000008.safetensors"));
  EXPECT_EQ(readCheckpoint(dir.path()).step, 8);
}

TEST(TrainerCheckpoint, AMissingOrWrongKeyIsAnErrorNamingTheFileAndKey) {
  pwb::testing::TempDir dir;
  writeCheckpoint(dir.path(), sample(2));
  const auto file = dir / "checkpoint.json";
  auto json = nlohmann::json::parse(std::ifstream(file));
  const auto expectError = [&](const nlohmann::json& content, const std::string& expected) {
    std::ofstream(file) << content.dump();
    try {
      readCheckpoint(dir.path());
      FAIL() << "read a broken checkpoint; expected: " << expected;
    } catch (const std::runtime_error& error) {
      EXPECT_NE(std::string(error.what()).find(file.string()), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
    }
  };
  auto without_step = json;
  without_step.erase("step");
  expectError(without_step, "key 'step' is missing");
  auto wrong_type = json;
  wrong_type["epoch_offset"] = "five";
  expectError(wrong_type, "key 'epoch_offset' has the wrong type");
  EXPECT_THROW(readCheckpoint(dir / "nowhere"), std::runtime_error);
}

}  // namespace
}  // namespace pwb::train
