#include "metrics_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include "chart_export.h"
#include "metric_plot.h"
#include "run_legend.h"

namespace pwb::ui {
namespace {

constexpr double kDefaultSmoothing = 0.6;  // TensorBoard's default
constexpr int kSmoothingSteps = 99;        // slider 0…99 is weight 0.00…0.99

}  // namespace

MetricsView::MetricsView(QWidget* parent)
    : QWidget(parent),
      loss_(new MetricPlot(QStringLiteral("loss"), tr("loss"), tr("No loss points yet"), this)),
      accuracy_(new MetricPlot(QStringLiteral("accuracy"), tr("accuracy"),
                               tr("No accuracy points yet:\nevaluations of tuning and design\nruns appear here"), this)),
      legend_panel_(new QWidget(this)),
      legend_(new RunLegend(legend_panel_)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(createControls());
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->addWidget(loss_);
  splitter->addWidget(accuracy_);
  auto* legend_layout = new QVBoxLayout(legend_panel_);
  legend_layout->setContentsMargins(0, 0, 0, 0);
  legend_layout->addWidget(legend_, 1);
  auto* line_styles = new QLabel(tr("solid: training · dashed: validation and test"), legend_panel_);
  line_styles->setWordWrap(true);
  legend_layout->addWidget(line_styles);
  splitter->addWidget(legend_panel_);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 1);
  splitter->setStretchFactor(2, 0);
  splitter->setChildrenCollapsible(false);
  connect(legend_, &RunLegend::runVisibilityChanged, this, [this](qint64 run_id, bool visible) {
    loss_->setRunVisible(run_id, visible);
    accuracy_->setRunVisible(run_id, visible);
    scheduleRedraw();
  });
  layout->addWidget(splitter, 1);
  linkXAxes();
  redraw_timer_.setSingleShot(true);
  redraw_timer_.setInterval(kRedrawIntervalMs);
  connect(&redraw_timer_, &QTimer::timeout, this, &MetricsView::redraw);
  setSmoothing(kDefaultSmoothing);
}

QWidget* MetricsView::createControls() {
  auto* bar = new QWidget(this);
  auto* row = new QHBoxLayout(bar);
  row->setContentsMargins(6, 4, 6, 4);
  row->addWidget(new QLabel(tr("X axis:"), bar));
  x_axis_ = new QComboBox(bar);
  for (const auto kind : {XAxisKind::Step, XAxisKind::TokensSeen, XAxisKind::WallTime}) {
    x_axis_->addItem(xAxisLabel(kind), static_cast<int>(kind));
  }
  connect(x_axis_, &QComboBox::currentIndexChanged, this,
          [this] { setXAxisKind(static_cast<XAxisKind>(x_axis_->currentData().toInt())); });
  row->addWidget(x_axis_);
  row->addSpacing(12);
  row->addWidget(new QLabel(tr("Smoothing:"), bar));
  smoothing_ = new QSlider(Qt::Horizontal, bar);
  smoothing_->setRange(0, kSmoothingSteps);
  smoothing_->setMaximumWidth(180);
  smoothing_->setToolTip(tr("Exponential moving average weight, debiased as in TensorBoard; the raw curve stays faint behind"));
  smoothing_value_ = new QLabel(bar);
  smoothing_value_->setMinimumWidth(smoothing_value_->fontMetrics().horizontalAdvance(QStringLiteral("0.00")));
  connect(smoothing_, &QSlider::valueChanged, this, [this](int value) {
    const double weight = static_cast<double>(value) / 100.0;
    smoothing_value_->setText(QString::number(weight, 'f', 2));
    loss_->setSmoothing(weight);
    accuracy_->setSmoothing(weight);
    scheduleRedraw();
  });
  row->addWidget(smoothing_);
  row->addWidget(smoothing_value_);
  row->addSpacing(12);
  log_scale_ = new QCheckBox(tr("&Log scale"), bar);
  log_scale_->setToolTip(tr("Logarithmic y axes"));
  connect(log_scale_, &QCheckBox::toggled, this, [this](bool on) {
    loss_->setLogScale(on);
    accuracy_->setLogScale(on);
    loss_->rescaleValueAxis();
    accuracy_->rescaleValueAxis();
    scheduleRedraw();
  });
  row->addWidget(log_scale_);
  auto* show_legend = new QCheckBox(tr("Le&gend"), bar);
  show_legend->setObjectName(QStringLiteral("showLegend"));
  show_legend->setChecked(true);
  show_legend->setToolTip(tr("The list of runs beside the charts"));
  connect(show_legend, &QCheckBox::toggled, this, [this](bool on) { legend_panel_->setVisible(on); });
  row->addWidget(show_legend);
  row->addStretch(1);
  auto* reset = new QPushButton(tr("&Reset view"), bar);
  reset->setToolTip(tr("Show all points and follow new ones (or double-click a chart)"));
  connect(reset, &QPushButton::clicked, this, &MetricsView::resetView);
  row->addWidget(reset);
  auto* export_button = new QPushButton(tr("&Export…"), bar);
  export_button->setToolTip(tr("Save both charts as a PNG image, an SVG drawing or a PDF document"));
  connect(export_button, &QPushButton::clicked, this, &MetricsView::exportWithDialog);
  row->addWidget(export_button);
  return bar;
}

