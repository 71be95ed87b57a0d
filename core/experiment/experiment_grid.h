#pragma once
// An experiment expanded into the runs it stands for: every model × run × sweep combination ×
// training-set size × seed. Torch-free.
//
// A zero-shot design run depends on neither the seed nor the training set, so it is expanded
// once per model; a few-shot design run draws its examples from the training set with the seed,
// so it is expanded like a tuning run.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiment/experiment_spec.h"

namespace pwb::experiment {

struct ResolvedRun {
  std::string name;        // "lora r=16 · n=32 · seed 1": the run's name and what varies
  std::string base_name;   // the run's name in the file
  std::string model;
  std::uint64_t seed = 0;
  std::optional<std::int64_t> train_size;  // empty: the whole train split
  std::vector<std::pair<std::string, nlohmann::json>> swept;  // sweep key -> value of this run
  RunSpec spec;            // with the swept values in place
  nlohmann::json config;   // everything that determines the run, as stored in the database
};

std::vector<ResolvedRun> expandExperiment(const ExperimentSpec& experiment);

}  // namespace pwb::experiment
