#include "chart_style.h"

#include <QEvent>
#include <QPalette>

#include <qcustomplot.h>

namespace pwb::ui {

void applyPalette(QCustomPlot& plot, const QPalette& palette) {
  const QColor text = palette.color(QPalette::Text);
  QColor grid = text;
  grid.setAlpha(40);
  plot.setBackground(palette.base());
  for (auto* axis : plot.axisRect()->axes()) {
    axis->setBasePen(QPen(text, 1));
    axis->setTickPen(QPen(text, 1));
    axis->setSubTickPen(QPen(text, 1));
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    axis->grid()->setSubGridPen(Qt::NoPen);
  }
  plot.legend->setBrush(palette.base());
  plot.legend->setBorderPen(QPen(grid, 1));
  plot.legend->setTextColor(text);
  for (int i = 0; i < plot.legend->itemCount(); ++i) plot.legend->item(i)->setTextColor(text);
}

void applyFont(QCustomPlot& plot, const QFont& font) {
  for (auto* axis : plot.axisRect()->axes()) {
    axis->setLabelFont(font);
    axis->setTickLabelFont(font);
    axis->setSelectedLabelFont(font);
    axis->setSelectedTickLabelFont(font);
  }
  plot.legend->setFont(font);
  for (int i = 0; i < plot.legend->itemCount(); ++i) plot.legend->item(i)->setFont(font);
  for (int i = 0; i < plot.itemCount(); ++i) {
    if (auto* text = qobject_cast<QCPItemText*>(plot.item(i))) text->setFont(font);
  }
}

PlotStyleFollower::PlotStyleFollower(QCustomPlot& plot) : QObject(&plot), plot_(plot) {
  plot.installEventFilter(this);
  applyPalette(plot, plot.palette());
  applyFont(plot, plot.font());
}

bool PlotStyleFollower::eventFilter(QObject* watched, QEvent* event) {
  // The application-wide events arrive before the widget has taken the new value; the
  // widget's own PaletteChange / FontChange follow once it has.
  if (watched == &plot_ && (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)) {
    applyPalette(plot_, plot_.palette());
    applyFont(plot_, plot_.font());
    Q_EMIT restyled();
    plot_.replot();
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace pwb::ui
