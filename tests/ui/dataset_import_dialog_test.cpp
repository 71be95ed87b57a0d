// The import dialog on real files: the mapping is guessed from the header, the whole file is
// checked on a worker thread, and rows with problems are marked.

#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "dataset_import_dialog.h"

using pwb::ui::DatasetImportDialog;
using Role = DatasetImportDialog::Role;

class DatasetImportDialogTest : public QObject {
  Q_OBJECT

 private:
  QString write(const QString& name, const QByteArray& content) {
    const auto path = dir_.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
  }
  // setFile starts a check; an option change may start another: wait for the last.
  static bool lastCheck(QSignalSpy& spy) {
    if (!spy.wait(20000)) return false;
    while (spy.wait(300)) {
    }
    return spy.last().at(0).toBool();
  }
  QTemporaryDir dir_;

 private Q_SLOTS:
  void guessesTheMappingAndAcceptsAGoodFile() {
    DatasetImportDialog dialog;
    QSignalSpy checked(&dialog, &DatasetImportDialog::checked);
    dialog.setFile(write(QStringLiteral("good.csv"), "Sentence,Label,idx\n\"great, really\",1,a\nawful,0,b\nfine,1,c\n"));
    QVERIFY(lastCheck(checked));
    QCOMPARE(dialog.column(Role::Text), QStringLiteral("Sentence"));
    QCOMPARE(dialog.column(Role::Label), QStringLiteral("Label"));
    QCOMPARE(dialog.column(Role::Id), QStringLiteral("idx"));
    QVERIFY(dialog.column(Role::TextB).isEmpty());
    QVERIFY(dialog.dataset().has_value());
    QCOMPARE(dialog.dataset()->examples.size(), std::size_t{3});
    QCOMPARE(dialog.dataset()->examples[0].text, std::string("great, really"));
    QVERIFY2(dialog.statusText().contains(QStringLiteral("3 examples")), qPrintable(dialog.statusText()));
    QCOMPARE(dialog.preview()->rowCount(), 3);
    QCOMPARE(dialog.markedRowCount(), 0);
  }

  void marksTheRowsWithProblems() {
    DatasetImportDialog dialog;
    QSignalSpy checked(&dialog, &DatasetImportDialog::checked);
    dialog.setFile(write(QStringLiteral("bad.csv"), "text,label\ngood,1\n,0\nextra,1,field\nok,0\n"));
    QVERIFY(!lastCheck(checked));
    QVERIFY(!dialog.dataset().has_value());
    QCOMPARE(dialog.markedRowCount(), 2);  // lines 3 and 4
    QVERIFY(dialog.preview()->item(0, 0)->toolTip().isEmpty());
    QVERIFY(!dialog.preview()->item(1, 0)->toolTip().isEmpty());
    QVERIFY2(dialog.statusText().contains(QStringLiteral("line 3")), qPrintable(dialog.statusText()));
  }

  void remapsAndChecksAgain() {
    DatasetImportDialog dialog;
    QSignalSpy checked(&dialog, &DatasetImportDialog::checked);
    dialog.setFile(write(QStringLiteral("reviews.jsonl"),
                         "{\"review\": \"lovely\", \"stars\": \"5\", \"sentiment\": \"pos\"}\n"
                         "{\"review\": \"dull\", \"stars\": \"2\", \"sentiment\": \"neg\"}\n"));
    QVERIFY(lastCheck(checked));
    QCOMPARE(dialog.column(Role::Text), QStringLiteral("review"));
    QCOMPARE(dialog.column(Role::Label), QStringLiteral("sentiment"));
    dialog.setColumn(Role::Label, QStringLiteral("stars"));
    QVERIFY(lastCheck(checked));
    QCOMPARE(dialog.dataset()->labels, (std::vector<std::string>{"2", "5"}));
  }
};

QTEST_MAIN(DatasetImportDialogTest)
#include "dataset_import_dialog_test.moc"
