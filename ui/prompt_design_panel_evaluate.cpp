// "Evaluate": the checked templates × k × seeds run as an experiment of design runs on the
// panel's own one-thread pool, never on the GUI thread; Cancel stops it between examples.

#include <QComboBox>
#include <QLabel>
#include <QProgressBar>

#include "design_results_view.h"
#include "prompt_design_panel.h"

namespace pwb::ui {

void PromptDesignPanel::evaluate() {
  if (task_ != nullptr || !data_) return;
  refresh();  // the controls as they are now, not as the last debounced check saw them
  if (!errors_.isEmpty()) return;
  experiment::ExperimentSpec spec;
  try {
    const auto checked = study(true);
    if (checked.templates.empty()) throw std::invalid_argument(tr("check at least one template").toStdString());
    spec = experiment::experimentOf(checked);
  } catch (const std::exception& e) {
    status_->setText(tr("Nothing to evaluate: %1").arg(QString::fromUtf8(e.what())));
    return;
  }
  evaluated_data_ = data_;
  task_ = new DesignTask(spec, database_file_);
  connect(task_, &DesignTask::progressed, this, &PromptDesignPanel::onProgress);
  connect(task_, &DesignTask::finished, this, &PromptDesignPanel::onFinished);
  results_->clear();
  progress_->setValue(0);
  status_->setText(tr("Loading %1…").arg(model_->currentText()));
  Q_EMIT message(tr("Prompt design: %1 started").arg(QString::fromStdString(spec.name)));
  pool_.start(task_);
  updateActions();
}

void PromptDesignPanel::cancel() {
  if (task_ == nullptr) return;
  task_->cancel();
  status_->setText(tr("Cancelling after the current example…"));
}

void PromptDesignPanel::onProgress(double fraction, const QString& text) {
  progress_->setValue(static_cast<int>(fraction * progress_->maximum()));
  status_->setText(text);
  Q_EMIT progressed(fraction, text);
}

void PromptDesignPanel::onFinished(const DesignOutcome& outcome) {
  task_->deleteLater();
  task_ = nullptr;
  status_->setText(outcome.summary);
  if (outcome.experiment_id != 0) results_->showOutcome(outcome, evaluated_data_);
  Q_EMIT message(tr("Prompt design: %1").arg(outcome.summary));
  updateActions();
  Q_EMIT evaluationFinished(outcome);
}

}  // namespace pwb::ui
