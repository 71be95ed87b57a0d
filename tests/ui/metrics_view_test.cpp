// The metrics view offscreen: points reach the right graphs in the right colours, a burst of
// points is drawn a bounded number of times, the smoothed curve is the EMA, the x axes are
// linked, the log toggle, tooltips, exported files, and the runs listed beside the plots so
// that many runs leave the curves in view.

#include <QCheckBox>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include "log_axis_ticker.h"
#include "metric_plot.h"
#include "metrics_view.h"
#include "run_colours.h"
#include "run_legend.h"

using pwb::train::MetricPoint;
using pwb::ui::MetricPlot;
using pwb::ui::MetricsView;
using pwb::ui::XAxisKind;

namespace {

const QString kTrain = QStringLiteral("train");
const QString kValidation = QStringLiteral("validation");

// Step s of a made-up curve: 64 tokens a step, 0.5 s a step.
MetricPoint point(std::int64_t step, const char* split, const char* name, double value) {
  return {step, split, name, value, 0.5 * static_cast<double>(step), 64 * step};
}

std::vector<MetricPoint> lossCurve(std::initializer_list<double> values) {
  std::vector<MetricPoint> points;
  std::int64_t step = 0;
  for (const double value : values) points.push_back(point(++step, "train", "loss", value));
  return points;
}

QVector<double> valuesOf(const QCPGraph* graph) {
  QVector<double> values;
  for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) values.push_back(it->value);
  return values;
}

QVector<double> keysOf(const QCPGraph* graph) {
  QVector<double> keys;
  for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) keys.push_back(it->key);
  return keys;
}

QByteArray head(const QString& file, int bytes) {
  QFile in(file);
  return in.open(QIODevice::ReadOnly) ? in.read(bytes) : QByteArray();
}

}  // namespace

class MetricsViewTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void pointsReachTheRightGraphs() {
    MetricsView view;
    view.appendPoints(3, QStringLiteral("lora"),
                      {point(1, "train", "loss", 2.0), point(2, "train", "loss", 1.5), point(2, "validation", "loss", 1.8),
                       point(2, "validation", "accuracy", 0.61), point(2, "train", "grad_norm", 9.0)});
    view.appendPoints(5, QStringLiteral("prefix"), {point(1, "train", "loss", 3.0)});
    QTRY_COMPARE(view.replotCount(), 1);
    const auto* loss = view.lossPlot();
    const auto* accuracy = view.accuracyPlot();
    QCOMPARE(loss->curveCount(), 3);  // run 3 train, run 3 validation, run 5 train
    QCOMPARE(accuracy->curveCount(), 1);
    QCOMPARE(valuesOf(loss->rawGraph(3, kTrain)), (QVector<double>{2.0, 1.5}));
    QCOMPARE(valuesOf(loss->rawGraph(3, kValidation)), (QVector<double>{1.8}));
    QCOMPARE(valuesOf(accuracy->rawGraph(3, kValidation)), (QVector<double>{0.61}));
    QCOMPARE(valuesOf(loss->rawGraph(5, kTrain)), (QVector<double>{3.0}));
    QVERIFY(accuracy->rawGraph(5, kTrain) == nullptr);
    QCOMPARE(view.pointCount(3), 4);  // grad_norm is not plotted here
    QCOMPARE(view.totalPointCount(), 5);
    // Colour by run id, the same in both plots; validation dashed; the legend names the run.
    QCOMPARE(loss->smoothedGraph(3, kTrain)->pen().color(), pwb::ui::runColour(3));
    QCOMPARE(accuracy->smoothedGraph(3, kValidation)->pen().color(), pwb::ui::runColour(3));
    QVERIFY(loss->smoothedGraph(5, kTrain)->pen().color() != pwb::ui::runColour(3));
    QCOMPARE(loss->smoothedGraph(3, kValidation)->pen().style(), Qt::DashLine);
    QCOMPARE(loss->smoothedGraph(3, kTrain)->name(), QStringLiteral("lora · train"));
    QVERIFY(loss->plot()->legend->hasItemWithPlottable(loss->smoothedGraph(3, kTrain)));
    QVERIFY(!loss->plot()->legend->hasItemWithPlottable(loss->rawGraph(3, kTrain)));
  }

  void twelveRunsAreListedBesideThePlots() {
    MetricsView view;
    view.resize(1100, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // Listed in the order they arrive, with long labels, as the method ladder's runs are.
    std::vector<qint64> ids;
    for (qint64 id = 40; id > 28; --id) ids.push_back(id);
    for (const auto id : ids) {
      const auto label = QStringLiteral("run %1 · prefix tuning · n=256 · seed 0").arg(id);
      view.appendPoints(id, label, {point(1, "train", "loss", 2.0), point(2, "train", "loss", 1.0 + 0.01 * id),
                                    point(2, "validation", "accuracy", 0.5 + 0.01 * (id - 28))});
    }
    QTRY_VERIFY(view.replotCount() >= 1);
    auto* legend = view.legend();
    QCOMPARE(legend->count(), 12);
    for (std::size_t row = 0; row < ids.size(); ++row) {
      // A run keeps the colour its curves have, whatever its row.
      QCOMPARE(legend->colourAt(static_cast<int>(row)), pwb::ui::runColour(ids[row]));
      QCOMPARE(view.lossPlot()->smoothedGraph(ids[row], kTrain)->pen().color(), pwb::ui::runColour(ids[row]));
    }
    QCOMPARE(legend->rowOf(35), 5);
    // No legend inside either plot; each plot's axis rect keeps more than a quarter of the view
    // and the list less than a quarter.
    const double view_area = view.width() * view.height();
    for (auto* plot : {view.lossPlot()->plot(), view.accuracyPlot()->plot()}) {
      QVERIFY(!plot->legend->visible());
      const auto rect = plot->axisRect()->rect();
      QVERIFY2(rect.width() * rect.height() > 0.25 * view_area,
               qPrintable(QStringLiteral("axis rect %1×%2 of a %3×%4 view").arg(rect.width()).arg(rect.height())
                              .arg(view.width()).arg(view.height())));
    }
    QVERIFY2(legend->parentWidget()->width() < view.width() / 4, qPrintable(QString::number(legend->parentWidget()->width())));
    // Unticking a run hides its curves in both plots; the value axis then fits the others.
    legend->item(legend->rowOf(40))->setCheckState(Qt::Unchecked);
    QTRY_VERIFY(!view.lossPlot()->smoothedGraph(40, kTrain)->visible());
    QVERIFY(!view.accuracyPlot()->smoothedGraph(40, kValidation)->visible());
    QVERIFY(view.lossPlot()->smoothedGraph(39, kTrain)->visible());
    QTRY_VERIFY(view.accuracyPlot()->plot()->yAxis->range().upper < 0.5 + 0.12);
    // The list can be hidden altogether, and the plots take its room.
    const auto before = view.lossPlot()->plot()->axisRect()->rect().width();
    view.findChild<QCheckBox*>(QStringLiteral("showLegend"))->setChecked(false);
    QVERIFY(!legend->isVisible());
    QTRY_VERIFY(view.lossPlot()->plot()->axisRect()->rect().width() > before);
  }

  void aBurstOfPointsIsDrawnAFewTimes() {
    MetricsView view;
    QElapsedTimer clock;
    clock.start();
    // 10,000 points, one call each, with the event loop running between batches as it does
    // when progress signals arrive.
    for (int step = 1; step <= 10000; ++step) {
      view.appendPoints(1, QStringLiteral("run"), {point(step, "train", "loss", 1.0 / step)});
      if (step % 500 == 0) QTest::qWait(20);
    }
    QTRY_COMPARE(view.lossPlot()->rawGraph(1, kTrain)->dataCount(), 10000);
    const auto elapsed = clock.elapsed();
    QTest::qWait(2 * MetricsView::kRedrawIntervalMs);
    // One redraw per interval at most, plus the one that the last points started.
    const auto bound = elapsed / MetricsView::kRedrawIntervalMs + 2;
    QVERIFY2(view.replotCount() <= bound, qPrintable(QStringLiteral("%1 redraws in %2 ms").arg(view.replotCount()).arg(elapsed)));
    QVERIFY(view.replotCount() >= 1);
  }

  void smoothedCurveIsTheDebiasedEma() {
    MetricsView view;
    view.setSmoothing(0.5);
    view.appendPoints(2, QStringLiteral("run"), lossCurve({1.0, 2.0, 3.0}));
    QTRY_COMPARE(view.replotCount(), 1);
    const auto* plot = view.lossPlot();
    QCOMPARE(valuesOf(plot->rawGraph(2, kTrain)), (QVector<double>{1.0, 2.0, 3.0}));
    QCOMPARE(valuesOf(plot->smoothedGraph(2, kTrain)), (QVector<double>{1.0, 5.0 / 3.0, 17.0 / 7.0}));
    QVERIFY(plot->rawGraph(2, kTrain)->visible());
    QVERIFY(plot->smoothedGraph(2, kTrain)->pen().widthF() > plot->rawGraph(2, kTrain)->pen().widthF());
    QVERIFY(plot->rawGraph(2, kTrain)->pen().color().alpha() < 255);  // faint behind
    view.setSmoothing(0.0);
    QTRY_COMPARE(view.replotCount(), 2);
    QCOMPARE(valuesOf(plot->smoothedGraph(2, kTrain)), (QVector<double>{1.0, 2.0, 3.0}));
    QVERIFY(!plot->rawGraph(2, kTrain)->visible());
  }

  void xAxisByStepTokensOrWallTime() {
    MetricsView view;
    view.appendPoints(1, QStringLiteral("run"), lossCurve({3.0, 2.0}));
    QTRY_COMPARE(view.replotCount(), 1);
    const auto* graph = view.lossPlot()->smoothedGraph(1, kTrain);
    QCOMPARE(keysOf(graph), (QVector<double>{1.0, 2.0}));
    view.setXAxisKind(XAxisKind::TokensSeen);
    QTRY_COMPARE(keysOf(graph), (QVector<double>{64.0, 128.0}));
    QCOMPARE(view.lossPlot()->plot()->xAxis->label(), QStringLiteral("tokens seen"));
    QCOMPARE(view.accuracyPlot()->plot()->xAxis->label(), QStringLiteral("tokens seen"));
    view.setXAxisKind(XAxisKind::WallTime);
    QTRY_COMPARE(keysOf(graph), (QVector<double>{0.5, 1.0}));
    QTRY_COMPARE(view.lossPlot()->plot()->xAxis->range(), QCPRange(0.5, 1.0));
  }

  void xAxesAreLinked() {
    MetricsView view;
    view.resize(1000, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto points = lossCurve({5.0, 4.0, 3.0, 2.5, 2.0});
    points.push_back(point(5, "validation", "accuracy", 0.7));
    view.appendPoints(1, QStringLiteral("run"), points);
    QTRY_COMPARE(view.replotCount(), 1);
    auto* loss = view.lossPlot()->plot();
    auto* accuracy = view.accuracyPlot()->plot();
    // Following the data, both show all of it: steps 1…5 (the accuracy point alone is at 5).
    QCOMPARE(loss->xAxis->range(), QCPRange(1.0, 5.0));
    QCOMPARE(accuracy->xAxis->range(), QCPRange(1.0, 5.0));
    loss->xAxis->setRange(2.0, 3.0);
    QCOMPARE(accuracy->xAxis->range(), QCPRange(2.0, 3.0));
    accuracy->xAxis->setRange(1.5, 4.0);
    QCOMPARE(loss->xAxis->range(), QCPRange(1.5, 4.0));
    // The mouse wheel zooms one plot; the other follows; new points no longer move the view.
    const QPointF centre = loss->axisRect()->center();
    QWheelEvent wheel(centre, loss->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(loss, &wheel);
    QVERIFY(loss->xAxis->range().size() < 2.5);
    QCOMPARE(accuracy->xAxis->range(), loss->xAxis->range());
    QVERIFY(!view.followsData());
    // Dragging the accuracy plot pans both.
    const QCPRange before_drag = loss->xAxis->range();
    const QPoint from = accuracy->axisRect()->center();
    QTest::mousePress(accuracy, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(accuracy, from + QPoint(-100, 0));
    QTest::mouseRelease(accuracy, Qt::LeftButton, Qt::NoModifier, from + QPoint(-100, 0));
    QVERIFY(loss->xAxis->range().lower > before_drag.lower);
    QVERIFY(std::abs(loss->xAxis->range().size() - before_drag.size()) < 1e-9);
    QCOMPARE(accuracy->xAxis->range(), loss->xAxis->range());
    const QCPRange zoomed = loss->xAxis->range();
    view.appendPoints(1, QStringLiteral("run"), {point(6, "train", "loss", 1.9)});
    QTRY_COMPARE(view.replotCount(), 2);
    QCOMPARE(loss->xAxis->range(), zoomed);
    view.resetView();
    QTRY_COMPARE(loss->xAxis->range(), QCPRange(1.0, 6.0));
    QCOMPARE(accuracy->xAxis->range(), QCPRange(1.0, 6.0));
    QVERIFY(view.followsData());
  }

  void logScaleToggle() {
    MetricsView view;
    view.resize(1000, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSmoothing(0.0);
    view.appendPoints(1, QStringLiteral("run"), lossCurve({7.0, 5.0, 3.0, 2.0}));
    QTRY_COMPARE(view.replotCount(), 1);
    view.setLogScale(true);
    for (auto* plot : {view.lossPlot()->plot(), view.accuracyPlot()->plot()}) {
      QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
      QVERIFY(dynamic_cast<pwb::ui::LogAxisTicker*>(plot->yAxis->ticker().data()) != nullptr);
    }
    auto* loss = view.lossPlot()->plot();
    QVERIFY(loss->yAxis->range().lower > 0.0);
    loss->replot();
    // Within one decade (2…7) the ticks are labelled integers, not just powers of ten.
    QVector<double> visible;
    for (const double tick : loss->yAxis->tickVector()) {
      if (loss->yAxis->range().contains(tick)) visible.push_back(tick);
    }
    QVERIFY2(visible.size() >= 4, qPrintable(QStringLiteral("%1 labelled ticks").arg(visible.size())));
    QVERIFY(visible.contains(2.0) && visible.contains(5.0));
    view.setLogScale(false);
    QCOMPARE(loss->yAxis->scaleType(), QCPAxis::stLinear);
    QCOMPARE(view.accuracyPlot()->plot()->yAxis->scaleType(), QCPAxis::stLinear);
  }

  void tooltipShowsTheExactValues() {
    MetricsView view;
    view.resize(1000, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSmoothing(0.5);
    view.appendPoints(7, QStringLiteral("soft prompt"), lossCurve({2.0, 1.25, 1.0}));
    QTRY_COMPARE(view.replotCount(), 1);
    auto* plot = view.lossPlot()->plot();
    plot->replot();
    const QPointF at(plot->xAxis->coordToPixel(2.0), plot->yAxis->coordToPixel(1.25));
    const QString text = view.lossPlot()->tooltipAt(at + QPointF(2, -2));
    QVERIFY2(text.contains(QStringLiteral("soft prompt (train)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("step 2")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("128 tokens")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("loss 1.25")), qPrintable(text));
    // (0.5·2·0.5 + 0.5·1.25) / 0.75 = 1.5
    QVERIFY2(text.contains(QStringLiteral("smoothed 1.5")), qPrintable(text));
    QVERIFY(view.lossPlot()->tooltipAt(at + QPointF(0, 150)).isEmpty());
  }

  void exportWritesPngSvgAndPdf() {
    QTemporaryDir dir;
    MetricsView view;
    view.resize(1000, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.appendPoints(1, QStringLiteral("run"), lossCurve({3.0, 2.0, 1.5}));
    const auto png = dir.filePath(QStringLiteral("curves.png"));
    QCOMPARE(view.exportTo(png), QString());
    QCOMPARE(head(png, 8), QByteArray("\x89PNG\r\n\x1a\n", 8));
    const QImage image(png);
    QCOMPARE(image.width(), view.lossPlot()->plot()->width() + view.accuracyPlot()->plot()->width());
    QCOMPARE(image.height(), view.lossPlot()->plot()->height());
    const auto svg = dir.filePath(QStringLiteral("curves.svg"));
    QCOMPARE(view.exportTo(svg), QString());
    QVERIFY(head(svg, 64).startsWith("<?xml"));
    QFile svg_file(svg);
    QVERIFY(svg_file.open(QIODevice::ReadOnly));
    const QByteArray drawing = svg_file.readAll();
    QVERIFY(drawing.contains("<svg"));
    QVERIFY(drawing.contains("<path") || drawing.contains("<polyline"));
    const auto pdf = dir.filePath(QStringLiteral("curves.pdf"));
    QCOMPARE(view.exportTo(pdf), QString());
    QCOMPARE(head(pdf, 5), QByteArray("%PDF-"));
    QVERIFY(QFileInfo(pdf).size() > 1000);
    const QString error = view.exportTo(dir.filePath(QStringLiteral("curves.gif")));
    QVERIFY2(error.contains(QStringLiteral("curves.gif")) && error.contains(QStringLiteral(".pdf")), qPrintable(error));
  }
};

QTEST_MAIN(MetricsViewTest)
#include "metrics_view_test.moc"
