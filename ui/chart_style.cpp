#include "chart_style.h"

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
}

}  // namespace pwb::ui
