#include "data_efficiency_chart.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>
#include <stdexcept>
#include <string>

#include <qcustomplot.h>

#include "chart_export.h"
#include "chart_style.h"
#include "eval/seed_summary.h"
#include "log_axis_ticker.h"
#include "run_colours.h"

namespace pwb::ui {

DataEfficiencyChart::DataEfficiencyChart(QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)), spread_(new QComboBox(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(6, 4, 6, 4);
  bar->addWidget(new QLabel(tr("Band:"), this));
  spread_->addItem(tr("min–max over seeds"), static_cast<int>(SpreadKind::MinMax));
  spread_->addItem(tr("mean ± 1 standard deviation"), static_cast<int>(SpreadKind::StandardDeviation));
  connect(spread_, &QComboBox::currentIndexChanged, this, &DataEfficiencyChart::redraw);
  bar->addWidget(spread_);
  bar->addStretch(1);
  auto* export_button = new QPushButton(tr("&Export…"), this);
  export_button->setToolTip(tr("Save the chart as a PNG image, an SVG drawing or a PDF document"));
  connect(export_button, &QPushButton::clicked, this,
          [this] { exportPlotsWithDialog(this, {plot_}, QStringLiteral("data-efficiency.png")); });
  bar->addWidget(export_button);
  layout->addLayout(bar);
  layout->addWidget(plot_, 1);
  plot_->setObjectName(QStringLiteral("DataEfficiencyPlot"));
  plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
  plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new LogAxisTicker));
  plot_->xAxis->setNumberFormat(QStringLiteral("g"));
  plot_->xAxis->setLabel(tr("training examples (log scale)"));
  plot_->legend->setVisible(true);
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  new PlotStyleFollower(*plot_);
}

void DataEfficiencyChart::setSeries(const QVector<DataEfficiencySeries>& series, const QString& metric_label) {
  // Summaries first, so bad input leaves the chart as it was.
  for (const auto& one : series) {
    for (const auto& point : one.points) {
      try {
        eval::summarizeSeeds(point.values);
      } catch (const std::invalid_argument& error) {
        throw std::invalid_argument("data-efficiency series '" + one.method.toStdString() + "' at " +
                                    std::to_string(point.training_examples) + " training examples: " + error.what());
      }
    }
  }
  series_ = series;
  plot_->yAxis->setLabel(metric_label);
  redraw();
}

void DataEfficiencyChart::setSpread(SpreadKind kind) { spread_->setCurrentIndex(spread_->findData(static_cast<int>(kind))); }

SpreadKind DataEfficiencyChart::spread() const { return static_cast<SpreadKind>(spread_->currentData().toInt()); }

void DataEfficiencyChart::redraw() {
  plot_->clearGraphs();
  lines_.clear();
  const bool min_max = spread() == SpreadKind::MinMax;
  QStringList methods;
  for (const auto& one : series_) methods.push_back(one.method);
  const auto colours = nameColours(methods);
  for (int i = 0; i < series_.size(); ++i) {
    const auto& one = series_[i];
    const QColor colour = colours[i];
    QColor band = colour;
    band.setAlpha(45);
    Lines lines{one.method, nullptr, plot_->addGraph(), plot_->addGraph()};
    lines.lower->setPen(Qt::NoPen);
    lines.lower->removeFromLegend();
    lines.upper->setPen(Qt::NoPen);
    lines.upper->setBrush(band);
    lines.upper->setChannelFillGraph(lines.lower);
    lines.upper->removeFromLegend();
    lines.mean = plot_->addGraph();
    lines.mean->setName(one.method);
    lines.mean->setPen(QPen(colour, 2.5));
    lines.mean->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, 7));
    for (const auto& point : one.points) {
      const auto summary = eval::summarizeSeeds(point.values);
      // One seed has no standard deviation: the band closes on the mean.
      const double sd = std::isfinite(summary.standard_deviation) ? summary.standard_deviation : 0.0;
      const double x = point.training_examples;
      lines.mean->addData(x, summary.mean);
      lines.lower->addData(x, min_max ? summary.min : summary.mean - sd);
      lines.upper->addData(x, min_max ? summary.max : summary.mean + sd);
    }
    lines_.push_back(lines);
  }
  plot_->rescaleAxes();
  plot_->xAxis->scaleRange(1.3);
  plot_->yAxis->scaleRange(1.1);
  plot_->replot();
}

const DataEfficiencyChart::Lines* DataEfficiencyChart::linesOf(const QString& method) const {
  for (const auto& lines : lines_) {
    if (lines.method == method) return &lines;
  }
  return nullptr;
}

QCPGraph* DataEfficiencyChart::meanGraph(const QString& method) const {
  const auto* lines = linesOf(method);
  return lines == nullptr ? nullptr : lines->mean;
}

QCPGraph* DataEfficiencyChart::lowerGraph(const QString& method) const {
  const auto* lines = linesOf(method);
  return lines == nullptr ? nullptr : lines->lower;
}

QCPGraph* DataEfficiencyChart::upperGraph(const QString& method) const {
  const auto* lines = linesOf(method);
  return lines == nullptr ? nullptr : lines->upper;
}

QString DataEfficiencyChart::exportTo(const QString& file) const { return exportPlots({plot_}, file); }

}  // namespace pwb::ui
