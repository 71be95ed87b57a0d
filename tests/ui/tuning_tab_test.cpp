// The Tuning tab in the real main window: a run queued from the panel trains on a worker thread,
// its loss and validation accuracy reach the window's live charts as it trains, and when it ends
// the run browser lists it; a model opened through File → Open model becomes a choice of the panel.

#include <QComboBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include "main_window.h"
#include "metric_plot.h"
#include "metrics_view.h"
#include "run_browser.h"
#include "run_queue.h"
#include "support/tuning_fixture.h"
#include "tuning_panel.h"
#include "tuning_tab.h"

class TuningTabTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
  }

  void queuedRunIsPlottedLiveAndListed() {
    pwb::ui::MainWindow window({dir_.filePath(QStringLiteral("experiments.sqlite")),
                                QStringLiteral(PWB_RESOURCE_DIR "/corpus/uci_sentences.txt"), dir_.path()});
    window.show();
    auto* tab = window.tuning();
    QVERIFY(tab != nullptr);
    QCOMPARE(window.tabs()->tabText(window.tabs()->indexOf(tab)), QStringLiteral("Tuning"));
    // The method ladder is the default base experiment.
    QVERIFY(tab->panel()->baseExperiment().endsWith(QStringLiteral("method-ladder.json")));
    QVERIFY(tab->panel()->canQueue());

    QVERIFY(tab->panel()->setBaseExperiment(pwb::test::writeSmallTuningBase(QDir(dir_.path()))));
    pwb::test::setShortLoraRun(*tab->panel(), QStringLiteral("live"), 8, 4);
    QSignalSpy finished(tab->queue(), &pwb::ui::RunQueue::runFinished);
    int live_points = 0;  // points already plotted while the run was still going
    connect(tab->queue(), &pwb::ui::RunQueue::progressed, this, [&](const pwb::ui::ProgressUpdate& update) {
      if (tab->queue()->isBusy()) live_points = window.chart()->pointCount(update.run_id);
    });
    QVERIFY(tab->queueCurrentRun(true));
    const auto id = tab->queue()->entries().back().run_id;
    QVERIFY(finished.wait(120000));
    QVERIFY(live_points > 0);
    // Points reach the plots at the chart's next redraw (at most four a second).
    const auto count = [&](pwb::ui::MetricPlot* plot, const QString& split) {
      const auto* graph = plot->rawGraph(id, split);
      return graph == nullptr ? 0 : graph->dataCount();
    };
    QTRY_COMPARE(count(window.chart()->lossPlot(), QStringLiteral("train")), 8);
    QTRY_COMPARE(count(window.chart()->accuracyPlot(), QStringLiteral("validation")), 2);
    QTRY_COMPARE(window.runBrowser()->visibleRunId(0), id);
  }

  void openedModelBecomesAChoice() {
    pwb::ui::MainWindow window({dir_.filePath(QStringLiteral("models.sqlite")),
                                QStringLiteral(PWB_RESOURCE_DIR "/corpus/uci_sentences.txt"), dir_.path()});
    const auto file = QStringLiteral(PWB_RESOURCE_DIR "/models/stories260k/stories260K.bin");
    QSignalSpy opened(&window, &pwb::ui::MainWindow::modelOpened);
    window.openModel(file);
    QVERIFY(opened.wait(60000));
    auto* models = window.tuning()->panel()->findChild<QComboBox*>(QStringLiteral("tuningModel"));
    QVERIFY(models->findData(file) >= 0);
    window.tuning()->panel()->setModel(file);
    // Read from the llama2.c header: the same model as the built-in name.
    QCOMPARE(window.tuning()->panel()->estimateText(),
             QStringLiteral("trainable params: 8,960 || all params: 268,992 || trainable%: 3.3310"));
  }
};

QTEST_MAIN(TuningTabTest)
#include "tuning_tab_test.moc"
