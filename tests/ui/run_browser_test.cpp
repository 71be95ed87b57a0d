// The run browser on a real database: filtering, sorting by number, the detail page, comparing
// two runs and exporting the selection.

#include <QFile>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "run_browser.h"
#include "run_comparison_dialog.h"
#include "run_table_model.h"
#include "store/experiment_store.h"
#include "store/stored_run_comparison.h"

using pwb::ui::RunBrowser;

class RunBrowserTest : public QObject {
  Q_OBJECT

 private:
  QString database() const { return dir_.filePath(QStringLiteral("e.sqlite")); }
  QTemporaryDir dir_;
  std::int64_t design_ = 0, lora_ = 0, broken_ = 0;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    pwb::store::ExperimentStore store(database().toStdString());
    design_ = store.createRun("design", "zero-shot", R"({"template": "{{text}}"})");
    lora_ = store.createRun("tuning", "lora r=8", R"({"method": {"name": "lora", "r": 8}})");
    broken_ = store.createRun("tuning", "prefix", R"({"method": {"name": "prefix_tuning"}})");
    store.setRunStatus(design_, pwb::store::RunStatus::Finished);
    store.setRunStatus(lora_, pwb::store::RunStatus::Finished);
    store.setRunStatus(broken_, pwb::store::RunStatus::Failed, "loss became NaN at step 12");
    store.recordRunFacts(lora_, {std::nullopt, 294912, 124734720, std::nullopt, std::nullopt});
    // Accuracy 0.9 sorts after 0.75 and before 0.95, as numbers, not text.
    store.appendMetrics(design_, {{0, "test", "accuracy", 0.75, 0.0, 0}});
    store.appendMetrics(lora_, {{100, "test", "accuracy", 0.9, 1.0, 0}, {100, "train", "loss", 0.25, 1.0, 0}});
    store.appendMetrics(broken_, {{10, "test", "accuracy", 0.95, 1.0, 0}});
    const auto p = [](const char* id, const char* gold, const char* predicted) {
      return pwb::store::PredictionRecord{"test", id, gold, predicted, std::string(gold) == predicted, {}, ""};
    };
    store.appendPredictions(design_, {p("1", "pos", "pos"), p("2", "neg", "pos"), p("3", "neg", "pos"), p("4", "pos", "pos")});
    store.appendPredictions(lora_, {p("1", "pos", "pos"), p("2", "neg", "neg"), p("3", "neg", "neg"), p("4", "pos", "neg")});
  }

  void listsFiltersAndSortsRuns() {
    RunBrowser browser;
    browser.setDatabase(database());
    QCOMPARE(browser.visibleRunCount(), 3);
    QCOMPARE(browser.visibleRunId(0), broken_);  // newest first
    browser.setFilterText(QStringLiteral("LORA"));
    QCOMPARE(browser.visibleRunCount(), 1);
    QCOMPARE(browser.visibleRunId(0), lora_);
    browser.setFilterText(QString());
    browser.setStatusFilter(QStringLiteral("failed"));
    QCOMPARE(browser.visibleRunCount(), 1);
    QCOMPARE(browser.visibleRunId(0), broken_);
    browser.setStatusFilter(QString());
    QCOMPARE(browser.visibleRunCount(), 3);
    browser.sortByColumn(pwb::ui::RunTableModel::Accuracy, Qt::AscendingOrder);
    QCOMPARE(browser.visibleRunId(0), design_);
    QCOMPARE(browser.visibleRunId(1), lora_);
    QCOMPARE(browser.visibleRunId(2), broken_);
  }

  void showsTheDetailOfTheSelectedRun() {
    RunBrowser browser;
    browser.setDatabase(database());
    browser.selectRuns({lora_});
    const auto html = browser.detailHtml();
    QVERIFY2(html.contains(QStringLiteral("lora r=8")), qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("test/accuracy")));
    QVERIFY(html.contains(QStringLiteral("0.9000")));
    QVERIFY(html.contains(QStringLiteral("0.2364 %")));  // 294,912 of 124,734,720
    browser.selectRuns({broken_});
    QVERIFY(browser.detailHtml().contains(QStringLiteral("loss became NaN at step 12")));
  }

  void exportsTheSelection() {
    RunBrowser browser;
    browser.setDatabase(database());
    browser.selectRuns({design_, lora_});
    QCOMPARE(browser.selectedRunIds().size(), std::size_t{2});
    const auto file = dir_.filePath(QStringLiteral("predictions.csv"));
    QCOMPARE(browser.exportSelection(pwb::store::ExportKind::Predictions, file), std::size_t{8});
    QFile csv(file);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const auto lines = QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 9);  // header + 8 rows
  }

  void comparesTwoRuns() {
    const pwb::store::ExperimentStore store(database().toStdString());
    const auto comparison = pwb::store::compareStoredRuns(store, design_, lora_);
    pwb::ui::RunComparisonDialog dialog(comparison, QStringLiteral("A"), QStringLiteral("B"));
    // A right on 1, 4; B right on 1, 2, 3: both 1, only A 4, only B 2 and 3.
    QCOMPARE(dialog.agreementTable()->item(0, 0)->text(), QStringLiteral("1"));
    QCOMPARE(dialog.agreementTable()->item(0, 1)->text(), QStringLiteral("1"));
    QCOMPARE(dialog.agreementTable()->item(1, 0)->text(), QStringLiteral("2"));
    QCOMPARE(dialog.agreementTable()->item(1, 1)->text(), QStringLiteral("0"));
    QCOMPARE(dialog.differencesTable()->rowCount(), 3);
    // b = 1, c = 2: p = 2 · P(X ≤ 1), X ~ Bin(3, 1/2) = 2 · 4/8 = 1.
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("p = 1.0000")), qPrintable(dialog.summaryText()));
  }

  void reportsAnUnreadableDatabase() {
    RunBrowser browser;
    QSignalSpy errors(&browser, &RunBrowser::errorOccurred);
    const auto not_a_database = dir_.filePath(QStringLiteral("not-sqlite.sqlite"));
    QFile junk(not_a_database);
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("this is not a database, just text long enough to be read as a header...........");
    junk.close();
    browser.setDatabase(not_a_database);
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.takeFirst().at(0).toString().contains(QStringLiteral("not-sqlite.sqlite")));
    QCOMPARE(browser.visibleRunCount(), 0);
  }
};

QTEST_MAIN(RunBrowserTest)
#include "run_browser_test.moc"
