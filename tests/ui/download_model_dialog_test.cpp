// "Download model…" on the real window, offscreen, against a local HTTP server that answers the
// Hub's URL layout with the reference llama-tiny model: the dialog lists the files with their
// sizes and the model's ones checked, downloads them on its worker thread with progress, and the
// window then opens the downloaded snapshot as its model, which stays openable offline; Cancel
// stops a download and keeps the dialog; a repository without safetensors cannot be downloaded.

#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "download_model_dialog.h"
#include "main_window.h"
#include "support/fake_hub_server.h"

using pwb::test::FakeHubServer;
using pwb::ui::DownloadModelDialog;
using pwb::ui::HubDownloadOutcome;
using pwb::ui::MainWindow;

namespace {

const QString kRepo = QStringLiteral("workbench-fixtures/llama-tiny");
const QString kCommit = QStringLiteral("89abcdef0123456789abcdef0123456789abcdef");

FakeHubServer::File fixture(const char* name, bool lfs) {
  QFile file(QStringLiteral(PWB_FIXTURES_DIR "/llama-tiny/") + QString::fromLatin1(name));
  if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(file.fileName()));
  return {file.readAll(), lfs};
}

int checkedRows(const QTreeWidget& files) {
  int checked = 0;
  for (int row = 0; row < files.topLevelItemCount(); ++row) checked += files.topLevelItem(row)->checkState(0) == Qt::Checked;
  return checked;
}

}  // namespace

class DownloadModelDialogTest : public QObject {
  Q_OBJECT

 private:
  pwb::ui::WorkbenchPaths paths() const {
    return {dir_.filePath(QStringLiteral("experiments.sqlite")), QStringLiteral(PWB_RESOURCE_DIR "/corpus/uci_sentences.txt"),
            dir_.path()};
  }
  pwb::ui::HubSettings settings() const { return {server_.url(), {}, cache_.path()}; }

