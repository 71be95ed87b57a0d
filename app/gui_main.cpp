// prompt-workbench: the desktop application. Wiring only.

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QNetworkProxyFactory>
#include <QTimer>

#include "main_window.h"
#include "system_colour_scheme.h"
#include "system/data_paths.h"

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("prompt-workbench"));
  QApplication::setApplicationDisplayName(QStringLiteral("Prompt Workbench"));
  QApplication::setApplicationVersion(QStringLiteral(PWB_VERSION));
  QNetworkProxyFactory::setUseSystemConfiguration(true);  // the Hub through https_proxy, as huggingface_hub
  new pwb::ui::SystemColourScheme(app);  // owned by app: dark while the desktop prefers dark

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Compare prompt design with prompt tuning."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption db({QStringLiteral("db")}, QStringLiteral("Experiment database file."),
                              QStringLiteral("FILE"));
  const QCommandLineOption run({QStringLiteral("run")}, QStringLiteral("Start training at once."));
  const QCommandLineOption steps({QStringLiteral("steps")}, QStringLiteral("Training steps."), QStringLiteral("N"));
  const QCommandLineOption screenshot({QStringLiteral("screenshot")},
                                      QStringLiteral("With --run: save the window to FILE when the run ends, then quit."),
                                      QStringLiteral("FILE"));
  parser.addOptions({db, run, steps, screenshot});
  parser.process(app);

  const auto data_dir = QString::fromStdString(pwb::system::userDataDir().string());
  pwb::ui::WorkbenchPaths paths;
  paths.database_file =
      parser.isSet(db) ? parser.value(db) : QDir(data_dir).filePath(QStringLiteral("experiments.sqlite"));
  paths.corpus_file = QString::fromStdString((pwb::system::resourceDir() / "corpus" / "uci_sentences.txt").string());
  paths.cache_dir = data_dir;

  pwb::ui::MainWindow window(paths);
  if (parser.isSet(steps)) window.setSteps(parser.value(steps).toInt());
  window.show();
  if (parser.isSet(run)) {
    QTimer::singleShot(0, &window, &pwb::ui::MainWindow::startTraining);
    if (parser.isSet(screenshot)) {
      QObject::connect(&window, &pwb::ui::MainWindow::trainingFinished, &window, [&] {
        // Let the chart's last redraw land before grabbing.
        QTimer::singleShot(300, &window, [&] {
          window.grab().save(parser.value(screenshot));
          window.close();
        });
      });
    }
  }
  return QApplication::exec();
}
