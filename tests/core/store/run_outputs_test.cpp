#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "../../support/temp_dir.h"
#include "store/experiment_store.h"

namespace pwb::store {
namespace {

class ExperimentStoreOutputs : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  ExperimentStore store_{dir_ / "e.sqlite"};
  std::int64_t run_ = store_.createRun("design", "zero-shot", "{}");
};

TEST_F(ExperimentStoreOutputs, StoresPredictionsInTheirOrderPerSplit) {
  store_.appendPredictions(run_, {{"test", "10", "positive", "positive", true, {{"positive", -0.25}, {"negative", -1.5}}, ""},
                                  {"test", "2", "negative", "positive", false, {{"positive", -0.5}, {"negative", -0.75}},
                                   "It says \"great\",\nso: positive"},
                                  {"validation", "1", "negative", "negative", true, {}, ""}});
  const auto test = store_.predictions(run_, "test");
  ASSERT_EQ(test.size(), 2u);
  EXPECT_EQ(test[0].example_id, "10");  // stored order, not text order
  EXPECT_EQ(test[0].split, "test");
  EXPECT_EQ(test[0].gold, "positive");
  EXPECT_TRUE(test[0].correct);
  EXPECT_EQ(test[0].scores, (std::map<std::string, double>{{"negative", -1.5}, {"positive", -0.25}}));
  EXPECT_EQ(test[1].predicted, "positive");
  EXPECT_FALSE(test[1].correct);
  EXPECT_EQ(test[1].rationale, "It says \"great\",\nso: positive");
  EXPECT_EQ(store_.predictions(run_, "validation").size(), 1u);
  EXPECT_TRUE(store_.predictions(run_, "validation")[0].scores.empty());
  EXPECT_EQ(store_.predictions(run_).size(), 3u);
  EXPECT_TRUE(store_.predictions(run_, "train").empty());
}

TEST_F(ExperimentStoreOutputs, ScoresKeepEveryBitOfTheirValue) {
  const double tiny = 1e-300, third = -1.0 / 3.0;
  store_.appendPredictions(run_, {{"test", "x", "a", "a", true, {{"a", tiny}, {"b", third}}, ""}});
  const auto scores = store_.predictions(run_, "test").at(0).scores;
  EXPECT_EQ(scores.at("a"), tiny);
  EXPECT_EQ(scores.at("b"), third);
}

TEST_F(ExperimentStoreOutputs, AStoredExampleIsReplacedNotDuplicated) {
  store_.appendPredictions(run_, {{"test", "e1", "a", "b", false, {}, ""}});
  store_.appendPredictions(run_, {{"test", "e1", "a", "a", true, {}, ""}});
  const auto rows = store_.predictions(run_, "test");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0].correct);
}

TEST_F(ExperimentStoreOutputs, WritesABatchOfPredictionsWholeOrNotAtAll) {
  EXPECT_THROW(store_.appendPredictions(run_, {{"test", "ok", "a", "a", true, {{"a", -1.0}}, ""},
                                               {"test", "bad", "a", "a", true, {{"a", std::nan("")}}, ""}}),
               std::invalid_argument);
  EXPECT_TRUE(store_.predictions(run_).empty());
  EXPECT_THROW(store_.appendPredictions(run_ + 1, {{"test", "e", "a", "a", true, {}, ""}}), std::invalid_argument);
}

TEST_F(ExperimentStoreOutputs, RecordsArtifactsWithChecksumAndSize) {
  const auto folder = dir_ / "runs" / std::to_string(run_);
  std::filesystem::create_directories(folder);
  { std::ofstream(folder / "adapter.safetensors", std::ios::binary) << "abc"; }
  { std::ofstream(dir_ / "export.bin", std::ios::binary); }

  const auto adapter = store_.addArtifact(run_, ArtifactKind::Adapter, folder / "adapter.safetensors");
  const auto exported = store_.addArtifact(run_, ArtifactKind::Export, "export.bin");  // relative to the folder
  EXPECT_EQ(adapter.path, "runs/" + std::to_string(run_) + "/adapter.safetensors");
  EXPECT_EQ(adapter.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(adapter.bytes, 3);
  EXPECT_EQ(exported.path, "export.bin");
  EXPECT_EQ(exported.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(exported.bytes, 0);

  const auto stored = store_.artifacts(run_);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].id, adapter.id);
  EXPECT_EQ(stored[0].run_id, run_);
  EXPECT_EQ(stored[0].kind, ArtifactKind::Adapter);
  EXPECT_EQ(stored[0].path, adapter.path);
  EXPECT_EQ(stored[0].sha256, adapter.sha256);
  EXPECT_EQ(stored[0].created_at, adapter.created_at);
  EXPECT_FALSE(stored[0].created_at.empty());
  EXPECT_EQ(stored[1].kind, ArtifactKind::Export);
  EXPECT_EQ(store_.artifactFile(stored[0]), folder / "adapter.safetensors");
}

TEST_F(ExperimentStoreOutputs, NamesAnArtifactThatIsNotThere) {
  try {
    store_.addArtifact(run_, ArtifactKind::Checkpoint, "runs/missing.pt");
    FAIL() << "a missing file must not be recorded";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("runs/missing.pt"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(store_.artifacts(run_).empty());
  EXPECT_THROW(store_.addArtifact(run_ + 1, ArtifactKind::Checkpoint, dir_ / "e.sqlite"), std::invalid_argument);
}

TEST_F(ExperimentStoreOutputs, KeepsALogPerRunAndOneForTheProgram) {
  store_.logEvent(run_, LogLevel::Info, "loaded the model");
  store_.logEvent(std::nullopt, LogLevel::Warning, "reference BLAS");
  store_.logEvent(run_, LogLevel::Warning, "loss rose");
  store_.logEvent(run_, LogLevel::Error, "NaN loss at step 12");

  const auto events = store_.logEvents(run_);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].message, "loaded the model");
  EXPECT_EQ(events[0].level, LogLevel::Info);
  EXPECT_EQ(events[0].run_id, run_);
  EXPECT_FALSE(events[0].time.empty());
  EXPECT_EQ(events[2].level, LogLevel::Error);
  EXPECT_LE(events[0].time, events[2].time);

  const auto newest = store_.logEvents(run_, 2);
  ASSERT_EQ(newest.size(), 2u);
  EXPECT_EQ(newest[0].message, "loss rose");
  EXPECT_EQ(newest[1].message, "NaN loss at step 12");

  const auto program = store_.logEvents(std::nullopt);
  ASSERT_EQ(program.size(), 1u);
  EXPECT_EQ(program[0].message, "reference BLAS");
  EXPECT_FALSE(program[0].run_id.has_value());
  EXPECT_THROW(store_.logEvent(run_ + 1, LogLevel::Info, "x"), std::invalid_argument);
}

TEST(StoreRecordNames, RoundTripAndRejectUnknownNames) {
  for (auto kind : {ArtifactKind::Adapter, ArtifactKind::Checkpoint, ArtifactKind::Export}) {
    EXPECT_EQ(artifactKindFromString(toString(kind)), kind);
  }
  for (auto level : {LogLevel::Info, LogLevel::Warning, LogLevel::Error}) {
    EXPECT_EQ(logLevelFromString(toString(level)), level);
  }
  EXPECT_EQ(toString(ArtifactKind::Checkpoint), "checkpoint");
  EXPECT_EQ(toString(LogLevel::Warning), "warning");
  EXPECT_THROW(artifactKindFromString("tensor"), std::invalid_argument);
  EXPECT_THROW(logLevelFromString("debug"), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::store
