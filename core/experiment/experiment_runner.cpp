#include "experiment/experiment_runner.h"

#include <stdexcept>

#include "system/peak_memory.h"

namespace pwb::experiment {
namespace {

void notify(const RunnerObserver& observer, const RunnerEvent& event) {
  if (observer) observer(event);
}

}  // namespace

ExperimentOutcome storeExperiment(store::ExperimentStore& store, const ExperimentSpec& spec,
                                  const std::string& spec_path) {
  ExperimentOutcome outcome;
  outcome.experiment_id = store.createExperiment(spec.name, spec.json.dump(), spec_path);
  for (const auto& run : expandExperiment(spec)) {
    const auto id = store.createRun(toString(run.spec.kind), run.name, run.config.dump());
    store.attachRun(id, outcome.experiment_id);
    store.recordRunFacts(id, {static_cast<std::int64_t>(run.seed), std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    outcome.run_ids.push_back(id);
  }
  return outcome;
}

ExperimentRunner::ExperimentRunner(store::ExperimentStore& store, ModelLoader load_model)
    : store_(store), load_model_(std::move(load_model)) {}

void ExperimentRunner::setExecutor(RunKind kind, std::shared_ptr<RunExecutor> executor) {
  executors_[kind] = std::move(executor);
}

ExperimentOutcome ExperimentRunner::run(const ExperimentSpec& spec, const std::string& spec_path,
                                        const RunnerObserver& observer, const system::CancellationToken& cancel,
                                        const train::PauseGate* pause) {
  const auto runs = expandExperiment(spec);
  for (const auto& run : runs) {
    if (executors_.count(run.spec.kind) == 0) {
      throw std::logic_error("no executor for " + toString(run.spec.kind) + " runs");
    }
  }
  const auto data = prepareData(spec.dataset);

  auto outcome = storeExperiment(store_, spec, spec_path);
  executeQueue(spec, data, runs, outcome.run_ids, observer, cancel, pause, outcome);
  return outcome;
}

ExperimentOutcome ExperimentRunner::resume(const ExperimentSpec& spec, std::int64_t run_id, const RunnerObserver& observer,
                                           const system::CancellationToken& cancel, const train::PauseGate* pause) {
  const auto record = store_.run(run_id);
  if (!record || !record->experiment_id) {
    throw std::invalid_argument("run " + std::to_string(run_id) + " is not a run of a stored experiment");
  }
  const auto unavailable = [run_id](const std::string& why) {
    return RunUnavailable("run " + std::to_string(run_id) + " " + why);
  };
  if (record->status == store::RunStatus::Finished) throw unavailable("has finished; there is nothing to resume");
  if (record->status == store::RunStatus::Running) throw unavailable("is running in another process (another window?)");
  // The experiment's runs were stored in expansion order, so the run's position finds its spec.
  const auto stored = store_.runsOfExperiment(*record->experiment_id);
  const auto runs = expandExperiment(spec);
  std::size_t index = 0;
  while (index < stored.size() && stored[index].id != run_id) ++index;
  if (index >= runs.size() || stored.size() != runs.size() || runs[index].name != record->name) {
    throw std::invalid_argument("run " + std::to_string(run_id) + " no longer matches its experiment's spec");
  }
  if (executors_.count(runs[index].spec.kind) == 0) {
    throw std::logic_error("no executor for " + toString(runs[index].spec.kind) + " runs");
  }
  ExperimentOutcome outcome;
  outcome.experiment_id = *record->experiment_id;
  outcome.run_ids = {run_id};
  executeQueue(spec, prepareData(spec.dataset), {runs[index]}, outcome.run_ids, observer, cancel, pause, outcome);
  if (outcome.run_elsewhere > 0) throw unavailable("was started by another process meanwhile (another window?)");
  return outcome;
}

void ExperimentRunner::executeQueue(const ExperimentSpec& spec, const PreparedData& data,
                                    const std::vector<ResolvedRun>& runs, const std::vector<std::int64_t>& ids,
                                    const RunnerObserver& observer, const system::CancellationToken& cancel,
                                    const train::PauseGate* pause, ExperimentOutcome& outcome) {
  std::string loaded_name;
  std::shared_ptr<model::LoadedModel> model;
  std::string model_error;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& run = runs[i];
    const auto id = ids[i];
    RunnerEvent event{RunnerEvent::Kind::RunStarted, i, runs.size(), run.name, id, 0.0, {}, store::RunStatus::Running, {}};
    if (cancel.isCancelled()) {
      store_.setRunStatus(id, store::RunStatus::Cancelled, "not started: the experiment was cancelled");
      ++outcome.cancelled;
      continue;
    }
    if (!store_.claimRun(id)) {
      ++outcome.run_elsewhere;
      continue;
    }
    notify(observer, event);
    const system::PeakMemoryProbe memory;  // from here, loading the model included
    auto finish = [&](store::RunStatus status, const std::string& message) {
      store_.recordRunFacts(id, {std::nullopt, std::nullopt, std::nullopt, memory.peakBytes(), std::nullopt});
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
      const auto report = [&](double fraction, const std::string& text, const train::TrainingProgress& training) {
        RunnerEvent progress = event;
        progress.kind = RunnerEvent::Kind::RunProgress;
        progress.fraction = fraction;
        progress.text = text;
        progress.training = training;
        notify(observer, progress);
      };
      RunContext context{spec,
                         run,
                         id,
                         store_,
                         data,
                         trainingPool(data, run.train_size, run.seed),
                         model,
                         cancel,
                         [&](double fraction, const std::string& text) { report(fraction, text, {}); },
                         [&](const train::TrainingProgress& p) {
                           const auto fraction = p.total_steps > 0 ? static_cast<double>(p.step) / static_cast<double>(p.total_steps) : 0.0;
                           report(fraction, "step " + std::to_string(p.step) + "/" + std::to_string(p.total_steps) + ", loss " + std::to_string(p.loss), p);
                         },
                         pause};
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
}

}  // namespace pwb::experiment
