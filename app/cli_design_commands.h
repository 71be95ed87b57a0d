#pragma once
// `pwb design`: evaluate a hand-written prompt (template, verbalizer, few-shot, chain of thought)
// on a frozen model and a labelled dataset.

#include <string>

#include <CLI/CLI.hpp>

namespace pwb::cli {

// `database` is the program's --db: when given, the run is stored there too.
void addDesignCommands(CLI::App& app, const std::string& database);

}  // namespace pwb::cli
