// The Pareto chart offscreen: the front it highlights, design runs as labelled horizontal
// lines, the log x axis, error bars, labels kept apart at equal accuracy, and export.

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include "pareto_chart.h"

using pwb::ui::ParetoChart;
using pwb::ui::ParetoEntry;

namespace {

QStringList itemTexts(QCustomPlot* plot) {
  QStringList texts;
  for (int i = 0; i < plot->itemCount(); ++i) {
    if (const auto* text = qobject_cast<QCPItemText*>(plot->item(i))) texts.push_back(text->text());
  }
  return texts;
}

}  // namespace

class ParetoChartTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void highlightsTheFrontAndDrawsDesignRunsAsLines() {
    ParetoChart chart;
    chart.resize(900, 500);
    chart.setEntries({{QStringLiteral("template A"), 0, 0.55, {}, {}},
                      {QStringLiteral("template B"), 0, 0.50, {}, {}},
                      {QStringLiteral("soft prompt"), 1.0e4, 0.52, 0.48, 0.56},
                      {QStringLiteral("LoRA r8"), 1.0e5, 0.60, 0.56, 0.64},
                      {QStringLiteral("prefix"), 5.0e4, 0.58, {}, {}},
                      {QStringLiteral("full"), 1.0e6, 0.59, {}, {}}},
                     0.5);
    QCOMPARE(chart.front(), (std::vector<std::size_t>{0, 4, 3}));
    // The front's tuning runs, by parameters, as a staircase.
    const auto* front = chart.frontGraph();
    QCOMPARE(front->dataCount(), 2);
    QCOMPARE(front->data()->at(0)->key, 5.0e4);
    QCOMPARE(front->data()->at(1)->value, 0.60);
    QCOMPARE(front->lineStyle(), QCPGraph::lsStepLeft);
    auto* plot = chart.plot();
    QCOMPARE(plot->xAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(plot->xAxis->range().lower < 1.0e4 && plot->xAxis->range().upper > 1.0e6);
    plot->replot();
    const auto ticks = plot->xAxis->tickVectorLabels();
    QVERIFY2(ticks.contains(QStringLiteral("10k")) && ticks.contains(QStringLiteral("1M")), qPrintable(ticks.join(u' ')));
    // Two design lines and the chance line, each labelled; a label per tuning run.
    int straight_lines = 0;
    for (int i = 0; i < plot->itemCount(); ++i) straight_lines += qobject_cast<QCPItemStraightLine*>(plot->item(i)) ? 1 : 0;
    QCOMPARE(straight_lines, 3);
    const auto texts = itemTexts(plot);
    QVERIFY(texts.contains(QStringLiteral("template A (prompt design) 0.550")));
    QVERIFY(texts.contains(QStringLiteral("chance 0.500")));
    QVERIFY(texts.contains(QStringLiteral("LoRA r8 0.600")));
    // Error bars for the two runs that have an interval.
    int bars = 0;
    for (int i = 0; i < plot->plottableCount(); ++i) bars += qobject_cast<QCPErrorBars*>(plot->plottable(i)) ? 1 : 0;
    QCOMPARE(bars, 2);
    QVERIFY(plot->yAxis->range().contains(0.48) && plot->yAxis->range().contains(0.64));
  }

  void settingNewEntriesReplacesTheOldOnes() {
    ParetoChart chart;
    chart.setEntries({{QStringLiteral("a"), 10, 0.6, {}, {}}, {QStringLiteral("b"), 0, 0.5, {}, {}}});
    chart.setEntries({{QStringLiteral("c"), 100, 0.7, {}, {}}});
    QCOMPARE(chart.front(), (std::vector<std::size_t>{0}));
    QCOMPARE(itemTexts(chart.plot()), QStringList{QStringLiteral("c 0.700")});
    QCOMPARE(chart.plot()->graphCount(), 2);  // c and the front
  }

