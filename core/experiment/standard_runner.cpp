#include "experiment/standard_runner.h"

#include "experiment/design_executor.h"
#include "experiment/tuning_executor.h"
#include "model/model_loader.h"

namespace pwb::experiment {

ExperimentRunner standardRunner(store::ExperimentStore& store) {
  ExperimentRunner runner(store, [](const std::string& name) {
    return std::make_shared<model::LoadedModel>(model::loadModel(name));
  });
  runner.setExecutor(RunKind::Design, std::make_shared<DesignExecutor>());
  // Per database, so that two databases in one folder never share (or resume) a run's files.
  const auto file = std::filesystem::absolute(store.file());
  const auto artifacts = file.parent_path() / (file.stem().string() + "-artifacts");
  runner.setExecutor(RunKind::Tuning, std::make_shared<TuningExecutor>(artifacts));
  return runner;
}

}  // namespace pwb::experiment
