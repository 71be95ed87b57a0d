#include "experiment/design_study.h"

#include <stdexcept>

#include "design/chain_of_thought.h"
#include "experiment/dataset_json.h"
#include "experiment/experiment_grid.h"
#include "experiment/run_prompt.h"

namespace pwb::experiment {

ExperimentSpec experimentOf(const DesignStudy& study) {
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& t : study.templates) {
    nlohmann::json run = {{"name", t.name},
                          {"kind", "design"},
                          {"prompt", {{"template", t.text}}},
                          {"selection", study.selection},
                          {"sweep", {{"shots", study.shots}}}};
    if (study.chain_of_thought) {
      run["chain_of_thought"] = true;
      run["cot_trigger"] = study.cot_trigger;
      if (study.cot_rationale_column) run["cot_rationale_column"] = *study.cot_rationale_column;
    }
    runs.push_back(run);
  }
  const nlohmann::json document = {
      {"format_version", kFormatVersion},
      {"name", study.name},
      {"models", {study.model}},
      {"dataset", datasetJson(study.dataset)},
      {"seeds", study.seeds},
      {"prompt", {{"verbalizer", study.verbalizer}, {"calibrate", study.calibrate}}},
      {"runs", runs}};
  return parseExperimentSpec(document);
}

std::vector<StudyCell> studyCells(const ExperimentSpec& experiment) {
  std::vector<StudyCell> cells;
  for (const auto& run : expandExperiment(experiment)) {
    cells.push_back({run.base_name, run.spec.design.shots, run.seed});
  }
  return cells;
}

std::string previewPrompt(const RunSpec& run, std::uint64_t seed, const PreparedData& data, std::size_t test_index) {
  const auto& test = data.splits.test;
  if (test_index >= test.size()) {
    throw std::out_of_range("example " + std::to_string(test_index + 1) + " of a test split of " +
                            std::to_string(test.size()));
  }
  const auto builder = promptBuilderFor(run.prompt, data);
  const auto options = designOptionsFor(run, data.splits.train, seed);
  const auto demonstrations = design::chooseDemonstrations(data.dataset, data.splits.train, options.shots);
  const auto prompt = design::promptPrefix(builder, data.dataset, demonstrations, options) +
                      builder.query(data.dataset.examples[test[test_index]]);
  return options.chain_of_thought ? design::reasoningPrompt(prompt, *options.chain_of_thought) : prompt;
}

}  // namespace pwb::experiment
