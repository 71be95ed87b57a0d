#pragma once
// Makes a QCustomPlot follow the widget palette (dark mode included) and font (presentation
// mode), as native widgets do: QCustomPlot keeps its own pens and fonts, set once when built.

#include <QObject>

class QCustomPlot;
class QFont;
class QPalette;

namespace pwb::ui {

void applyPalette(QCustomPlot& plot, const QPalette& palette);
// Axis labels, tick labels, the legend and its items, and text items, at the given font.
void applyFont(QCustomPlot& plot, const QFont& font);

// Watches a plot for palette and font changes (its own or the application's), applies them
// and replots; emits restyled() afterwards for what its owner colours itself.
class PlotStyleFollower : public QObject {
  Q_OBJECT
 public:
  explicit PlotStyleFollower(QCustomPlot& plot);

 Q_SIGNALS:
  void restyled();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QCustomPlot& plot_;
};

}  // namespace pwb::ui
