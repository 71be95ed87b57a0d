#include "train/trainer.h"

#include <chrono>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

#include <ATen/ATen.h>
#include <torch/utils.h>

#include "train/checkpoint.h"
#include "train/data_order.h"
#include "train/gradients.h"
#include "train/run_reporter.h"

namespace pwb::train {

std::string toString(TrainingStatus status) {
  switch (status) {
    case TrainingStatus::Finished:
      return "finished";
    case TrainingStatus::EarlyStopped:
      return "early_stopped";
    case TrainingStatus::Cancelled:
      return "cancelled";
    case TrainingStatus::Failed:
      return "failed";
  }
  return "failed";
}

namespace {

using Clock = std::chrono::steady_clock;

void validate(const TrainingTask& task, const TrainerOptions& o) {
  const auto require = [](bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument("trainer: " + what);
  };
  require(o.max_steps > 0, "max_steps must be positive");
  require(o.micro_batch_size > 0, "micro_batch_size must be positive");
  require(o.accumulation_steps > 0, "accumulation_steps must be positive");
  require(o.learning_rate >= 0.0 && std::isfinite(o.learning_rate), "learning_rate must be a number >= 0");
  require(o.max_grad_norm >= 0.0, "max_grad_norm must be >= 0 (0 turns clipping off)");
  require(o.eval_every >= 0 && o.checkpoint_every >= 0, "eval_every and checkpoint_every must be >= 0");
  require(!o.early_stopping || o.early_stopping->patience > 0, "early stopping needs a patience > 0");
  require(task.exampleCount() > 0, "there are no training examples");
  require(!task.parameters().empty(), "there are no parameters to train");
  std::set<std::string> names;
  for (const auto& p : task.parameters()) {
    require(names.insert(p.name).second, "the parameter name '" + p.name + "' appears twice");
  }
}

std::string formatNumber(double value) {
  if (std::isnan(value)) return "nan";  // not "-nan": the sign of a NaN means nothing to a reader
  std::ostringstream text;
  text << value;
  return text.str();
}

// Where the run stands between two steps: a checkpoint stores it, and a cancellation inside a
// step rewinds to where that step began.
struct RunPosition {
  at::Tensor torch_rng;
  DataPosition data;
  std::int64_t tokens_seen = 0;
};

// Raised inside a step; ends the run with the status and message.
struct RunStops {
  TrainingStatus status;
  std::string message;
};

class TrainingRun {
 public:
  TrainingRun(TrainingTask& task, const TrainerOptions& options, const TrainerHooks& hooks)
      : task_(task),
        options_(options),
        hooks_(hooks),
        optimizer_(makeOptimizer(task.parameters(), options.optimizer)),
        order_(task.exampleCount(), options.seed),
        reporter_(hooks.observer, hooks.store, hooks.run_id) {
    if (options.early_stopping) early_stopping_.emplace(*options.early_stopping);
  }

  TrainingOutcome execute() {
    try {
      start();
      task_.setTraining(true);
      while (step_ < options_.max_steps) {
        if (hooks_.pause) {
          // Paused: the store and the observer get every step so far before the run waits.
          if (hooks_.pause->isPaused()) reporter_.flush();
          hooks_.pause->waitWhilePaused(hooks_.cancel ? *hooks_.cancel : never_cancelled_);
        }
        const auto at_start = currentPosition();
        runStep(at_start);
        if (due(options_.eval_every) && evaluate()) {
          outcome_.status = TrainingStatus::EarlyStopped;
          outcome_.message = "early stopping at step " + std::to_string(step_) + ": '" +
                             early_stopping_->options().metric + "' has not improved for " +
                             std::to_string(early_stopping_->options().patience) + " evaluations";
          break;
        }
        if (due(options_.checkpoint_every)) saveCheckpoint(currentPosition());
      }
      finish();
    } catch (const RunStops& stops) {
      outcome_.status = stops.status;
      outcome_.message = stops.message;
    } catch (const std::exception& error) {
      outcome_.status = TrainingStatus::Failed;
      outcome_.message = error.what();
    }
    reporter_.flush();
    if (!outcome_.message.empty()) reporter_.message(outcome_.message);
    outcome_.steps_done = step_;
    return std::move(outcome_);
  }

 private:
  const NamedParameters& parameters() const { return task_.parameters(); }
  bool cancelled() const { return hooks_.cancel && hooks_.cancel->isCancelled(); }
  bool due(std::int64_t every) const { return every > 0 && step_ % every == 0; }
  RunPosition currentPosition() const { return {torchGeneratorState(), order_.position(), tokens_seen_}; }
  double elapsed() const {
    return elapsed_before_ + std::chrono::duration<double>(Clock::now() - started_).count();
  }

