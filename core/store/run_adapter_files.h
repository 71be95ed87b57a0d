#pragma once
// A run's trained adapter as files (adapter_config.json + adapter_model.safetensors, PEFT's
// layout): where the store keeps them, and a copy of them where the user wants them.
// Torch-free header.

#include <cstdint>
#include <filesystem>
#include <optional>

#include "store/experiment_store.h"

namespace pwb::store {

// The folder of the run's adapter artifact; nothing when the run stored none.
std::optional<std::filesystem::path> adapterFolder(const ExperimentStore& store, std::int64_t run_id);

// Copies every file of `folder` into `target` (created when missing), replacing what is there.
// Throws std::runtime_error naming the folder or file that could not be written.
void copyAdapterFiles(const std::filesystem::path& folder, const std::filesystem::path& target);

}  // namespace pwb::store
