#include "store/run_adapter_files.h"

#include <map>
#include <stdexcept>
#include <string>

namespace pwb::store {

std::optional<std::filesystem::path> adapterFolder(const ExperimentStore& store, std::int64_t run_id) {
  for (const auto& artifact : store.artifacts(run_id)) {
    if (artifact.kind == ArtifactKind::Adapter) return store.artifactFile(artifact).parent_path();
  }
  return std::nullopt;
}

void copyAdapterFiles(const std::filesystem::path& folder, const std::filesystem::path& target) {
  std::error_code error;
  std::filesystem::create_directories(target, error);
  if (error) throw std::runtime_error(target.string() + ": cannot create the folder: " + error.message());
  for (const auto& file : std::filesystem::directory_iterator(folder)) {
    const auto copy = target / file.path().filename();
    std::filesystem::copy_file(file.path(), copy, std::filesystem::copy_options::overwrite_existing, error);
    if (error) throw std::runtime_error(copy.string() + ": cannot write: " + error.message());
  }
}

namespace {

constexpr const char* kSnapshotPrefix = "step-";

// The step a snapshot folder is named after; nothing for any other folder.
std::optional<std::int64_t> snapshotStep(const std::filesystem::path& folder) {
  const auto name = folder.filename().string();
  const std::string prefix = kSnapshotPrefix;
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  const auto digits = name.substr(prefix.size());
  if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 18) return std::nullopt;
  return std::stoll(digits);
}

}  // namespace

std::filesystem::path adapterSnapshotFolder(const std::filesystem::path& run_folder, std::int64_t step) {
  return run_folder / "adapter-steps" / (kSnapshotPrefix + std::to_string(step));
}

std::vector<AdapterSnapshot> adapterSnapshots(const ExperimentStore& store, std::int64_t run_id) {
  std::map<std::int64_t, std::filesystem::path> by_step;
  for (const auto& artifact : store.artifacts(run_id)) {
    if (artifact.kind != ArtifactKind::Checkpoint) continue;
    const auto folder = store.artifactFile(artifact).parent_path();
    if (const auto step = snapshotStep(folder)) by_step[*step] = folder;
  }
  std::vector<AdapterSnapshot> snapshots;
  for (const auto& [step, folder] : by_step) snapshots.push_back({step, folder});
  return snapshots;
}

}  // namespace pwb::store
