// The data-efficiency chart offscreen: mean line and spread band per method, from the seed
// summaries, worked out by hand.

#include <QtTest>

#include <stdexcept>

#include <qcustomplot.h>

#include "data_efficiency_chart.h"

using pwb::ui::DataEfficiencyChart;
using pwb::ui::DataEfficiencySeries;
using pwb::ui::SpreadKind;

namespace {

double valueAt(const QCPGraph* graph, int index) { return graph->data()->at(index)->value; }

QVector<DataEfficiencySeries> twoMethods() {
  return {{QStringLiteral("LoRA"), {{32, {0.5, 0.6, 0.7}}, {128, {0.70, 0.74, 0.72}}}},
          {QStringLiteral("soft prompt"), {{32, {0.52}}, {128, {0.55, 0.65}}}}};
}

}  // namespace

class DataEfficiencyChartTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void meanLineWithMinMaxBand() {
    DataEfficiencyChart chart;
    chart.setSeries(twoMethods(), QStringLiteral("accuracy"));
    QCOMPARE(chart.plot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
    QCOMPARE(chart.plot()->yAxis->label(), QStringLiteral("accuracy"));
    const auto* mean = chart.meanGraph(QStringLiteral("LoRA"));
    QCOMPARE(mean->dataCount(), 2);
    QCOMPARE(mean->data()->at(0)->key, 32.0);
    QCOMPARE(valueAt(mean, 0), 0.6);
    QCOMPARE(valueAt(mean, 1), 0.72);
    QCOMPARE(valueAt(chart.lowerGraph(QStringLiteral("LoRA")), 0), 0.5);
    QCOMPARE(valueAt(chart.upperGraph(QStringLiteral("LoRA")), 1), 0.74);
    // The band is the fill between upper and lower; only the means are in the legend.
    QCOMPARE(chart.upperGraph(QStringLiteral("LoRA"))->channelFillGraph(), chart.lowerGraph(QStringLiteral("LoRA")));
    QCOMPARE(chart.plot()->legend->itemCount(), 2);
    QVERIFY(chart.meanGraph(QStringLiteral("LoRA"))->pen().color() !=
            chart.meanGraph(QStringLiteral("soft prompt"))->pen().color());
  }

  void standardDeviationBand() {
    DataEfficiencyChart chart;
    chart.setSeries(twoMethods(), QStringLiteral("accuracy"));
    chart.setSpread(SpreadKind::StandardDeviation);
    // {0.5, 0.6, 0.7}: sample sd = sqrt((0.01 + 0 + 0.01) / 2) = 0.1.
    QVERIFY(std::abs(valueAt(chart.lowerGraph(QStringLiteral("LoRA")), 0) - 0.5) < 1e-12);
    QVERIFY(std::abs(valueAt(chart.upperGraph(QStringLiteral("LoRA")), 0) - 0.7) < 1e-12);
    // {0.70, 0.74, 0.72}: sd = 0.02.
    QVERIFY(std::abs(valueAt(chart.upperGraph(QStringLiteral("LoRA")), 1) - 0.74) < 1e-12);
    // One seed: no spread, the band closes on the mean.
    QCOMPARE(valueAt(chart.lowerGraph(QStringLiteral("soft prompt")), 0), 0.52);
    QCOMPARE(valueAt(chart.upperGraph(QStringLiteral("soft prompt")), 0), 0.52);
    // {0.55, 0.65}: sd = sqrt(2 · 0.0025) = 0.0707…
    QVERIFY(std::abs(valueAt(chart.upperGraph(QStringLiteral("soft prompt")), 1) - (0.6 + std::sqrt(0.005))) < 1e-12);
  }

  void aPointWithoutValuesIsAnErrorNamingIt() {
    DataEfficiencyChart chart;
    chart.setSeries(twoMethods(), QStringLiteral("accuracy"));
    try {
      chart.setSeries({{QStringLiteral("IA3"), {{64, {}}}}}, QStringLiteral("accuracy"));
      QFAIL("no error");
    } catch (const std::invalid_argument& error) {
      const QString message = QString::fromUtf8(error.what());
      QVERIFY2(message.contains(QStringLiteral("IA3")) && message.contains(QStringLiteral("64")), error.what());
    }
    QVERIFY(chart.meanGraph(QStringLiteral("LoRA")) != nullptr);  // the chart kept what it had
  }
};

QTEST_MAIN(DataEfficiencyChartTest)
#include "data_efficiency_chart_test.moc"
