#pragma once
// Accuracy against trainable parameters (log x): every tuning run a labelled point, every
// prompt-design run (no trainable parameters, so no place on a log axis) a labelled horizontal
// line, and the Pareto front — the runs nothing beats on both — drawn as a bold staircase.
// Labels that would overlap (runs at equal or close accuracy) are moved apart vertically each
// time the plot is laid out, so they stay apart through zooming and resizing.

#include <QString>
#include <QVector>
#include <QWidget>

#include <optional>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPItemText;

namespace pwb::ui {

struct ParetoEntry {
  QString label;
  double trainable_parameters = 0.0;  // 0 for a prompt-design run
  double accuracy = 0.0;
  // A confidence interval of the accuracy, drawn as an error bar when given.
  std::optional<double> lower;
  std::optional<double> upper;
};

class ParetoChart : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kMaxLegendEntries = 8;

  explicit ParetoChart(QWidget* parent = nullptr);

  void setEntries(const QVector<ParetoEntry>& entries, std::optional<double> chance_level = std::nullopt);
  // Indices into the entries on the front, by parameters.
  const std::vector<std::size_t>& front() const { return front_; }
  QCustomPlot* plot() const { return plot_; }
  QCPGraph* frontGraph() const { return front_graph_; }
  QString exportTo(const QString& file) const;
  // Where every label is drawn, in the plot's pixels, as of the last replot.
  QVector<QRectF> labelRects() const;

 private:
  struct Label {
    QCPItemText* item;
    double accuracy;  // where it belongs on the y axis
  };
  QCPItemText* addLabel(double accuracy);
  // Each label back at its accuracy, then, from the bottom up, moved up clear of those below it.
  void separateLabels();
  void drawDesignLine(const ParetoEntry& entry, const QColor& colour, bool on_front);
  void drawHorizontalLine(double accuracy, const QPen& pen, const QString& text);

  QCustomPlot* plot_;
  QCPGraph* front_graph_ = nullptr;
  std::vector<std::size_t> front_;
  QVector<ParetoEntry> entries_;
  std::vector<Label> labels_;
  std::optional<double> chance_level_;
};

}  // namespace pwb::ui
