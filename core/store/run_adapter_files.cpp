#include "store/run_adapter_files.h"

#include <stdexcept>

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

}  // namespace pwb::store
