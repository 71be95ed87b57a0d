#include "store/csv_export.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "../../support/file_bytes.h"
#include "../../support/temp_dir.h"
#include "csv_reader.h"

namespace pwb::store {
namespace {

using Rows = std::vector<std::vector<std::string>>;

const std::string kTricky = "café, “quoted” \"really\"\n line\r\nend";

double number(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  EXPECT_EQ(*end, '\0') << "not a number: " << text;
  return value;
}

// Two runs of one experiment and a loose third, with text that needs every kind of quoting.
class CsvExport : public ::testing::Test {
 protected:
  CsvExport() {
    experiment_ = store_.createExperiment("ladder, small", "{}");
    lora_ = store_.createRun("tuning", kTricky, R"({"method":"lora"})");
    design_ = store_.createRun("design", "zero-shot", "{}");
    empty_ = store_.createRun("pretrain", "no outputs", "{}");
    store_.attachRun(lora_, experiment_);
    store_.attachRun(design_, experiment_);
    RunFacts facts;
    facts.seed = 7;
    facts.trainable_params = 8192;
    facts.total_params = 1320000;
    facts.peak_memory_bytes = 5000000000;
    store_.recordRunFacts(lora_, facts);
    store_.setRunStatus(lora_, RunStatus::Running);
    store_.setRunStatus(lora_, RunStatus::Failed, "stopped: \"NaN\", step 3");
    store_.appendMetrics(lora_, {{1, "train", "loss", 2.5, 0.125, 16},
                                 {2, "train", "loss", 0.1 + 0.2, 0.25, 32},
                                 {2, "validation", "accuracy", 0.625, 0.3, 32}});
    store_.appendMetrics(design_, {{0, "test", "accuracy", 1.0 / 3.0, 0.5, 0}});
    store_.appendPredictions(lora_, {{"test", "e1", "positive", "negative", false,
                                      {{"negative", -0.5}, {"positive", -1.25}}, kTricky},
                                     {"test", "e2", "negative", "negative", true, {{"negative", -0.125}}, ""}});
    store_.appendPredictions(design_, {{"test", "e2", "negative", "positive", false, {{"neutral", 1e-300}}, ""},
                                       {"test", "e3", "neutral", "neutral", true, {}, "why, \"so\""}});
  }

  Rows exported(ExportKind what, const std::vector<std::int64_t>& runs, std::size_t expected_rows) {
    const auto file = dir_ / "out.csv";
    EXPECT_EQ(exportCsv(store_, what, runs, file), expected_rows);
    const auto rows = testing::parseCsv(testing::fileBytes(file));
    EXPECT_EQ(rows.size(), expected_rows + 1);
    return rows;
  }

  testing::TempDir dir_;
  ExperimentStore store_{dir_ / "e.sqlite"};
  std::int64_t experiment_ = 0, lora_ = 0, design_ = 0, empty_ = 0;
};

TEST_F(CsvExport, RunsSummaryHoldsEachRunsFactsAndFinalMetrics) {
  const auto rows = exported(ExportKind::Runs, {}, 3);
  const std::vector<std::string> header = {
      "id",           "experiment_id", "experiment",        "name",         "kind",           "status",
      "message",      "seed",          "created_at",        "started_at",   "finished_at",    "trainable_params",
      "total_params", "peak_memory_bytes", "code_version", "test/accuracy", "train/loss", "validation/accuracy"};
  ASSERT_EQ(rows[0], header);

  const auto lora = store_.run(lora_).value();
  const std::vector<std::string> lora_row = {std::to_string(lora_), std::to_string(experiment_), "ladder, small",
                                             kTricky, "tuning", "failed", "stopped: \"NaN\", step 3", "7",
                                             lora.created_at, lora.started_at, lora.finished_at, "8192", "1320000",
                                             "5000000000", lora.code_version, "", rows[1][16], rows[1][17]};
  EXPECT_EQ(rows[1], lora_row);
  EXPECT_EQ(number(rows[1][16]), 0.1 + 0.2);  // the last step's loss, exactly
  EXPECT_EQ(number(rows[1][17]), 0.625);
  EXPECT_EQ(number(rows[2][15]), 1.0 / 3.0);
  EXPECT_EQ(rows[2][16], "");
  // Facts nobody recorded are empty, not zero.
  EXPECT_EQ(rows[3][0], std::to_string(empty_));
  EXPECT_EQ(rows[3][1], "");
  EXPECT_EQ(rows[3][7], "");
  EXPECT_EQ(rows[3][13], "");
}

TEST_F(CsvExport, MetricCurvesReadBackAsStored) {
  const auto rows = exported(ExportKind::Metrics, {lora_, design_}, 4);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"run_id", "split", "name", "step", "value", "wall_seconds",
                                               "tokens_seen"}));
  std::vector<std::pair<std::int64_t, train::MetricPoint>> stored;
  for (const auto id : {lora_, design_}) {
    for (const auto& point : store_.metrics(id)) stored.emplace_back(id, point);
  }
  ASSERT_EQ(stored.size(), 4u);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const auto& [run_id, point] = stored[i];
    const auto& row = rows[i + 1];
    EXPECT_EQ(row[0], std::to_string(run_id));
    EXPECT_EQ(row[1], point.split);
    EXPECT_EQ(row[2], point.name);
    EXPECT_EQ(row[3], std::to_string(point.step));
    EXPECT_EQ(number(row[4]), point.value);
    EXPECT_EQ(number(row[5]), point.wall_seconds);
    EXPECT_EQ(row[6], std::to_string(point.tokens_seen));
  }
}

