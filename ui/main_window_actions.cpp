// MainWindow's actions and menus: every main action has a shortcut, listed by Help →
// Keyboard shortcuts.

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolBar>

#include "main_window.h"
#include "metrics_view.h"
#include "presentation_mode.h"
#include "prompt_design_panel.h"
#include "tuning_tab.h"
#include "results_view.h"
#include "shortcuts_dialog.h"

namespace pwb::ui {
namespace {

const QString kPresentationKey = QStringLiteral("view/presentation");

}  // namespace

void MainWindow::createActions() {
  const auto make = [this](const QString& text, const QString& name, const QList<QKeySequence>& keys,
                           const QString& tip) {
    auto* action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcuts(keys);
    action->setToolTip(tip);
    addAction(action);  // shortcuts work with the menu bar hidden too
    return action;
  };
  import_action_ = make(tr("&Import dataset…"), QStringLiteral("importDatasetAction"), {QKeySequence(Qt::CTRL | Qt::Key_I)},
                        tr("Read a CSV, TSV or JSONL file, map its columns and check every row (Ctrl+I)"));
  connect(import_action_, &QAction::triggered, this, [this] { importDataset(); });
  open_model_action_ = make(tr("&Open model folder…"), QStringLiteral("openModelAction"), {QKeySequence(Qt::CTRL | Qt::Key_O)},
                            tr("A Hugging Face folder (choose its config.json) or a llama2.c .bin file (Ctrl+O)"));
  connect(open_model_action_, &QAction::triggered, this, &MainWindow::openModelWithDialog);
  download_model_action_ = make(tr("&Download model…"), QStringLiteral("downloadModelAction"),
                                {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)},
                                tr("Download a model from the Hugging Face Hub by its id, such as gpt2 (Ctrl+Shift+O)"));
  connect(download_model_action_, &QAction::triggered, this, &MainWindow::downloadModel);
  quit_action_ = make(tr("&Quit"), QStringLiteral("quitAction"), {QKeySequence(Qt::CTRL | Qt::Key_Q)}, tr("Close the window"));
  connect(quit_action_, &QAction::triggered, this, &QWidget::close);

