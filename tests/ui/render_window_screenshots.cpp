// Takes the main window's screenshots for docs/screenshots/ in a real window (run under
// xvfb-run): the training curves after a real short pretraining run, the Results tab, the
// training curves in presentation mode, the Prompt design tab after a real evaluation of two
// templates on the built-in model, the import dialog on a file with bad rows, "Download
// model…" halfway through the reference llama-tiny model served by a local stand-in for the Hub
// (nothing is downloaded from the internet), and the Tuning tab with real tuning runs of the
// method ladder's model and data (imdb-gpt, SST-2 dev) in its queue (one finished, one paused
// while it trains, one queued) and their curves, the runs listed beside the plots. Results
// shows the experiments of WORK_FOLDER/experiments.sqlite; without that file it is filled with
// an experiment of made-up numbers whose name says so.
//   render_window_screenshots OUTPUT_FOLDER WORK_FOLDER SST2_TRAIN_TSV

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QTableWidget>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QtTest>

#include <cstdio>

#include "dataset_import_dialog.h"
#include "download_model_dialog.h"
#include "hyperparameter_form.h"
#include "main_window.h"
#include "design_results_view.h"
#include "metrics_view.h"
#include "method_options_form.h"
#include "prompt_design_panel.h"
#include "results_view.h"
#include "run_queue.h"
#include "run_queue_view.h"
#include "support/fake_hub_server.h"
#include "support/ladder_store.h"
#include "system/data_paths.h"
#include "tuning_panel.h"
#include "tuning_tab.h"

