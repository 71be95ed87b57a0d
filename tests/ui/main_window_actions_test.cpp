// The main window's actions, offscreen: every main action exists with its shortcut and is
// listed by Help → Keyboard shortcuts; presentation mode scales every font (the charts' axes
// included) by 1.6 and is remembered; the layout, tab and experiment come back on the next
// start; a dropped dataset opens the import dialog (and is offered to tuning runs), the Tuning
// tab takes the Prompt design tab's prompt, and a model is read on a worker thread.

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <iterator>
#include <utility>

#include <qcustomplot.h>

#include "dataset_import_dialog.h"
#include "experiment_task.h"
#include "main_window.h"
#include "metric_plot.h"
#include "metrics_view.h"
#include "pareto_chart.h"
#include "dataset_chooser.h"
#include "presentation_mode.h"
#include "prompt_design_panel.h"
#include "results_view.h"
#include "run_browser.h"
#include "shortcuts_dialog.h"
#include "support/ladder_store.h"
#include "tuning_data_form.h"
#include "tuning_panel.h"

using pwb::ui::MainWindow;

namespace {

// How many pixel rows of a dock's title bar (above its content, left of its buttons) have ink in
// them: the height of the title's letters as painted.
int titleInkHeight(QDockWidget& dock) {
  const int title_height = dock.widget()->geometry().top();
  const QImage image = dock.grab(QRect(0, 0, dock.width() / 2, title_height)).toImage();
  const QColor background = image.pixelColor(image.width() - 1, image.height() / 2);
  int first = -1;
  int last = -1;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      const QColor pixel = image.pixelColor(x, y);
      if (std::abs(pixel.lightness() - background.lightness()) > 60) {
        if (first < 0) first = y;
        last = y;
        break;
      }
    }
  }
  return first < 0 ? 0 : last - first + 1;
}

}  // namespace

class MainWindowActionsTest : public QObject {
  Q_OBJECT

