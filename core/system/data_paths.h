#pragma once
// Where the engine finds what ships with it and where it keeps what it makes.
// Torch-free header.

#include <filesystem>

namespace pwb::system {

// Shipped resources (built-in corpus, datasets, models). PWB_RESOURCE_DIR overrides; otherwise
// ../share/prompt-workbench/resources beside the executable when installed, else the source tree.
std::filesystem::path resourceDir();

// The user's data folder: $PWB_DATA_DIR, else $XDG_DATA_HOME/prompt-workbench, else
// ~/.local/share/prompt-workbench (what QStandardPaths::AppDataLocation gives the GUI).
// Created when missing.
std::filesystem::path userDataDir();

}  // namespace pwb::system
