// Listing and downloading against a local HTTP server that answers the Hub's URL layout with the
// reference llama-tiny model (no test reaches the internet): the files land in the Hugging Face
// cache layout with verified checksums, a cut connection resumes with a Range request, damaged
// bytes are an error that leaves no blob, a second download requests no file, 404/401 and an
// unreachable Hub or a connection that keeps breaking give messages that say what to do,
// cancelling keeps the partial file, and a full disk is an error that keeps what was downloaded.

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "hub_cache.h"
#include "hub_client.h"
#include "hub_download_task.h"
#include "hub_file_selection.h"
#include "support/fake_hub_server.h"

using pwb::test::FakeHubServer;
using pwb::ui::HubDownloadOutcome;
using pwb::ui::HubDownloadTask;
using pwb::ui::HubListing;
using Status = HubDownloadOutcome::Status;

namespace {

const QString kRepo = QStringLiteral("workbench-fixtures/llama-tiny");
const QString kCommit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
const QString kWeights = QStringLiteral("model.safetensors");

QByteArray fixture(const QString& name) {
  QFile file(QStringLiteral(PWB_FIXTURES_DIR "/llama-tiny/") + name);
  if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read the fixture %s", qPrintable(file.fileName()));
  return file.readAll();
}

// The fixture model as a Hub repository: its five files, and the other formats and files a real
// repository carries beside them, which a download must leave alone.
QMap<QString, FakeHubServer::File> fixtureRepository() {
  return {{QStringLiteral("config.json"), {fixture(QStringLiteral("config.json")), false}},
          {QStringLiteral("generation_config.json"), {fixture(QStringLiteral("generation_config.json")), false}},
          {QStringLiteral("tokenizer_config.json"), {fixture(QStringLiteral("tokenizer_config.json")), false}},
          {QStringLiteral("tokenizer.model"), {fixture(QStringLiteral("tokenizer.model")), true}},
          {kWeights, {fixture(kWeights), true}},
          {QStringLiteral("pytorch_model.bin"), {QByteArray("the same weights, pickled"), true}},
          {QStringLiteral("tf_model.h5"), {QByteArray("the same weights, for TensorFlow"), true}},
          {QStringLiteral("flax_model.msgpack"), {QByteArray("the same weights, for Flax"), true}},
          {QStringLiteral("onnx/model.onnx"), {QByteArray("an ONNX export"), true}},
          {QStringLiteral("README.md"), {QByteArray("# llama-tiny\n"), false}},
          {QStringLiteral(".gitattributes"), {QByteArray("*.safetensors filter=lfs diff=lfs merge=lfs -text\n"), false}}};
}

const QStringList kModelFiles = {QStringLiteral("config.json"), QStringLiteral("generation_config.json"), kWeights,
                                 QStringLiteral("tokenizer.model"), QStringLiteral("tokenizer_config.json")};

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The ranges asked of the storage LFS files are redirected to (the Hub's hop before carries the
// same).
QList<QByteArray> rangesAsked(const FakeHubServer& server) {
  QList<QByteArray> ranges;
  for (const auto& request : server.requests()) {
    if (request.path.startsWith("/lfs/") && !request.range.isEmpty()) ranges << request.range;
  }
  return ranges;
}

}  // namespace

class HubDownloadTaskTest : public QObject {
  Q_OBJECT

 private:
  pwb::ui::HubSettings settings(const QByteArray& token = {}) const {
    return {server_->url(), token, cache_->path()};
  }
  pwb::ui::HubRepoCache cache() const { return {cache_->path(), kRepo}; }

  // The listing, or the failure message.
  std::pair<std::optional<HubListing>, QString> list(const pwb::ui::HubSettings& settings, const QString& repo,
                                                     const QString& revision = QStringLiteral("main")) {
    pwb::ui::HubClient client(settings);
    QSignalSpy listed(&client, &pwb::ui::HubClient::listed);
    QSignalSpy failed(&client, &pwb::ui::HubClient::failed);
    client.listFiles(repo, revision);
    if (!QTest::qWaitFor([&] { return !listed.isEmpty() || !failed.isEmpty(); }, 20000)) return {std::nullopt, QStringLiteral("timeout")};
    if (!failed.isEmpty()) return {std::nullopt, failed.first().at(0).toString()};
    return {listed.first().at(0).value<HubListing>(), {}};
  }

