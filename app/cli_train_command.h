#pragma once
// `pwb train`: one tuning run without writing an experiment file; the adapter goes to --out.

#include <string>

#include <CLI/CLI.hpp>

namespace pwb::cli {

// `database` is main's --db value, read when the command runs; empty means the default file.
void addTrainCommand(CLI::App& app, const std::string& database);

}  // namespace pwb::cli
