#pragma once
// The Prompt Design panel's study as an experiment: every template × k × seed is a design run on
// one model and dataset, so the study runs through ExperimentRunner (DesignExecutor) and its
// runs are stored, listed and compared like any experiment's. Also the prompt one evaluated
// example gets in a run, exactly as the run scores it. Torch-free.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "experiment/experiment_data.h"
#include "experiment/experiment_spec.h"

namespace pwb::experiment {

struct StudyTemplate {
  std::string name;  // its runs' name; unique within a study
  std::string text;  // docs/templates.md
};

struct DesignStudy {
  std::string name = "prompt design";
  std::string model = "stories260k";  // a built-in name or a path
  DatasetSpec dataset;                // its test_limit: how many examples are evaluated
  std::vector<StudyTemplate> templates;
  std::vector<std::int64_t> shots = {0};   // k values
  std::vector<std::uint64_t> seeds = {0};  // of the demonstrations' choice
  std::string selection = "balanced";      // "fixed", "random" or "balanced"
  std::map<std::string, std::vector<std::string>> verbalizer;  // label value -> words
  bool calibrate = false;
  bool chain_of_thought = false;
  std::string cot_trigger = "Let's think step by step.";
  std::optional<std::string> cot_rationale_column;  // unset: "rationale" when the dataset has it
};

// One design run per template, swept over the k values, repeated over the seeds (zero-shot
// once). Throws SpecError naming the JSON path of what is wrong.
ExperimentSpec experimentOf(const DesignStudy& study);

// What each run of the experiment is, in the order the runner stores them.
struct StudyCell {
  std::string template_name;
  std::int64_t shots = 0;
  std::uint64_t seed = 0;
};
std::vector<StudyCell> studyCells(const ExperimentSpec& experiment);

// What the model reads before the label words for data.splits.test[test_index] in `run` with
// `seed`: the instruction, the demonstrations, the example up to its answer slot, and with chain
// of thought the trigger. Throws as promptBuilderFor and selectFewShot, std::out_of_range for an
// index past the test split.
std::string previewPrompt(const RunSpec& run, std::uint64_t seed, const PreparedData& data, std::size_t test_index);

}  // namespace pwb::experiment