  HubDownloadOutcome download(const pwb::ui::HubSettings& settings, const HubListing& listing) {
    HubDownloadTask task(settings, listing, pwb::ui::selectModelFiles(listing.files));
    QSignalSpy finished(&task, &HubDownloadTask::finished);
    task.run();
    if (finished.isEmpty() && !finished.wait(60000)) return {};
    return finished.first().at(0).value<HubDownloadOutcome>();
  }

  HubListing listing() {
    auto [listing, problem] = list(settings(), kRepo);
    if (!listing) qFatal("listing failed: %s", qPrintable(problem));
    return *listing;
  }

  std::unique_ptr<FakeHubServer> server_;
  std::unique_ptr<QTemporaryDir> cache_;

 private Q_SLOTS:
  void init() {
    server_ = std::make_unique<FakeHubServer>();
    server_->addRepo(kRepo, kCommit, fixtureRepository());
    cache_ = std::make_unique<QTemporaryDir>();
  }

  void listsTheFilesWithSizesAndChecksums() {
    const auto listed = listing();
    QCOMPARE(listed.commit, kCommit);
    QCOMPARE(listed.files.size(), 11);
    const auto weights = std::find_if(listed.files.begin(), listed.files.end(), [](const auto& f) { return f.path == kWeights; });
    QVERIFY(weights != listed.files.end());
    QCOMPARE(weights->size, fixture(kWeights).size());
    QCOMPARE(weights->lfs_sha256, FakeHubServer::sha256(fixture(kWeights)));
    QStringList chosen;
    for (const auto& file : pwb::ui::selectModelFiles(listed.files)) chosen << file.path;
    QCOMPARE(chosen, kModelFiles);
  }

  void downloadsIntoTheHuggingFaceCacheLayout() {
    const auto outcome = download(settings(), listing());
    QVERIFY2(outcome.status == Status::Finished, qPrintable(outcome.message));
    QCOMPARE(outcome.files_downloaded, 5);
    QCOMPARE(outcome.snapshot_dir, cache_->filePath(QStringLiteral("models--workbench-fixtures--llama-tiny/snapshots/") + kCommit));
    for (const auto& name : kModelFiles) {
      const auto content = fixture(name);
      const bool lfs = name == kWeights || name == QStringLiteral("tokenizer.model");
      const auto blob = lfs ? FakeHubServer::sha256(content) : FakeHubServer::gitBlobId(content);
      const auto link = outcome.snapshot_dir + QLatin1Char('/') + name;
      QVERIFY2(QFileInfo(link).isSymLink(), qPrintable(link));
      QCOMPARE(QString::fromStdString(std::filesystem::read_symlink(link.toStdString()).string()),
               QStringLiteral("../../blobs/") + blob);
      QCOMPARE(readAll(link), content);
      QVERIFY(!QFile::exists(cache().incompletePath(blob)));
    }
    QCOMPARE(readAll(cache().folder() + QStringLiteral("/refs/main")), kCommit.toLatin1());
    // Nothing but the model's files was fetched.
    QVERIFY(!QFile::exists(outcome.snapshot_dir + QStringLiteral("/pytorch_model.bin")));
    QCOMPARE(QDir(cache().folder() + QStringLiteral("/blobs")).count(), 5u + 2u);  // with . and ..
  }

  void aSecondDownloadRequestsNoFile() {
    const auto listed = listing();
    QCOMPARE(download(settings(), listed).status, Status::Finished);
    server_->clearRequests();
    const auto again = download(settings(), listed);
    QCOMPARE(again.status, Status::Finished);
    QCOMPARE(again.files_reused, 5);
    QCOMPARE(again.files_downloaded, 0);
    QCOMPARE(server_->fileRequestCount(), 0);
  }

