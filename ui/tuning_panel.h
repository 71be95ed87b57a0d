#pragma once
// The Tuning panel: a model, the data and prompt (TuningDataForm), a method with its options
// under PEFT's names and defaults, the hyper-parameters, and — updated as any of them changes —
// PEFT's trainable-parameter line and an estimate of a training step's peak memory, both from the
// model's config alone. A base experiment file (the method ladder by default) gives the first
// data and prompt and the split seed; what the panel makes is one tuning run, handed to the run
// queue as an experiment document.

#include <QString>
#include <QWidget>

#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "model/model_config.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace pwb::ui {

class HyperparameterForm;
class MethodOptionsForm;
class TuningDataForm;

class TuningPanel : public QWidget {
  Q_OBJECT
 public:
  // Sequence length the memory estimate assumes (as `pwb params` does by default).
  static constexpr std::int64_t kEstimateSequenceLength = 128;

  explicit TuningPanel(QWidget* parent = nullptr);

  // The experiment file whose models, dataset, splits, training sizes and prompt the panel
  // starts from. Returns false (and says why in the panel) when it cannot be read.
  bool setBaseExperiment(const QString& file);
  const QString& baseExperiment() const { return base_file_; }
  // A model the runs can use besides the base experiment's: a built-in name or a path.
  void addModel(const QString& name_or_path);
  void setModel(const QString& name_or_path);
  QString model() const;

  // The experiment document of the run as set now (one tuning run); throws with the reason
  // when the settings are not a valid run.
  nlohmann::json experimentDocument() const;

  MethodOptionsForm* methodForm() const { return method_; }
  HyperparameterForm* hyperparameters() const { return hyper_; }
  TuningDataForm* dataForm() const { return data_; }
  // PEFT's line, or what is wrong with the settings.
  QString estimateText() const;
  QString memoryText() const;
  bool canQueue() const;

 public Q_SLOTS:
  // Prompt tuning initialised from the text's token embeddings (PEFT's TEXT init): the
  // instruction of a prompt designed in the Prompt Design panel.
  void initialiseFromPrompt(const QString& instruction);

 Q_SIGNALS:
  // "Add to queue" (start_now false) or "Start" (true).
  void runRequested(bool start_now);

 private:
  void updateEstimate();
  std::optional<model::ModelConfig> configOf(const QString& model, QString* error);

  QComboBox* model_;
  QLineEdit* name_;
  QLabel* task_;
  TuningDataForm* data_;
  MethodOptionsForm* method_;
  HyperparameterForm* hyper_;
  QLabel* estimate_;
  QLabel* memory_;
  QPushButton* add_;
  QPushButton* start_;
  QString base_file_;
  nlohmann::json base_;
  std::map<QString, model::ModelConfig> configs_;  // read once per model
};

}  // namespace pwb::ui
