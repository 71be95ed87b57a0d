#include "run_table_model.h"

#include <QLocale>
#include <nlohmann/json.hpp>

namespace pwb::ui {
namespace {

QVariant sortValue(const std::optional<double>& value) {
  return value ? QVariant(*value) : QVariant(-1.0e300);
}

QString methodOf(const store::RunRecord& run) {
  const auto config = nlohmann::json::parse(run.config_json, nullptr, false);
  if (config.is_object() && config.contains("method") && config["method"].is_object() &&
      config["method"].contains("name") && config["method"]["name"].is_string()) {
    return QString::fromStdString(config["method"]["name"].get<std::string>());
  }
  return QString::fromStdString(run.kind);
}

}  // namespace

std::vector<RunRow> loadRunRows(const store::ExperimentStore& store) {
  std::vector<RunRow> rows;
  for (const auto& run : store.runs()) {
    RunRow row{run, methodOf(run), std::nullopt, std::nullopt};
    std::optional<double> validation_accuracy;
    for (const auto& summary : store.metricSummaries(run.id)) {
      if (summary.name == "accuracy" && summary.split == "test") row.accuracy = summary.last_value;
      if (summary.name == "accuracy" && summary.split == "validation") validation_accuracy = summary.last_value;
      if (summary.name == "loss" && summary.split == "train") row.train_loss = summary.last_value;
    }
    if (!row.accuracy) row.accuracy = validation_accuracy;
    rows.push_back(std::move(row));
  }
  return rows;
}

RunTableModel::RunTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunTableModel::setRows(std::vector<RunRow> rows) {
  beginResetModel();
  rows_ = std::move(rows);
  endResetModel();
}

int RunTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int RunTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto& r = rows_[static_cast<std::size_t>(index.row())];
  const bool sort = role == Qt::UserRole;
  if (role == Qt::TextAlignmentRole) {
    const bool numeric = index.column() == Id || index.column() == Trainable || index.column() == Accuracy ||
                         index.column() == TrainLoss;
    return QVariant::fromValue(Qt::Alignment(numeric ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter));
  }
  if (role != Qt::DisplayRole && !sort) return {};
  switch (index.column()) {
    case Id:
      return sort ? QVariant(static_cast<qlonglong>(r.run.id)) : QVariant(QString::number(r.run.id));
    case Name:
      return QString::fromStdString(r.run.name);
    case Kind:
      return QString::fromStdString(r.run.kind);
    case Method:
      return r.method;
    case Status:
      return QString::fromStdString(store::toString(r.run.status));
    case Trainable:
      if (sort) return r.run.trainable_params ? QVariant(static_cast<qlonglong>(*r.run.trainable_params)) : QVariant(-1LL);
      return r.run.trainable_params ? QLocale().toString(static_cast<qlonglong>(*r.run.trainable_params)) : QString();
    case Accuracy:
      if (sort) return sortValue(r.accuracy);
      return r.accuracy ? QString::number(*r.accuracy, 'f', 4) : QString();
    case TrainLoss:
      if (sort) return sortValue(r.train_loss);
      return r.train_loss ? QString::number(*r.train_loss, 'f', 4) : QString();
    case Created:
      return QString::fromStdString(r.run.created_at).left(19).replace(QLatin1Char('T'), QLatin1Char(' '));
    default:
      return {};
  }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Id: return tr("ID");
    case Name: return tr("Name");
    case Kind: return tr("Kind");
    case Method: return tr("Method");
    case Status: return tr("Status");
    case Trainable: return tr("Trainable params");
    case Accuracy: return tr("Accuracy");
    case TrainLoss: return tr("Train loss");
    case Created: return tr("Created (UTC)");
    default: return {};
  }
}

}  // namespace pwb::ui
