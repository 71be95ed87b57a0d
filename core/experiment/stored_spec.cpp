#include "experiment/stored_spec.h"

#include <stdexcept>
#include <string>

namespace pwb::experiment {

ExperimentSpec storedSpecOfRun(const store::ExperimentStore& store, std::int64_t run_id) {
  const auto run = store.run(run_id);
  if (!run || !run->experiment_id) {
    throw std::invalid_argument("run " + std::to_string(run_id) + " is not a run of a stored experiment in " +
                                store.file().string());
  }
  const auto stored = store.experiment(*run->experiment_id);
  const auto base = stored->spec_path.empty() ? std::filesystem::path()
                                              : std::filesystem::path(stored->spec_path).parent_path();
  return parseExperimentSpec(nlohmann::json::parse(stored->spec_json), base);
}

}  // namespace pwb::experiment