  void resumesACutConnectionWithARangeRequest() {
    server_->cutOff(kWeights, 300000);
    const auto outcome = download(settings(), listing());
    QVERIFY2(outcome.status == Status::Finished, qPrintable(outcome.message));
    QCOMPARE(rangesAsked(*server_), QList<QByteArray>{"bytes=300000-"});
    QCOMPARE(readAll(outcome.snapshot_dir + QLatin1Char('/') + kWeights), fixture(kWeights));
  }

  // Three cut connections in a row (the first try and two resumptions): a network error that
  // keeps every byte received for the next download.
  void aConnectionThatKeepsBreakingFailsAndKeepsTheBytes() {
    server_->cutOff(kWeights, 100000, 3);
    const auto outcome = download(settings(), listing());
    QCOMPARE(outcome.status, Status::Failed);
    QVERIFY2(outcome.message.startsWith(QStringLiteral("Could not download model.safetensors of workbench-fixtures/llama-tiny: ")) &&
                 outcome.message.contains(QStringLiteral("what was already downloaded is kept")),
             qPrintable(outcome.message));
    QCOMPARE(rangesAsked(*server_), (QList<QByteArray>{"bytes=100000-", "bytes=200000-"}));
    QCOMPARE(QFileInfo(cache().incompletePath(FakeHubServer::sha256(fixture(kWeights)))).size(), qint64{300000});
  }

  void damagedBytesAreAnErrorAndLeaveNoBlob() {
    server_->damage(kWeights);
    const auto outcome = download(settings(), listing());
    QCOMPARE(outcome.status, Status::Failed);
    QVERIFY2(outcome.message.contains(QStringLiteral("model.safetensors of workbench-fixtures/llama-tiny arrived damaged: its SHA-256")),
             qPrintable(outcome.message));
    const auto sha = FakeHubServer::sha256(fixture(kWeights));
    QVERIFY(!QFile::exists(cache().blobPath(sha)));
    QVERIFY(!QFile::exists(cache().incompletePath(sha)));
    QVERIFY(!cache().hasSnapshotFile(kCommit, kWeights));
    QVERIFY(cache().readRef(QStringLiteral("main")).isEmpty());  // the snapshot is not complete
    QVERIFY(cache().hasSnapshotFile(kCommit, QStringLiteral("config.json")));  // what came before is kept
  }

  void aDamagedGitFileIsCheckedByItsBlobId() {
    server_->damage(QStringLiteral("config.json"));
    const auto outcome = download(settings(), listing());
    QCOMPARE(outcome.status, Status::Failed);
    QVERIFY2(outcome.message.contains(QStringLiteral("config.json of workbench-fixtures/llama-tiny arrived damaged: its git blob id")),
             qPrintable(outcome.message));
  }

  void anUnknownModelOrRevisionIsNamed() {
    auto [listed, message] = list(settings(), QStringLiteral("nobody/no-such-model"));
    QVERIFY(!listed);
    QVERIFY2(message.contains(QStringLiteral("The Hugging Face Hub has no model 'nobody/no-such-model'")), qPrintable(message));
    std::tie(listed, message) = list(settings(), kRepo, QStringLiteral("v9"));
    QVERIFY(!listed);
    QVERIFY2(message.contains(QStringLiteral("has no revision 'v9'")), qPrintable(message));
  }

