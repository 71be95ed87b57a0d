#pragma once
// The results of a prompt-design study: the grid (template × k × seed → accuracy and macro-F1
// with their 95% bootstrap intervals) and, for the cell selected in it, every evaluated example
// (input, gold, prediction, each label's score, the rationale of a chain of thought), read from
// the experiment store.

#include <QWidget>
#include <memory>

#include "design_task.h"
#include "experiment/experiment_data.h"

class QLabel;
class QTableWidget;

namespace pwb::ui {

class DesignResultsView : public QWidget {
  Q_OBJECT
 public:
  explicit DesignResultsView(QString database_file, QWidget* parent = nullptr);

  // `data` is what the study evaluated: it gives the examples' text.
  void showOutcome(const DesignOutcome& outcome, std::shared_ptr<const experiment::PreparedData> data);
  void clear();

  QTableWidget* grid() const { return grid_; }
  QTableWidget* examples() const { return examples_; }

 Q_SIGNALS:
  void errorOccurred(const QString& text);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void showExamples(int grid_row);

  QString database_file_;
  QVector<DesignCellResult> cells_;
  QMap<QString, QString> label_words_;
  std::shared_ptr<const experiment::PreparedData> data_;
  QTableWidget* grid_;
  QLabel* examples_title_;
  QTableWidget* examples_;
};

}  // namespace pwb::ui