  FakeHubServer server_;
  QTemporaryDir dir_;
  QTemporaryDir cache_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.path());
    server_.addRepo(kRepo, kCommit,
                    {{QStringLiteral("config.json"), fixture("config.json", false)},
                     {QStringLiteral("generation_config.json"), fixture("generation_config.json", false)},
                     {QStringLiteral("tokenizer_config.json"), fixture("tokenizer_config.json", false)},
                     {QStringLiteral("tokenizer.model"), fixture("tokenizer.model", true)},
                     {QStringLiteral("model.safetensors"), fixture("model.safetensors", true)},
                     {QStringLiteral("pytorch_model.bin"), {QByteArray("pickled"), true}}});
    server_.addRepo(QStringLiteral("old/pickles-only"), kCommit,
                    {{QStringLiteral("config.json"), fixture("config.json", false)},
                     {QStringLiteral("pytorch_model.bin"), {QByteArray("pickled"), true}}});
    // The window reads the Hub's settings from the environment, as huggingface_hub does.
    qputenv("HF_ENDPOINT", server_.url().toEncoded());
    qputenv("HF_HOME", dir_.path().toLocal8Bit());  // no token file of the user's
    qputenv("HF_HUB_CACHE", cache_.path().toLocal8Bit());
    qunsetenv("HF_TOKEN");
  }

  void downloadsAndTheWindowOpensTheModel() {
    MainWindow window(paths());
    window.show();
    auto* dialog = window.downloadModel();
    QSignalSpy listed(dialog, &DownloadModelDialog::listingFinished);
    dialog->setModelId(QStringLiteral("https://huggingface.co/") + kRepo);  // a pasted address works too
    dialog->listFiles();
    QVERIFY(listed.wait(20000));
    QVERIFY2(listed.first().at(0).toBool(), qPrintable(dialog->statusText()));
    const auto* files = dialog->fileList();
    QCOMPARE(files->topLevelItemCount(), 6);
    QCOMPARE(checkedRows(*files), 5);  // not pytorch_model.bin
    const auto weights = files->findItems(QStringLiteral("model.safetensors"), Qt::MatchExactly);
    QCOMPARE(weights.size(), 1);
    QCOMPARE(weights[0]->text(1), QLocale().formattedDataSize(fixture("model.safetensors", true).content.size()));
    QCOMPARE(weights[0]->text(2), QStringLiteral("to download"));

    QSignalSpy opened(&window, &MainWindow::modelOpened);
    QSignalSpy finished(dialog, &DownloadModelDialog::downloadFinished);
    QVERIFY(dialog->downloadButton()->isEnabled());
    dialog->downloadButton()->click();
    QVERIFY(dialog->isDownloading());
    QVERIFY(finished.wait(60000));
    const auto outcome = finished.first().at(0).value<HubDownloadOutcome>();
    QVERIFY2(outcome.status == HubDownloadOutcome::Status::Finished, qPrintable(outcome.message));
    QCOMPARE(dialog->progressBar()->value(), dialog->progressBar()->maximum());
    QVERIFY(opened.wait(60000));
    const auto model = opened.first().at(0).value<pwb::ui::InspectedModel>();
    QVERIFY2(model.error.isEmpty(), qPrintable(model.error));
    QCOMPARE(model.path, cache_.filePath(QStringLiteral("models--workbench-fixtures--llama-tiny/snapshots/") + kCommit));
    QCOMPARE(model.family, QStringLiteral("llama"));
    QCOMPARE(model.parameters, qint64{202048});  // as the fixture folder itself, opened directly
    QCOMPARE(window.openedModel()->path, model.path);
  }

  // Offline, the copy the test above downloaded can still be opened; a model never downloaded
  // gets no such offer.
  void offlineTheDownloadedCopyCanBeOpened() {
    QTcpServer nothing;
    QVERIFY(nothing.listen(QHostAddress::LocalHost));
    const QUrl offline(QStringLiteral("http://127.0.0.1:%1").arg(nothing.serverPort()));
    nothing.close();
    DownloadModelDialog dialog({offline, {}, cache_.path()});
    QSignalSpy listed(&dialog, &DownloadModelDialog::listingFinished);
    QSignalSpy downloaded(&dialog, &DownloadModelDialog::modelDownloaded);
    dialog.setModelId(kRepo);
    dialog.listFiles();
    QVERIFY(listed.wait(20000));
    QVERIFY(!listed.first().at(0).toBool());
    QVERIFY2(dialog.statusText().contains(QStringLiteral("Check the network connection")) &&
                 dialog.statusText().contains(QStringLiteral("downloaded earlier is in the cache")),
             qPrintable(dialog.statusText()));
    QVERIFY(dialog.openCachedButton()->isVisibleTo(&dialog));
    dialog.openCachedButton()->click();
    QCOMPARE(downloaded.size(), 1);
    QCOMPARE(downloaded.first().at(0).toString(),
             cache_.filePath(QStringLiteral("models--workbench-fixtures--llama-tiny/snapshots/") + kCommit));

    dialog.setModelId(QStringLiteral("someone/never-downloaded"));
    dialog.listFiles();
    QVERIFY(listed.wait(20000));
    QVERIFY(!dialog.openCachedButton()->isVisibleTo(&dialog));
  }

  void cancelStopsTheDownloadAndKeepsTheDialog() {
    QTemporaryDir other_cache;
    server_.stall(QStringLiteral("model.safetensors"), 100000);
    DownloadModelDialog dialog({server_.url(), {}, other_cache.path()});
    dialog.show();
    QSignalSpy listed(&dialog, &DownloadModelDialog::listingFinished);
    dialog.setModelId(kRepo);
    dialog.listFiles();
    QVERIFY(listed.wait(20000));
    QSignalSpy finished(&dialog, &DownloadModelDialog::downloadFinished);
    dialog.startDownload();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusText().contains(QStringLiteral("model.safetensors")), 20000);
    QTRY_VERIFY(dialog.progressBar()->value() > 0);  // the bytes before the stall are shown
    dialog.reject();  // Esc or Cancel while downloading
    QVERIFY(finished.wait(10000));
    server_.stopStalling();
    QCOMPARE(finished.first().at(0).value<HubDownloadOutcome>().status, HubDownloadOutcome::Status::Cancelled);
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.statusText().contains(QStringLiteral("kept")), qPrintable(dialog.statusText()));
    QVERIFY(dialog.downloadButton()->isEnabled());  // to continue
    const auto state = [&](const char* file) {
      return dialog.fileList()->findItems(QString::fromLatin1(file), Qt::MatchExactly).value(0)->text(2);
    };
    QCOMPARE(state("config.json"), QStringLiteral("downloaded"));
    QCOMPARE(state("model.safetensors"), QStringLiteral("partly downloaded"));
    QCOMPARE(state("tokenizer.model"), QStringLiteral("to download"));
  }

  void aRepositoryWithoutSafetensorsCannotBeDownloaded() {
    DownloadModelDialog dialog(settings());
    QSignalSpy listed(&dialog, &DownloadModelDialog::listingFinished);
    dialog.setModelId(QStringLiteral("old/pickles-only"));
    dialog.listFiles();
    QVERIFY(listed.wait(20000));
    QVERIFY(!listed.first().at(0).toBool());
    QVERIFY2(dialog.statusText().contains(QStringLiteral("no safetensors weights (only pytorch_model.bin)")),
             qPrintable(dialog.statusText()));
    QVERIFY(!dialog.downloadButton()->isEnabled());
  }

  void aTypingMistakeIsExplainedWithoutARequest() {
    DownloadModelDialog dialog(settings());
    QSignalSpy listed(&dialog, &DownloadModelDialog::listingFinished);
    server_.clearRequests();
    dialog.setModelId(QStringLiteral("google/flan t5"));
    dialog.listFiles();
    QCOMPARE(listed.size(), 1);
    QVERIFY2(dialog.statusText().contains(QStringLiteral("is not a Hugging Face model id")), qPrintable(dialog.statusText()));
    QVERIFY(server_.requests().isEmpty());
  }
};

QTEST_MAIN(DownloadModelDialogTest)
#include "download_model_dialog_test.moc"
