#pragma once
// The runs of the training curves as a list beside the plots, instead of a legend drawn over
// them: one row per run with its colour (the colour the run has in every chart) and a check box
// that shows or hides its curves. Scrolls when there are many runs.

#include <QListWidget>

namespace pwb::ui {

class RunLegend : public QListWidget {
  Q_OBJECT
 public:
  explicit RunLegend(QWidget* parent = nullptr);

  // A run's row, added the first time the run is named; later calls change nothing.
  void addRun(qint64 run_id, const QString& label);
  int rowOf(qint64 run_id) const;
  // The colour the row shows, for tests and for what the row stands for.
  QColor colourAt(int row) const;

  QSize sizeHint() const override;

 Q_SIGNALS:
  void runVisibilityChanged(qint64 run_id, bool visible);
};

}  // namespace pwb::ui
