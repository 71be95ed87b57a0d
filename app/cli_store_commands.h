#pragma once
// `pwb runs list`, `pwb runs show RUN`, `pwb export`: reading the experiment store.

#include <string>

#include <CLI/CLI.hpp>

namespace pwb::cli {

// `database` is main's --db value, read when a command runs; empty means the default file.
void addStoreCommands(CLI::App& app, const std::string& database);

}  // namespace pwb::cli
