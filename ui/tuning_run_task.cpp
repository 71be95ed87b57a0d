#include "tuning_run_task.h"

#include "experiment/standard_runner.h"
#include "experiment/stored_spec.h"
#include "store/experiment_store.h"

namespace pwb::ui {

TuningRunTask::TuningRunTask(QString database_file, qint64 run_id)
    : database_file_(std::move(database_file)), run_id_(run_id) {
  setAutoDelete(false);  // the queue deletes it after finished()
}

void TuningRunTask::run() {
  JobOutcome outcome{run_id_, QStringLiteral("failed"), {}};
  try {
    store::ExperimentStore store(database_file_.toStdString());
    try {
      const auto spec = experiment::storedSpecOfRun(store, run_id_);
      auto runner = experiment::standardRunner(store);
      runner.resume(spec, run_id_, [this, &outcome](const experiment::RunnerEvent& e) {
        if (e.kind == experiment::RunnerEvent::Kind::RunFinished) {
          outcome.status = QString::fromStdString(store::toString(e.status));
          outcome.message = QString::fromStdString(e.text);
        } else if (e.kind == experiment::RunnerEvent::Kind::RunProgress && e.training.step > 0) {
          const auto& t = e.training;
          Q_EMIT progressed({run_id_, t.step, t.total_steps, t.loss, t.learning_rate, t.tokens_per_second,
                             t.elapsed_seconds, t.remaining_seconds, t.points, QString::fromStdString(e.name)});
        }
      }, cancel_, &pause_);
    } catch (const experiment::RunUnavailable& e) {
      // Finished or running elsewhere (another window on this database): theirs, left untouched.
      const auto record = store.run(run_id_);
      outcome.status = QString::fromStdString(store::toString(record ? record->status : store::RunStatus::Running));
      outcome.message = QString::fromUtf8(e.what());
    } catch (const std::exception& e) {
      // Failed before the run started (its data, its spec): the store says so too.
      outcome.message = QString::fromUtf8(e.what());
      store.setRunStatus(run_id_, store::RunStatus::Failed, e.what());
      store.logEvent(run_id_, store::LogLevel::Error, e.what());
    }
  } catch (const std::exception& e) {
    outcome.message = tr("The run could not start: %1").arg(QString::fromUtf8(e.what()));
  }
  Q_EMIT finished(outcome);
}

}  // namespace pwb::ui