  void aGatedModelAsksForHfToken() {
    server_->requireToken("hf_right");
    auto [listed, message] = list(settings(), kRepo);
    QVERIFY(!listed);
    QVERIFY2(message.contains(QStringLiteral("needs an access token")) && message.contains(QStringLiteral("Set HF_TOKEN")),
             qPrintable(message));
    std::tie(listed, message) = list(settings("hf_wrong"), kRepo);
    QVERIFY2(message.contains(QStringLiteral("refused the access token in HF_TOKEN")), qPrintable(message));
    std::tie(listed, message) = list(settings("hf_right"), kRepo);
    QVERIFY2(listed.has_value(), qPrintable(message));
    server_->clearRequests();
    const auto outcome = download(settings("hf_right"), *listed);
    QVERIFY2(outcome.status == Status::Finished, qPrintable(outcome.message));
    // The token goes to the Hub, never to the storage LFS files are redirected to.
    int to_storage = 0;
    for (const auto& request : server_->requests()) {
      if (request.path.startsWith("/lfs/")) {
        ++to_storage;
        QVERIFY(request.authorization.isEmpty());
      } else {
        QCOMPARE(request.authorization, QByteArray("Bearer hf_right"));
      }
    }
    QCOMPARE(to_storage, 2);
  }

  void cancellingKeepsThePartialFileAndTheNextDownloadResumes() {
    server_->stall(kWeights, 200000);
    const auto listed = listing();
    const auto sha = FakeHubServer::sha256(fixture(kWeights));
    {
      HubDownloadTask task(settings(), listed, pwb::ui::selectModelFiles(listed.files));
      QSignalSpy finished(&task, &HubDownloadTask::finished);
      task.run();
      QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(cache().incompletePath(sha)).size(), qint64{200000}, 20000);
      task.cancel();
      QVERIFY(finished.wait(10000));
      const auto outcome = finished.first().at(0).value<HubDownloadOutcome>();
      QCOMPARE(outcome.status, Status::Cancelled);
      QVERIFY2(outcome.message.contains(QStringLiteral("kept")), qPrintable(outcome.message));
    }
    QCOMPARE(QFileInfo(cache().incompletePath(sha)).size(), qint64{200000});
    QVERIFY(!QFile::exists(cache().blobPath(sha)));
    server_->stopStalling();
    server_->clearRequests();
    const auto outcome = download(settings(), listed);
    QVERIFY2(outcome.status == Status::Finished, qPrintable(outcome.message));
    QCOMPARE(rangesAsked(*server_), QList<QByteArray>{"bytes=200000-"});
    QCOMPARE(readAll(outcome.snapshot_dir + QLatin1Char('/') + kWeights), fixture(kWeights));
    QCOMPARE(outcome.files_reused, 2);  // config.json and generation_config.json came before the cancel
  }

  void anUnreachableHubIsANetworkError() {
    const auto listed = listing();
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const auto port = closed.serverPort();
    closed.close();
    pwb::ui::HubSettings offline{QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), {}, cache_->path()};
    const auto [nothing, message] = list(offline, kRepo);
    QVERIFY(!nothing);
    QVERIFY2(message.contains(QStringLiteral("Could not download the file list")) &&
                 message.contains(QStringLiteral("Check the network connection")),
             qPrintable(message));
    const auto outcome = download(offline, listed);
    QCOMPARE(outcome.status, Status::Failed);
    QVERIFY2(outcome.message.contains(QStringLiteral("config.json of workbench-fixtures/llama-tiny")), qPrintable(outcome.message));
  }

  // /dev/full fails every write with ENOSPC: the disk-full path, on a real file.
  void aFullDiskIsAnErrorThatKeepsWhatWasDownloaded() {
    const auto sha = FakeHubServer::sha256(fixture(kWeights));
    QVERIFY(QDir().mkpath(cache().folder() + QStringLiteral("/blobs")));
    QVERIFY(QFile::link(QStringLiteral("/dev/full"), cache().incompletePath(sha)));
    const auto outcome = download(settings(), listing());
    QCOMPARE(outcome.status, Status::Failed);
    QVERIFY2(outcome.message.contains(QStringLiteral("Is the disk full?")), qPrintable(outcome.message));
    QVERIFY(cache().hasSnapshotFile(kCommit, QStringLiteral("config.json")));
    QVERIFY(cache().hasSnapshotFile(kCommit, QStringLiteral("generation_config.json")));
  }
};

QTEST_GUILESS_MAIN(HubDownloadTaskTest)
#include "hub_download_task_test.moc"