  void start() {
    started_ = Clock::now();
    if (options_.resume_from.empty()) {
      torch::manual_seed(options_.seed);
      return;
    }
    auto checkpoint = readCheckpoint(options_.resume_from);
    const auto where = (options_.resume_from / "checkpoint.json").string();
    if (checkpoint.training_examples != task_.exampleCount()) {
      throw std::runtime_error(where + ": made with " + std::to_string(checkpoint.training_examples) +
                               " training examples, the run has " + std::to_string(task_.exampleCount()));
    }
    if (checkpoint.parameters.size() != parameters().size()) {
      throw std::runtime_error(where + ": holds " + std::to_string(checkpoint.parameters.size()) +
                               " parameters, the run trains " + std::to_string(parameters().size()));
    }
    torch::NoGradGuard no_grad;
    for (const auto& p : parameters()) {
      const auto found = checkpoint.parameters.find(p.name);
      if (found == checkpoint.parameters.end()) {
        throw std::runtime_error(where + ": parameter '" + p.name + "' is missing");
      }
      if (found->second.sizes() != p.tensor.sizes()) {
        std::ostringstream why;
        why << where << ": parameter '" << p.name << "' has shape " << found->second.sizes() << ", the run's has "
            << p.tensor.sizes();
        throw std::runtime_error(why.str());
      }
      p.tensor.copy_(found->second);
    }
    optimizer_->loadState(checkpoint.optimizer);
    order_.restore(checkpoint.data);
    restoreTorchGeneratorState(checkpoint.torch_rng);
    if (early_stopping_) {
      early_stopping_->restore(checkpoint.best_metric, checkpoint.evaluations_without_improvement);
    }
    step_ = checkpoint.step;
    first_step_ = step_;
    tokens_seen_ = checkpoint.tokens_seen;
    session_tokens_start_ = tokens_seen_;
    elapsed_before_ = checkpoint.elapsed_seconds;
    reporter_.message("Resumed at step " + std::to_string(step_) + " from " + options_.resume_from.string());
  }

  void runStep(const RunPosition& at_start) {
    const double lr = options_.learning_rate * learningRateFactor(options_.schedule, step_, options_.max_steps);
    optimizer_->zeroGrad();
    double loss_sum = 0.0;
    std::int64_t count = 0;
    for (std::int64_t micro = 0; micro < options_.accumulation_steps; ++micro) {
      if (cancelled()) cancel(at_start);
      const auto loss = task_.loss(order_.next(static_cast<std::size_t>(options_.micro_batch_size)));
      const double value = loss.sum.item<double>();
      if (!std::isfinite(value)) fail("the loss became " + formatNumber(value), lr);
      loss.sum.backward();
      loss_sum += value;
      count += loss.count;
      tokens_seen_ += loss.tokens;
    }
    if (count == 0) {
      throw std::runtime_error("step " + std::to_string(step_ + 1) +
                               ": the batch has nothing to learn (every label is masked)");
    }
    divideGradients(parameters(), static_cast<double>(count));
    const double grad_norm = clipGradientNorm(parameters(), options_.max_grad_norm);
    if (!std::isfinite(grad_norm)) fail("the gradient norm became " + formatNumber(grad_norm), lr);
    optimizer_->step(lr);
    ++step_;
    report(loss_sum / static_cast<double>(count), lr, grad_norm);
  }

  void report(double loss, double lr, double grad_norm) {
    outcome_.losses.push_back(loss);
    const double seconds = elapsed();
    for (const auto& [name, value] : {std::pair<const char*, double>{"loss", loss}, {"learning_rate", lr},
                                      {"grad_norm", grad_norm}}) {
      reporter_.add({step_, "train", name, value, seconds, tokens_seen_});
    }
    const double session = std::chrono::duration<double>(Clock::now() - started_).count();
    const auto steps_this_session = static_cast<double>(step_ - first_step_);
    TrainingProgress progress;
    progress.step = step_;
    progress.total_steps = options_.max_steps;
    progress.epoch = order_.epochs();
    progress.loss = loss;
    progress.learning_rate = lr;
    progress.grad_norm = grad_norm;
    progress.elapsed_seconds = seconds;
    progress.tokens_per_second = static_cast<double>(tokens_seen_ - session_tokens_start_) / std::max(session, 1e-9);
    progress.remaining_seconds =
        session / steps_this_session * static_cast<double>(options_.max_steps - step_);
    reporter_.progress(std::move(progress));
  }

