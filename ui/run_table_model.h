#pragma once
// Stored runs as table rows: id, name, kind, method, status, trainable parameters, accuracy,
// train loss, created. Qt::DisplayRole is text; Qt::UserRole holds the value to sort by
// (numbers as numbers, so 9 sorts before 10 and an unknown value sorts first).

#include <QAbstractTableModel>
#include <QString>
#include <optional>
#include <vector>

#include "store/experiment_store.h"
#include "store/records.h"

namespace pwb::ui {

// A run and the numbers the browser shows for it.
struct RunRow {
  store::RunRecord run;
  QString method;                   // the tuning method, or the run kind for other runs
  std::optional<double> accuracy;   // last test accuracy (validation when no test split)
  std::optional<double> train_loss; // last training loss
};

// Every run of the store in id order, with its method and last accuracy and loss.
std::vector<RunRow> loadRunRows(const store::ExperimentStore& store);

class RunTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Id, Name, Kind, Method, Status, Trainable, Accuracy, TrainLoss, Created, ColumnCount };

  explicit RunTableModel(QObject* parent = nullptr);

  void setRows(std::vector<RunRow> rows);
  const RunRow& row(int index) const { return rows_.at(static_cast<std::size_t>(index)); }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  std::vector<RunRow> rows_;
};

}  // namespace pwb::ui