 private:
  pwb::ui::WorkbenchPaths paths() const {
    return {database_, QStringLiteral(PWB_RESOURCE_DIR "/corpus/uci_sentences.txt"), dir_.path()};
  }
  QString write(const QString& name, const QByteArray& content) const {
    const auto path = dir_.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) qFatal("cannot write %s", qPrintable(path));
    return path;
  }
  QTemporaryDir dir_;
  QString database_;
  pwb::test::LadderIds ids_;
  QFont normal_font_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    // Settings in the temporary folder: the test must not read or change the user's.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.path());
    database_ = dir_.filePath(QStringLiteral("e.sqlite"));
    ids_ = pwb::test::fillLadderStore(database_.toStdString());
    normal_font_ = QApplication::font();
  }

  void everyMainActionHasItsShortcut() {
    const std::pair<const char*, const char*> expected[] = {
        {"importDatasetAction", "Ctrl+I"},  {"openModelAction", "Ctrl+O"},
        {"downloadModelAction", "Ctrl+Shift+O"},
        {"quitAction", "Ctrl+Q"},           {"trainAction", "Ctrl+R"},
        {"runExperimentAction", "Ctrl+Shift+R"},
        {"cancelAction", "Esc"},            {"showTrainingAction", "Ctrl+T"},
        {"showResultsAction", "Ctrl+E"},    {"showDesignAction", "Ctrl+D"},
        {"showTuningAction", "Ctrl+U"},
        {"refreshResultsAction", "F5"},
        {"toggleRunsAction", "Ctrl+1"},     {"toggleLogAction", "Ctrl+2"},
        {"presentationAction", "F11; Ctrl+Shift+P"}, {"shortcutsAction", "F1; Ctrl+/"}};
    MainWindow window(paths());
    QCOMPARE(window.mainActions().size(), static_cast<qsizetype>(std::size(expected)));
    for (const auto& [name, keys] : expected) {
      auto* action = window.findChild<QAction*>(QString::fromLatin1(name));
      QVERIFY2(action != nullptr, name);
      QStringList actual;
      for (const auto& sequence : action->shortcuts()) actual << sequence.toString(QKeySequence::PortableText);
      QCOMPARE(actual.join(QStringLiteral("; ")), QString::fromLatin1(keys));
      QVERIFY2(window.mainActions().contains(action), name);  // in a menu, so in the dialog
    }
  }

  void shortcutsDialogListsEveryMainAction() {
    MainWindow window(paths());
    pwb::ui::ShortcutsDialog dialog(window.mainActions());
    const auto* table = dialog.table();
    QCOMPARE(table->rowCount(), 16);
    QStringList names;
    for (int row = 0; row < table->rowCount(); ++row) names << table->item(row, 0)->text();
    QVERIFY(names.contains(QStringLiteral("Import dataset…")));  // without the mnemonic
    const auto row = names.indexOf(QStringLiteral("Presentation mode"));
    QVERIFY(row >= 0);
    QCOMPARE(table->item(row, 1)->text(), QKeySequence(Qt::Key_F11).toString(QKeySequence::NativeText) + QStringLiteral(" or ") +
                                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P).toString(QKeySequence::NativeText));
  }

  void presentationModeScalesEveryFontAndIsRemembered() {
    const double normal = normal_font_.pointSizeF();
    QVERIFY(normal > 0);
    {
      MainWindow window(paths());
      window.resize(1100, 700);
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      QVERIFY(!window.isPresentationMode());
      auto* log = window.findChild<QPlainTextEdit*>();
      QCOMPARE(log->font().pointSizeF(), normal);
      auto* runs_dock = window.findChild<QDockWidget*>(QStringLiteral("RunsDock"));
      const int normal_title = titleInkHeight(*runs_dock);
      QVERIFY(normal_title > 0);
      window.findChild<QAction*>(QStringLiteral("presentationAction"))->trigger();
      QVERIFY(window.isPresentationMode());
      const double large = normal * pwb::ui::kPresentationFontScale;
      QTRY_COMPARE(log->font().pointSizeF(), large);
      // The dock titles as painted: their letters grow with the rest.
      QTRY_VERIFY2(titleInkHeight(*runs_dock) >= 1.3 * normal_title,
                   qPrintable(QStringLiteral("title letters %1 px high, %2 px before").arg(titleInkHeight(*runs_dock)).arg(normal_title)));
      // The charts' own fonts: axis labels, ticks and legend.
      for (auto* plot : {window.chart()->lossPlot()->plot(), window.results()->paretoChart()->plot()}) {
        QTRY_COMPARE(plot->xAxis->tickLabelFont().pointSizeF(), large);
        QCOMPARE(plot->yAxis->labelFont().pointSizeF(), large);
        QCOMPARE(plot->legend->font().pointSizeF(), large);
      }
      QCOMPARE(QSettings().value(QStringLiteral("view/presentation")).toBool(), true);
    }
    {
      MainWindow next(paths());
      QVERIFY(next.isPresentationMode());
      next.setPresentationMode(false);
      QCOMPARE(QApplication::font().pointSizeF(), normal);
      QTRY_COMPARE(next.chart()->lossPlot()->plot()->xAxis->tickLabelFont().pointSizeF(), normal);
    }
    QCOMPARE(QSettings().value(QStringLiteral("view/presentation")).toBool(), false);
    MainWindow last(paths());
    QVERIFY(!last.isPresentationMode());
  }

  void layoutTabAndExperimentComeBack() {
    {
      MainWindow window(paths());
      window.show();
      QVERIFY(window.results()->selectExperiment(ids_.ladder));
      window.findChild<QAction*>(QStringLiteral("showResultsAction"))->trigger();
      QCOMPARE(window.tabs()->currentWidget(), window.results());
      window.findChild<QDockWidget*>(QStringLiteral("LogDock"))->hide();
      window.close();
    }
    MainWindow next(paths());
    next.show();
    QCOMPARE(next.results()->selectedExperiment().value_or(0), ids_.ladder);
    QCOMPARE(next.tabs()->currentWidget(), next.results());
    QVERIFY(next.findChild<QDockWidget*>(QStringLiteral("LogDock"))->isHidden());
    QVERIFY(!next.findChild<QDockWidget*>(QStringLiteral("RunsDock"))->isHidden());
    QCOMPARE(next.results()->paretoChart()->front(), (std::vector<std::size_t>{0, 1}));
    next.findChild<QDockWidget*>(QStringLiteral("LogDock"))->show();
    next.close();
  }

  void droppedDatasetOpensTheImportDialog() {
    MainWindow window(paths());
    window.show();
    const auto file = write(QStringLiteral("drop.csv"), "text,label\ngood,1\nbad,0\n");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file), QUrl::fromLocalFile(dir_.filePath(QStringLiteral("e.sqlite")))});
    const QPoint centre = window.rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    enter.setAccepted(false);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    auto* dialog = window.findChild<pwb::ui::DatasetImportDialog*>();
    QVERIFY(dialog != nullptr);
    QVERIFY(dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->dataset().has_value(), 10000);
    dialog->accept();
    QVERIFY(window.importedDataset().has_value());
    QCOMPARE(window.importedDataset()->examples.size(), std::size_t{2});
    // Offered to tuning runs too, after the built-ins.
    auto* tuning_datasets = window.findChild<pwb::ui::TuningPanel*>()->dataForm()->datasetChooser();
    QCOMPARE(tuning_datasets->itemText(tuning_datasets->count() - 1), QStringLiteral("drop.csv"));
  }

  void tuningTakesThePromptDesignTabsPrompt() {
    MainWindow window(paths());
    auto* design = window.findChild<pwb::ui::PromptDesignPanel*>();
    auto* chooser = design->datasetChooser();
    chooser->setCurrentIndex(chooser->findText(QStringLiteral("sst2 dev (built in)")));
    design->templateEditor()->setPlainText(QStringLiteral("Movie line: {{text}}\nVerdict: {{label}}"));
    design->findChild<QLineEdit*>(QStringLiteral("verbalizerEdit"))->setText(QStringLiteral("0=poor,1=superb"));
    auto* tuning = window.findChild<pwb::ui::TuningPanel*>();
    tuning->dataForm()->datasetChooser()->setCurrentIndex(0);
    tuning->dataForm()->findChild<QPushButton*>(QStringLiteral("useDesignPrompt"))->click();
    QCOMPARE(tuning->dataForm()->templateText(), QStringLiteral("Movie line: {{text}}\nVerdict: {{label}}"));
    QCOMPARE(tuning->dataForm()->labelWords(), QStringLiteral("0=poor,1=superb"));
    QCOMPARE(tuning->dataForm()->datasetChooser()->currentText(), QStringLiteral("sst2 dev (built in)"));
    const auto document = tuning->experimentDocument();
    QCOMPARE(QString::fromStdString(document.at("dataset").at("part").get<std::string>()), QStringLiteral("dev"));
    QCOMPARE(document.at("prompt").at("verbalizer").at("1"), nlohmann::json::array({"superb"}));
  }

  void aDragOfOtherFilesIsRefused() {
    MainWindow window(paths());
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(write(QStringLiteral("notes.pdf"), "%PDF"))});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    enter.setAccepted(false);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(!enter.isAccepted());
  }

  void opensAModelFolderOnAWorkerThread() {
    MainWindow window(paths());
    QSignalSpy opened(&window, &MainWindow::modelOpened);
    window.openPath(QStringLiteral(PWB_FIXTURES_DIR "/llama-tiny/config.json"));
    QVERIFY(opened.wait(60000));
    QVERIFY(window.openedModel().has_value());
    QCOMPARE(window.openedModel()->family, QStringLiteral("llama"));
    // 2 × 1000·64 (embedding, untied head) + 2 layers × 36,992 + 64 (final norm), as in
    // the fixture's cases.json.
    QCOMPARE(window.openedModel()->parameters, qint64{202048});
    QStringList status;
    for (const auto* label : window.statusBar()->findChildren<QLabel*>()) status << label->text();
    QVERIFY2(status.contains(QStringLiteral("Model: llama, 202048 parameters")), qPrintable(status.join(u'|')));
  }

  void aBrokenModelFolderIsReportedNotOpened() {
    MainWindow window(paths());
    QVERIFY(QDir(dir_.path()).mkpath(QStringLiteral("broken")));
    write(QStringLiteral("broken/config.json"), "{ not json");
    QSignalSpy opened(&window, &MainWindow::modelOpened);
    window.openPath(dir_.filePath(QStringLiteral("broken")));
    QVERIFY(opened.wait(60000));
    const auto model = opened.takeFirst().at(0).value<pwb::ui::InspectedModel>();
    QVERIFY(model.error.contains(QStringLiteral("broken")));
    QVERIFY(!window.openedModel().has_value());
  }

  void runsAnExperimentAndShowsItsResults() {
    write(QStringLiteral("tiny.json"), R"({"format_version": 1, "name": "window run", "models": ["stories260k"],
      "dataset": {"builtin": "uci_yelp", "limits": {"validation": 4, "test": 8}}, "train_sizes": [8],
      "prompt": {"template": "{{text}} It was {{label}}", "verbalizer": {"0": "bad", "1": "good"}},
      "runs": [{"name": "zero-shot", "kind": "design"},
               {"name": "lora", "kind": "tuning", "steps": 2, "batch_size": 4, "eval_every": 0,
                "method": {"name": "lora", "r": 2}}]})");
    MainWindow window(paths());
    const int runs_before = window.runBrowser()->visibleRunCount();
    QSignalSpy finished(&window, &MainWindow::experimentFinished);
    window.runExperiment(dir_.filePath(QStringLiteral("tiny.json")));
    QVERIFY(window.isTraining());  // on a worker: the window is still here to ask
    QVERIFY(finished.wait(240000));
    const auto outcome = finished.takeFirst().at(0).value<pwb::ui::ExperimentOutcomeText>();
    QVERIFY2(outcome.ok, qPrintable(outcome.summary));
    QCOMPARE(outcome.summary, QStringLiteral("2 finished, 0 failed, 0 cancelled"));
    QVERIFY(!window.isTraining());
    QCOMPARE(window.tabs()->currentWidget(), static_cast<QWidget*>(window.results()));
    QCOMPARE(window.results()->selectedExperiment(), std::optional<std::int64_t>(outcome.experiment_id));
    QCOMPARE(window.runBrowser()->visibleRunCount(), runs_before + 2);
  }

  void aBrokenExperimentFileIsReported() {
    write(QStringLiteral("broken.json"), R"({"format_version": 1, "name": "x"})");
    MainWindow window(paths());
    QSignalSpy finished(&window, &MainWindow::experimentFinished);
    window.runExperiment(dir_.filePath(QStringLiteral("broken.json")));
    QVERIFY(finished.wait(60000));
    const auto outcome = finished.takeFirst().at(0).value<pwb::ui::ExperimentOutcomeText>();
    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.summary.contains(QStringLiteral("models: required")), qPrintable(outcome.summary));
  }
};

QTEST_MAIN(MainWindowActionsTest)
#include "main_window_actions_test.moc"
