#include "experiment/design_study.h"

#include <gtest/gtest.h>

#include "data/few_shot.h"
#include "experiment/experiment_grid.h"
#include "experiment/run_prompt.h"

namespace pwb::experiment {
namespace {

DesignStudy twoTemplates() {
  DesignStudy study;
  study.dataset.builtin = "uci_yelp";
  study.dataset.test_limit = 10;
  study.templates = {{"plain", "{{text}} It was {{label}}"},
                     {"asked", "{{#instruction}}\nGood or bad?\n{{/instruction}}\n{{#example}}\nReview: {{text}}\nIt was "
                               "{{label}}\n{{/example}}"}};
  study.shots = {0, 2};
  study.seeds = {5, 6};
  study.verbalizer = {{"0", {"bad"}}, {"1", {"good", "great"}}};
  return study;
}

TEST(DesignStudy, IsAnExperimentOfTemplatesTimesShotsTimesSeeds) {
  const auto spec = experimentOf(twoTemplates());
  ASSERT_EQ(spec.runs.size(), 2u);
  EXPECT_EQ(spec.models, std::vector<std::string>{"stories260k"});
  EXPECT_EQ(spec.dataset.builtin, "uci_yelp");
  EXPECT_EQ(spec.dataset.test_limit, 10);
  EXPECT_EQ(spec.runs[1].prompt.template_text, twoTemplates().templates[1].text);
  EXPECT_EQ(spec.runs[1].prompt.verbalizer.at("1"), (std::vector<std::string>{"good", "great"}));
  // Per template: zero-shot once (with the first seed), 2-shot once per seed.
  const auto cells = studyCells(spec);
  ASSERT_EQ(cells.size(), 6u);
  const std::pair<std::int64_t, std::uint64_t> expected[] = {{0, 5}, {2, 5}, {2, 6}};
  for (std::size_t i = 0; i < cells.size(); ++i) {
    EXPECT_EQ(cells[i].template_name, i < 3 ? "plain" : "asked");
    EXPECT_EQ(cells[i].shots, expected[i % 3].first) << i;
    EXPECT_EQ(cells[i].seed, expected[i % 3].second) << i;
  }
}

TEST(DesignStudy, CarriesCalibrationAndChainOfThoughtIntoItsRuns) {
  auto study = twoTemplates();
  study.calibrate = true;
  study.chain_of_thought = true;
  study.cot_trigger = "Think.";
  study.selection = "random";
  const auto run = expandExperiment(experimentOf(study)).at(1).spec;
  EXPECT_TRUE(run.prompt.calibrate);
  EXPECT_TRUE(run.design.chain_of_thought);
  EXPECT_EQ(run.design.cot_trigger, "Think.");
  EXPECT_EQ(run.design.selection, "random");
  EXPECT_EQ(run.design.shots, 2);
  EXPECT_EQ(run.design.cot_rationale_column, std::nullopt);  // automatic
  study.cot_rationale_column = "why";
  const auto named = expandExperiment(experimentOf(study)).at(1);
  EXPECT_EQ(named.spec.design.cot_rationale_column, "why");
  EXPECT_EQ(designOptionsFor(named.spec, {}, named.seed).chain_of_thought->rationale_column, "why");
  study.cot_rationale_column = "";  // none
  EXPECT_EQ(expandExperiment(experimentOf(study)).at(1).spec.design.cot_rationale_column, "");
}

TEST(DesignStudy, AFileDatasetParsesBackToItsSpec) {
  auto study = twoTemplates();
  study.dataset = {};
  study.dataset.file = "/data/reviews.tsv";
  study.dataset.import.format = data::Format::Tsv;
  study.dataset.import.header = false;
  study.dataset.import.columns.text = data::Column::at(1);
  study.dataset.import.columns.label = data::Column::at(0);
  study.dataset.split_seed = 3;
  const auto spec = experimentOf(study).dataset;
  EXPECT_TRUE(spec.builtin.empty());
  EXPECT_EQ(spec.file, "/data/reviews.tsv");
  EXPECT_EQ(spec.import.format, data::Format::Tsv);
  EXPECT_FALSE(spec.import.header);
  EXPECT_TRUE(spec.import.columns.text.by_index);
  EXPECT_EQ(spec.import.columns.text.index, 1u);
  EXPECT_EQ(spec.import.columns.label.index, 0u);
  EXPECT_FALSE(spec.import.columns.id.mapped());
  EXPECT_EQ(spec.split_seed, 3u);
}

TEST(DesignStudy, ABadValueIsNamedByItsPath) {
  auto study = twoTemplates();
  study.selection = "best";
  EXPECT_THROW(experimentOf(study), SpecError);
}

TEST(DesignStudy, ThePreviewIsTheInstructionTheDemonstrationsAndTheExampleUpToItsSlot) {
  const auto study = twoTemplates();
  const auto spec = experimentOf(study);
  const auto data = prepareData(spec.dataset);
  const auto run = expandExperiment(spec).at(5);  // "asked", 2-shot, seed 6
  ASSERT_EQ(run.spec.design.shots, 2);
  data::FewShotOptions shots;
  shots.k = 2;
  shots.seed = 6;
  const auto demonstrations = data::selectFewShot(data.dataset, data.splits.train, shots);
  const auto word = [&](std::size_t i) { return data.dataset.examples[i].label == "0" ? "bad" : "good"; };
  const auto& shown = data.dataset.examples;
  const auto example = shown[data.splits.test[4]];
  const std::string expected = "Good or bad?\n\nReview: " + shown[demonstrations[0]].text + "\nIt was " +
                               word(demonstrations[0]) + "\n\nReview: " + shown[demonstrations[1]].text + "\nIt was " +
                               word(demonstrations[1]) + "\n\nReview: " + example.text + "\nIt was ";
  EXPECT_EQ(previewPrompt(run.spec, run.seed, data, 4), expected);
  // Zero-shot: the example alone; with chain of thought the trigger follows, one blank apart.
  EXPECT_EQ(previewPrompt(expandExperiment(spec).at(0).spec, 5, data, 4), example.text + " It was ");
  auto cot = run.spec;
  cot.design.chain_of_thought = true;
  cot.design.cot_trigger = "Think.";
  EXPECT_EQ(previewPrompt(cot, run.seed, data, 4), expected.substr(0, expected.size() - 1) + " Think.");
  EXPECT_THROW(previewPrompt(run.spec, run.seed, data, 10), std::out_of_range);
}

}  // namespace
}  // namespace pwb::experiment
