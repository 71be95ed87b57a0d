// What comes into MainWindow from outside: datasets through the import dialog, models through
// "Open model folder…" or "Download model…" (from the Hugging Face Hub), and either dropped on
// the window.

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMimeData>

#include "dataset_import_dialog.h"
#include "download_model_dialog.h"
#include "dropped_path.h"
#include "main_window.h"
#include "dataset_chooser.h"
#include "prompt_design_panel.h"
#include "tuning_data_form.h"
#include "tuning_panel.h"
#include "tuning_tab.h"

namespace pwb::ui {
namespace {

// The local paths of a drag that the window can open: datasets and models only.
QStringList openablePaths(const QMimeData* mime) {
  QStringList paths;
  if (mime == nullptr || !mime->hasUrls()) return paths;
  for (const auto& url : mime->urls()) {
    if (url.isLocalFile() && classifyDroppedPath(url.toLocalFile()).kind != DroppedKind::Unsupported) {
      paths << url.toLocalFile();
    }
  }
  return paths;
}

QString joinedLabels(const data::Dataset& dataset) {
  QStringList labels;
  for (const auto& label : dataset.labels) labels << QString::fromStdString(label);
  return labels.join(QStringLiteral(", "));
}

}  // namespace

DatasetImportDialog* MainWindow::importDataset(const QString& file) {
  auto* dialog = new DatasetImportDialog(this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  if (!file.isEmpty()) dialog->setFile(file);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    dataset_ = dialog->dataset();
    if (!dataset_) return;
    design_->addDatasetFile(dialog->file(), dialog->options());
    tuning_->panel()->dataForm()->datasetChooser()->addDatasetFile(dialog->file(), dialog->options());
    const auto summary = tr("Dataset %1: %2 examples, labels %3")
                             .arg(QString::fromStdString(dataset_->name))
                             .arg(dataset_->examples.size())
                             .arg(joinedLabels(*dataset_));
    log(summary);
    status_label_->setText(summary);
  });
  dialog->open();  // window-modal, without a nested event loop
  return dialog;
}

void MainWindow::openModelWithDialog() {
  const auto file = QFileDialog::getOpenFileName(
      this, tr("Open model"), QString(),
      tr("Models (config.json *.bin);;Hugging Face folder (config.json);;llama2.c checkpoint (*.bin)"));
  if (!file.isEmpty()) openPath(file);
}

DownloadModelDialog* MainWindow::downloadModel() {
  auto* dialog = new DownloadModelDialog(HubSettings::fromEnvironment(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &DownloadModelDialog::downloadFinished, this,
          [this](const HubDownloadOutcome& outcome) { log(outcome.message); });
  connect(dialog, &DownloadModelDialog::modelDownloaded, this, &MainWindow::openModel);
  dialog->open();
  return dialog;
}

void MainWindow::openModel(const QString& path) {
  if (inspection_.isRunning()) {
    log(tr("Still reading the previous model; %1 was not opened.").arg(path));
    return;
  }
  status_label_->setText(tr("Reading the model %1…").arg(path));
  log(tr("Opening the model %1").arg(path));
  inspection_.start(path);
}

void MainWindow::onModelInspected(const InspectedModel& model) {
  if (!model.error.isEmpty()) {
    log(model.error);
    status_label_->setText(model.error);
  } else {
    model_ = model;
    design_->addModel(model.path);
    log(tr("Model %1").arg(model.description));
    status_label_->setText(tr("Model: %1, %2 parameters").arg(model.family).arg(model.parameters));
  }
  Q_EMIT modelOpened(model);
}

void MainWindow::openPath(const QString& path) {
  const auto dropped = classifyDroppedPath(path);
  switch (dropped.kind) {
    case DroppedKind::Dataset:
      importDataset(dropped.path);
      break;
    case DroppedKind::Model:
      openModel(dropped.path);
      break;
    case DroppedKind::Unsupported:
      log(dropped.reason);
      status_label_->setText(dropped.reason);
      break;
  }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!openablePaths(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const auto paths = openablePaths(event->mimeData());
  if (paths.isEmpty()) return;
  event->acceptProposedAction();
  for (const auto& path : paths) openPath(path);
}

}  // namespace pwb::ui
