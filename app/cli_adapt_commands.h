#pragma once
// `pwb params`: a method's trainable-parameter line (as PEFT prints it) and a peak-memory
// estimate for a batch shape, from a model's config.json alone.

#include <CLI/CLI.hpp>

namespace pwb::cli {

void addAdaptCommands(CLI::App& app);

}  // namespace pwb::cli
