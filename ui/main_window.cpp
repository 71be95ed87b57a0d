#include "main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFutureWatcher>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QThreadPool>
#include <QTime>
#include <QtConcurrent/QtConcurrentRun>

#include "metrics_view.h"
#include "experiment_task.h"
#include "pretraining_task.h"
#include "dataset_chooser.h"
#include "prompt_design_panel.h"
#include "results_view.h"
#include "run_browser.h"
#include "run_queue.h"
#include "store/experiment_store.h"
#include "system/runtime_info.h"
#include "tuning_data_form.h"
#include "tuning_panel.h"
#include "tuning_tab.h"

namespace pwb::ui {
namespace {

constexpr std::size_t kRecentRunsShown = 4;

QString runLabel(qint64 run_id, const QString& name) {
  return name.isEmpty() ? MainWindow::tr("run %1").arg(run_id) : MainWindow::tr("run %1 · %2").arg(run_id).arg(name);
}

QString formatDuration(double seconds) {
  const auto total = static_cast<int>(seconds + 0.5);
  return total >= 3600 ? QStringLiteral("%1 h %2 min").arg(total / 3600).arg((total % 3600) / 60)
         : total >= 60 ? QStringLiteral("%1 min %2 s").arg(total / 60).arg(total % 60)
                       : QStringLiteral("%1 s").arg(total);
}

}  // namespace

MainWindow::MainWindow(WorkbenchPaths paths, QWidget* parent)
    : QMainWindow(parent),
      paths_(std::move(paths)),
      chart_(new MetricsView(this)),
      results_(new ResultsView(this)),
      design_(new PromptDesignPanel(paths_.database_file, this)),
      tabs_(new QTabWidget(this)),
      tuning_(new TuningTab(paths_.database_file, methodLadderFile(), this)) {
  qRegisterMetaType<ProgressUpdate>();
  qRegisterMetaType<JobOutcome>();
  setWindowTitle(tr("Prompt Workbench"));
  setObjectName(QStringLiteral("MainWindow"));
  setAcceptDrops(true);
  tabs_->setObjectName(QStringLiteral("MainTabs"));
  tabs_->addTab(chart_, tr("Training curves"));
  tabs_->addTab(results_, tr("Results"));
  tabs_->addTab(design_, tr("Prompt design"));
  tabs_->addTab(tuning_, tr("Tuning"));
  connect(tuning_, &TuningTab::message, this, &MainWindow::log);
  connect(tuning_->queue(), &RunQueue::progressed, this, &MainWindow::onTuningProgress);
  connect(tuning_->queue(), &RunQueue::runFinished, this, [this] { runs_->refresh(); results_->refresh(); });
  connect(this, &MainWindow::modelOpened, tuning_->panel(), [this](const InspectedModel& m) {
    if (m.error.isEmpty()) tuning_->panel()->addModel(m.path);
  });
  connect(tuning_->panel()->dataForm(), &TuningDataForm::designPromptRequested, this, [this] {
    tuning_->panel()->dataForm()->usePrompt(design_->currentTemplate(), design_->labelWords(),
                                            design_->datasetChooser()->spec());
  });
  setCentralWidget(tabs_);
  results_->setDatabase(paths_.database_file);
  connect(results_, &ResultsView::errorOccurred, this, &MainWindow::log);
  connect(results_, &ResultsView::experimentSelected, this, [](std::int64_t id) {
    QSettings().setValue(QStringLiteral("results/experiment"), QVariant::fromValue<qint64>(id));
  });
  connect(&inspection_, &ModelInspection::finished, this, &MainWindow::onModelInspected);
  createActions();
  createDocks();
  createMenus();
  connect(design_, &PromptDesignPanel::message, this, &MainWindow::log);
  connect(design_, &PromptDesignPanel::evaluationFinished, this, [this] {
    runs_->refresh();
    results_->refresh();
  });
  status_label_ = new QLabel(tr("Ready"), this);
  progress_bar_ = new QProgressBar(this);
  progress_bar_->setMaximumWidth(240);
  progress_bar_->setVisible(false);
  statusBar()->addWidget(status_label_, 1);
  statusBar()->addPermanentWidget(progress_bar_);
  resize(1100, 700);
  restoreSettings();
  updateActions();
  reportRuntime();
  showRecentRuns();
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks() {
  log_dock_ = new QDockWidget(tr("Log"), this);
  log_dock_->setObjectName(QStringLiteral("LogDock"));
  log_ = new QPlainTextEdit(log_dock_);
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(5000);
  log_dock_->setWidget(log_);
  addDockWidget(Qt::BottomDockWidgetArea, log_dock_);

  runs_dock_ = new QDockWidget(tr("Runs"), this);
  runs_dock_->setObjectName(QStringLiteral("RunsDock"));
  runs_ = new RunBrowser(runs_dock_);
  runs_->setDatabase(paths_.database_file);
  connect(runs_, &RunBrowser::errorOccurred, this, &MainWindow::log);
  runs_dock_->setWidget(runs_);
  addDockWidget(Qt::RightDockWidgetArea, runs_dock_);
  for (auto* dock : {log_dock_, runs_dock_}) {
    // A dock paints its title in the title font it read when it was made, unless its own font
    // differs from the application's: a font of its own (any request that does not change how
    // text looks) makes the title follow the application font, as presentation mode needs.
    QFont own;
    own.setStyleStrategy(QFont::PreferQuality);
    dock->setFont(own);
  }

  // Named so that tests find them; in the View menu, so the shortcuts dialog lists them.
  auto* toggle_runs = runs_dock_->toggleViewAction();
  toggle_runs->setObjectName(QStringLiteral("toggleRunsAction"));
  toggle_runs->setText(tr("R&uns panel"));
  toggle_runs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
  addAction(toggle_runs);
  auto* toggle_log = log_dock_->toggleViewAction();
  toggle_log->setObjectName(QStringLiteral("toggleLogAction"));
  toggle_log->setText(tr("&Log panel"));
  toggle_log->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
  addAction(toggle_log);
}

void MainWindow::reportRuntime() {
  // Measuring the matmul rate takes a fraction of a second: off the GUI thread.
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
    log(watcher->result().trimmed());
    watcher->deleteLater();
  });
  watcher->setFuture(QtConcurrent::run([] {
    const auto info = system::probeRuntime();
    return QStringLiteral("Qt %1\n").arg(QString::fromLatin1(qVersion())) +
           QString::fromStdString(system::formatRuntimeReport(info, system::measureMatmulGflops()));
  }));
}

