#pragma once
// Two stored runs side by side on their shared examples: the agreement table, McNemar's exact
// p-value and every example exactly one of them got right.

#include <QDialog>

#include "store/stored_run_comparison.h"

class QLabel;
class QTableWidget;

namespace pwb::ui {

class RunComparisonDialog : public QDialog {
  Q_OBJECT

 public:
  // Names label the two sides ("A: lora r=8").
  RunComparisonDialog(const store::StoredRunComparison& comparison, const QString& name_a, const QString& name_b,
                      QWidget* parent = nullptr);

  QTableWidget* agreementTable() const { return agreement_; }
  QTableWidget* differencesTable() const { return differences_; }
  QString summaryText() const;

 private:
  QLabel* summary_ = nullptr;
  QTableWidget* agreement_ = nullptr;
  QTableWidget* differences_ = nullptr;
};

}  // namespace pwb::ui
