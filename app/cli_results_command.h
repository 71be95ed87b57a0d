#pragma once
// `pwb results [EXPERIMENT]`: an experiment's results table, Pareto front and data-efficiency
// curves, as text or JSON.

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "store/experiment_store.h"

namespace pwb::cli {

// Prints the tables `pwb results` prints (also used by `pwb run` when it finishes).
void printExperimentResults(const store::ExperimentStore& store, std::int64_t experiment_id);

// `database` is main's --db value, read when the command runs; empty means the default file.
void addResultsCommand(CLI::App& app, const std::string& database);

}  // namespace pwb::cli
