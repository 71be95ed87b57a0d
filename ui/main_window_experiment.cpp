// The main window running experiment files: the Run menu's "Run experiment…".

#include <QFileDialog>
#include <QLabel>
#include <QProgressBar>
#include <QTabWidget>
#include <QThreadPool>

#include "experiment_task.h"
#include "main_window.h"
#include "results_view.h"
#include "run_browser.h"

namespace pwb::ui {

void MainWindow::runExperimentWithDialog() {
  const auto file = QFileDialog::getOpenFileName(this, tr("Run experiment"), methodLadderFile(),
                                                 tr("Experiment files (*.json)"));
  if (!file.isEmpty()) runExperiment(file);
}

void MainWindow::runExperiment(const QString& file) {
  if (isTraining()) return;
  qRegisterMetaType<ExperimentOutcomeText>();
  experiment_task_ = new ExperimentTask(file, paths_.database_file);
  connect(experiment_task_, &ExperimentTask::message, this, &MainWindow::log);
  connect(experiment_task_, &ExperimentTask::progressed, this,
          [this](int index, int count, const QString& run, double fraction, const QString& text) {
            progress_bar_->setRange(0, 1000 * count);
            progress_bar_->setValue(static_cast<int>(1000 * (index + fraction)));
            status_label_->setText(tr("Experiment: run %1 of %2, %3 — %4").arg(index + 1).arg(count).arg(run, text));
          });
  connect(experiment_task_, &ExperimentTask::trained, this, &MainWindow::onTuningProgress);
  connect(experiment_task_, &ExperimentTask::finished, this, &MainWindow::onExperimentFinished);
  progress_bar_->setValue(0);
  progress_bar_->setVisible(true);
  status_label_->setText(tr("Starting the experiment…"));
  log(tr("Experiment %1 started").arg(file));
  QThreadPool::globalInstance()->start(experiment_task_);
  updateActions();
}

void MainWindow::onExperimentFinished(const ExperimentOutcomeText& outcome) {
  experiment_task_->deleteLater();
  experiment_task_ = nullptr;
  progress_bar_->setVisible(false);
  status_label_->setText(outcome.summary);
  log(outcome.summary);
  runs_->refresh();
  results_->refresh();
  if (outcome.experiment_id > 0 && results_->selectExperiment(outcome.experiment_id)) {
    tabs_->setCurrentWidget(results_);
  }
  updateActions();
  Q_EMIT experimentFinished(outcome);
}

}  // namespace pwb::ui
