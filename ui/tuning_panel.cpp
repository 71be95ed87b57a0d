#include "tuning_panel.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include <fstream>

#include "model/model_source.h"
#include "adapt/method_counts.h"
#include "experiment/experiment_spec.h"
#include "experiment/tuning_estimate.h"
#include "hyperparameter_form.h"
#include "method_options_form.h"
#include "tuning_data_form.h"

namespace pwb::ui {
namespace {

QString mebibytes(std::int64_t bytes) { return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1); }

QString describeBase(const experiment::ExperimentSpec& base, const QString& file) {
  const auto& dataset = base.dataset;
  return TuningPanel::tr("Split seed %1%2 and the first settings from %3")
      .arg(dataset.split_seed)
      .arg(dataset.validation_limit ? TuningPanel::tr(", at most %1 validation examples").arg(*dataset.validation_limit)
                                    : QString())
      .arg(QFileInfo(file).fileName());
}

}  // namespace

TuningPanel::TuningPanel(QWidget* parent)
    : QWidget(parent),
      model_(new QComboBox(this)),
      name_(new QLineEdit(this)),
      task_(new QLabel(this)),
      data_(new TuningDataForm(this)),
      method_(new MethodOptionsForm(this)),
      hyper_(new HyperparameterForm(this)),
      estimate_(new QLabel(this)),
      memory_(new QLabel(this)),
      add_(new QPushButton(tr("Add to &queue"), this)),
      start_(new QPushButton(tr("&Start"), this)) {
  setObjectName(QStringLiteral("TuningPanel"));
  model_->setObjectName(QStringLiteral("tuningModel"));
  name_->setObjectName(QStringLiteral("tuningRunName"));
  name_->setPlaceholderText(tr("named after the method"));
  task_->setWordWrap(true);
  estimate_->setObjectName(QStringLiteral("trainableEstimate"));
  estimate_->setWordWrap(true);
  estimate_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  memory_->setObjectName(QStringLiteral("memoryEstimate"));
  memory_->setWordWrap(true);
  add_->setObjectName(QStringLiteral("addToQueue"));
  start_->setObjectName(QStringLiteral("startRun"));
  add_->setToolTip(tr("Store the run as queued; the queue runs it in turn"));
  start_->setToolTip(tr("Queue the run and start the queue"));

  auto* run_box = new QGroupBox(tr("Run"), this);
  auto* run_form = new QFormLayout(run_box);
  run_form->addRow(tr("Mo&del"), model_);
  run_form->addRow(tr("&Name"), name_);
  auto* data_box = new QGroupBox(tr("Data and prompt"), this);
  auto* data_layout = new QVBoxLayout(data_box);
  data_layout->addWidget(data_);
  data_layout->addWidget(task_);
  auto* method_box = new QGroupBox(tr("Method (PEFT's options)"), this);
  (new QVBoxLayout(method_box))->addWidget(method_);
  auto* hyper_box = new QGroupBox(tr("Hyper-parameters"), this);
  (new QVBoxLayout(hyper_box))->addWidget(hyper_);
  auto* estimate_box = new QGroupBox(tr("Before launch"), this);
  auto* estimate_layout = new QVBoxLayout(estimate_box);
  estimate_layout->addWidget(estimate_);
  estimate_layout->addWidget(memory_);
  auto* buttons = new QHBoxLayout;
  buttons->addStretch(1);
  buttons->addWidget(add_);
  buttons->addWidget(start_);

  // The settings scroll; the estimate and the buttons stay in view while they change.
  auto* settings = new QWidget;
  auto* settings_layout = new QVBoxLayout(settings);
  settings_layout->setContentsMargins(0, 0, 0, 0);
  settings_layout->addWidget(run_box);
  settings_layout->addWidget(data_box);
  settings_layout->addWidget(method_box);
  settings_layout->addWidget(hyper_box);
  settings_layout->addStretch(1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(settings);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumWidth(settings->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(scroll, 1);
  layout->addWidget(estimate_box);
  layout->addLayout(buttons);

  for (const auto& name : model::builtinModelNames()) addModel(QString::fromStdString(name));
  connect(model_, qOverload<int>(&QComboBox::currentIndexChanged), this, &TuningPanel::updateEstimate);
  connect(name_, &QLineEdit::textChanged, this, &TuningPanel::updateEstimate);
  connect(data_, &TuningDataForm::changed, this, &TuningPanel::updateEstimate);
  connect(method_, &MethodOptionsForm::changed, this, &TuningPanel::updateEstimate);
  connect(hyper_, &HyperparameterForm::changed, this, &TuningPanel::updateEstimate);
  connect(add_, &QPushButton::clicked, this, [this] { Q_EMIT runRequested(false); });
  connect(start_, &QPushButton::clicked, this, [this] { Q_EMIT runRequested(true); });
  updateEstimate();
}

bool TuningPanel::setBaseExperiment(const QString& file) {
  base_file_ = file;
  base_ = nullptr;
  try {
    std::ifstream in(file.toStdString());
    if (!in) throw std::runtime_error(file.toStdString() + ": cannot be read");
    base_ = nlohmann::json::parse(in);
    // Checks the file as a whole once; errors name its JSON path.
    const auto spec = experiment::parseExperimentSpec(base_, std::filesystem::path(file.toStdString()).parent_path());
    for (const auto& model : base_.at("models")) addModel(QString::fromStdString(model.get<std::string>()));
    setModel(QString::fromStdString(base_.at("models").front().get<std::string>()));
    data_->setBase(spec);
    task_->setText(describeBase(spec, file));
  } catch (const std::exception& e) {
    base_ = nullptr;
    task_->setText(tr("No data for tuning runs: %1").arg(QString::fromUtf8(e.what())));
  }
  updateEstimate();
  return !base_.is_null();
}

void TuningPanel::addModel(const QString& name_or_path) {
  if (model_->findData(name_or_path) >= 0) return;
  const bool builtin = !name_or_path.contains(QLatin1Char('/'));
  model_->addItem(builtin ? tr("%1 (built-in)").arg(name_or_path) : QFileInfo(name_or_path).fileName(), name_or_path);
  model_->setItemData(model_->count() - 1, name_or_path, Qt::ToolTipRole);
}

void TuningPanel::setModel(const QString& name_or_path) {
  addModel(name_or_path);
  model_->setCurrentIndex(model_->findData(name_or_path));
}

QString TuningPanel::model() const { return model_->currentData().toString(); }

void TuningPanel::initialiseFromPrompt(const QString& instruction) {
  method_->setMethodName(QStringLiteral("prompt_tuning"));
  qobject_cast<QComboBox*>(method_->field(QStringLiteral("prompt_tuning_init")))->setCurrentText(QStringLiteral("TEXT"));
  qobject_cast<QLineEdit*>(method_->field(QStringLiteral("prompt_tuning_init_text")))->setText(instruction.trimmed());
}

nlohmann::json TuningPanel::experimentDocument() const {
  if (base_.is_null()) throw std::runtime_error(task_->text().toStdString());
  auto run = hyper_->settings();
  run["method"] = method_->method();
  const auto name = name_->text().trimmed();
  run["name"] = name.isEmpty() ? method_->methodName().toStdString() : name.toStdString();
  run["kind"] = "tuning";
  auto document = base_;
  document["name"] = run["name"];
  document["description"] = "One tuning run from the Tuning panel.";
  document["models"] = {model().toStdString()};
  document["seeds"] = {hyper_->seed()};
  document["runs"] = nlohmann::json::array({run});
  data_->writeInto(document);
  experiment::parseExperimentSpec(document, std::filesystem::path(base_file_.toStdString()).parent_path());
  return document;
}

std::optional<model::ModelConfig> TuningPanel::configOf(const QString& model, QString* error) {
  const auto found = configs_.find(model);
  if (found != configs_.end()) return found->second;
  try {
    return configs_.emplace(model, model::modelConfigOf(model.toStdString())).first->second;
  } catch (const std::exception& e) {
    *error = QString::fromUtf8(e.what());
    return std::nullopt;
  }
}

void TuningPanel::updateEstimate() {
  QString error;
  const auto config = configOf(model(), &error);
  bool valid = config.has_value();
  if (config) {
    try {
      const auto batch = hyper_->batchSize();
      const auto estimate = experiment::estimateTuning(*config, method_->method(), batch, kEstimateSequenceLength);
      estimate_->setText(QString::fromStdString(adapt::formatTrainableParameters(estimate.count)));
      const auto& m = estimate.memory;
      const auto shape = estimate.extra_positions > 0
                             ? tr("batch %1 × %2 tokens + %3 virtual").arg(batch).arg(kEstimateSequenceLength).arg(estimate.extra_positions)
                             : tr("batch %1 × %2 tokens").arg(batch).arg(kEstimateSequenceLength);
      memory_->setText(tr("peak memory ≈ %1 MiB (%2): weights %3, gradients %4, AdamW state %5, activations %6 MiB")
                           .arg(mebibytes(m.total()), shape, mebibytes(m.weights), mebibytes(m.gradients),
                                mebibytes(m.optimiser), mebibytes(m.activations)));
      experimentDocument();  // the whole run must be valid to be queued
    } catch (const std::exception& e) {
      valid = false;
      error = QString::fromUtf8(e.what());
    }
  }
  if (!valid) {
    estimate_->setText(tr("Cannot queue this run: %1").arg(error));
    memory_->clear();
  }
  add_->setEnabled(valid);
  start_->setEnabled(valid);
}

QString TuningPanel::estimateText() const { return estimate_->text(); }
QString TuningPanel::memoryText() const { return memory_->text(); }
bool TuningPanel::canQueue() const { return add_->isEnabled(); }

}  // namespace pwb::ui
