#include "design_task.h"

#include <QElapsedTimer>

#include "experiment/design_study.h"
#include "experiment/standard_runner.h"
#include "store/experiment_store.h"

namespace pwb::ui {
namespace {

constexpr qint64 kProgressIntervalMs = 150;

// The interval stored as name, name_lower and name_upper at the end of the run.
std::optional<eval::ConfidenceInterval> storedInterval(const store::ExperimentStore& store, std::int64_t run,
                                                       const std::string& name) {
  const auto value = store.metrics(run, "test", name);
  const auto lower = store.metrics(run, "test", name + "_lower");
  const auto upper = store.metrics(run, "test", name + "_upper");
  if (value.empty() || lower.empty() || upper.empty()) return std::nullopt;
  return eval::ConfidenceInterval{value.back().value, lower.back().value, upper.back().value};
}

DesignCellResult cellResult(const store::ExperimentStore& store, std::int64_t run_id,
                            const experiment::StudyCell& cell) {
  DesignCellResult result;
  result.run_id = run_id;
  result.template_name = QString::fromStdString(cell.template_name);
  result.shots = cell.shots;
  result.seed = cell.seed;
  if (const auto record = store.run(run_id)) result.status = QString::fromStdString(store::toString(record->status));
  result.examples = static_cast<qint64>(store.predictions(run_id, "test").size());
  result.accuracy = storedInterval(store, run_id, "accuracy");
  result.macro_f1 = storedInterval(store, run_id, "macro_f1");
  return result;
}

}  // namespace

DesignTask::DesignTask(experiment::ExperimentSpec experiment, QString database_file)
    : experiment_(std::move(experiment)), database_file_(std::move(database_file)) {
  setAutoDelete(false);  // the panel deletes it after finished()
}

void DesignTask::run() {
  DesignOutcome outcome;
  try {
    store::ExperimentStore store(database_file_.toStdString());
    auto runner = experiment::standardRunner(store);
    QElapsedTimer since_signal;
    since_signal.start();
    const auto result = runner.run(experiment_, {}, [&](const experiment::RunnerEvent& e) {
      if (e.kind == experiment::RunnerEvent::Kind::RunFinished) return;
      if (e.kind == experiment::RunnerEvent::Kind::RunProgress && since_signal.elapsed() < kProgressIntervalMs) return;
      since_signal.restart();
      const double fraction = (static_cast<double>(e.index) + e.fraction) / static_cast<double>(e.count);
      Q_EMIT progressed(fraction, tr("Run %1 of %2, %3%4")
                                      .arg(e.index + 1)
                                      .arg(e.count)
                                      .arg(QString::fromStdString(e.name),
                                           e.text.empty() ? QString() : QStringLiteral(": ") + QString::fromStdString(e.text)));
    }, cancel_);
    const auto cells = experiment::studyCells(experiment_);
    for (std::size_t i = 0; i < result.run_ids.size() && i < cells.size(); ++i) {
      outcome.cells.push_back(cellResult(store, result.run_ids[i], cells[i]));
    }
    outcome.experiment_id = result.experiment_id;
    if (!experiment_.runs.empty()) {
      for (const auto& [label, words] : experiment_.runs.front().prompt.verbalizer) {
        outcome.label_words.insert(QString::fromStdString(label), QString::fromStdString(words.front()));
      }
    }
    outcome.cancelled = result.cancelled > 0;
    outcome.ok = result.failed == 0 && result.cancelled == 0;
    outcome.summary = tr("%1 finished, %2 failed, %3 cancelled").arg(result.finished).arg(result.failed).arg(result.cancelled);
    if (result.failed > 0) {
      // The first failure's message says what to fix (stored in the run as well).
      for (const auto id : result.run_ids) {
        const auto record = store.run(id);
        if (record && record->status == store::RunStatus::Failed) {
          outcome.summary += QStringLiteral(": ") + QString::fromStdString(record->message);
          break;
        }
      }
    }
  } catch (const std::exception& e) {
    outcome.summary = tr("The evaluation could not start: %1").arg(QString::fromUtf8(e.what()));
  }
  Q_EMIT finished(outcome);
}

}  // namespace pwb::ui
