#pragma once
// What the store exports, as CSV tables of text fields, one function per export.

#include <vector>

#include "store/csv_format.h"
#include "store/experiment_store.h"

namespace pwb::store {

// One row per run: its facts, then the final value (at the last step) of every metric any of
// the runs stored, as columns named "split/name" in alphabetical order; empty where a run has
// no such metric.
CsvTable runsTable(const ExperimentStore& store, const std::vector<RunRecord>& runs);

// Every metric point, long format: run_id, split, name, step, value, wall_seconds, tokens_seen.
CsvTable metricsTable(const ExperimentStore& store, const std::vector<RunRecord>& runs);

// Every prediction: one "score/label" column per label any row scored (alphabetical), then the
// rationale. correct is 1 or 0.
CsvTable predictionsTable(const ExperimentStore& store, const std::vector<RunRecord>& runs);

// One row per (split, example_id) any of the runs predicted, in the order the runs stored them:
// split, example_id, gold, then "run<ID>/predicted" and "run<ID>/correct" for each run (empty
// where a run has no prediction for it). Throws std::runtime_error when two runs disagree on an
// example's gold label: they were not evaluated on the same data.
CsvTable comparisonTable(const ExperimentStore& store, const std::vector<RunRecord>& runs);

}  // namespace pwb::store
