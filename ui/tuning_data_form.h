#pragma once
// What a tuning run learns from: the dataset (a built-in part or an imported file), how many
// training examples, the validation and test fractions and how many test examples are
// evaluated, and the prompt — template and label words — whose label words the run learns to
// produce. Starts from a base experiment's; "Use Prompt design's prompt" asks for the Prompt
// design panel's.

#include <QWidget>

#include <nlohmann/json.hpp>

#include "experiment/experiment_spec.h"

class QDoubleSpinBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace pwb::ui {

class DatasetChooser;

class TuningDataForm : public QWidget {
  Q_OBJECT
 public:
  explicit TuningDataForm(QWidget* parent = nullptr);

  // The base experiment's dataset, training size, splits and prompt; its split seed,
  // stratification and validation limit are kept for every run.
  void setBase(const experiment::ExperimentSpec& base);
  // Writes "dataset", "train_sizes" and the prompt's template and verbalizer into an experiment
  // document. Throws std::invalid_argument when the label words cannot be read or do not fit a
  // built-in dataset's labels.
  void writeInto(nlohmann::json& document) const;

  DatasetChooser* datasetChooser() const { return dataset_; }
  QString templateText() const;
  QString labelWords() const;

 public Q_SLOTS:
  // The Prompt design panel's template and label words ("0=bad,1=good"), and its dataset
  // when this form offers it.
  void usePrompt(const QString& template_text, const QString& label_words, const experiment::DatasetSpec& dataset);

 Q_SIGNALS:
  void changed();
  void designPromptRequested();

 private:
  // Label words that do not fit a newly chosen built-in dataset give way to its label names.
  void onDatasetChosen();

  DatasetChooser* dataset_;
  QSpinBox* train_size_;
  QDoubleSpinBox* validation_;
  QDoubleSpinBox* test_;
  QSpinBox* test_limit_;
  QPlainTextEdit* template_;
  QLineEdit* label_words_;
  QPushButton* from_design_;
  experiment::DatasetSpec base_dataset_;
};

}  // namespace pwb::ui
