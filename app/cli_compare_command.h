#pragma once
// `pwb compare RUN_A RUN_B`: two stored runs on their shared examples.

#include <string>

#include <CLI/CLI.hpp>

namespace pwb::cli {

// `database` is main's --db value, read when the command runs; empty means the default file.
void addCompareCommand(CLI::App& app, const std::string& database);

}  // namespace pwb::cli
