#include "run_queue.h"

#include <algorithm>

#include "experiment/experiment_runner.h"
#include "experiment/experiment_spec.h"
#include "store/experiment_store.h"
#include "tuning_run_task.h"

namespace pwb::ui {

QString toText(QueueState state) {
  switch (state) {
    case QueueState::Queued: return RunQueue::tr("queued");
    case QueueState::Running: return RunQueue::tr("running");
    case QueueState::Paused: return RunQueue::tr("paused");
    case QueueState::Finished: return RunQueue::tr("finished");
    case QueueState::Cancelled: return RunQueue::tr("cancelled");
    case QueueState::Failed: return RunQueue::tr("failed");
    case QueueState::Interrupted: return RunQueue::tr("interrupted");
    case QueueState::Elsewhere: return RunQueue::tr("in another window");
  }
  return {};
}

RunQueue::RunQueue(QString database_file, QObject* parent) : QObject(parent), database_file_(std::move(database_file)) {
  qRegisterMetaType<ProgressUpdate>();
  qRegisterMetaType<JobOutcome>();
  pool_.setMaxThreadCount(1);
}

RunQueue::~RunQueue() {
  if (task_ != nullptr) {
    disconnect(task_, nullptr, this, nullptr);
    task_->cancel();
    pool_.waitForDone();
    delete task_;
  }
}

QList<qint64> RunQueue::add(const nlohmann::json& experiment, const QString& spec_path) {
  const auto spec = experiment::parseExperimentSpec(experiment, std::filesystem::path(spec_path.toStdString()).parent_path());
  store::ExperimentStore store(database_file_.toStdString());
  const auto outcome = experiment::storeExperiment(store, spec, spec_path.toStdString());
  QList<qint64> ids;
  for (const auto id : outcome.run_ids) {
    append({id, QString::fromStdString(store.run(id)->name), QueueState::Queued, 0, 0, 0.0, {}});
    ids.append(id);
  }
  if (started_) launchNext();
  return ids;
}

void RunQueue::addStoredRuns() {
  try {
    const store::ExperimentStore store(database_file_.toStdString());
    auto runs = store.runs();
    std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    for (const auto& run : runs) {
      const bool queued = run.status == store::RunStatus::Queued;
      if (run.kind != "tuning" || !(queued || run.status == store::RunStatus::Interrupted) || !run.experiment_id) continue;
      if (indexOf(run.id) >= 0) continue;
      QueueEntry entry{run.id, QString::fromStdString(run.name), queued ? QueueState::Queued : QueueState::Interrupted,
                       0, 0, 0.0, queued ? tr("queued in an earlier session") : QString::fromStdString(run.message)};
      const auto config = nlohmann::json::parse(run.config_json, nullptr, false);
      if (config.is_object()) entry.total_steps = config.value("steps", experiment::TuningSpec().steps);
      const auto losses = store.metrics(run.id, "train", "loss");
      if (!losses.empty()) {
        entry.step = losses.back().step;
        entry.loss = losses.back().value;
      }
      append(std::move(entry));
    }
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(tr("Could not list the runs of earlier sessions: %1").arg(QString::fromUtf8(e.what())));
  }
}

void RunQueue::append(QueueEntry entry) {
  entries_.append(std::move(entry));
  Q_EMIT entryAdded(static_cast<int>(entries_.size()) - 1);
}

int RunQueue::indexOf(qint64 run_id) const {
  const auto found = std::find_if(entries_.begin(), entries_.end(), [run_id](const QueueEntry& e) { return e.run_id == run_id; });
  return found == entries_.end() ? -1 : static_cast<int>(found - entries_.begin());
}

const QueueEntry* RunQueue::entry(qint64 run_id) const {
  const int row = indexOf(run_id);
  return row < 0 ? nullptr : &entries_[row];
}

void RunQueue::start() {
  started_ = true;
  launchNext();
}

void RunQueue::launchNext() {
  if (task_ != nullptr) return;
  const auto next = std::find_if(entries_.begin(), entries_.end(), [](const QueueEntry& e) { return e.state == QueueState::Queued; });
  if (next == entries_.end()) {
    started_ = false;  // nothing left: the next Start begins again
    return;
  }
  const int row = static_cast<int>(next - entries_.begin());
  task_ = new TuningRunTask(database_file_, next->run_id);
  connect(task_, &TuningRunTask::progressed, this, &RunQueue::onProgress);
  connect(task_, &TuningRunTask::finished, this, &RunQueue::onFinished);
  setState(row, QueueState::Running);
  Q_EMIT runStarted(next->run_id);
  pool_.start(task_);
}

void RunQueue::pause(qint64 run_id) {
  const int row = indexOf(run_id);
  if (row < 0) return;
  const auto state = entries_[row].state;
  if (state == QueueState::Running && task_ != nullptr && task_->runId() == run_id) {
    task_->pause();
    setState(row, QueueState::Paused);
  } else if (state == QueueState::Queued) {
    setState(row, QueueState::Paused);  // held back until resumed
  }
}

void RunQueue::resume(qint64 run_id) {
  const int row = indexOf(run_id);
  if (row < 0) return;
  const auto state = entries_[row].state;
  if (state == QueueState::Paused && task_ != nullptr && task_->runId() == run_id) {
    task_->resume();
    setState(row, QueueState::Running);
  } else if (state == QueueState::Paused) {
    setState(row, QueueState::Queued);
    if (started_) launchNext();
  } else if (state == QueueState::Interrupted || state == QueueState::Cancelled || state == QueueState::Failed) {
    setState(row, QueueState::Queued);
    start();
  }
}

bool RunQueue::isHeld(qint64 run_id) const {
  return task_ != nullptr && task_->runId() == run_id && task_->isHeld();
}

void RunQueue::cancel(qint64 run_id) {
  const int row = indexOf(run_id);
  if (row < 0) return;
  if (task_ != nullptr && task_->runId() == run_id) {
    task_->cancel();  // also wakes a paused run; finished() reports the outcome
    entries_[row].message = tr("cancelling after the current step…");
    Q_EMIT entryChanged(row);
    return;
  }
  const auto state = entries_[row].state;
  if (state != QueueState::Queued && state != QueueState::Paused) return;
  const auto reason = tr("cancelled before it started");
  try {
    store::ExperimentStore store(database_file_.toStdString());
    store.setRunStatus(run_id, store::RunStatus::Cancelled, reason.toStdString());
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(tr("Could not store run %1 as cancelled: %2").arg(run_id).arg(QString::fromUtf8(e.what())));
  }
  setState(row, QueueState::Cancelled, reason);
}

void RunQueue::onProgress(const ProgressUpdate& update) {
  const int row = indexOf(update.run_id);
  if (row < 0) return;
  auto& entry = entries_[row];
  entry.step = update.step;
  entry.total_steps = update.total_steps;
  entry.loss = update.loss;
  Q_EMIT entryChanged(row);
  Q_EMIT progressed(update);
}

void RunQueue::onFinished(const JobOutcome& outcome) {
  task_->deleteLater();
  task_ = nullptr;
  const int row = indexOf(outcome.run_id);
  if (row >= 0) {
    const auto state = outcome.status == QStringLiteral("finished")    ? QueueState::Finished
                       : outcome.status == QStringLiteral("cancelled") ? QueueState::Cancelled
                       : outcome.status == QStringLiteral("running")   ? QueueState::Elsewhere
                                                                       : QueueState::Failed;
    setState(row, state, outcome.message);
  }
  Q_EMIT runFinished(outcome);
  launchNext();
}

void RunQueue::setState(int row, QueueState state, const QString& message) {
  entries_[row].state = state;
  entries_[row].message = message;
  Q_EMIT entryChanged(row);
}

}  // namespace pwb::ui