  train_action_ = make(tr("&Train"), QStringLiteral("trainAction"), {QKeySequence(Qt::CTRL | Qt::Key_R)},
                       tr("Pretrain the small built-in decoder on the built-in corpus (Ctrl+R)"));
  connect(train_action_, &QAction::triggered, this, &MainWindow::startTraining);
  run_experiment_action_ = make(tr("Run &experiment…"), QStringLiteral("runExperimentAction"),
                                {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)},
                                tr("Run an experiment file, such as the method ladder, into this database (Ctrl+Shift+R)"));
  connect(run_experiment_action_, &QAction::triggered, this, &MainWindow::runExperimentWithDialog);
  cancel_action_ = make(tr("&Cancel"), QStringLiteral("cancelAction"), {QKeySequence(Qt::Key_Escape)},
                        tr("Stop after the current step; what was stored stays (Esc)"));
  connect(cancel_action_, &QAction::triggered, this, &MainWindow::cancelTraining);

  show_training_action_ = make(tr("Training &curves"), QStringLiteral("showTrainingAction"),
                               {QKeySequence(Qt::CTRL | Qt::Key_T)}, tr("Show the live loss and accuracy charts (Ctrl+T)"));
  connect(show_training_action_, &QAction::triggered, this, [this] { tabs_->setCurrentWidget(chart_); });
  show_results_action_ = make(tr("&Results"), QStringLiteral("showResultsAction"), {QKeySequence(Qt::CTRL | Qt::Key_E)},
                              tr("Show an experiment's Pareto and data-efficiency charts (Ctrl+E)"));
  connect(show_results_action_, &QAction::triggered, this, [this] { tabs_->setCurrentWidget(results_); });
  show_design_action_ = make(tr("Prompt &design"), QStringLiteral("showDesignAction"), {QKeySequence(Qt::CTRL | Qt::Key_D)},
                             tr("Write and evaluate prompt designs on a frozen model (Ctrl+D)"));
  connect(show_design_action_, &QAction::triggered, this, [this] { tabs_->setCurrentWidget(design_); });
  show_tuning_action_ = make(tr("T&uning"), QStringLiteral("showTuningAction"), {QKeySequence(Qt::CTRL | Qt::Key_U)},
                             tr("Choose a method, queue tuning runs and pause, resume or cancel them (Ctrl+U)"));
  connect(show_tuning_action_, &QAction::triggered, this, [this] { tabs_->setCurrentWidget(tuning_); });
  refresh_results_action_ = make(tr("Re&fresh results"), QStringLiteral("refreshResultsAction"),
                                 {QKeySequence(Qt::Key_F5)}, tr("Read the stored experiments again (F5)"));
  connect(refresh_results_action_, &QAction::triggered, results_, &ResultsView::refresh);
  presentation_action_ = make(tr("&Presentation mode"), QStringLiteral("presentationAction"),
                              {QKeySequence(Qt::Key_F11), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)},
                              tr("Large fonts for a projector (F11 or Ctrl+Shift+P)"));
  presentation_action_->setCheckable(true);
  connect(presentation_action_, &QAction::toggled, this, &MainWindow::setPresentationMode);

  shortcuts_action_ = make(tr("&Keyboard shortcuts"), QStringLiteral("shortcutsAction"),
                           {QKeySequence(Qt::Key_F1), QKeySequence(Qt::CTRL | Qt::Key_Slash)},
                           tr("Every shortcut of this window (F1)"));
  connect(shortcuts_action_, &QAction::triggered, this, &MainWindow::showShortcuts);

  auto* toolbar = addToolBar(tr("Run"));
  toolbar->setObjectName(QStringLiteral("RunToolBar"));
  toolbar->addAction(train_action_);
  toolbar->addAction(run_experiment_action_);
  toolbar->addAction(cancel_action_);
  toolbar->addSeparator();
  toolbar->addWidget(new QLabel(tr(" Steps: "), this));
  steps_ = new QSpinBox(this);
  steps_->setRange(10, 100000);
  steps_->setValue(300);
  steps_->setSingleStep(50);
  toolbar->addWidget(steps_);
}

void MainWindow::createMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  file->addActions({import_action_, open_model_action_, download_model_action_});
  file->addSeparator();
  file->addAction(quit_action_);
  auto* run = menuBar()->addMenu(tr("&Run"));
  run->addActions({train_action_, run_experiment_action_, cancel_action_});
  auto* view = menuBar()->addMenu(tr("&View"));
  view->addActions(
      {show_training_action_, show_results_action_, show_design_action_, show_tuning_action_, refresh_results_action_});
  view->addSeparator();
  view->addActions({runs_dock_->toggleViewAction(), log_dock_->toggleViewAction()});
  view->addSeparator();
  view->addAction(presentation_action_);
  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(shortcuts_action_);
}

QList<QAction*> MainWindow::mainActions() const {
  QList<QAction*> actions;
  for (auto* menu : menuBar()->actions()) {
    for (auto* action : menu->menu()->actions()) {
      if (!action->isSeparator()) actions << action;
    }
  }
  return actions;
}

void MainWindow::showShortcuts() {
  auto* dialog = new ShortcutsDialog(mainActions(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->open();
}

bool MainWindow::isPresentationMode() const { return presentation_action_->isChecked(); }

void MainWindow::setPresentationMode(bool on) {
  presentation_action_->setChecked(on);  // no-op (and no signal) when already so
  setPresentationFont(on);
  QSettings().setValue(kPresentationKey, on);
}

void MainWindow::restoreSettings() {
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  tabs_->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
  if (const auto id = settings.value(QStringLiteral("results/experiment")); id.isValid()) {
    results_->selectExperiment(id.toLongLong());
  }
  setPresentationMode(settings.value(kPresentationKey, false).toBool());
}

}  // namespace pwb::ui
