// What a dropped path is: dataset files by extension, Hugging Face folders (or their
// config.json) and llama2.c .bin files as models, anything else refused with a reason.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "dropped_path.h"

using pwb::ui::classifyDroppedPath;
using pwb::ui::DroppedKind;

class DroppedPathTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  QString touch(const QString& name) {
    const auto path = dir_.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    return path;
  }

 private Q_SLOTS:
  void datasetsByExtension() {
    for (const auto* name : {"a.csv", "b.TSV", "c.tab", "d.jsonl", "e.ndjson"}) {
      const auto path = touch(QString::fromLatin1(name));
      const auto dropped = classifyDroppedPath(path);
      QCOMPARE(dropped.kind, DroppedKind::Dataset);
      QCOMPARE(dropped.path, path);
    }
  }

  void huggingFaceFolderOrItsConfig() {
    QVERIFY(QDir(dir_.path()).mkpath(QStringLiteral("gpt2")));
    const auto folder = dir_.filePath(QStringLiteral("gpt2"));
    QCOMPARE(classifyDroppedPath(folder).kind, DroppedKind::Unsupported);  // no config.json yet
    touch(QStringLiteral("gpt2/config.json"));
    QCOMPARE(classifyDroppedPath(folder).kind, DroppedKind::Model);
    const auto config = classifyDroppedPath(folder + QStringLiteral("/config.json"));
    QCOMPARE(config.kind, DroppedKind::Model);
    QCOMPARE(config.path, QFileInfo(folder).absoluteFilePath());  // the folder is what opens
  }

  void llama2cCheckpoint() {
    const auto path = touch(QStringLiteral("stories260K.bin"));
    QCOMPARE(classifyDroppedPath(path).kind, DroppedKind::Model);
  }

  void refusesOtherFilesAndMissingPathsWithAReason() {
    const auto notes = classifyDroppedPath(touch(QStringLiteral("notes.pdf")));
    QCOMPARE(notes.kind, DroppedKind::Unsupported);
    QVERIFY(notes.reason.contains(QStringLiteral("notes.pdf")));
    const auto missing = classifyDroppedPath(dir_.filePath(QStringLiteral("gone.csv")));
    QCOMPARE(missing.kind, DroppedKind::Unsupported);
    QVERIFY(missing.reason.contains(QStringLiteral("does not exist")));
  }
};

QTEST_APPLESS_MAIN(DroppedPathTest)
#include "dropped_path_test.moc"
