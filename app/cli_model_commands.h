#pragma once
// `pwb model inspect`, `pwb generate`, `pwb score`: looking at and running a model.

#include <CLI/CLI.hpp>

namespace pwb::cli {

void addModelCommands(CLI::App& app);

}  // namespace pwb::cli
