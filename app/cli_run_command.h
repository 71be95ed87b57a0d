#pragma once
// `pwb run EXPERIMENT.json`: every run of an experiment file, with progress, then its results.

#include <string>

#include <CLI/CLI.hpp>

namespace pwb::cli {

// `database` is main's --db value, read when the command runs; empty means the default file.
void addRunCommand(CLI::App& app, const std::string& database);

}  // namespace pwb::cli
