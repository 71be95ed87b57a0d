#pragma once
// Loss and accuracy side by side, live: points of any number of runs go in as they arrive and
// the two plots (x axes linked: zooming or panning one moves the other) are redrawn at most
// a few times a second however fast they come. Controls: x axis by step / tokens seen / wall
// time, EMA smoothing, log-scale y, reset view, export to PNG, SVG or PDF. The runs are listed
// beside the plots (RunLegend), not over them, so that many runs leave the curves in view.

#include <QTimer>
#include <QWidget>

#include <vector>

#include "train/progress.h"
#include "x_axis_kind.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;

namespace pwb::ui {

class MetricPlot;
class RunLegend;

class MetricsView : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kRedrawIntervalMs = 250;

  explicit MetricsView(QWidget* parent = nullptr);

  // Points named "loss" go to the loss plot, "accuracy" to the accuracy plot; others are
  // not plotted here.
  void appendPoints(qint64 run_id, const QString& run_label, const std::vector<train::MetricPoint>& points);

  void setXAxisKind(XAxisKind kind);
  // EMA weight in [0, 0.99].
  void setSmoothing(double weight);
  double smoothing() const;
  void setLogScale(bool on);
  // Back to showing all data, following new points.
  void resetView();
  bool followsData() const { return follows_data_; }
  // Both plots, side by side, at their on-screen size; empty string or the error.
  QString exportTo(const QString& file);

  MetricPlot* lossPlot() const { return loss_; }
  MetricPlot* accuracyPlot() const { return accuracy_; }
  RunLegend* legend() const { return legend_; }
  int pointCount(qint64 run_id) const;
  int totalPointCount() const { return total_points_; }
  int replotCount() const { return replots_; }

 public Q_SLOTS:
  void exportWithDialog();

 private:
  class ExportLegends;
  QWidget* createControls();
  void linkXAxes();
  void scheduleRedraw();
  void redraw();
  // Draws what is pending now instead of at the next tick.
  void redrawNow();
  void stopFollowing() { follows_data_ = false; }

  MetricPlot* loss_;
  MetricPlot* accuracy_;
  QWidget* legend_panel_;
  RunLegend* legend_;
  QComboBox* x_axis_ = nullptr;
  QSlider* smoothing_ = nullptr;
  QLabel* smoothing_value_ = nullptr;
  QCheckBox* log_scale_ = nullptr;
  QTimer redraw_timer_;
  bool follows_data_ = true;
  int total_points_ = 0;
  int replots_ = 0;
};

}  // namespace pwb::ui