void MetricsView::linkXAxes() {
  auto link = [this](QCustomPlot* from, QCustomPlot* to) {
    connect(from->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), to, [to](const QCPRange& range) {
      if (to->xAxis->range() == range) return;
      to->xAxis->setRange(range);
      to->replot(QCustomPlot::rpQueuedReplot);
    });
    // The user took over the view: stop rescaling to new points until "Reset view".
    connect(from, &QCustomPlot::mousePress, this, &MetricsView::stopFollowing);
    connect(from, &QCustomPlot::mouseWheel, this, &MetricsView::stopFollowing);
    connect(from, &QCustomPlot::mouseDoubleClick, this, &MetricsView::resetView);
  };
  link(loss_->plot(), accuracy_->plot());
  link(accuracy_->plot(), loss_->plot());
}

void MetricsView::appendPoints(qint64 run_id, const QString& run_label, const std::vector<train::MetricPoint>& points) {
  bool any = false;
  for (const auto& point : points) {
    for (auto* plot : {loss_, accuracy_}) {
      if (point.name != plot->metric().toStdString()) continue;
      plot->append(run_id, run_label, point);
      legend_->addRun(run_id, run_label);
      ++total_points_;
      any = true;
    }
  }
  if (any) scheduleRedraw();
}

void MetricsView::setXAxisKind(XAxisKind kind) {
  const int index = x_axis_->findData(static_cast<int>(kind));
  if (x_axis_->currentIndex() != index) {
    x_axis_->setCurrentIndex(index);  // comes back here through the signal
    return;
  }
  loss_->setXAxisKind(kind);
  accuracy_->setXAxisKind(kind);
  resetView();  // the old range means nothing on the new axis
}

void MetricsView::setSmoothing(double weight) { smoothing_->setValue(static_cast<int>(std::lround(weight * 100.0))); }

double MetricsView::smoothing() const { return static_cast<double>(smoothing_->value()) / 100.0; }

void MetricsView::setLogScale(bool on) { log_scale_->setChecked(on); }

void MetricsView::resetView() {
  follows_data_ = true;
  scheduleRedraw();
}

int MetricsView::pointCount(qint64 run_id) const { return loss_->pointCount(run_id) + accuracy_->pointCount(run_id); }

void MetricsView::scheduleRedraw() {
  if (!redraw_timer_.isActive()) redraw_timer_.start();
}

void MetricsView::redraw() {
  loss_->updateGraphs();
  accuracy_->updateGraphs();
  if (follows_data_) {
    loss_->rescaleValueAxis();
    accuracy_->rescaleValueAxis();
    std::optional<QCPRange> keys = loss_->keyRange();
    if (const auto other = accuracy_->keyRange()) {
      keys = keys ? QCPRange(std::min(keys->lower, other->lower), std::max(keys->upper, other->upper)) : *other;
    }
    if (keys) {
      if (keys->size() <= 0.0) keys = QCPRange(keys->lower - 1.0, keys->upper + 1.0);
      loss_->plot()->xAxis->setRange(*keys);  // the link carries it to the accuracy plot
    }
  }
  loss_->plot()->replot(QCustomPlot::rpQueuedReplot);
  accuracy_->plot()->replot(QCustomPlot::rpQueuedReplot);
  ++replots_;
}

void MetricsView::redrawNow() {
  redraw_timer_.stop();
  redraw();
}

// An exported image has no list beside it: its plots draw their own legends while it is made.
class MetricsView::ExportLegends {
 public:
  explicit ExportLegends(const MetricsView& view) : plots_{view.loss_->plot(), view.accuracy_->plot()} {
    for (auto* plot : plots_) plot->legend->setVisible(plot->legend->itemCount() > 0);
  }
  ~ExportLegends() {
    for (auto* plot : plots_) {
      plot->legend->setVisible(false);
      plot->replot(QCustomPlot::rpQueuedReplot);
    }
  }
  ExportLegends(const ExportLegends&) = delete;
  ExportLegends& operator=(const ExportLegends&) = delete;

 private:
  std::vector<QCustomPlot*> plots_;
};

QString MetricsView::exportTo(const QString& file) {
  redrawNow();
  const ExportLegends legends(*this);
  return exportPlots({loss_->plot(), accuracy_->plot()}, file);
}

void MetricsView::exportWithDialog() {
  redrawNow();
  const ExportLegends legends(*this);
  exportPlotsWithDialog(this, {loss_->plot(), accuracy_->plot()}, QStringLiteral("training-curves.png"));
}

}  // namespace pwb::ui
