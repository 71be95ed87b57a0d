// The real main window, offscreen: a short pretraining run on a worker thread must reach the
// loss chart point by point (with tokens seen and wall time), the next window must show the
// stored run again, and cancelling must stop a run.

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include "main_window.h"
#include "metric_plot.h"
#include "metrics_view.h"
#include "run_browser.h"

using pwb::ui::JobOutcome;
using pwb::ui::MainWindow;
using pwb::ui::XAxisKind;

class MainWindowTest : public QObject {
  Q_OBJECT

 private:
  pwb::ui::WorkbenchPaths paths() const {
    return {dir_.filePath(QStringLiteral("experiments.sqlite")),
            QStringLiteral(PWB_RESOURCE_DIR "/corpus/uci_sentences.txt"), dir_.path()};
  }
  QTemporaryDir dir_;
  qint64 finished_run_ = 0;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
  }

  void plotsEveryStepOfARunLive() {
    MainWindow window(paths());
    window.show();
    window.setSteps(40);
    QSignalSpy finished(&window, &MainWindow::trainingFinished);
    window.startTraining();
    QVERIFY(window.isTraining());
    QVERIFY(finished.wait(240000));
    const auto outcome = finished.takeFirst().at(0).value<JobOutcome>();
    QCOMPARE(outcome.status, QStringLiteral("finished"));
    QCOMPARE(window.chart()->pointCount(outcome.run_id), 40);
    const auto* loss = window.chart()->lossPlot()->rawGraph(outcome.run_id, QStringLiteral("train"));
    QVERIFY(loss != nullptr);
    QTRY_COMPARE(loss->dataCount(), 40);
    QVERIFY(window.chart()->replotCount() > 0);
    QVERIFY(!window.isTraining());
    // The finished run is listed in the run browser.
    QVERIFY(window.runBrowser()->visibleRunCount() >= 1);
    QCOMPARE(window.runBrowser()->visibleRunId(0), outcome.run_id);
    // By tokens seen: the same number of tokens every step.
    window.chart()->setXAxisKind(XAxisKind::TokensSeen);
    QTRY_VERIFY(loss->data()->at(0)->key > 1.0);
    const double per_step = loss->data()->at(0)->key;
    QCOMPARE(loss->data()->at(39)->key, 40 * per_step);
    finished_run_ = outcome.run_id;
  }

  void showsStoredRunsOnTheNextStart() {
    QVERIFY(finished_run_ != 0);
    MainWindow window(paths());
    QCOMPARE(window.chart()->pointCount(finished_run_), 40);
    const auto* loss = window.chart()->lossPlot()->smoothedGraph(finished_run_, QStringLiteral("train"));
    QVERIFY(loss != nullptr);
    QTRY_COMPARE(loss->dataCount(), 40);
  }

  void cancelStopsTheRun() {
    MainWindow window(paths());
    window.setSteps(100000);
    QSignalSpy finished(&window, &MainWindow::trainingFinished);
    window.startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(window.chart()->totalPointCount() > 0, 120000);
    window.cancelTraining();
    QVERIFY(finished.wait(60000));
    const auto outcome = finished.takeFirst().at(0).value<JobOutcome>();
    QCOMPARE(outcome.status, QStringLiteral("cancelled"));
    QVERIFY(window.chart()->pointCount(outcome.run_id) < 100000);
  }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
