#include "pretraining_task.h"

#include <exception>

#include "store/experiment_store.h"

namespace pwb::ui {
namespace {

// Turns core's observer calls into queued signals carrying plain values.
class SignalObserver final : public train::TrainingObserver {
 public:
  explicit SignalObserver(PretrainingTask& task) : task_(task) {}

  void onMessage(const std::string& text) override { Q_EMIT task_.message(QString::fromStdString(text)); }

  void onProgress(const train::TrainingProgress& progress) override {
    ProgressUpdate update;
    update.run_id = progress.run_id;
    update.step = progress.step;
    update.total_steps = progress.total_steps;
    update.loss = progress.loss;
    update.learning_rate = progress.learning_rate;
    update.tokens_per_second = progress.tokens_per_second;
    update.elapsed_seconds = progress.elapsed_seconds;
    update.remaining_seconds = progress.remaining_seconds;
    for (const auto& point : progress.points) {
      if (point.split != "train" || point.name != "loss") continue;  // the chart shows the loss curve
      update.steps.push_back(static_cast<double>(point.step));
      update.losses.push_back(point.value);
    }
    Q_EMIT task_.progressed(update);
  }

 private:
  PretrainingTask& task_;
};

}  // namespace

PretrainingTask::PretrainingTask(train::PretrainingOptions options, QString database_file)
    : options_(std::move(options)), database_file_(std::move(database_file)) {
  setAutoDelete(false);  // the window owns the task and deletes it after finished()
}

void PretrainingTask::run() {
  JobOutcome outcome;
  try {
    store::ExperimentStore store(database_file_.toStdString());
    SignalObserver observer(*this);
    const auto result = train::runPretraining(options_, store, observer, cancel_);
    outcome.run_id = result.run_id;
    outcome.status = QString::fromStdString(result.status);
    outcome.message = QString::fromStdString(result.message);
  } catch (const std::exception& error) {
    outcome.status = QStringLiteral("failed");
    outcome.message = QString::fromStdString(error.what());
  }
  Q_EMIT finished(outcome);
}

}  // namespace pwb::ui