  [[noreturn]] void fail(const std::string& what, double lr) const {
    throw RunStops{TrainingStatus::Failed,
                   "step " + std::to_string(step_ + 1) + ": " + what + " at learning rate " + formatNumber(lr) +
                       "; the run stopped (a lower learning rate or stronger clipping may help), and every "
                       "point stored before is kept"};
  }

  [[noreturn]] void cancel(const RunPosition& at_start) {
    optimizer_->zeroGrad();  // the part of the step done so far is dropped
    std::string message = "cancelled after step " + std::to_string(step_);
    if (!options_.checkpoint_dir.empty()) {
      saveCheckpoint(at_start);
      message += "; checkpoint written to " + options_.checkpoint_dir.string();
    }
    throw RunStops{TrainingStatus::Cancelled, message};
  }

  // True when early stopping says to stop.
  bool evaluate() {
    if (!hooks_.evaluator) return false;
    task_.setTraining(false);
    std::map<std::string, double> metrics;
    {
      torch::NoGradGuard no_grad;
      metrics = hooks_.evaluator->evaluate();
    }
    task_.setTraining(true);
    last_evaluated_step_ = step_;
    const double seconds = elapsed();
    for (const auto& [name, value] : metrics) {
      reporter_.add({step_, hooks_.evaluator->split(), name, value, seconds, tokens_seen_});
    }
    outcome_.last_evaluation = metrics;
    if (!early_stopping_) return false;
    const auto& watched = early_stopping_->options().metric;
    const auto found = metrics.find(watched);
    if (found == metrics.end()) {
      std::string reported;
      for (const auto& [name, value] : metrics) reported += (reported.empty() ? "" : ", ") + name;
      throw std::runtime_error("early stopping watches '" + watched +
                               "', which the evaluator does not report (it reports: " + reported + ")");
    }
    return early_stopping_->update(found->second);
  }

  // After the last step or early stopping: a last evaluation and checkpoint unless this step
  // already had them.
  void finish() {
    if (outcome_.status == TrainingStatus::Finished && options_.eval_every > 0 && step_ != last_evaluated_step_) {
      evaluate();
    }
    if (!options_.checkpoint_dir.empty() && step_ != last_checkpoint_step_) {
      saveCheckpoint(currentPosition());
    }
  }

  void saveCheckpoint(const RunPosition& at) {
    reporter_.flush();  // the store is never behind a checkpoint
    TrainerCheckpoint checkpoint;
    checkpoint.step = step_;
    checkpoint.training_examples = task_.exampleCount();
    checkpoint.data = at.data;
    checkpoint.tokens_seen = at.tokens_seen;
    checkpoint.elapsed_seconds = elapsed();
    if (early_stopping_) {
      checkpoint.best_metric = early_stopping_->best();
      checkpoint.evaluations_without_improvement = early_stopping_->evaluationsWithoutImprovement();
    }
    for (const auto& p : parameters()) checkpoint.parameters.emplace(p.name, p.tensor);
    checkpoint.optimizer = optimizer_->state();
    checkpoint.torch_rng = at.torch_rng;
    outcome_.checkpoint = writeCheckpoint(options_.checkpoint_dir, checkpoint);
    last_checkpoint_step_ = step_;
    if (hooks_.on_checkpoint) hooks_.on_checkpoint(step_);
  }

  TrainingTask& task_;
  const TrainerOptions& options_;
  const TrainerHooks& hooks_;
  std::unique_ptr<Optimizer> optimizer_;
  DataOrder order_;
  std::optional<EarlyStopping> early_stopping_;
  RunReporter reporter_;
  TrainingOutcome outcome_;
  std::int64_t step_ = 0;
  std::int64_t first_step_ = 0;
  std::int64_t last_evaluated_step_ = -1;
  std::int64_t last_checkpoint_step_ = -1;
  std::int64_t tokens_seen_ = 0;
  std::int64_t session_tokens_start_ = 0;
  double elapsed_before_ = 0.0;
  Clock::time_point started_;
  const system::CancellationToken never_cancelled_;  // what a pause waits on without a token
};

}  // namespace

TrainingOutcome train(TrainingTask& task, const TrainerOptions& options, const TrainerHooks& hooks) {
  validate(task, options);
  return TrainingRun(task, options, hooks).execute();
}

}  // namespace pwb::train
