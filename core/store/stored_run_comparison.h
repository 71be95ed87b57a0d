#pragma once
// Two stored runs compared on the examples both predicted: the agreement table, McNemar's exact
// test and the examples where exactly one was right. Torch-free.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "eval/run_comparison.h"
#include "store/experiment_store.h"

namespace pwb::store {

// One example both runs predicted, matched by (split, example_id).
struct PairedPrediction {
  std::string split;
  std::string example_id;
  std::string gold;
  std::string predicted_a;
  std::string predicted_b;
  bool correct_a = false;
  bool correct_b = false;
};

struct StoredRunComparison {
  std::vector<PairedPrediction> examples;  // in run A's stored order
  eval::RunComparison comparison;          // indices refer to `examples`
  std::size_t only_in_a = 0;               // examples run B did not predict
  std::size_t only_in_b = 0;
};

// Throws std::invalid_argument when a run does not exist, when the runs share no example, or
// when a shared example has different gold labels in the two runs (they were not evaluated on
// the same data, so a comparison would mean nothing).
StoredRunComparison compareStoredRuns(const ExperimentStore& store, std::int64_t run_a, std::int64_t run_b);

}  // namespace pwb::store
