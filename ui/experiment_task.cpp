#include "experiment_task.h"

#include "experiment/experiment_spec.h"
#include "experiment/standard_runner.h"
#include "store/experiment_store.h"
#include "system/data_paths.h"

namespace pwb::ui {

QString methodLadderFile() {
  const auto file = system::resourceDir().parent_path() / "experiments" / "method-ladder.json";
  return QString::fromStdString(file.string());
}

ExperimentTask::ExperimentTask(QString experiment_file, QString database_file)
    : experiment_file_(std::move(experiment_file)), database_file_(std::move(database_file)) {
  setAutoDelete(false);  // the window deletes it after finished()
}

void ExperimentTask::run() {
  ExperimentOutcomeText outcome;
  try {
    const auto spec = experiment::readExperimentFile(experiment_file_.toStdString());
    store::ExperimentStore store(database_file_.toStdString());
    auto runner = experiment::standardRunner(store);
    const auto result = runner.run(spec, experiment_file_.toStdString(), [this](const experiment::RunnerEvent& e) {
      const auto name = QString::fromStdString(e.name);
      const int index = static_cast<int>(e.index), count = static_cast<int>(e.count);
      if (e.kind == experiment::RunnerEvent::Kind::RunFinished) {
        Q_EMIT message(tr("[%1/%2] %3: %4%5")
                           .arg(index + 1)
                           .arg(count)
                           .arg(name, QString::fromStdString(store::toString(e.status)),
                                e.text.empty() ? QString() : QStringLiteral(" — ") + QString::fromStdString(e.text)));
      } else {
        Q_EMIT progressed(index, count, name, e.fraction, QString::fromStdString(e.text));
        const auto& t = e.training;
        if (t.step > 0) {
          Q_EMIT trained({e.run_id, t.step, t.total_steps, t.loss, t.learning_rate, t.tokens_per_second,
                          t.elapsed_seconds, t.remaining_seconds, t.points, name});
        }
      }
    }, cancel_);
    outcome.experiment_id = result.experiment_id;
    outcome.ok = result.failed == 0 && result.cancelled == 0;
    outcome.summary = tr("%1 finished, %2 failed, %3 cancelled").arg(result.finished).arg(result.failed).arg(result.cancelled);
  } catch (const std::exception& e) {
    outcome.summary = tr("The experiment could not run: %1").arg(QString::fromUtf8(e.what()));
  }
  Q_EMIT finished(outcome);
}

}  // namespace pwb::ui
