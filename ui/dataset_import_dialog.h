#pragma once
// "Import dataset…": choose a CSV/TSV/JSONL file, map its columns to text, second text, label
// and id, see the first rows, and check the whole file on a worker thread. Rows with problems
// are marked in the preview, with the problem as their tooltip; OK needs a file without any.

#include <QDialog>
#include <QFutureWatcher>
#include <optional>

#include "data/dataset.h"
#include "data/dataset_error.h"
#include "data/import_options.h"
#include "data/preview.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace pwb::ui {

class DatasetImportDialog : public QDialog {
  Q_OBJECT

 public:
  enum class Role { Text, TextB, Label, Id };

  explicit DatasetImportDialog(QWidget* parent = nullptr);
  ~DatasetImportDialog() override;

  // Reads the preview, guesses a mapping from the column names, and starts a check.
  void setFile(const QString& file);
  // An empty column unmaps an optional role.
  void setColumn(Role role, const QString& column);
  QString column(Role role) const;

  QString file() const { return file_; }
  data::ImportOptions options() const;
  // The imported dataset once a check succeeded.
  const std::optional<data::Dataset>& dataset() const { return dataset_; }

  QTableWidget* preview() const { return preview_; }
  int markedRowCount() const;
  QString statusText() const;

 Q_SIGNALS:
  // After each check of the whole file.
  void checked(bool ok);

 private:
  struct CheckResult {
    std::optional<data::Dataset> dataset;
    std::vector<data::Issue> issues;
    std::size_t total_issues = 0;
    QString failure;  // a problem that is not about a line (unreadable file)
  };

  void loadPreview();
  void guessMapping();
  void startCheck();
  void showResult(const CheckResult& result);
  QComboBox* combo(Role role) const;

  QString file_;
  data::FilePreview file_preview_;
  std::optional<data::Dataset> dataset_;
  QLineEdit* path_ = nullptr;
  QComboBox* format_ = nullptr;
  QCheckBox* header_ = nullptr;
  QComboBox* text_ = nullptr;
  QComboBox* text_b_ = nullptr;
  QComboBox* label_ = nullptr;
  QComboBox* id_ = nullptr;
  QTableWidget* preview_ = nullptr;
  QLabel* status_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  QFutureWatcher<CheckResult> watcher_;
  bool recheck_ = false;  // options changed while a check ran
  bool updating_ = false; // combos being refilled: no check per change
};

}  // namespace pwb::ui
