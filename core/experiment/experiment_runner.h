#pragma once
// Runs an experiment: its expanded runs go into the store as one experiment, all 'queued', then
// execute in order, each model loaded once for all its runs. A failing run is marked 'failed'
// with its message and the queue goes on; cancelling stops the run in flight (it keeps what it
// stored) and marks the rest 'cancelled'. Torch-free header.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "experiment/experiment_data.h"
#include "experiment/experiment_grid.h"
#include "store/experiment_store.h"
#include "system/cancellation.h"
#include "train/pause_gate.h"
#include "train/progress.h"

namespace pwb::model {
struct LoadedModel;
}

namespace pwb::experiment {

// What an executor gets for one run.
struct RunContext {
  const ExperimentSpec& experiment;
  const ResolvedRun& run;
  std::int64_t run_id;
  store::ExperimentStore& store;
  const PreparedData& data;
  std::vector<std::size_t> train_pool;  // indices into data.dataset: this run's training set
  std::shared_ptr<model::LoadedModel> model;  // shared by the runs of one model; not thread-safe
  const system::CancellationToken& cancel;
  // Progress within the run: fraction done in [0, 1] and a short description.
  std::function<void(double fraction, const std::string& text)> progress;
  // A training run's progress (step, loss, new metric points); reported as progress too.
  std::function<void(const train::TrainingProgress& progress)> training;
  const train::PauseGate* pause = nullptr;  // a training run waits here between steps
};

// Executes one kind of run, storing metrics, predictions, facts and artifacts through
// context.store. Returns when done, or early when context.cancel is set; throws (with a message
// for people) when the run fails.
class RunExecutor {
 public:
  virtual ~RunExecutor() = default;
  virtual void execute(RunContext& context) = 0;
};

struct RunnerEvent {
  enum class Kind { RunStarted, RunProgress, RunFinished } kind = Kind::RunStarted;
  std::size_t index = 0;  // 0-based position in the queue
  std::size_t count = 0;  // runs in the queue
  std::string name;
  std::int64_t run_id = 0;
  double fraction = 0.0;  // RunProgress
  std::string text;       // RunProgress: what is happening; RunFinished: the failure message
  store::RunStatus status = store::RunStatus::Running;  // RunFinished
  // RunProgress of a training run: step, loss and the metric points since the last report.
  train::TrainingProgress training;
};
using RunnerObserver = std::function<void(const RunnerEvent&)>;

using ModelLoader = std::function<std::shared_ptr<model::LoadedModel>(const std::string& name_or_path)>;

struct ExperimentOutcome {
  std::int64_t experiment_id = 0;
  std::vector<std::int64_t> run_ids;  // in queue order
  std::size_t finished = 0;
  std::size_t failed = 0;
  std::size_t cancelled = 0;
  std::size_t run_elsewhere = 0;  // queued runs another process started first (left to it)
};

// A run that cannot be run here: it has finished, or another process is running it. Nothing of
// it was changed.
struct RunUnavailable : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Stores the experiment and its expanded runs, all 'queued' and nothing executed (a queue that
// runs them later, one by one, with ExperimentRunner::resume). Throws SpecError for a spec that
// does not expand.
ExperimentOutcome storeExperiment(store::ExperimentStore& store, const ExperimentSpec& spec,
                                  const std::string& spec_path);

class ExperimentRunner {
 public:
  ExperimentRunner(store::ExperimentStore& store, ModelLoader load_model);
  void setExecutor(RunKind kind, std::shared_ptr<RunExecutor> executor);

  // Throws only for what stops every run before any starts (bad data, a kind without an
  // executor); everything after that is recorded per run.
  // A training run waits at `pause` between steps while it is paused.
  ExperimentOutcome run(const ExperimentSpec& spec, const std::string& spec_path, const RunnerObserver& observer,
                        const system::CancellationToken& cancel, const train::PauseGate* pause = nullptr);

  // Runs one stored run of `spec` again (interrupted, failed or cancelled); a tuning run
  // continues from its last checkpoint. Throws RunUnavailable when the run is finished or running
  // in another process, std::invalid_argument when it is unknown or no longer matches the spec.
  // A queued run (storeExperiment) runs the same way, from its start.
  ExperimentOutcome resume(const ExperimentSpec& spec, std::int64_t run_id, const RunnerObserver& observer,
                           const system::CancellationToken& cancel, const train::PauseGate* pause = nullptr);

 private:
  void executeQueue(const ExperimentSpec& spec, const PreparedData& data, const std::vector<ResolvedRun>& runs,
                    const std::vector<std::int64_t>& ids, const RunnerObserver& observer,
                    const system::CancellationToken& cancel, const train::PauseGate* pause, ExperimentOutcome& outcome);

  store::ExperimentStore& store_;
  ModelLoader load_model_;
  std::map<RunKind, std::shared_ptr<RunExecutor>> executors_;
};

}  // namespace pwb::experiment
