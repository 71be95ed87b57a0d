// The Results view on a small real store: the Pareto chart and the data-efficiency chart show
// the experiment's points (hand-worked from the predictions the test stores), and a new
// application palette (dark mode) reaches every chart.

#include <QApplication>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include "data_efficiency_chart.h"
#include "metric_plot.h"
#include "metrics_view.h"
#include "pareto_chart.h"
#include "results_view.h"
#include "support/ladder_store.h"

using pwb::ui::ResultsView;

namespace {

QPalette darkPalette() {
  QPalette dark;
  dark.setColor(QPalette::Window, QColor(30, 30, 30));
  dark.setColor(QPalette::Base, QColor(20, 22, 24));
  dark.setColor(QPalette::Text, QColor(230, 230, 230));
  dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
  dark.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
  return dark;
}

}  // namespace

class ResultsViewTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString database_;
  pwb::test::LadderIds ids_;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    database_ = dir_.filePath(QStringLiteral("e.sqlite"));
    ids_ = pwb::test::fillLadderStore(database_.toStdString());
  }

  void listsExperimentsAndShowsTheNewestFirst() {
    ResultsView view;
    view.setDatabase(database_);
    QCOMPARE(view.experimentCount(), 2);
    QCOMPARE(view.selectedExperiment().value_or(0), ids_.later);
    QVERIFY(view.paretoChart()->front().empty());
  }

  void showsTheParetoPointsOfTheSelectedExperiment() {
    ResultsView view;
    view.setDatabase(database_);
    QVERIFY(view.selectExperiment(ids_.ladder));
    QVERIFY(!view.selectExperiment(9999));
    QCOMPARE(view.selectedExperiment().value_or(0), ids_.ladder);
    // Points in run order: zero-shot (0 parameters, 0.6), LoRA (1,000, mean of 0.7 and 0.9),
    // full (100,000, 0.75). The front: zero-shot and LoRA; full is beaten by LoRA.
    const auto* pareto = view.paretoChart();
    QCOMPARE(pareto->front(), (std::vector<std::size_t>{0, 1}));
    const auto* front = pareto->frontGraph();
    QCOMPARE(front->dataCount(), 1);  // the design run is a line, not a point on the log axis
    QCOMPARE(front->data()->at(0)->key, 1000.0);
    QVERIFY(qAbs(front->data()->at(0)->value - 0.8) < 1e-12);
    QVERIFY(view.summaryText().contains(QStringLiteral("4 runs")));
    QVERIFY(view.summaryText().contains(QStringLiteral("3 points")));
  }

  void showsTheDataEfficiencyOfTheSelectedExperiment() {
    ResultsView view;
    view.setDatabase(database_);
    QVERIFY(view.selectExperiment(ids_.ladder));
    const auto* efficiency = view.efficiencyChart();
    const auto* lora = efficiency->meanGraph(QStringLiteral("lora"));
    QVERIFY(lora != nullptr);
    QCOMPARE(lora->dataCount(), 1);
    QCOMPARE(lora->data()->at(0)->key, 8.0);
    QVERIFY(qAbs(lora->data()->at(0)->value - 0.8) < 1e-12);
    // The min–max band of the two seeds.
    QVERIFY(qAbs(efficiency->lowerGraph(QStringLiteral("lora"))->data()->at(0)->value - 0.7) < 1e-12);
    QVERIFY(qAbs(efficiency->upperGraph(QStringLiteral("lora"))->data()->at(0)->value - 0.9) < 1e-12);
    const auto* full = efficiency->meanGraph(QStringLiteral("full"));
    QVERIFY(full != nullptr);
    QVERIFY(qAbs(full->data()->at(0)->value - 0.75) < 1e-12);
    // The design run has no training-set size: no curve.
    QVERIFY(efficiency->meanGraph(QStringLiteral("zero-shot")) == nullptr);
  }

  void aMissingDatabaseShowsNoExperimentWithoutCreatingIt() {
    ResultsView view;
    const auto missing = dir_.filePath(QStringLiteral("none.sqlite"));
    view.setDatabase(missing);
    QCOMPARE(view.experimentCount(), 0);
    QVERIFY(!view.selectedExperiment().has_value());
    QVERIFY(!QFileInfo::exists(missing));
  }

  void aPaletteChangeReachesEveryChart() {
    ResultsView view;
    view.setDatabase(database_);
    QVERIFY(view.selectExperiment(ids_.ladder));
    pwb::ui::MetricsView metrics;
    const QPalette original = QApplication::palette();
    const QPalette dark = darkPalette();
    QApplication::setPalette(dark);
    const QColor text = dark.color(QPalette::Text);
    for (auto* plot : {view.paretoChart()->plot(), view.efficiencyChart()->plot(), metrics.lossPlot()->plot()}) {
      QTRY_COMPARE(plot->legend->brush().color(), dark.color(QPalette::Base));
      QCOMPARE(plot->xAxis->tickLabelColor(), text);
      QCOMPARE(plot->yAxis->labelColor(), text);
      QCOMPARE(plot->legend->textColor(), text);
    }
    // The Pareto front is drawn in the text colour: redrawn with the new one.
    QCOMPARE(view.paretoChart()->frontGraph()->pen().color(), text);
    QCOMPARE(view.paretoChart()->front(), (std::vector<std::size_t>{0, 1}));
    QApplication::setPalette(original);
    QTRY_COMPARE(view.paretoChart()->plot()->legend->brush().color(), original.color(QPalette::Base));
    QCOMPARE(view.paretoChart()->frontGraph()->pen().color(), original.color(QPalette::Text));
  }
};

QTEST_MAIN(ResultsViewTest)
#include "results_view_test.moc"
