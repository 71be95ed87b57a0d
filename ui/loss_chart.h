#pragma once
// A live loss plot (QCustomPlot): one graph per run with a stable colour, points appended as
// they arrive, redrawn at most a few times a second however fast steps come.

#include <QHash>
#include <QTimer>
#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace pwb::ui {

class LossChart : public QWidget {
  Q_OBJECT
 public:
  explicit LossChart(QWidget* parent = nullptr);

  void appendPoints(qint64 run_id, const QString& label, const QVector<double>& steps,
                    const QVector<double>& values);
  int pointCount(qint64 run_id) const;
  int totalPointCount() const;
  int replotCount() const { return replots_; }
  QCustomPlot* plot() const { return plot_; }

 private:
  QCPGraph* graphFor(qint64 run_id, const QString& label);
  void replotIfDirty();

  QCustomPlot* plot_;
  QHash<qint64, QCPGraph*> graphs_;
  QTimer replot_timer_;
  bool dirty_ = false;
  int replots_ = 0;
};

}  // namespace pwb::ui
