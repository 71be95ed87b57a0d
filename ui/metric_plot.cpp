#include "metric_plot.h"

#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "chart_style.h"
#include "ema.h"
#include "log_axis_ticker.h"
#include "run_colours.h"

namespace pwb::ui {
namespace {

constexpr double kTooltipRadiusPixels = 16.0;

}  // namespace

struct MetricPlot::Curve {
  qint64 run_id = 0;
  QString run_label;
  QString split;
  QVector<double> steps;
  QVector<double> tokens;
  QVector<double> seconds;
  QVector<double> values;
  QVector<double> smoothed;  // of values, as last drawn
  QCPGraph* raw = nullptr;
  QCPGraph* smooth = nullptr;
  bool dirty = false;
  bool hidden = false;
};

MetricPlot::MetricPlot(QString metric, const QString& value_label, const QString& empty_text, QWidget* parent)
    : QWidget(parent), metric_(std::move(metric)), plot_(new QCustomPlot(this)), empty_text_(new QCPItemText(plot_)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  plot_->setObjectName(metric_ + QStringLiteral("Plot"));
  plot_->xAxis->setLabel(xAxisLabel(x_kind_));
  plot_->yAxis->setLabel(value_label);
  plot_->yAxis->setRange(0.0, 1.0);  // until points arrive
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  empty_text_->position->setType(QCPItemPosition::ptAxisRectRatio);
  empty_text_->position->setCoords(0.5, 0.5);
  empty_text_->setText(empty_text);
  const auto* style = new PlotStyleFollower(*plot_);
  const auto colour_empty_text = [this] { empty_text_->setColor(palette().color(QPalette::PlaceholderText)); };
  colour_empty_text();
  connect(style, &PlotStyleFollower::restyled, this, colour_empty_text);
  plot_->setMouseTracking(true);
  connect(plot_, &QCustomPlot::mouseMove, this, &MetricPlot::showTooltip);
}

MetricPlot::~MetricPlot() = default;

MetricPlot::Curve* MetricPlot::findCurve(qint64 run_id, const QString& split) const {
  for (const auto& curve : curves_) {
    if (curve->run_id == run_id && curve->split == split) return curve.get();
  }
  return nullptr;
}

MetricPlot::Curve& MetricPlot::curveFor(qint64 run_id, const QString& run_label, const QString& split) {
  if (auto* found = findCurve(run_id, split)) return *found;
  auto curve = std::make_unique<Curve>();
  curve->run_id = run_id;
  curve->run_label = run_label;
  curve->split = split;
  const QColor colour = runColour(run_id);
  const Qt::PenStyle style = split == QStringLiteral("train") ? Qt::SolidLine : Qt::DashLine;
  QColor faint = colour;
  faint.setAlpha(70);
  curve->raw = plot_->addGraph();
  curve->raw->setPen(QPen(faint, 1, style));
  curve->raw->removeFromLegend();
  curve->smooth = plot_->addGraph();
  curve->smooth->setPen(QPen(colour, 2.5, style));
  curve->smooth->setName(QStringLiteral("%1 · %2").arg(run_label, split));
  empty_text_->setVisible(false);
  curves_.push_back(std::move(curve));
  return *curves_.back();
}

void MetricPlot::append(qint64 run_id, const QString& run_label, const train::MetricPoint& point) {
  auto& curve = curveFor(run_id, run_label, QString::fromStdString(point.split));
  curve.steps.push_back(static_cast<double>(point.step));
  curve.tokens.push_back(static_cast<double>(point.tokens_seen));
  curve.seconds.push_back(point.wall_seconds);
  curve.values.push_back(point.value);
  curve.dirty = true;
}

const QVector<double>& MetricPlot::keysOf(const Curve& curve) const {
  switch (x_kind_) {
    case XAxisKind::TokensSeen: return curve.tokens;
    case XAxisKind::WallTime: return curve.seconds;
    case XAxisKind::Step: break;
  }
  return curve.steps;
}

void MetricPlot::setXAxisKind(XAxisKind kind) {
  x_kind_ = kind;
  plot_->xAxis->setLabel(xAxisLabel(kind));
  for (auto& curve : curves_) curve->dirty = true;
}

void MetricPlot::setSmoothing(double weight) {
  smoothing_ = weight;
  for (auto& curve : curves_) curve->dirty = true;
}

void MetricPlot::setLogScale(bool on) {
  auto* axis = plot_->yAxis;
  axis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  axis->setTicker(on ? QSharedPointer<QCPAxisTicker>(new LogAxisTicker) : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
}

void MetricPlot::setRunVisible(qint64 run_id, bool visible) {
  for (auto& curve : curves_) {
    if (curve->run_id != run_id) continue;
    curve->hidden = !visible;
    curve->dirty = true;
  }
}

void MetricPlot::updateGraphs() {
  for (auto& curve : curves_) {
    if (!curve->dirty) continue;
    curve->dirty = false;
    curve->smoothed = debiasedEma(curve->values, smoothing_);
    const auto& keys = keysOf(*curve);
    curve->raw->setData(keys, curve->values, /*alreadySorted=*/true);
    curve->smooth->setData(keys, curve->smoothed, /*alreadySorted=*/true);
    curve->raw->setVisible(!curve->hidden && smoothing_ > 0.0);
    curve->smooth->setVisible(!curve->hidden);
    // A handful of points (evaluations) reads better with markers.
    curve->smooth->setScatterStyle(curve->values.size() <= 60 ? QCPScatterStyle(QCPScatterStyle::ssDisc, 5)
                                                              : QCPScatterStyle());
  }
}

std::optional<QCPRange> MetricPlot::keyRange() const {
  std::optional<QCPRange> range;
  for (const auto& curve : curves_) {
    const auto& keys = keysOf(*curve);
    if (keys.isEmpty()) continue;
    const QCPRange own(keys.front(), keys.back());
    range = range ? QCPRange(std::min(range->lower, own.lower), std::max(range->upper, own.upper)) : own;
  }
  return range;
}

void MetricPlot::rescaleValueAxis() {
  if (curves_.empty()) return;
  plot_->yAxis->rescale(/*onlyVisiblePlottables=*/true);
  plot_->yAxis->scaleRange(1.08);
}

int MetricPlot::pointCount(qint64 run_id) const {
  int count = 0;
  for (const auto& curve : curves_) {
    if (curve->run_id == run_id) count += static_cast<int>(curve->values.size());
  }
  return count;
}

QCPGraph* MetricPlot::rawGraph(qint64 run_id, const QString& split) const {
  const auto* curve = findCurve(run_id, split);
  return curve == nullptr ? nullptr : curve->raw;
}

QCPGraph* MetricPlot::smoothedGraph(qint64 run_id, const QString& split) const {
  const auto* curve = findCurve(run_id, split);
  return curve == nullptr ? nullptr : curve->smooth;
}

QString MetricPlot::tooltipAt(const QPointF& position) const {
  const auto* x_axis = plot_->xAxis;
  const auto* y_axis = plot_->yAxis;
  const double key = x_axis->pixelToCoord(position.x());
  const Curve* best_curve = nullptr;
  int best_index = -1;
  double best_distance = kTooltipRadiusPixels;
  for (const auto& curve : curves_) {
    const auto& keys = keysOf(*curve);
    if (curve->smoothed.size() != keys.size()) continue;  // not drawn yet
    const auto nearest = std::lower_bound(keys.begin(), keys.end(), key) - keys.begin();
    // Near in x is not near on screen when the curve is steep: check neighbours too.
    for (auto i = std::max<qsizetype>(0, nearest - 3); i < std::min<qsizetype>(keys.size(), nearest + 3); ++i) {
      const double x = x_axis->coordToPixel(keys[i]);
      for (const double value : {curve->values[i], curve->smoothed[i]}) {
        const double distance = std::hypot(x - position.x(), y_axis->coordToPixel(value) - position.y());
        if (distance < best_distance) {
          best_distance = distance;
          best_curve = curve.get();
          best_index = static_cast<int>(i);
        }
      }
    }
  }
  if (best_curve == nullptr) return {};
  const QLocale locale;
  const auto& c = *best_curve;
  QString text = tr("%1 (%2)\nstep %3 · %4 tokens · %5 s\n%6 %7")
                     .arg(c.run_label, c.split)
                     .arg(locale.toString(static_cast<qint64>(c.steps[best_index])))
                     .arg(locale.toString(static_cast<qint64>(c.tokens[best_index])))
                     .arg(locale.toString(c.seconds[best_index], 'f', 1))
                     .arg(metric_, locale.toString(c.values[best_index], 'g', 7));
  if (smoothing_ > 0.0) text += tr(" (smoothed %1)").arg(locale.toString(c.smoothed[best_index], 'g', 7));
  return text;
}

void MetricPlot::showTooltip(QMouseEvent* event) {
  const QString text = tooltipAt(event->position());
  if (text.isEmpty()) {
    QToolTip::hideText();
  } else {
    QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
  }
}

}  // namespace pwb::ui
