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
  const auto artifacts = std::filesystem::absolute(store.file()).parent_path() / "artifacts";
  runner.setExecutor(RunKind::Tuning, std::make_shared<TuningExecutor>(artifacts));
  return runner;
}

}  // namespace pwb::experiment