  void labelsAtEqualAccuracyDoNotOverlap() {
    ParetoChart chart;
    chart.resize(900, 500);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    // As on the method ladder: two calibrated design lines 0.002 apart, tuning runs of like size
    // at equal and close accuracy, and the chance line.
    chart.setEntries({{QStringLiteral("2-shot calibrated seed 0"), 0, 0.602, {}, {}},
                      {QStringLiteral("2-shot calibrated seed 1"), 0, 0.600, {}, {}},
                      {QStringLiteral("zero-shot"), 0, 0.527, {}, {}},
                      {QStringLiteral("soft prompt"), 1024, 0.653, {}, {}},
                      {QStringLiteral("P-tuning"), 1200, 0.653, {}, {}},
                      {QStringLiteral("IA3"), 1500, 0.650, {}, {}},
                      {QStringLiteral("LoRA"), 16384, 0.688, {}, {}}},
                     0.5);
    auto* plot = chart.plot();
    plot->replot();
    // Where they would be drawn, the labels of equal accuracies would overlap.
    const double label_height = QFontMetricsF(plot->font()).height();
    QVERIFY(std::abs(plot->yAxis->coordToPixel(0.602) - plot->yAxis->coordToPixel(0.600)) < label_height);
    const auto rects = chart.labelRects();
    QCOMPARE(rects.size(), 8);  // 3 design lines, 4 runs, chance
    for (int i = 0; i < rects.size(); ++i) {
      QVERIFY(rects[i].height() >= label_height);
      for (int j = i + 1; j < rects.size(); ++j) {
        QVERIFY2(!rects[i].intersects(rects[j]), qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(i).arg(j)));
      }
    }
    // A label nothing crowds stays at its point: LoRA's bottom edge is at 0.688.
    QVERIFY(std::abs(rects[6].bottom() - plot->yAxis->coordToPixel(0.688)) <= 1.0);
    // Still apart after a vertical zoom brings them closer.
    plot->yAxis->scaleRange(2.0);
    plot->replot();
    const auto zoomed = chart.labelRects();
    for (int i = 0; i < zoomed.size(); ++i) {
      for (int j = i + 1; j < zoomed.size(); ++j) QVERIFY(!zoomed[i].intersects(zoomed[j]));
    }
  }

  void aLabelThatWouldPassTheRightEdgeGoesLeftOfItsPoint() {
    ParetoChart chart;
    chart.resize(600, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    // As on the method ladder: full fine-tuning is the biggest run, near the right edge.
    chart.setEntries({{QStringLiteral("soft prompt · n=256"), 1024, 0.653, {}, {}},
                      {QStringLiteral("full fine-tuning · n=256"), 1338112, 0.728, {}, {}}});
    auto* plot = chart.plot();
    plot->replot();
    const auto rects = chart.labelRects();
    QCOMPARE(rects.size(), 2);
    const QRect area = plot->axisRect()->rect();
    const double soft_x = plot->xAxis->coordToPixel(1024), full_x = plot->xAxis->coordToPixel(1338112);
    // The label's box (padding included) starts or ends at its point.
    QVERIFY(std::abs(rects[0].left() - soft_x) <= 1.0);  // room on the right: right of its point
    QVERIFY(std::abs(rects[1].right() - full_x) <= 1.0);  // no room: left of it
    for (const auto& rect : rects) {
      QVERIFY2(rect.right() <= area.right() && rect.left() >= area.left(), "a label runs out of the plot");
    }
  }

  void legendOnlyForAFewRuns() {
    ParetoChart chart;
    QVector<pwb::ui::ParetoEntry> entries;
    for (int i = 0; i < ParetoChart::kMaxLegendEntries; ++i) {
      entries.push_back({QStringLiteral("run %1").arg(i), 10.0 * (i + 1), 0.5 + 0.01 * i, {}, {}});
    }
    chart.setEntries(entries);
    QVERIFY(chart.plot()->legend->visible());
    entries.push_back({QStringLiteral("one more"), 1e6, 0.4, {}, {}});
    chart.setEntries(entries);
    QVERIFY(!chart.plot()->legend->visible());  // every point is labelled beside it instead
  }

  void exportsAllThreeFormats() {
    QTemporaryDir dir;
    ParetoChart chart;
    chart.resize(800, 500);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setEntries({{QStringLiteral("a"), 10, 0.6, {}, {}}, {QStringLiteral("b"), 0, 0.5, {}, {}}});
    for (const auto& [suffix, magic] : {std::pair{"png", QByteArray("\x89PNG", 4)}, std::pair{"svg", QByteArray("<?xml")},
                                        std::pair{"pdf", QByteArray("%PDF-")}}) {
      const auto file = dir.filePath(QStringLiteral("pareto.") + QLatin1String(suffix));
      QCOMPARE(chart.exportTo(file), QString());
      QFile in(file);
      QVERIFY(in.open(QIODevice::ReadOnly));
      QCOMPARE(in.read(magic.size()), magic);
      QVERIFY(in.size() > 500);
    }
  }
};

QTEST_MAIN(ParetoChartTest)
#include "pareto_chart_test.moc"
