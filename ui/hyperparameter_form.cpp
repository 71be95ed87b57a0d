#include "hyperparameter_form.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

#include "experiment/experiment_spec.h"

namespace pwb::ui {

HyperparameterForm::HyperparameterForm(QWidget* parent) : QWidget(parent), form_(new QFormLayout(this)) {
  form_->setContentsMargins(0, 0, 0, 0);
  const experiment::TuningSpec d;
  addChoice(QStringLiteral("optimizer"), tr("Optimiser"), {QStringLiteral("adamw"), QStringLiteral("sgd")},
            QString::fromStdString(d.optimizer));
  addNumber(QStringLiteral("learning_rate"), tr("Learning rate"), d.learning_rate, 10.0, 6, 0.0005);
  addNumber(QStringLiteral("weight_decay"), tr("Weight decay"), d.weight_decay, 10.0, 4, 0.01);
  addChoice(QStringLiteral("schedule"), tr("Schedule"),
            {QStringLiteral("linear"), QStringLiteral("cosine"), QStringLiteral("constant")}, QString::fromStdString(d.schedule));
  addInteger(QStringLiteral("warmup_steps"), tr("Warm-up steps"), static_cast<int>(d.warmup_steps), 0, 1000000);
  addInteger(QStringLiteral("steps"), tr("Steps"), static_cast<int>(d.steps), 1, 1000000);
  addInteger(QStringLiteral("batch_size"), tr("Batch size"), static_cast<int>(d.batch_size), 1, 4096);
  addInteger(QStringLiteral("gradient_accumulation_steps"), tr("Gradient accumulation"),
             static_cast<int>(d.gradient_accumulation_steps), 1, 1024);
  addNumber(QStringLiteral("max_grad_norm"), tr("Clip gradient norm (0: off)"), d.max_grad_norm, 1000.0, 3, 0.1);
  addInteger(QStringLiteral("eval_every"), tr("Evaluate every (0: at the end)"), static_cast<int>(d.eval_every), 0, 1000000);
  addInteger(QStringLiteral("checkpoint_every"), tr("Checkpoint every (0: at the end)"),
             static_cast<int>(d.checkpoint_every), 0, 1000000);
  addInteger(QStringLiteral("seed"), tr("Seed"), 0, 0, 1 << 30);
}

void HyperparameterForm::addRow(const QString& key, const QString& label, QWidget* field) {
  field->setObjectName(key);
  field->setToolTip(key);  // the experiment file's name for it
  form_->addRow(label, field);
  fields_[key] = field;
}

void HyperparameterForm::addInteger(const QString& key, const QString& label, int value, int minimum, int maximum) {
  auto* box = new QSpinBox(this);
  box->setRange(minimum, maximum);
  box->setValue(value);
  connect(box, qOverload<int>(&QSpinBox::valueChanged), this, &HyperparameterForm::changed);
  addRow(key, label, box);
}

void HyperparameterForm::addNumber(const QString& key, const QString& label, double value, double maximum, int decimals,
                                   double step) {
  auto* box = new QDoubleSpinBox(this);
  box->setDecimals(decimals);
  box->setRange(0.0, maximum);
  box->setSingleStep(step);
  box->setValue(value);
  connect(box, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &HyperparameterForm::changed);
  addRow(key, label, box);
}

void HyperparameterForm::addChoice(const QString& key, const QString& label, const QStringList& choices, const QString& value) {
  auto* box = new QComboBox(this);
  box->addItems(choices);
  box->setCurrentText(value);
  connect(box, &QComboBox::currentTextChanged, this, &HyperparameterForm::changed);
  addRow(key, label, box);
}

nlohmann::json HyperparameterForm::settings() const {
  nlohmann::json out = nlohmann::json::object();
  for (auto it = fields_.begin(); it != fields_.end(); ++it) {
    if (it.key() == QStringLiteral("seed")) continue;
    const auto key = it.key().toStdString();
    if (const auto* box = qobject_cast<const QSpinBox*>(it.value())) out[key] = box->value();
    if (const auto* box = qobject_cast<const QDoubleSpinBox*>(it.value())) out[key] = box->value();
    if (const auto* box = qobject_cast<const QComboBox*>(it.value())) out[key] = box->currentText().toStdString();
  }
  return out;
}

std::uint64_t HyperparameterForm::seed() const {
  return static_cast<std::uint64_t>(qobject_cast<const QSpinBox*>(fields_.value(QStringLiteral("seed")))->value());
}

std::int64_t HyperparameterForm::batchSize() const {
  return qobject_cast<const QSpinBox*>(fields_.value(QStringLiteral("batch_size")))->value();
}

}  // namespace pwb::ui