namespace {

// Accuracy per method at 16, 64 and 256 training examples (three seeds each), out of 200.
void fillMadeUpExperiment(const std::string& database) {
  pwb::store::ExperimentStore store(database);
  const auto experiment = store.createExperiment("Rendering test — made-up numbers, not results", "{}");
  pwb::test::addFinishedRun(store, experiment, "instruction, 0-shot",
                            R"({"name":"instruction, 0-shot","model":"gpt2","seed":0,"train_size":null})", 108, 200, 0, 0);
  pwb::test::addFinishedRun(store, experiment, "4-shot", R"({"name":"4-shot","model":"gpt2","seed":0,"train_size":null})",
                            117, 200, 0, 0);
  struct Method {
    const char* name;
    std::int64_t parameters;
    int right[3];  // at 16, 64, 256 examples (seed 1; seeds 2 and 3 are 4 below and 3 above)
  };
  const Method methods[] = {{"soft prompt", 15360, {106, 114, 124}},
                            {"prefix", 92160, {110, 121, 133}},
                            {"lora", 294912, {114, 128, 141}},
                            {"full", 124439808, {112, 127, 139}}};
  const int sizes[] = {16, 64, 256};
  for (const auto& method : methods) {
    for (int s = 0; s < 3; ++s) {
      for (int seed = 1; seed <= 3; ++seed) {
        const int right = method.right[s] + (seed == 2 ? -4 : seed == 3 ? 3 : 0);
        const std::string name = std::string(method.name) + " · n=" + std::to_string(sizes[s]) + " · seed " + std::to_string(seed);
        const std::string config = std::string(R"({"name":")") + method.name + R"(","model":"gpt2","seed":)" +
                                   std::to_string(seed) + R"(,"train_size":)" + std::to_string(sizes[s]) +
                                   R"(,"method":{"name":")" + method.name + R"("}})";
        pwb::test::addFinishedRun(store, experiment, name, config, right, 200, seed, method.parameters);
      }
    }
  }
}

// SST-2's first rows with two broken on purpose: a row without its label, one with an extra field.
QString writeBadRowFile(const QString& sst2_train, const QDir& work) {
  QFile in(sst2_train);
  if (!in.open(QIODevice::ReadOnly)) return {};
  QList<QByteArray> lines;
  while (lines.size() < 12 && !in.atEnd()) lines << in.readLine().trimmed();
  lines[4] = lines[4].left(lines[4].lastIndexOf('\t'));
  lines[8] += "\t1";
  const auto path = work.filePath(QStringLiteral("sst2-sample-with-bad-rows.tsv"));
  QFile out(path);
  if (!out.open(QIODevice::WriteOnly)) return {};
  out.write(lines.join('\n') + '\n');
  return path;
}

// Two templates × k ∈ {0, 4} × two seeds on 40 UCI Yelp test sentences, the 4-shot cell shown.
bool evaluateDesigns(pwb::ui::PromptDesignPanel& panel) {
  QSignalSpy ready(&panel, &pwb::ui::PromptDesignPanel::dataReady);
  if (!panel.isDataReady() && !ready.wait(30000)) return false;
  if (panel.templateList()->findItems(QStringLiteral("sentiment"), Qt::MatchExactly).isEmpty()) {
    panel.addTemplate(QStringLiteral("sentiment"), QStringLiteral("Review: {{text}} Sentiment: {{label}}"));
  }
  panel.findChild<QLineEdit*>(QStringLiteral("seedsEdit"))->setText(QStringLiteral("0, 1"));
  panel.exampleChooser()->setValue(3);
  QSignalSpy finished(&panel, &pwb::ui::PromptDesignPanel::evaluationFinished);
  panel.evaluate();
  if (!finished.wait(600000)) return false;
  panel.templateList()->setCurrentRow(0);
  panel.results()->grid()->selectRow(1);
  return true;
}

// The dialog while model.safetensors downloads: the local Hub sends its first 400 kB and waits.
bool saveDownloadDialog(pwb::ui::MainWindow& window, const QDir& work, const QString& file) {
  pwb::test::FakeHubServer hub;
  QMap<QString, pwb::test::FakeHubServer::File> files;
  for (const auto* name : {"config.json", "generation_config.json", "tokenizer_config.json", "tokenizer.model", "model.safetensors"}) {
    QFile fixture(QStringLiteral(PWB_FIXTURES_DIR "/llama-tiny/") + QString::fromLatin1(name));
    if (!fixture.open(QIODevice::ReadOnly)) return false;
    files[QString::fromLatin1(name)] = {fixture.readAll(), QByteArray(name).endsWith("safetensors") || QByteArray(name).endsWith(".model")};
  }
  files[QStringLiteral("pytorch_model.bin")] = {QByteArray(700000, 'x'), true};
  files[QStringLiteral("README.md")] = {QByteArray("# llama-tiny\n"), false};
  hub.addRepo(QStringLiteral("workbench-fixtures/llama-tiny"), QStringLiteral("3f1e2d4c5b6a79880123456789abcdef01234567"), files);
  hub.stall(QStringLiteral("model.safetensors"), 400000);
  qputenv("HF_ENDPOINT", hub.url().toEncoded());
  qputenv("HF_HUB_CACHE", QFile::encodeName(work.filePath(QStringLiteral("hub-cache"))));
  auto* dialog = window.downloadModel();
  dialog->resize(760, 520);
  dialog->setModelId(QStringLiteral("workbench-fixtures/llama-tiny"));
  QSignalSpy listed(dialog, &pwb::ui::DownloadModelDialog::listingFinished);
  dialog->listFiles();
  if (!listed.wait(20000)) return false;
  dialog->startDownload();
  if (!QTest::qWaitFor([&] { return dialog->statusText().contains(QStringLiteral("model.safetensors")); }, 20000)) return false;
  QTest::qWait(400);
  const bool ok = dialog->grab().save(file);
  std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(file));
  QSignalSpy finished(dialog, &pwb::ui::DownloadModelDialog::downloadFinished);
  dialog->reject();  // cancels the download
  finished.wait(10000);
  dialog->close();
  return ok;
}

bool save(QWidget& widget, const QString& file) {
  QTest::qWait(400);  // the charts' last redraw
  const bool ok = widget.grab().save(file);
  std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(file));
  return ok;
}

void setSpin(QWidget* field, int value) { qobject_cast<QSpinBox*>(field)->setValue(value); }

