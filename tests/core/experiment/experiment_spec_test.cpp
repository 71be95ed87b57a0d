#include <gtest/gtest.h>

#include <fstream>

#include "../../support/temp_dir.h"
#include "experiment/experiment_spec.h"

namespace pwb::experiment {
namespace {

nlohmann::json minimal() {
  return nlohmann::json::parse(R"({
    "format_version": 1,
    "name": "ladder",
    "models": ["stories260k"],
    "dataset": {"builtin": "sst2"},
    "prompt": {"template": "Review: {{text}}\nSentiment: {{label}}", "verbalizer": {"0": "bad", "1": ["good", "great"]}},
    "runs": [
      {"name": "zero-shot", "kind": "design"},
      {"name": "lora", "kind": "tuning", "method": {"name": "lora", "r": 4}, "learning_rate": 0.003}
    ]
  })");
}

// The message of the SpecError that parsing `document` throws.
std::string errorOf(const nlohmann::json& document) {
  try {
    parseExperimentSpec(document);
  } catch (const SpecError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ExperimentSpec, ParsesAMinimalFileAndFillsInDefaults) {
  const auto spec = parseExperimentSpec(minimal());
  EXPECT_EQ(spec.name, "ladder");
  EXPECT_EQ(spec.models, std::vector<std::string>{"stories260k"});
  EXPECT_EQ(spec.dataset.builtin, "sst2");
  EXPECT_EQ(spec.seeds, std::vector<std::uint64_t>{0});
  ASSERT_EQ(spec.runs.size(), 2u);
  EXPECT_EQ(spec.runs[0].kind, RunKind::Design);
  EXPECT_EQ(spec.runs[0].design.shots, 0);
  // The experiment's prompt is every run's default.
  EXPECT_EQ(spec.runs[1].prompt.template_text, "Review: {{text}}\nSentiment: {{label}}");
  EXPECT_EQ(spec.runs[1].prompt.verbalizer.at("1"), (std::vector<std::string>{"good", "great"}));
  const auto& tuning = spec.runs[1].tuning;
  EXPECT_EQ(tuning.methodName(), "lora");
  EXPECT_EQ(tuning.method["r"], 4);
  EXPECT_EQ(tuning.method["lora_alpha"], 8.0);  // PEFT's default
  EXPECT_EQ(tuning.method["bias"], "none");
  EXPECT_EQ(tuning.learning_rate, 0.003);
  EXPECT_EQ(tuning.optimizer, "adamw");
}

TEST(ExperimentSpec, ARunsOwnPromptKeysOverrideTheSharedPrompt) {
  auto document = minimal();
  document["runs"][0]["prompt"] = {{"template", "{{text}} It was {{label}}"}};
  const auto spec = parseExperimentSpec(document);
  EXPECT_EQ(spec.runs[0].prompt.template_text, "{{text}} It was {{label}}");
  EXPECT_EQ(spec.runs[0].prompt.verbalizer.at("0"), std::vector<std::string>{"bad"});
  EXPECT_EQ(spec.runs[1].prompt.template_text, "Review: {{text}}\nSentiment: {{label}}");
}

TEST(ExperimentSpec, ErrorsNameTheJsonPath) {
  auto bad_r = minimal();
  bad_r["runs"][1]["method"]["r"] = -2;
  EXPECT_EQ(errorOf(bad_r), "runs[1].method.r: expected a positive integer, got -2");

  auto fraction = minimal();
  fraction["runs"][1]["steps"] = 2.5;
  EXPECT_EQ(errorOf(fraction), "runs[1].steps: expected a positive integer, got 2.5");

  auto misspelt = minimal();
  misspelt["runs"][1]["learning_rte"] = 0.1;
  EXPECT_EQ(errorOf(misspelt), "runs[1].learning_rte: unknown setting (misspelt, or not valid here)");

  auto method = minimal();
  method["runs"][1]["method"]["name"] = "adapter";
  EXPECT_EQ(errorOf(method).rfind("runs[1].method.name: expected one of \"prompt_tuning\"", 0), 0u) << errorOf(method);

  auto no_verbalizer = minimal();
  no_verbalizer["prompt"].erase("verbalizer");
  EXPECT_EQ(errorOf(no_verbalizer), "runs[0].prompt.verbalizer: required, but missing");

  auto version = minimal();
  version["format_version"] = 2;
  EXPECT_EQ(errorOf(version), "format_version: this version of Prompt Workbench reads format 1, the file has 2");

  auto lr = minimal();
  lr["runs"][1]["learning_rate"] = 0;
  EXPECT_EQ(errorOf(lr), "runs[1].learning_rate: expected a number > 0, got 0");

  auto both = minimal();
  both["dataset"]["file"] = "data.csv";
  EXPECT_EQ(errorOf(both), "dataset: give exactly one of \"builtin\" or \"file\"");

  auto warmup = minimal();
  warmup["runs"][1]["steps"] = 10;
  warmup["runs"][1]["warmup_steps"] = 20;
  EXPECT_EQ(errorOf(warmup), "runs[1].warmup_steps: warmup (20) longer than the run (10 steps)");
}

TEST(ExperimentSpec, SweepValuesAreCheckedWhereTheyGo) {
  auto document = minimal();
  document["runs"][1]["sweep"] = {{"method.r", {4, 0}}};
  EXPECT_EQ(errorOf(document), "runs[1].sweep[\"method.r\"][1]: expected a positive integer, got 0 (at runs[1].method.r)");

  auto unknown = minimal();
  unknown["runs"][1]["sweep"] = {{"method.rank", {4}}};
  EXPECT_NE(errorOf(unknown).find("runs[1].sweep[\"method.rank\"][0]: unknown setting"), std::string::npos)
      << errorOf(unknown);

  auto name = minimal();
  name["runs"][1]["sweep"] = {{"name", {"a", "b"}}};
  EXPECT_EQ(errorOf(name), "runs[1].sweep.name: cannot sweep \"name\"");
}

TEST(ExperimentSpec, SoftPromptTextInitNeedsATextOrADesignRunOfThisExperiment) {
  auto document = minimal();
  document["runs"].push_back({{"name", "soft"}, {"kind", "tuning"},
                              {"method", {{"name", "prompt_tuning"}, {"prompt_tuning_init", "TEXT"}}}});
  EXPECT_EQ(errorOf(document),
            "runs[2].method.prompt_tuning_init: TEXT needs exactly one of prompt_tuning_init_text or init_from_design");
  document["runs"][2]["method"]["init_from_design"] = "few-shot";
  EXPECT_EQ(errorOf(document), "runs[2].method.init_from_design: no design run named \"few-shot\" in this experiment");
  document["runs"][2]["method"]["init_from_design"] = "zero-shot";
  const auto spec = parseExperimentSpec(document);
  EXPECT_EQ(spec.runs[2].tuning.method["num_virtual_tokens"], 8);
  EXPECT_EQ(spec.runs[2].tuning.method["init_from_design"], "zero-shot");
}

TEST(ExperimentSpec, RunNamesAreUnique) {
  auto document = minimal();
  document["runs"][1]["name"] = "zero-shot";
  EXPECT_EQ(errorOf(document), "runs[1].name: \"zero-shot\" is already the name of runs[0]");
}

TEST(ExperimentFile, ResolvesRelativePathsAndReportsSyntaxErrorsByLineAndColumn) {
  testing::TempDir dir;
  auto document = minimal();
  document["dataset"] = {{"file", "data/reviews.csv"}, {"columns", {{"text", "review"}, {"label", 2}}}};
  document["models"] = {"stories260k", "models/gpt2"};
  std::ofstream(dir / "good.json") << document.dump(2);
  const auto spec = readExperimentFile(dir / "good.json");
  EXPECT_EQ(spec.dataset.file, dir / "data/reviews.csv");
  EXPECT_EQ(spec.dataset.import.columns.text.name, "review");
  EXPECT_TRUE(spec.dataset.import.columns.label.by_index);
  EXPECT_EQ(spec.dataset.import.columns.label.index, 2u);
  EXPECT_EQ(spec.models[0], "stories260k");
  EXPECT_EQ(spec.models[1], (dir / "models/gpt2").string());

  std::ofstream(dir / "broken.json") << "{\n  \"name\": \"x\",\n  \"runs\": [,]\n}\n";
  try {
    readExperimentFile(dir / "broken.json");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind((dir / "broken.json").string() + ":3:12: not valid JSON", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace pwb::experiment
