#include "pareto_chart.h"

#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "chart_export.h"
#include "chart_style.h"
#include "eval/pareto.h"
#include "log_axis_ticker.h"
#include "run_colours.h"

namespace pwb::ui {
namespace {

constexpr double kLabelGapPixels = 1.0;

// A run's label goes above and right of its point, clear of the marker, its error bar and the
// front's line; where that would run past the plot's right edge, above and left of it instead.
void placeBesidePoint(QCPItemText& label, const QRect& plot_area) {
  label.setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
  label.setPadding(QMargins(10, 0, 0, 4));
  if (label.bottomRight->pixelPosition().x() <= plot_area.right()) return;
  label.setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
  label.setPadding(QMargins(0, 0, 10, 4));
}

}  // namespace

ParetoChart::ParetoChart(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* export_button = new QPushButton(tr("&Export…"), this);
  export_button->setToolTip(tr("Save the chart as a PNG image, an SVG drawing or a PDF document"));
  connect(export_button, &QPushButton::clicked, this,
          [this] { exportPlotsWithDialog(this, {plot_}, QStringLiteral("pareto.png")); });
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(6, 4, 6, 4);
  bar->addStretch(1);
  bar->addWidget(export_button);
  layout->addLayout(bar);
  layout->addWidget(plot_, 1);
  plot_->setObjectName(QStringLiteral("ParetoPlot"));
  plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
  plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new LogAxisTicker));
  plot_->xAxis->setNumberFormat(QStringLiteral("g"));
  plot_->xAxis->setLabel(tr("trainable parameters (log scale)"));
  plot_->yAxis->setLabel(tr("accuracy"));
  plot_->legend->setVisible(true);
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  // The front and the labels are drawn in the text colour: a new palette redraws them.
  const auto* style = new PlotStyleFollower(*plot_);
  connect(style, &PlotStyleFollower::restyled, this, [this] {
    if (!entries_.isEmpty()) setEntries(entries_, chance_level_);
  });
  connect(plot_, &QCustomPlot::afterLayout, this, &ParetoChart::separateLabels);
  // Labels above every line and point.
  plot_->addLayer(QStringLiteral("labels"), plot_->layer(QStringLiteral("main")), QCustomPlot::limAbove);
}

QCPItemText* ParetoChart::addLabel(double accuracy) {
  auto* label = new QCPItemText(plot_);
  label->setLayer(QStringLiteral("labels"));
  labels_.push_back({label, accuracy});
  return label;
}

void ParetoChart::separateLabels() {
  struct Placed {
    Label label;
    QRectF rect;
  };
  std::vector<Placed> order;
  for (const auto& label : labels_) {
    auto* position = label.item->position;
    position->setCoords(position->coords().x(), label.accuracy);
    if (position->typeX() == QCPItemPosition::ptPlotCoords) placeBesidePoint(*label.item, plot_->axisRect()->rect());
    order.push_back({label, QRectF(label.item->topLeft->pixelPosition(), label.item->bottomRight->pixelPosition())});
  }
  std::stable_sort(order.begin(), order.end(), [](const Placed& a, const Placed& b) { return a.rect.bottom() > b.rect.bottom(); });
  auto* y_axis = plot_->yAxis;
  for (std::size_t i = 0; i < order.size(); ++i) {
    auto& rect = order[i].rect;
    const double natural_bottom = rect.bottom();
    // Each move goes up past one placed label; after as many moves as there are, none is left.
    for (std::size_t moves = 0; moves < i; ++moves) {
      const auto hit = std::find_if(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(i),
                                    [&rect](const Placed& placed) { return placed.rect.intersects(rect); });
      if (hit == order.begin() + static_cast<std::ptrdiff_t>(i)) break;
      rect.moveBottom(hit->rect.top() - kLabelGapPixels);
    }
    if (rect.bottom() != natural_bottom) {
      auto* position = order[i].label.item->position;
      const double anchor = y_axis->coordToPixel(order[i].label.accuracy) + (rect.bottom() - natural_bottom);
      position->setCoords(position->coords().x(), y_axis->pixelToCoord(anchor));
    }
  }
}

QVector<QRectF> ParetoChart::labelRects() const {
  QVector<QRectF> rects;
  for (const auto& label : labels_) rects.push_back(QRectF(label.item->topLeft->pixelPosition(), label.item->bottomRight->pixelPosition()));
  return rects;
}

void ParetoChart::drawHorizontalLine(double accuracy, const QPen& pen, const QString& text) {
  auto* line = new QCPItemStraightLine(plot_);
  line->point1->setTypeY(QCPItemPosition::ptPlotCoords);
  line->point1->setTypeX(QCPItemPosition::ptAxisRectRatio);
  line->point2->setTypeY(QCPItemPosition::ptPlotCoords);
  line->point2->setTypeX(QCPItemPosition::ptAxisRectRatio);
  line->point1->setCoords(0.0, accuracy);
  line->point2->setCoords(1.0, accuracy);
  line->setPen(pen);
  auto* label = addLabel(accuracy);
  label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
  label->position->setTypeY(QCPItemPosition::ptPlotCoords);
  label->position->setCoords(0.01, accuracy);
  label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
  // On the background colour: another line that passes under a moved label does not strike its
  // text through.
  QColor background = palette().color(QPalette::Base);
  background.setAlpha(220);
  label->setBrush(background);
  label->setText(text);
  label->setColor(pen.color());
  label->setClipToAxisRect(true);
}