// The method ladder's model and data (imdb-gpt, SST-2 dev, 256 examples): LoRA r 8 for 120 steps runs to
// the end; a soft prompt initialised from the ladder's instruction is paused at step 60 or later;
// IA3 waits in the queue. The panel shows the soft prompt's settings and estimate.
bool saveTuningScreenshots(pwb::ui::MainWindow& window, const QDir& out) {
  auto* tab = window.tuning();
  auto* panel = tab->panel();
  auto* queue = tab->queue();
  auto* hyper = panel->hyperparameters();
  window.tabs()->setCurrentWidget(tab);
  panel->methodForm()->setMethodName(QStringLiteral("lora"));
  setSpin(hyper->field(QStringLiteral("steps")), 120);
  setSpin(hyper->field(QStringLiteral("eval_every")), 40);
  qobject_cast<QDoubleSpinBox*>(hyper->field(QStringLiteral("learning_rate")))->setValue(0.01);
  if (!tab->queueCurrentRun(true)) return false;
  QEventLoop finished;
  QObject::connect(queue, &pwb::ui::RunQueue::runFinished, &finished, &QEventLoop::quit);
  finished.exec();

  panel->initialiseFromPrompt(QStringLiteral("Say if the review is good or bad."));
  setSpin(hyper->field(QStringLiteral("steps")), 2000);
  qobject_cast<QDoubleSpinBox*>(hyper->field(QStringLiteral("learning_rate")))->setValue(0.03);
  if (!tab->queueCurrentRun(false)) return false;
  const auto soft_prompt = queue->entries().back().run_id;
  panel->methodForm()->setMethodName(QStringLiteral("ia3"));
  setSpin(hyper->field(QStringLiteral("steps")), 120);
  if (!tab->queueCurrentRun(false)) return false;
  panel->initialiseFromPrompt(QStringLiteral("Say if the review is good or bad."));
  queue->start();
  QElapsedTimer waited;
  waited.start();
  while (queue->entry(soft_prompt)->step < 60 && waited.elapsed() < 120000) QTest::qWait(50);
  queue->pause(soft_prompt);
  tab->queueView()->selectRun(soft_prompt);
  waited.restart();
  while (!queue->isHeld(soft_prompt) && waited.elapsed() < 60000) QTest::qWait(20);  // the step in flight ends
  bool ok = save(window, out.filePath(QStringLiteral("main-window-tuning.png")));
  window.tabs()->setCurrentWidget(window.chart());
  ok = save(window, out.filePath(QStringLiteral("main-window-tuning-curves.png"))) && ok;
  return ok;
}

}  // namespace

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  if (argc != 4) {
    std::fprintf(stderr, "usage: render_window_screenshots OUTPUT_FOLDER WORK_FOLDER SST2_TRAIN_TSV\n");
    return 2;
  }
  const QDir out(QString::fromLocal8Bit(argv[1]));
  const QDir work(QString::fromLocal8Bit(argv[2]));
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, work.path());
  QApplication::setApplicationName(QStringLiteral("prompt-workbench-screenshots"));

  pwb::ui::WorkbenchPaths paths;
  paths.database_file = work.filePath(QStringLiteral("experiments.sqlite"));
  paths.corpus_file = QString::fromStdString((pwb::system::resourceDir() / "corpus" / "uci_sentences.txt").string());
  paths.cache_dir = work.path();
  if (!QFileInfo::exists(paths.database_file)) fillMadeUpExperiment(paths.database_file.toStdString());

  pwb::ui::MainWindow window(paths);
  window.resize(1500, 900);
  window.setSteps(150);
  window.show();
  if (!QTest::qWaitForWindowExposed(&window)) return 1;
  QEventLoop trained;
  QObject::connect(&window, &pwb::ui::MainWindow::trainingFinished, &trained, &QEventLoop::quit);
  window.startTraining();
  trained.exec();

  bool ok = save(window, out.filePath(QStringLiteral("main-window.png")));
  window.tabs()->setCurrentWidget(window.results());
  ok = save(window, out.filePath(QStringLiteral("main-window-results.png"))) && ok;
  window.tabs()->setCurrentWidget(window.chart());
  window.setPresentationMode(true);
  ok = save(window, out.filePath(QStringLiteral("main-window-presentation.png"))) && ok;
  window.setPresentationMode(false);
  // The Log panel hidden (Ctrl+2), as a user makes room for the design tab.
  auto* log_dock = window.findChild<QDockWidget*>(QStringLiteral("LogDock"));
  log_dock->hide();
  window.tabs()->setCurrentWidget(window.designPanel());
  ok = evaluateDesigns(*window.designPanel()) && save(window, out.filePath(QStringLiteral("prompt-design.png"))) && ok;
  log_dock->show();

  const auto bad = writeBadRowFile(QString::fromLocal8Bit(argv[3]), work);
  if (bad.isEmpty()) return 1;
  auto* dialog = window.importDataset(bad);
  dialog->resize(1000, 640);
  QSignalSpy checked(dialog, &pwb::ui::DatasetImportDialog::checked);
  checked.wait(20000);
  ok = save(*dialog, out.filePath(QStringLiteral("import-dialog-bad-rows.png"))) && ok;
  dialog->close();
  ok = saveDownloadDialog(window, work, out.filePath(QStringLiteral("download-model-dialog.png"))) && ok;
  ok = saveTuningScreenshots(window, out) && ok;
  window.close();
  return ok ? 0 : 1;
}