void MainWindow::showRecentRuns() {
  try {
    const store::ExperimentStore store(paths_.database_file.toStdString());
    const auto runs = store.runs();
    const auto first = runs.size() > kRecentRunsShown ? runs.end() - kRecentRunsShown : runs.begin();
    for (auto run = first; run != runs.end(); ++run) {
      chart_->appendPoints(run->id, runLabel(run->id, QString::fromStdString(run->name)), store.metrics(run->id));
    }
  } catch (const std::exception& error) {
    log(tr("Could not show the stored runs: %1").arg(QString::fromStdString(error.what())));
  }
}

void MainWindow::setSteps(int steps) { steps_->setValue(steps); }

void MainWindow::startTraining() {
  if (isTraining()) return;
  train::PretrainingOptions options;
  options.corpus = paths_.corpus_file.toStdString();
  options.cache_dir = paths_.cache_dir.toStdString();
  options.steps = steps_->value();
  options.run_name = QStringLiteral("skeleton %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))).toStdString();
  task_label_ = QString::fromStdString(options.run_name);
  task_ = new PretrainingTask(options, paths_.database_file);
  connect(task_, &PretrainingTask::progressed, this, &MainWindow::onProgress);
  connect(task_, &PretrainingTask::message, this, &MainWindow::log);
  connect(task_, &PretrainingTask::finished, this, &MainWindow::onFinished);
  status_label_->setText(tr("Pretraining the built-in decoder…"));
  progress_bar_->setRange(0, static_cast<int>(options.steps));
  progress_bar_->setValue(0);
  progress_bar_->setVisible(true);
  log(tr("Started: %1 steps on %2").arg(options.steps).arg(paths_.corpus_file));
  QThreadPool::globalInstance()->start(task_);
  updateActions();
}

void MainWindow::cancelTraining() {
  if (!isTraining()) return;
  if (task_ != nullptr) task_->cancel();
  if (experiment_task_ != nullptr) experiment_task_->cancel();
  status_label_->setText(tr("Cancelling after the current step…"));
}

void MainWindow::onProgress(const ProgressUpdate& update) {
  chart_->appendPoints(update.run_id, runLabel(update.run_id, task_label_), update.points);
  progress_bar_->setValue(static_cast<int>(update.step));
  status_label_->setText(tr("Run %1: step %2 of %3, loss %4, %5 tokens/s, %6 left")
                             .arg(update.run_id)
                             .arg(update.step)
                             .arg(update.total_steps)
                             .arg(update.loss, 0, 'f', 3)
                             .arg(update.tokens_per_second, 0, 'f', 0)
                             .arg(formatDuration(update.remaining_seconds)));
}

void MainWindow::onTuningProgress(const ProgressUpdate& update) {
  chart_->appendPoints(update.run_id, runLabel(update.run_id, update.run_name), update.points);
  status_label_->setText(tr("Tuning %1: step %2 of %3, loss %4, %5 left")
                             .arg(runLabel(update.run_id, update.run_name))
                             .arg(update.step)
                             .arg(update.total_steps)
                             .arg(update.loss, 0, 'f', 3)
                             .arg(formatDuration(update.remaining_seconds)));
}

void MainWindow::onFinished(const JobOutcome& outcome) {
  task_->deleteLater();
  task_ = nullptr;
  progress_bar_->setVisible(false);
  const auto summary = tr("Run %1 %2.").arg(outcome.run_id).arg(outcome.status);
  status_label_->setText(outcome.message.isEmpty() ? summary : summary + QLatin1Char(' ') + outcome.message);
  log(summary);
  runs_->refresh();
  results_->refresh();
  updateActions();
  Q_EMIT trainingFinished(outcome);
}

void MainWindow::log(const QString& text) {
  log_->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + text);
}

void MainWindow::updateActions() {
  train_action_->setEnabled(!isTraining());
  run_experiment_action_->setEnabled(!isTraining());
  cancel_action_->setEnabled(isTraining());
  steps_->setEnabled(!isTraining());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (task_ != nullptr) {
    // Stop cooperatively and wait for the step in flight; the run is stored as cancelled.
    disconnect(task_, nullptr, this, nullptr);
    task_->cancel();
    QThreadPool::globalInstance()->waitForDone();
    delete task_;
    task_ = nullptr;
  }
  if (experiment_task_ != nullptr) {
    disconnect(experiment_task_, nullptr, this, nullptr);
    experiment_task_->cancel();
    QThreadPool::globalInstance()->waitForDone();
    delete experiment_task_;
    experiment_task_ = nullptr;
  }
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  settings.setValue(QStringLiteral("window/tab"), tabs_->currentIndex());
  event->accept();
}

}  // namespace pwb::ui
