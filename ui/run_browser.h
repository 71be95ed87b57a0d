#pragma once
// Every stored run of one database: filter by text and status, sort by any column, read a run's
// detail, compare two runs example by example, export the selection as CSV, export a run's
// adapter, read a learned soft prompt as words at any step the run kept.
//
// Reads the database on the GUI thread: queries touch one run's summaries at a time and take
// milliseconds even for thousands of runs.

#include <QList>
#include <QString>
#include <QWidget>
#include <cstdint>
#include <vector>

#include "store/csv_export.h"
#include "store/run_adapter_files.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;

namespace pwb::ui {

class RunTableModel;

class RunBrowser : public QWidget {
  Q_OBJECT

 public:
  explicit RunBrowser(QWidget* parent = nullptr);

  void setDatabase(const QString& file);
  QString database() const { return database_; }

  // Runs shown after filtering, in view order.
  int visibleRunCount() const;
  std::int64_t visibleRunId(int view_row) const;
  // Ids of the selected runs, in view order.
  std::vector<std::int64_t> selectedRunIds() const;
  void selectRuns(const std::vector<std::int64_t>& ids);

  void sortByColumn(int column, Qt::SortOrder order);
  void setFilterText(const QString& text);
  // Empty: every status.
  void setStatusFilter(const QString& status);

  QString detailHtml() const;
  // Writes the selected runs (every run when none is selected); returns the rows written.
  // Throws std::runtime_error as exportCsv does.
  std::size_t exportSelection(store::ExportKind kind, const QString& file) const;
  // Copies the selected run's adapter into `folder`; false (and errorOccurred) when it cannot.
  bool exportAdapterTo(const QString& folder);
  // Adds the selected run's soft prompt as words to its detail, computed on a worker thread
  // (the model is loaded); softPromptShown follows. The soft prompt is that of the chosen step
  // (the last kept, the final one, unless the user chose another).
  void showSoftPromptWords();
  // The steps at which the selected run kept its soft prompt, and choosing one of them.
  QList<qlonglong> softPromptSteps() const;
  void chooseSoftPromptStep(qlonglong step);

 public Q_SLOTS:
  // Reads the database again, keeping the selection.
  void refresh();

 Q_SIGNALS:
  // A human-readable failure (unreadable database, comparison of runs on different data).
  void errorOccurred(const QString& message);
  void softPromptShown();

 private:
  void showDetail();
  void compareSelected();
  void exportWithDialog();
  void updateButtons();
  void showSoftPromptSteps(const std::vector<store::AdapterSnapshot>& snapshots);

  QString database_;
  RunTableModel* model_ = nullptr;
  QSortFilterProxyModel* proxy_ = nullptr;
  QLineEdit* filter_ = nullptr;
  QComboBox* status_ = nullptr;
  QTableView* table_ = nullptr;
  QTextBrowser* detail_ = nullptr;
  QPushButton* compare_ = nullptr;
  QPushButton* export_ = nullptr;
  QPushButton* export_adapter_ = nullptr;
  QPushButton* words_ = nullptr;
  QComboBox* soft_prompt_step_ = nullptr;
};

}  // namespace pwb::ui
