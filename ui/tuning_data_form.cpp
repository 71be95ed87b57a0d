#include "tuning_data_form.h"

#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

#include "data/builtin_datasets.h"
#include "dataset_chooser.h"
#include "design/verbalizer.h"
#include "experiment/dataset_json.h"

namespace pwb::ui {
namespace {

// {"0": ["bad"], "1": ["good", "great"]} -> "0=bad,1=good|great", the form the panels edit.
QString compactWords(const std::map<std::string, std::vector<std::string>>& verbalizer) {
  QStringList labels;
  for (const auto& [label, words] : verbalizer) {
    QStringList list;
    for (const auto& word : words) list << QString::fromStdString(word);
    labels << QString::fromStdString(label) + QLatin1Char('=') + list.join(QLatin1Char('|'));
  }
  return labels.join(QLatin1Char(','));
}

std::vector<std::string> labelValues(const std::string& builtin) {
  std::vector<std::string> values;
  for (const auto& label : data::builtinDataset(builtin).labels) values.push_back(label.value);
  return values;
}

QDoubleSpinBox* fractionBox(const QString& name, QWidget* parent) {
  auto* box = new QDoubleSpinBox(parent);
  box->setObjectName(name);
  box->setRange(0.0, 0.9);
  box->setDecimals(2);
  box->setSingleStep(0.05);
  return box;
}

}  // namespace

TuningDataForm::TuningDataForm(QWidget* parent)
    : QWidget(parent),
      dataset_(new DatasetChooser(this)),
      train_size_(new QSpinBox(this)),
      validation_(fractionBox(QStringLiteral("validationFraction"), this)),
      test_(fractionBox(QStringLiteral("testFraction"), this)),
      test_limit_(new QSpinBox(this)),
      template_(new QPlainTextEdit(this)),
      label_words_(new QLineEdit(this)),
      from_design_(new QPushButton(tr("Use &Prompt design's prompt"), this)) {
  dataset_->setObjectName(QStringLiteral("tuningDataset"));
  train_size_->setObjectName(QStringLiteral("trainSize"));
  train_size_->setRange(0, 10'000'000);
  train_size_->setSpecialValueText(tr("all"));
  train_size_->setToolTip(tr("Training examples drawn from the training split (all: the whole split)"));
  validation_->setToolTip(tr("Fraction of the dataset held out for evaluations during training"));
  test_->setToolTip(tr("Fraction of the dataset held out for the final test"));
  test_limit_->setObjectName(QStringLiteral("testLimit"));
  test_limit_->setRange(0, 10'000'000);
  test_limit_->setSpecialValueText(tr("all"));
  test_limit_->setToolTip(tr("How many examples of the test split the finished run is evaluated on"));
  template_->setObjectName(QStringLiteral("tuningTemplate"));
  QFont fixed;  // the family only: the size follows the application's (presentation mode)
  fixed.setFamily(QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
  fixed.setStyleHint(QFont::TypeWriter);
  template_->setFont(fixed);
  template_->setTabChangesFocus(true);
  template_->setMinimumHeight(template_->fontMetrics().lineSpacing() * 4 + 12);
  template_->setToolTip(tr("The prompt each example becomes (docs/templates.md); the run learns to answer with "
                           "the label words"));
  label_words_->setObjectName(QStringLiteral("tuningLabelWords"));
  label_words_->setToolTip(tr("Label words: \"0=terrible,1=great\""));
  from_design_->setObjectName(QStringLiteral("useDesignPrompt"));
  from_design_->setToolTip(tr("Take the template, label words and dataset of the Prompt design tab"));

  auto* form = new QFormLayout(this);
  form->setContentsMargins(0, 0, 0, 0);
  form->addRow(tr("Data&set"), dataset_);
  auto* sizes = new QHBoxLayout;
  sizes->addWidget(train_size_);
  sizes->addWidget(new QLabel(tr("validation"), this));
  sizes->addWidget(validation_);
  sizes->addWidget(new QLabel(tr("test"), this));
  sizes->addWidget(test_);
  form->addRow(tr("Training examples"), sizes);
  form->addRow(tr("Test examples"), test_limit_);
  form->addRow(tr("&Template"), template_);
  form->addRow(tr("&Label words"), label_words_);
  form->addRow(QString(), from_design_);

  connect(dataset_, &QComboBox::currentIndexChanged, this, &TuningDataForm::onDatasetChosen);
  for (auto* spin : {train_size_, test_limit_}) connect(spin, &QSpinBox::valueChanged, this, &TuningDataForm::changed);
  for (auto* spin : {validation_, test_}) connect(spin, &QDoubleSpinBox::valueChanged, this, &TuningDataForm::changed);
  connect(template_, &QPlainTextEdit::textChanged, this, &TuningDataForm::changed);
  connect(label_words_, &QLineEdit::textChanged, this, &TuningDataForm::changed);
  connect(from_design_, &QPushButton::clicked, this, &TuningDataForm::designPromptRequested);
}

void TuningDataForm::setBase(const experiment::ExperimentSpec& base) {
  base_dataset_ = base.dataset;
  if (!dataset_->choose(base.dataset)) {
    dataset_->setCurrentIndex(dataset_->addDatasetFile(QString::fromStdString(base.dataset.file.string()), base.dataset.import));
  }
  train_size_->setValue(base.train_sizes.empty() ? 0 : static_cast<int>(base.train_sizes.front()));
  validation_->setValue(base.dataset.validation_fraction);
  test_->setValue(base.dataset.test_fraction);
  test_limit_->setValue(base.dataset.test_limit ? static_cast<int>(*base.dataset.test_limit) : 0);
  // The prompt every run of the base shares (merged into each run's).
  const auto& prompt = base.runs.empty() ? experiment::PromptSpec() : base.runs.front().prompt;
  template_->setPlainText(QString::fromStdString(prompt.template_text));
  label_words_->setText(compactWords(prompt.verbalizer));
}

void TuningDataForm::usePrompt(const QString& template_text, const QString& label_words,
                               const experiment::DatasetSpec& dataset) {
  dataset_->choose(dataset);
  template_->setPlainText(template_text);
  label_words_->setText(label_words);
}

void TuningDataForm::onDatasetChosen() {
  const auto spec = dataset_->spec();
  if (!spec.builtin.empty()) {
    try {
      design::orderForLabels(design::parseVerbalizer(label_words_->text().toStdString()), labelValues(spec.builtin));
    } catch (const std::invalid_argument&) {
      QStringList words;
      for (const auto& label : data::builtinDataset(spec.builtin).labels) {
        words << QString::fromStdString(label.value + "=" + label.name);
      }
      label_words_->setText(words.join(QLatin1Char(',')));
    }
  }
  Q_EMIT changed();
}

void TuningDataForm::writeInto(nlohmann::json& document) const {
  auto dataset = dataset_->spec();
  dataset.validation_fraction = validation_->value();
  dataset.test_fraction = test_->value();
  dataset.stratify = base_dataset_.stratify;
  dataset.split_seed = base_dataset_.split_seed;
  dataset.validation_limit = base_dataset_.validation_limit;
  if (test_limit_->value() > 0) dataset.test_limit = test_limit_->value();
  document["dataset"] = experiment::datasetJson(dataset);
  if (train_size_->value() > 0) {
    document["train_sizes"] = {train_size_->value()};
  } else {
    document.erase("train_sizes");
  }
  const auto verbalizer = design::parseVerbalizer(label_words_->text().toStdString());
  if (!dataset.builtin.empty()) design::orderForLabels(verbalizer, labelValues(dataset.builtin));
  nlohmann::json words = nlohmann::json::object();
  for (std::size_t k = 0; k < verbalizer.labels.size(); ++k) words[verbalizer.labels[k]] = verbalizer.words[k];
  auto& prompt = document["prompt"];
  prompt["template"] = template_->toPlainText().toStdString();
  prompt["verbalizer"] = words;
}

QString TuningDataForm::templateText() const { return template_->toPlainText(); }
QString TuningDataForm::labelWords() const { return label_words_->text(); }

}  // namespace pwb::ui
