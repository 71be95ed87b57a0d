#pragma once
// The training loop for any TrainingTask: optimiser steps of k accumulated micro-batches,
// a learning-rate schedule, gradient clipping, evaluation every N steps with early stopping, a
// NaN/Inf guard, checkpoints every N steps and resume, cooperative cancellation (also between
// the micro-batches of one step) and pause, progress to an observer and the experiment store.
//
// Deterministic: the same seed, task and options give the same loss curve bit for bit on the
// same machine and thread count; resuming from a checkpoint gives the losses the uninterrupted
// run would have had.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "system/cancellation.h"
#include "train/early_stopping.h"
#include "train/evaluator.h"
#include "train/optimizer.h"
#include "train/pause_gate.h"
#include "train/progress.h"
#include "train/schedule.h"
#include "train/training_task.h"

namespace pwb::store {
class ExperimentStore;
}

namespace pwb::train {

struct TrainerOptions {
  std::int64_t max_steps = 100;          // optimiser steps
  std::int64_t micro_batch_size = 8;     // examples per forward pass
  std::int64_t accumulation_steps = 1;   // micro-batches per optimiser step
  double learning_rate = 1e-3;           // peak rate
  OptimizerOptions optimizer;
  ScheduleOptions schedule;
  double max_grad_norm = 1.0;            // global L2 norm; 0 turns clipping off
  std::uint64_t seed = 42;               // torch::manual_seed and the data order
  std::int64_t eval_every = 0;           // 0: no evaluation during the run
  std::optional<EarlyStoppingOptions> early_stopping;
  std::int64_t checkpoint_every = 0;     // 0: checkpoints only at the end and on cancellation
  std::filesystem::path checkpoint_dir;  // empty: no checkpoints at all
  std::filesystem::path resume_from;     // a checkpoint folder to continue from
};

// Where the run reports to; every member is optional.
struct TrainerHooks {
  TrainingObserver* observer = nullptr;  // throttled by the trainer
  const system::CancellationToken* cancel = nullptr;
  const PauseGate* pause = nullptr;
  Evaluator* evaluator = nullptr;
  store::ExperimentStore* store = nullptr;  // metric points, written in batched transactions
  std::int64_t run_id = 0;                  // the store's run the points belong to
  // Called with the step after each checkpoint is written (the parameters are that step's):
  // what a run keeps beyond the checkpoint, which the next one replaces.
  std::function<void(std::int64_t step)> on_checkpoint;
};

enum class TrainingStatus { Finished, EarlyStopped, Cancelled, Failed };
std::string toString(TrainingStatus status);  // "finished", "early_stopped", "cancelled", "failed"

struct TrainingOutcome {
  TrainingStatus status = TrainingStatus::Finished;
  std::string message;  // why it stopped, when not finished
  std::int64_t steps_done = 0;  // optimiser steps done in total (with those before a resume)
  std::vector<double> losses;   // the training loss of every step this call ran, in order
  std::map<std::string, double> last_evaluation;
  std::filesystem::path checkpoint;  // the last checkpoint written (its JSON), if any
};

// Throws std::invalid_argument for options that cannot work (no steps, a batch of 0, ...);
// anything that goes wrong while training ends the run as Failed with the reason, keeping what
// was stored.
TrainingOutcome train(TrainingTask& task, const TrainerOptions& options, const TrainerHooks& hooks = {});

}  // namespace pwb::train
