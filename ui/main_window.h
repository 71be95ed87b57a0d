#pragma once
// The workbench window: the walking skeleton's pretraining job with live loss and accuracy
// charts, the stored experiments' results (Pareto and data-efficiency charts), the run
// browser, a log, and a status bar that says what runs. Datasets and models come in through
// the File menu or by dropping them on the window; presentation mode scales every font.

#include <QMainWindow>
#include <QPointer>
#include <optional>

#include "data/dataset.h"
#include "model_inspection.h"
#include "progress_update.h"
#include "train/pretraining.h"

class QAction;
class QDockWidget;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QSpinBox;
class QTabWidget;

namespace pwb::ui {

class DatasetImportDialog;
class DownloadModelDialog;
class MetricsView;
class PromptDesignPanel;
class PretrainingTask;
class ExperimentTask;
struct ExperimentOutcomeText;
class ResultsView;
class RunBrowser;
class TuningTab;

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
  ResultsView* results() const { return results_; }
  PromptDesignPanel* designPanel() const { return design_; }
  QTabWidget* tabs() const { return tabs_; }
  TuningTab* tuning() const { return tuning_; }
  bool isTraining() const { return task_ != nullptr || experiment_task_ != nullptr; }
  void setSteps(int steps);
  bool isPresentationMode() const;
  // The last dataset accepted in the import dialog, for the panels that will use it.
  const std::optional<data::Dataset>& importedDataset() const { return dataset_; }
  const std::optional<InspectedModel>& openedModel() const { return model_; }
  // Every action of the menus, in menu order (what the shortcuts dialog lists).
  QList<QAction*> mainActions() const;

 public Q_SLOTS:
  void startTraining();
  void cancelTraining();
  // The import dialog for file (empty: the dialog's own Browse…), not blocking the window.
  DatasetImportDialog* importDataset(const QString& file = {});
  void openModelWithDialog();
  // "Download model…" from the Hugging Face Hub; the downloaded folder is then opened as a model.
  DownloadModelDialog* downloadModel();
  // Inspects a Hugging Face folder or llama2.c file on a worker thread.
  void openModel(const QString& path);
  // A dataset file or a model, as when dropped on the window.
  void openPath(const QString& path);
  void setPresentationMode(bool on);
  void showShortcuts();
  // Runs an experiment file into this window's database on a worker thread; when it ends, the
  // Results tab shows it.
  void runExperiment(const QString& file);
  void runExperimentWithDialog();

 Q_SIGNALS:
  void trainingFinished(const pwb::ui::JobOutcome& outcome);
  void experimentFinished(const pwb::ui::ExperimentOutcomeText& outcome);
  void modelOpened(const pwb::ui::InspectedModel& model);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void createActions();
  void createDocks();
  void createMenus();
  void restoreSettings();
  void reportRuntime();
  void showRecentRuns();
  void onProgress(const ProgressUpdate& update);
  void onFinished(const JobOutcome& outcome);
  // A tuning run's points (from the run queue or an experiment) into the live charts.
  void onTuningProgress(const ProgressUpdate& update);
  void onModelInspected(const InspectedModel& model);
  void onExperimentFinished(const ExperimentOutcomeText& outcome);
  void log(const QString& text);
  void updateActions();

  WorkbenchPaths paths_;
  MetricsView* chart_;
  ResultsView* results_;
  PromptDesignPanel* design_;
  QTabWidget* tabs_;
  TuningTab* tuning_;
  QPlainTextEdit* log_ = nullptr;
  RunBrowser* runs_ = nullptr;
  QDockWidget* runs_dock_ = nullptr;
  QDockWidget* log_dock_ = nullptr;
  QSpinBox* steps_ = nullptr;
  QAction* import_action_ = nullptr;
  QAction* open_model_action_ = nullptr;
  QAction* download_model_action_ = nullptr;
  QAction* quit_action_ = nullptr;
  QAction* train_action_ = nullptr;
  QAction* run_experiment_action_ = nullptr;
  QAction* cancel_action_ = nullptr;
  QAction* show_training_action_ = nullptr;
  QAction* show_results_action_ = nullptr;
  QAction* show_design_action_ = nullptr;
  QAction* show_tuning_action_ = nullptr;
  QAction* refresh_results_action_ = nullptr;
  QAction* presentation_action_ = nullptr;
  QAction* shortcuts_action_ = nullptr;
  QLabel* status_label_ = nullptr;
  QProgressBar* progress_bar_ = nullptr;
  PretrainingTask* task_ = nullptr;
  ExperimentTask* experiment_task_ = nullptr;
  QString task_label_;
  ModelInspection inspection_;
  std::optional<data::Dataset> dataset_;
  std::optional<InspectedModel> model_;
};

}  // namespace pwb::ui
