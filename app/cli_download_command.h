#pragma once
// `pwb download ID [--revision R]`: a model from the Hugging Face Hub into Hugging Face's cache —
// the same files, layout, checks and environment variables as the window's "Download model…".

#include <CLI/CLI.hpp>

namespace pwb::cli {

void addDownloadCommand(CLI::App& app);

}  // namespace pwb::cli