void ParetoChart::drawDesignLine(const ParetoEntry& entry, const QColor& colour, bool on_front) {
  drawHorizontalLine(entry.accuracy, QPen(colour, on_front ? 2.5 : 1.5, Qt::DashLine),
                     tr("%1 (prompt design) %2").arg(entry.label).arg(entry.accuracy, 0, 'f', 3));
}

void ParetoChart::setEntries(const QVector<ParetoEntry>& entries, std::optional<double> chance_level) {
  entries_ = entries;
  chance_level_ = chance_level;
  plot_->clearPlottables();
  plot_->clearItems();
  labels_.clear();
  std::vector<eval::ParetoCandidate> candidates;
  QStringList labels;
  for (const auto& entry : entries) {
    candidates.push_back({entry.trainable_parameters, entry.accuracy});
    labels.push_back(entry.label);
  }
  const auto colours = nameColours(labels);
  front_ = eval::paretoFront(candidates);
  const auto on_front = [this](std::size_t index) {
    return std::find(front_.begin(), front_.end(), index) != front_.end();
  };

  double low_accuracy = chance_level.value_or(1.0);
  double high_accuracy = chance_level.value_or(0.0);
  double fewest = 0.0;
  double most = 0.0;
  // The front in the text colour, apart from the palette the runs are drawn in.
  const QColor text_colour = palette().color(QPalette::Text);
  for (int i = 0; i < entries.size(); ++i) {
    const auto& entry = entries[i];
    low_accuracy = std::min(low_accuracy, entry.lower.value_or(entry.accuracy));
    high_accuracy = std::max(high_accuracy, entry.upper.value_or(entry.accuracy));
    if (entry.trainable_parameters <= 0.0) {
      const bool front = on_front(static_cast<std::size_t>(i));
      drawDesignLine(entry, front ? text_colour : colours[i], front);
      continue;
    }
    fewest = fewest == 0.0 ? entry.trainable_parameters : std::min(fewest, entry.trainable_parameters);
    most = std::max(most, entry.trainable_parameters);
    // One graph per run: its own colour, legend entry and error bar.
    auto* graph = plot_->addGraph();
    const QColor colour = colours[i];
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, 9));
    graph->setPen(QPen(colour));
    graph->setName(entry.label);
    graph->addData(entry.trainable_parameters, entry.accuracy);
    if (entry.lower && entry.upper) {
      auto* bars = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
      bars->setDataPlottable(graph);
      bars->setPen(QPen(colour, 1.5));
      bars->addData(entry.accuracy - *entry.lower, *entry.upper - entry.accuracy);
      bars->removeFromLegend();
    }
    auto* label = addLabel(entry.accuracy);
    label->position->setCoords(entry.trainable_parameters, entry.accuracy);  // placed beside it at each layout
    label->setText(tr("%1 %2").arg(entry.label).arg(entry.accuracy, 0, 'f', 3));
    label->setColor(text_colour);
  }

  // The front among tuning runs: a staircase, since between two front runs the best one can
  // have for the parameters is the cheaper run's accuracy.
  front_graph_ = plot_->addGraph();
  front_graph_->setName(tr("Pareto front"));
  front_graph_->setLineStyle(QCPGraph::lsStepLeft);
  front_graph_->setPen(QPen(text_colour, 2.5));
  front_graph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(text_colour, 2), Qt::NoBrush, 16));
  for (const auto index : front_) {
    const auto& entry = entries[static_cast<int>(index)];
    if (entry.trainable_parameters > 0.0) front_graph_->addData(entry.trainable_parameters, entry.accuracy);
  }
  if (chance_level) {
    drawHorizontalLine(*chance_level, QPen(text_colour, 1, Qt::DotLine), tr("chance %1").arg(*chance_level, 0, 'f', 3));
  }

  if (most > 0.0) {
    // Room on the right for the labels of the biggest runs, and an empty band on the left
    // (about a quarter of the width) where the design lines' labels cross no run.
    const double upper = most * 8.0;
    const double left_band_decades = std::max(1.0, 0.3 * std::log10(upper / fewest));
    plot_->xAxis->setRange(fewest / std::pow(10.0, left_band_decades), upper);
  } else {
    plot_->xAxis->setRange(1.0, 1e6);
  }
  const double margin = std::max(0.02, (high_accuracy - low_accuracy) * 0.1);
  plot_->yAxis->setRange(std::max(0.0, low_accuracy - margin), std::min(1.0, high_accuracy + margin));
  // Every point is labelled beside it; a legend of many runs would only cover them.
  plot_->legend->setVisible(entries.size() <= kMaxLegendEntries);
  applyFont(*plot_, plot_->font());  // the labels just made
  plot_->replot();
}

QString ParetoChart::exportTo(const QString& file) const { return exportPlots({plot_}, file); }

}  // namespace pwb::ui
