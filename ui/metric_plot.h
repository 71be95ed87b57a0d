#pragma once
// One metric (loss, accuracy, …) of many runs on one QCustomPlot: per run and split a faint
// raw curve with the smoothed curve bold on top, coloured by run id, validation dashed. It
// stores every point; graphs are rebuilt from them by updateGraphs(), so whoever owns the
// plot decides how often that happens. Hovering shows the nearest point's exact values. The plot
// draws no legend of its own (a legend of many runs covers the curves): its owner lists the runs
// beside it; the graphs keep their names for an exported image's legend.

#include <QVector>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

#include "train/progress.h"
#include "x_axis_kind.h"

class QCustomPlot;
class QCPGraph;
class QCPItemText;
class QMouseEvent;
class QCPRange;

namespace pwb::ui {

class MetricPlot : public QWidget {
  Q_OBJECT
 public:
  // empty_text is shown in the middle of the plot while it has no points.
  MetricPlot(QString metric, const QString& value_label, const QString& empty_text, QWidget* parent = nullptr);
  ~MetricPlot() override;

  const QString& metric() const { return metric_; }
  // point.name must be metric(); points of one curve arrive in step order.
  void append(qint64 run_id, const QString& run_label, const train::MetricPoint& point);

  void setXAxisKind(XAxisKind kind);
  // EMA weight in [0, 1); 0 draws the raw curves only.
  void setSmoothing(double weight);
  void setLogScale(bool on);
  // Shows or hides every curve of a run (the legend's check boxes).
  void setRunVisible(qint64 run_id, bool visible);

  // Rebuilds the graphs of curves that changed since the last call.
  void updateGraphs();
  // The x extent of every point; empty while there are none.
  std::optional<QCPRange> keyRange() const;
  void rescaleValueAxis();

  QCustomPlot* plot() const { return plot_; }
  int pointCount(qint64 run_id) const;
  int curveCount() const { return static_cast<int>(curves_.size()); }
  QCPGraph* rawGraph(qint64 run_id, const QString& split) const;
  QCPGraph* smoothedGraph(qint64 run_id, const QString& split) const;
  // What hovering at this widget position of plot() shows; empty when no point is near.
  QString tooltipAt(const QPointF& position) const;

 private:
  struct Curve;
  Curve* findCurve(qint64 run_id, const QString& split) const;
  Curve& curveFor(qint64 run_id, const QString& run_label, const QString& split);
  const QVector<double>& keysOf(const Curve& curve) const;
  void showTooltip(QMouseEvent* event);

  QString metric_;
  QCustomPlot* plot_;
  QCPItemText* empty_text_;
  std::vector<std::unique_ptr<Curve>> curves_;
  XAxisKind x_kind_ = XAxisKind::Step;
  double smoothing_ = 0.0;
};

}  // namespace pwb::ui
