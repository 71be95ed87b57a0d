// The real main window, offscreen: a short pretraining run on a worker thread must reach the
// chart point by point, and cancelling must stop it.

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "loss_chart.h"
#include "main_window.h"
#include "run_browser.h"

using pwb::ui::JobOutcome;
using pwb::ui::MainWindow;

class MainWindowTest : public QObject {
  Q_OBJECT

 private:
  pwb::ui::WorkbenchPaths paths() const {
    return {dir_.filePath(QStringLiteral("experiments.sqlite")),
            QStringLiteral(PWB_RESOURCE_DIR "/corpus/uci_sentences.txt"), dir_.path()};
  }
  QTemporaryDir dir_;

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
    QTRY_VERIFY(window.chart()->replotCount() > 0);
    QVERIFY(!window.isTraining());
    // The finished run is listed in the run browser.
    QVERIFY(window.runBrowser()->visibleRunCount() >= 1);
    QCOMPARE(window.runBrowser()->visibleRunId(0), outcome.run_id);
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
