#pragma once
// The workbench window. For now: the walking skeleton's pretraining job with live loss and
// accuracy charts (the most recent stored runs shown beside the live one), a log, and a status bar that says what runs and how long it has left.

#include <QMainWindow>
#include <QPointer>

#include "progress_update.h"
#include "train/pretraining.h"

class QAction;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QSpinBox;

namespace pwb::ui {

class MetricsView;
class PretrainingTask;
class RunBrowser;

struct WorkbenchPaths {
  QString database_file;
  QString corpus_file;
  QString cache_dir;
};

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(WorkbenchPaths paths, QWidget* parent = nullptr);
  ~MainWindow() override;

  MetricsView* chart() const { return chart_; }
  RunBrowser* runBrowser() const { return runs_; }
  bool isTraining() const { return task_ != nullptr; }
  void setSteps(int steps);

 public Q_SLOTS:
  void startTraining();
  void cancelTraining();

 Q_SIGNALS:
  void trainingFinished(const pwb::ui::JobOutcome& outcome);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createActions();
  void createDocks();
  void reportRuntime();
  void showRecentRuns();
  void onProgress(const ProgressUpdate& update);
  void onFinished(const JobOutcome& outcome);
  void log(const QString& text);
  void updateActions();

  WorkbenchPaths paths_;
  MetricsView* chart_;
  QPlainTextEdit* log_ = nullptr;
  RunBrowser* runs_ = nullptr;
  QSpinBox* steps_ = nullptr;
  QAction* train_action_ = nullptr;
  QAction* cancel_action_ = nullptr;
  QLabel* status_label_ = nullptr;
  QProgressBar* progress_bar_ = nullptr;
  PretrainingTask* task_ = nullptr;
  QString task_label_;
};

}  // namespace pwb::ui