TEST_F(CsvExport, PredictionsReadBackAsStored) {
  const auto rows = exported(ExportKind::Predictions, {}, 4);
  ASSERT_EQ(rows[0], (std::vector<std::string>{"run_id", "split", "example_id", "gold", "predicted", "correct",
                                               "score/negative", "score/neutral", "score/positive", "rationale"}));
  std::size_t row = 1;
  for (const auto id : {lora_, design_}) {
    for (const auto& p : store_.predictions(id)) {
      const auto& fields = rows.at(row++);
      EXPECT_EQ(fields[0], std::to_string(id));
      EXPECT_EQ(fields[1], p.split);
      EXPECT_EQ(fields[2], p.example_id);
      EXPECT_EQ(fields[3], p.gold);
      EXPECT_EQ(fields[4], p.predicted);
      EXPECT_EQ(fields[5], p.correct ? "1" : "0");
      std::map<std::string, double> scores;
      for (std::size_t column = 6; column < 9; ++column) {
        if (!fields[column].empty()) scores[rows[0][column].substr(6)] = number(fields[column]);
      }
      EXPECT_EQ(scores, p.scores);
      EXPECT_EQ(fields[9], p.rationale);
    }
  }
  EXPECT_EQ(rows[1][9], kTricky);
}

TEST_F(CsvExport, ComparisonHasOneRowPerExampleAndTwoColumnsPerRun) {
  const auto d = "run" + std::to_string(design_), l = "run" + std::to_string(lora_);
  const auto rows = exported(ExportKind::Comparison, {design_, lora_}, 3);
  const Rows expected = {{"split", "example_id", "gold", d + "/predicted", d + "/correct", l + "/predicted", l + "/correct"},
                         {"test", "e2", "negative", "positive", "0", "negative", "1"},
                         {"test", "e3", "neutral", "neutral", "1", "", ""},
                         {"test", "e1", "positive", "", "", "negative", "0"}};
  EXPECT_EQ(rows, expected);
}

TEST_F(CsvExport, ComparisonOfAllRunsSkipsRunsWithoutPredictions) {
  const auto rows = exported(ExportKind::Comparison, {}, 3);
  EXPECT_EQ(rows[0].size(), 3u + 2 * 2);
  EXPECT_EQ(rows[0][3], "run" + std::to_string(lora_) + "/predicted");
  EXPECT_EQ(rows[1][1], "e1");
}

TEST_F(CsvExport, RefusesToCompareRunsOnDifferentGoldLabels) {
  store_.appendPredictions(empty_, {{"test", "e1", "negative", "negative", true, {}, ""}});
  try {
    exportCsv(store_, ExportKind::Comparison, {lora_, empty_}, dir_ / "c.csv");
    FAIL() << "different gold labels must be refused";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("example 'e1'"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ / "c.csv"));
}

TEST_F(CsvExport, NamesAnUnknownRun) {
  EXPECT_THROW(exportCsv(store_, ExportKind::Runs, {lora_, 99}, dir_ / "x.csv"), std::invalid_argument);
}

TEST_F(CsvExport, NamesTheFileItCannotWrite) {
  const auto file = dir_ / "no such folder" / "runs.csv";
  try {
    exportCsv(store_, ExportKind::Runs, {}, file);
    FAIL() << "writing into a missing folder must fail";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(file.string()), std::string::npos) << error.what();
  }
  if (std::filesystem::exists("/dev/full")) {
    EXPECT_THROW(exportCsv(store_, ExportKind::Metrics, {}, "/dev/full"), std::runtime_error);
  }
}

}  // namespace
}  // namespace pwb::store
