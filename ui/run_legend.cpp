#include "run_legend.h"

#include <QPainter>
#include <QPixmap>

#include "run_colours.h"

namespace pwb::ui {
namespace {

constexpr int kRunIdRole = Qt::UserRole;
constexpr int kColourRole = Qt::UserRole + 1;

QIcon swatch(const QColor& colour, int size) {
  QPixmap pixmap(size * 2, size);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(QPen(colour, std::max(2, size / 4), Qt::SolidLine, Qt::RoundCap));
  painter.drawLine(QPointF(2, size / 2.0), QPointF(size * 2 - 2, size / 2.0));
  return QIcon(pixmap);
}

}  // namespace

RunLegend::RunLegend(QWidget* parent) : QListWidget(parent) {
  setObjectName(QStringLiteral("runLegend"));
  setSelectionMode(QAbstractItemView::NoSelection);
  setUniformItemSizes(true);
  setTextElideMode(Qt::ElideRight);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // long labels are elided, not scrolled
  setToolTip(tr("Every run in the charts, in its colour; untick a run to hide its curves"));
  connect(this, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
    Q_EMIT runVisibilityChanged(item->data(kRunIdRole).toLongLong(), item->checkState() == Qt::Checked);
  });
}

void RunLegend::addRun(qint64 run_id, const QString& label) {
  if (rowOf(run_id) >= 0) return;
  const QColor colour = runColour(run_id);
  auto* item = new QListWidgetItem(swatch(colour, fontMetrics().height()), label);
  item->setData(kRunIdRole, run_id);
  item->setData(kColourRole, colour);
  item->setToolTip(tr("run %1: %2").arg(run_id).arg(label));
  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
  item->setCheckState(Qt::Checked);
  const QSignalBlocker quiet(this);  // a new row is no visibility change
  addItem(item);
}

int RunLegend::rowOf(qint64 run_id) const {
  for (int row = 0; row < count(); ++row) {
    if (item(row)->data(kRunIdRole).toLongLong() == run_id) return row;
  }
  return -1;
}

QColor RunLegend::colourAt(int row) const { return item(row)->data(kColourRole).value<QColor>(); }

QSize RunLegend::sizeHint() const {
  // Wide enough for a typical run label; long ones are elided in the middle.
  return {fontMetrics().horizontalAdvance(QLatin1Char('x')) * 28, QListWidget::sizeHint().height()};
}

}  // namespace pwb::ui
