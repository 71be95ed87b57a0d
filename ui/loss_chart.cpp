#include "loss_chart.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

namespace pwb::ui {
namespace {

// Colours that stay distinguishable and stable per run (by run id, not by arrival order).
QColor runColour(qint64 run_id) {
  static const QColor palette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                   QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                   QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f)};
  return palette[static_cast<std::size_t>(run_id) % (sizeof(palette) / sizeof(palette[0]))];
}

}  // namespace

LossChart::LossChart(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  plot_->xAxis->setLabel(tr("step"));
  plot_->yAxis->setLabel(tr("training loss"));
  plot_->legend->setVisible(true);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->setBackground(palette().base());
  for (auto* axis : {plot_->xAxis, plot_->yAxis}) {
    axis->setBasePen(QPen(palette().text(), 1));
    axis->setTickPen(QPen(palette().text(), 1));
    axis->setSubTickPen(QPen(palette().text(), 1));
    axis->setTickLabelColor(palette().text().color());
    axis->setLabelColor(palette().text().color());
  }
  plot_->legend->setBrush(palette().base());
  plot_->legend->setTextColor(palette().text().color());
  replot_timer_.setInterval(100);  // at most 10 redraws a second
  connect(&replot_timer_, &QTimer::timeout, this, &LossChart::replotIfDirty);
  replot_timer_.start();
}

QCPGraph* LossChart::graphFor(qint64 run_id, const QString& label) {
  if (auto found = graphs_.find(run_id); found != graphs_.end()) return found.value();
  auto* graph = plot_->addGraph();
  graph->setName(label);
  graph->setPen(QPen(runColour(run_id), 2));
  graphs_.insert(run_id, graph);
  return graph;
}

void LossChart::appendPoints(qint64 run_id, const QString& label, const QVector<double>& steps,
                             const QVector<double>& values) {
  graphFor(run_id, label)->addData(steps, values, /*alreadySorted=*/true);
  dirty_ = true;
}

int LossChart::pointCount(qint64 run_id) const {
  const auto found = graphs_.find(run_id);
  return found == graphs_.end() ? 0 : found.value()->dataCount();
}

int LossChart::totalPointCount() const {
  int total = 0;
  for (const auto* graph : graphs_) total += graph->dataCount();
  return total;
}

void LossChart::replotIfDirty() {
  if (!dirty_) return;
  dirty_ = false;
  plot_->rescaleAxes();
  plot_->replot(QCustomPlot::rpQueuedReplot);
  ++replots_;
}

}  // namespace pwb::ui
