#include "experiment/dataset_json.h"

#include <gtest/gtest.h>

namespace pwb::experiment {
namespace {

// The "dataset" object in a minimal experiment, parsed back.
DatasetSpec roundTrip(const DatasetSpec& spec) {
  const nlohmann::json document = {
      {"format_version", kFormatVersion},
      {"name", "round trip"},
      {"models", {"stories260k"}},
      {"dataset", datasetJson(spec)},
      {"prompt", {{"verbalizer", {{"0", "bad"}, {"1", "good"}}}}},
      {"runs", nlohmann::json::array({{{"name", "zero-shot"}, {"kind", "design"}}})}};
  return parseExperimentSpec(document).dataset;
}

TEST(DatasetJson, BuiltinPartSplitsAndLimitsParseBack) {
  DatasetSpec spec;
  spec.builtin = "sst2";
  spec.part = "dev";
  spec.validation_fraction = 0.15;
  spec.test_fraction = 0.35;
  spec.stratify = false;
  spec.split_seed = 7;
  spec.validation_limit = 60;
  spec.test_limit = 100;
  const auto back = roundTrip(spec);
  EXPECT_EQ(back.builtin, "sst2");
  EXPECT_EQ(back.part, "dev");
  EXPECT_DOUBLE_EQ(back.validation_fraction, 0.15);
  EXPECT_DOUBLE_EQ(back.test_fraction, 0.35);
  EXPECT_FALSE(back.stratify);
  EXPECT_EQ(back.split_seed, 7u);
  EXPECT_EQ(back.validation_limit, 60);
  EXPECT_EQ(back.test_limit, 100);
  EXPECT_FALSE(datasetJson(spec).contains("file"));
}

TEST(DatasetJson, FileKeepsFormatHeaderAndColumns) {
  DatasetSpec spec;
  spec.file = "/data/reviews.tsv";
  spec.import.format = data::Format::Tsv;
  spec.import.header = false;
  spec.import.columns.text = data::Column::at(1);
  spec.import.columns.label = data::Column::at(0);
  const auto json = datasetJson(spec);
  EXPECT_EQ(json.at("format"), "tsv");
  EXPECT_EQ(json.at("columns").at("text"), 1);
  EXPECT_FALSE(json.contains("limits"));
  const auto back = roundTrip(spec);
  EXPECT_EQ(back.file, spec.file);
  EXPECT_EQ(back.import.format, data::Format::Tsv);
  EXPECT_FALSE(back.import.header);
  EXPECT_EQ(back.import.columns.text.index, 1u);
  EXPECT_TRUE(back.import.columns.label.by_index);
  EXPECT_FALSE(back.test_limit.has_value());
}

}  // namespace
}  // namespace pwb::experiment
