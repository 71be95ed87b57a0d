// The Prompt Design panel's templates and settings, kept in QSettings for the next start.
// Models and imported files are not kept: they come from the window each time.

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSpinBox>

#include "dataset_chooser.h"
#include "prompt_design_panel.h"

namespace pwb::ui {
namespace {

const QString kGroup = QStringLiteral("design");

}  // namespace

void PromptDesignPanel::saveSettings() const {
  QSettings settings;
  settings.beginGroup(kGroup);
  QVariantList templates;
  for (int i = 0; i < templates_->count(); ++i) {
    const auto* item = templates_->item(i);
    templates << QVariantMap{{QStringLiteral("name"), item->text()},
                             {QStringLiteral("text"), item->data(Qt::UserRole)},
                             {QStringLiteral("checked"), item->checkState() == Qt::Checked}};
  }
  settings.setValue(QStringLiteral("templates"), templates);
  settings.setValue(QStringLiteral("dataset"), dataset_->currentText());
  settings.setValue(QStringLiteral("examples"), limit_->value());
  settings.setValue(QStringLiteral("verbalizer"), verbalizer_->text());
  settings.setValue(QStringLiteral("shots"), shots_->text());
  settings.setValue(QStringLiteral("selection"), selection_->currentData());
  settings.setValue(QStringLiteral("seeds"), seeds_->text());
  settings.setValue(QStringLiteral("calibrate"), calibrate_->isChecked());
  settings.setValue(QStringLiteral("cot"), cot_->isChecked());
  settings.setValue(QStringLiteral("cot_trigger"), cot_trigger_->text());
  if (wanted_rationale_.isValid()) {
    settings.setValue(QStringLiteral("cot_rationale_column"), wanted_rationale_);
  } else {
    settings.remove(QStringLiteral("cot_rationale_column"));
  }
}

void PromptDesignPanel::restoreSettings() {
  QSettings settings;
  settings.beginGroup(kGroup);
  for (const auto& entry : settings.value(QStringLiteral("templates")).toList()) {
    const auto map = entry.toMap();
    addTemplate(map.value(QStringLiteral("name")).toString(), map.value(QStringLiteral("text")).toString());
    templates_->item(templates_->count() - 1)
        ->setCheckState(map.value(QStringLiteral("checked"), true).toBool() ? Qt::Checked : Qt::Unchecked);
  }
  const auto dataset = dataset_->findText(settings.value(QStringLiteral("dataset")).toString());
  if (dataset >= 0) dataset_->setCurrentIndex(dataset);
  limit_->setValue(settings.value(QStringLiteral("examples"), limit_->value()).toInt());
  verbalizer_->setText(settings.value(QStringLiteral("verbalizer"), verbalizer_->text()).toString());
  shots_->setText(settings.value(QStringLiteral("shots"), shots_->text()).toString());
  const auto selection = selection_->findData(settings.value(QStringLiteral("selection")));
  if (selection >= 0) selection_->setCurrentIndex(selection);
  seeds_->setText(settings.value(QStringLiteral("seeds"), seeds_->text()).toString());
  calibrate_->setChecked(settings.value(QStringLiteral("calibrate"), false).toBool());
  cot_->setChecked(settings.value(QStringLiteral("cot"), false).toBool());
  cot_trigger_->setText(settings.value(QStringLiteral("cot_trigger"), cot_trigger_->text()).toString());
  wanted_rationale_ = settings.value(QStringLiteral("cot_rationale_column"));
  fillRationaleChooser();
}

}  // namespace pwb::ui
