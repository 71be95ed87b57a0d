#pragma once
// What one stored experiment found, as charts: accuracy against trainable parameters (the
// Pareto chart) beside accuracy against training-set size (data efficiency), for the
// experiment chosen in a list of the database's experiments. Data from
// core/experiment/experiment_results.h; read on the GUI thread like the run browser.

#include <QString>
#include <QWidget>
#include <cstdint>
#include <optional>

class QComboBox;
class QLabel;

namespace pwb::ui {

class DataEfficiencyChart;
class ParetoChart;

class ResultsView : public QWidget {
  Q_OBJECT

 public:
  explicit ResultsView(QWidget* parent = nullptr);

  void setDatabase(const QString& file);
  // False (and nothing changes) when the database has no such experiment.
  bool selectExperiment(std::int64_t experiment_id);
  std::optional<std::int64_t> selectedExperiment() const;
  int experimentCount() const;

  ParetoChart* paretoChart() const { return pareto_; }
  DataEfficiencyChart* efficiencyChart() const { return efficiency_; }
  QString summaryText() const;

 public Q_SLOTS:
  // Reads the experiment list again, keeping the selection, and redraws.
  void refresh();

 Q_SIGNALS:
  void experimentSelected(std::int64_t experiment_id);
  void errorOccurred(const QString& message);

 private:
  void showSelected();

  QString database_;
  QComboBox* experiments_;
  QLabel* summary_;
  ParetoChart* pareto_;
  DataEfficiencyChart* efficiency_;
};

}  // namespace pwb::ui
