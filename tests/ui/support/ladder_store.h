#pragma once
// A small real experiment store for UI tests: experiment "ladder" with a design run (6/10
// right), LoRA at 1,000 parameters over two seeds (7/10 and 9/10: mean 0.8) and full
// fine-tuning at 100,000 parameters (75/100), all with 8 training examples except the design
// run; and an empty second experiment "later".

#include <cstdint>
#include <string>
#include <vector>

#include "store/experiment_store.h"

namespace pwb::test {

struct LadderIds {
  std::int64_t ladder = 0;
  std::int64_t later = 0;
};

inline std::int64_t addFinishedRun(store::ExperimentStore& store, std::int64_t experiment, const std::string& name,
                                   const std::string& config_json, int right, int n, std::int64_t seed,
                                   std::int64_t trainable) {
  const bool tuning = config_json.find("\"method\"") != std::string::npos;
  const auto id = store.createRun(tuning ? "tuning" : "design", name, config_json);
  store.attachRun(id, experiment);
  store.setRunStatus(id, store::RunStatus::Running);
  std::vector<store::PredictionRecord> predictions;
  for (int i = 0; i < n; ++i) predictions.push_back({"test", std::to_string(i), "a", i < right ? "a" : "b", i < right, {}, ""});
  store.appendPredictions(id, predictions);
  store.recordRunFacts(id, {seed, trainable, 100000, std::nullopt, std::nullopt});
  store.setRunStatus(id, store::RunStatus::Finished);
  return id;
}

inline LadderIds fillLadderStore(const std::string& file) {
  store::ExperimentStore store(file);
  LadderIds ids;
  ids.ladder = store.createExperiment("ladder", "{}");
  addFinishedRun(store, ids.ladder, "zero-shot",
                 R"({"name":"zero-shot","model":"m","seed":0,"train_size":null})", 6, 10, 0, 0);
  for (const int seed : {1, 2}) {
    addFinishedRun(store, ids.ladder, "lora · seed " + std::to_string(seed),
                   R"({"name":"lora","model":"m","seed":)" + std::to_string(seed) +
                       R"(,"train_size":8,"method":{"name":"lora"}})",
                   seed == 1 ? 7 : 9, 10, seed, 1000);
  }
  addFinishedRun(store, ids.ladder, "full", R"({"name":"full","model":"m","seed":1,"train_size":8,"method":{"name":"full"}})",
                 75, 100, 1, 100000);
  ids.later = store.createExperiment("later", "{}");
  return ids;
}

}  // namespace pwb::test
