#include "experiment/experiment_runner.h"

#include <stdexcept>

namespace pwb::experiment {
namespace {

void notify(const RunnerObserver& observer, const RunnerEvent& event) {
  if (observer) observer(event);
}

}  // namespace

ExperimentRunner::ExperimentRunner(store::ExperimentStore& store, ModelLoader load_model)
    : store_(store), load_model_(std::move(load_model)) {}

void ExperimentRunner::setExecutor(RunKind kind, std::shared_ptr<RunExecutor> executor) {
  executors_[kind] = std::move(executor);
}

ExperimentOutcome ExperimentRunner::run(const ExperimentSpec& spec, const std::string& spec_path,
                                        const RunnerObserver& observer, const system::CancellationToken& cancel) {
  const auto runs = expandExperiment(spec);
  for (const auto& run : runs) {
    if (executors_.count(run.spec.kind) == 0) {
      throw std::logic_error("no executor for " + toString(run.spec.kind) + " runs");
    }
  }
  const auto data = prepareData(spec.dataset);

  ExperimentOutcome outcome;
  outcome.experiment_id = store_.createExperiment(spec.name, spec.json.dump(), spec_path);
  for (const auto& run : runs) {
    const auto id = store_.createRun(toString(run.spec.kind), run.name, run.config.dump());
    store_.attachRun(id, outcome.experiment_id);
    store_.recordRunFacts(id, {static_cast<std::int64_t>(run.seed), std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    outcome.run_ids.push_back(id);
  }

  std::string loaded_name;
  std::shared_ptr<model::LoadedModel> model;
  std::string model_error;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& run = runs[i];
    const auto id = outcome.run_ids[i];
    RunnerEvent event{RunnerEvent::Kind::RunStarted, i, runs.size(), run.name, id, 0.0, {}, store::RunStatus::Running};
    if (cancel.isCancelled()) {
      store_.setRunStatus(id, store::RunStatus::Cancelled, "not started: the experiment was cancelled");
      ++outcome.cancelled;
      continue;
    }
    store_.setRunStatus(id, store::RunStatus::Running);
    notify(observer, event);
    auto finish = [&](store::RunStatus status, const std::string& message) {
      store_.setRunStatus(id, status, message);
      if (status == store::RunStatus::Failed) store_.logEvent(id, store::LogLevel::Error, message);
      event.kind = RunnerEvent::Kind::RunFinished;
      event.status = status;
      event.text = message;
      notify(observer, event);
    };
    if (run.model != loaded_name) {
      model.reset();  // one model in memory at a time
      loaded_name = run.model;
      model_error.clear();
      try {
        model = load_model_(run.model);
      } catch (const std::exception& e) {
        model_error = "cannot load model " + run.model + ": " + e.what();
      }
    }
    if (!model) {
      finish(store::RunStatus::Failed, model_error);
      ++outcome.failed;
      continue;
    }
    try {
      RunContext context{spec,  run,    id,     store_, data, trainingPool(data, run.train_size, run.seed),
                         model, cancel, [&](double fraction, const std::string& text) {
                           RunnerEvent progress = event;
                           progress.kind = RunnerEvent::Kind::RunProgress;
                           progress.fraction = fraction;
                           progress.text = text;
                           notify(observer, progress);
                         }};
      executors_.at(run.spec.kind)->execute(context);
      if (cancel.isCancelled()) {
        finish(store::RunStatus::Cancelled, "cancelled by the user; what it stored is kept");
        ++outcome.cancelled;
      } else {
        finish(store::RunStatus::Finished, {});
        ++outcome.finished;
      }
    } catch (const std::exception& e) {
      finish(store::RunStatus::Failed, e.what());
      ++outcome.failed;
    }
  }
  return outcome;
}

}  // namespace pwb::experiment
