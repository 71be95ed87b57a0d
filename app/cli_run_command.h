#pragma once
// `pwb run EXPERIMENT.json`: every run of an experiment file, with progress, then its results;
// `pwb resume RUN`: one stored run again.

#include <string>

#include <CLI/CLI.hpp>

#include "experiment/experiment_runner.h"

namespace pwb::cli {

// Runs the experiment into the store with a progress line per run on stderr; Ctrl-C cancels.
experiment::ExperimentOutcome runWithProgress(store::ExperimentStore& store, const experiment::ExperimentSpec& spec,
                                              const std::string& spec_path);

// Runs a stored run of an experiment again (from its checkpoint when it has one), with progress;
// Ctrl-C cancels. Returns the exit status (0 finished, 130 cancelled, 1 failed).
int resumeRun(const std::string& database, std::int64_t run_id);

// The database a running command writes to: `given`, or the default file when empty.
std::filesystem::path databaseFile(const std::string& given);

// `pwb run` and `pwb resume`. `database` is main's --db value, read when the command runs; empty
// means the default file.
void addRunCommand(CLI::App& app, const std::string& database);

}  // namespace pwb::cli
