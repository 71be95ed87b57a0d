#pragma once
// A run's trained adapter as files (adapter_config.json + adapter_model.safetensors, PEFT's
// layout): where the store keeps them, and a copy of them where the user wants them. A
// prompt-learning run also keeps the adapter of every checkpoint step ("snapshots", stored as
// checkpoint artifacts in folders named step-<n>), so its soft prompt can be watched moving.
// Torch-free header.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "store/experiment_store.h"

namespace pwb::store {

// The folder of the run's adapter artifact; nothing when the run stored none.
std::optional<std::filesystem::path> adapterFolder(const ExperimentStore& store, std::int64_t run_id);

// Copies every file of `folder` into `target` (created when missing), replacing what is there.
// Throws std::runtime_error naming the folder or file that could not be written.
void copyAdapterFiles(const std::filesystem::path& folder, const std::filesystem::path& target);

struct AdapterSnapshot {
  std::int64_t step = 0;         // optimiser steps done when it was taken
  std::filesystem::path folder;  // a PEFT adapter folder
};

// Where a run whose files live in `run_folder` keeps the snapshot of `step`.
std::filesystem::path adapterSnapshotFolder(const std::filesystem::path& run_folder, std::int64_t step);

// The run's snapshots by increasing step; a step stored twice (a resumed run) counts once.
std::vector<AdapterSnapshot> adapterSnapshots(const ExperimentStore& store, std::int64_t run_id);

}  // namespace pwb::store
