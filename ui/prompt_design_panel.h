#pragma once
// The Prompt Design panel: named templates edited with highlighting and inline errors (line
// and column), the instruction as its own field, few-shot / verbalizer / calibration /
// chain-of-thought controls, a live preview of the prompt one evaluated example gets, and
// "Evaluate", which runs the templates × k × seeds grid as an experiment of design runs on a
// worker thread (stored, so the Runs browser lists them) and shows the grid and the chosen
// cell's examples.

#include <QFutureWatcher>
#include <QThreadPool>
#include <QTimer>
#include <QVariant>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

#include "data/import_options.h"
#include "design/prompt_builder.h"
#include "design_task.h"
#include "experiment/design_study.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace pwb::ui {

class DatasetChooser;
class DesignResultsView;
class TemplateHighlighter;

class PromptDesignPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PromptDesignPanel(QString database_file, QWidget* parent = nullptr);
  ~PromptDesignPanel() override;

  // The current template's instruction block as the model reads it ({{labels}} filled in),
  // or as written while the template or label words have an error: what prompt tuning's TEXT
  // initialisation starts from.
  QString currentInstruction() const;
  // The current template as written and the label words ("0=bad,1=good"): what a tuning run
  // takes over from the prompt designed here.
  QString currentTemplate() const;
  QString labelWords() const;

  // Offered beside the built-ins: a model the window opened, a dataset file it imported.
  void addModel(const QString& path);
  void addDatasetFile(const QString& file, const data::ImportOptions& options);
  // A template for the grid, checked; the list keeps the current one selected.
  void addTemplate(const QString& name, const QString& text);

  bool isDataReady() const { return data_ != nullptr; }
  bool isEvaluating() const { return task_ != nullptr; }
  // What the error line shows (template, label words, shots, seeds); empty when all is well.
  QString errorText() const;
  QString previewText() const;

  QPlainTextEdit* templateEditor() const { return editor_; }
  QPlainTextEdit* instructionEditor() const { return instruction_; }
  TemplateHighlighter* highlighter() const { return highlighter_; }
  QSpinBox* exampleChooser() const { return example_; }
  QListWidget* templateList() const { return templates_; }
  DesignResultsView* results() const { return results_; }
  DatasetChooser* datasetChooser() const { return dataset_; }

 public Q_SLOTS:
  void evaluate();
  void cancel();

 Q_SIGNALS:
  void instructionChanged(const QString& instruction);
  void dataReady();
  void progressed(double fraction, const QString& text);
  void evaluationFinished(const pwb::ui::DesignOutcome& outcome);
  // For the window's log.
  void message(const QString& text);

 private:
  struct LoadedData {
    std::shared_ptr<const experiment::PreparedData> data;
    QString error;
  };

  void changeEvent(QEvent* event) override;

  // prompt_design_panel.cpp: the widgets, the template list, the instruction field.
  QWidget* createEditorSide();
  QWidget* createSettings();
  QWidget* createResultSide();
  void onTemplateSelected(QListWidgetItem* item);
  void onTemplateEdited();
  void onInstructionEdited();
  void replaceTemplateText(const QString& text);
  void updateActions();
  // The error line in the palette's error colour (again when the palette changes).
  void colourErrors();

  // prompt_design_panel_settings.cpp: the templates and controls kept for the next start.
  void restoreSettings();
  void saveSettings() const;

  // prompt_design_panel_preview.cpp: the data, checking every control, the preview.
  void loadData();
  void onDataLoaded();
  void scheduleRefresh();
  void refresh();
  experiment::DatasetSpec datasetSpec() const;
  // The study the controls describe, with the checked templates (all: false — the current one).
  experiment::DesignStudy study(bool checked_templates) const;
  std::optional<design::PromptBuilder> currentBuilder() const;
  void showPreview(const experiment::DesignStudy& study);
  void markTemplateError(std::size_t line, std::size_t column);
  // The rationale column's choices: automatic, none, and the dataset's unmapped columns; the
  // one wanted stays chosen when the dataset has it.
  void fillRationaleChooser();

  // prompt_design_panel_evaluate.cpp: the worker task.
  void onProgress(double fraction, const QString& text);
  void onFinished(const DesignOutcome& outcome);

  QString database_file_;
  std::shared_ptr<const experiment::PreparedData> data_;
  std::shared_ptr<const experiment::PreparedData> evaluated_data_;  // what the running task evaluates
  QFutureWatcher<LoadedData> loading_;
  bool reload_ = false;  // the dataset changed while one was loading
  QTimer refresh_timer_;
  bool syncing_ = false;  // the instruction field and the editor are being made to agree
  QString last_instruction_;
  QStringList errors_;
  QThreadPool pool_;
  DesignTask* task_ = nullptr;

  QListWidget* templates_ = nullptr;
  QPlainTextEdit* instruction_ = nullptr;
  QPlainTextEdit* editor_ = nullptr;
  TemplateHighlighter* highlighter_ = nullptr;
  QLabel* error_ = nullptr;
  QComboBox* model_ = nullptr;
  DatasetChooser* dataset_ = nullptr;
  QSpinBox* limit_ = nullptr;
  QLineEdit* verbalizer_ = nullptr;
  QLineEdit* shots_ = nullptr;
  QComboBox* selection_ = nullptr;
  QLineEdit* seeds_ = nullptr;
  QCheckBox* calibrate_ = nullptr;
  QCheckBox* cot_ = nullptr;
  QLineEdit* cot_trigger_ = nullptr;
  QComboBox* cot_rationale_ = nullptr;
  // The rationale column chosen (null: automatic, empty: none), kept while the datasets change.
  QVariant wanted_rationale_;
  bool filling_rationale_ = false;
  QPushButton* evaluate_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QSpinBox* example_ = nullptr;
  QLabel* preview_title_ = nullptr;
  QPlainTextEdit* preview_ = nullptr;
  DesignResultsView* results_ = nullptr;
};

}  // namespace pwb::ui
