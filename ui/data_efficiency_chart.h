#pragma once
// A metric against training-set size (log x) for each method: the mean over seeds as a line
// with a band for the spread (min–max, or ± one standard deviation), from the seed summaries
// of core/eval.

#include <QString>
#include <QVector>
#include <QWidget>

#include <vector>

class QComboBox;
class QCustomPlot;
class QCPGraph;

namespace pwb::ui {

struct DataEfficiencyPoint {
  double training_examples = 0.0;
  std::vector<double> values;  // one per seed
};

struct DataEfficiencySeries {
  QString method;
  QVector<DataEfficiencyPoint> points;  // by training_examples
};

enum class SpreadKind { MinMax, StandardDeviation };

class DataEfficiencyChart : public QWidget {
  Q_OBJECT
 public:
  explicit DataEfficiencyChart(QWidget* parent = nullptr);

  // Throws std::invalid_argument (from summarizeSeeds) naming the method and size when a
  // point has no values or a non-finite one.
  void setSeries(const QVector<DataEfficiencySeries>& series, const QString& metric_label);
  void setSpread(SpreadKind kind);
  SpreadKind spread() const;

  QCustomPlot* plot() const { return plot_; }
  QCPGraph* meanGraph(const QString& method) const;
  QCPGraph* lowerGraph(const QString& method) const;
  QCPGraph* upperGraph(const QString& method) const;
  QString exportTo(const QString& file) const;

 private:
  struct Lines {
    QString method;
    QCPGraph* mean;
    QCPGraph* lower;
    QCPGraph* upper;
  };
  void redraw();
  const Lines* linesOf(const QString& method) const;

  QCustomPlot* plot_;
  QComboBox* spread_;
  QVector<DataEfficiencySeries> series_;
  std::vector<Lines> lines_;
};

}  // namespace pwb::ui
