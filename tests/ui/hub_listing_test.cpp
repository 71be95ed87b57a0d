// The Hub client's pure parts: reading the model endpoint's answer, choosing the files a model
// needs from real repositories' file lists, reading what the user typed, the cache's names, the
// messages for each refusal, and where the settings come from.

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "hub_cache.h"
#include "hub_errors.h"
#include "hub_file_selection.h"
#include "hub_listing.h"
#include "hub_repo_id.h"
#include "hub_requests.h"
#include "hub_settings.h"

using pwb::ui::HubFile;

namespace {

const QString kCommit = QStringLiteral("607a30d783dfa663caf39e06633721c8d4cfcd7e");
const QString kSha = QStringLiteral("248dfc3911869ec493c76e65bf2fcf7f615828b0254c12b473182f0f81d3a707");
const QString kBlob = QStringLiteral("10c66461e4c109db5a2196bff4bb59be30396ed8");

QList<HubFile> named(const QStringList& paths) {
  QList<HubFile> files;
  for (const auto& path : paths) files << HubFile{path, 1, kBlob, {}};
  return files;
}

QStringList paths(const QList<HubFile>& files) {
  QStringList names;
  for (const auto& file : files) names << file.path;
  return names;
}

}  // namespace

class HubListingTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void readsTheModelEndpointAnswer() {
    const auto json = QStringLiteral(R"({"id":"gpt2","sha":"%1","siblings":[
        {"rfilename":"config.json","size":665,"blobId":"%2"},
        {"rfilename":"model.safetensors","size":548105171,"blobId":"%2",
         "lfs":{"sha256":"%3","size":548105171,"pointerSize":135}}]})")
                          .arg(kCommit, kBlob, kSha)
                          .toUtf8();
    QString problem;
    const auto listing = pwb::ui::parseHubListing(json, QStringLiteral("gpt2"), QStringLiteral("main"), problem);
    QVERIFY2(listing.has_value(), qPrintable(problem));
    QCOMPARE(listing->commit, kCommit);
    QCOMPARE(listing->files.size(), 2);
    QCOMPARE(listing->files[0].blobName(), kBlob);  // a git file's blob is named by its git id
    QVERIFY(!listing->files[0].isLfs());
    QCOMPARE(listing->files[1].size, qint64{548105171});  // beyond 32 bits would be fine too
    QCOMPARE(listing->files[1].blobName(), kSha);  // an LFS file's by its SHA-256
  }

  void namesTheJsonPathOfABadField() {
    QString problem;
    const auto no_sizes = QStringLiteral(R"({"sha":"%1","siblings":[{"rfilename":"config.json"}]})").arg(kCommit).toUtf8();
    QVERIFY(!pwb::ui::parseHubListing(no_sizes, QStringLiteral("gpt2"), QStringLiteral("main"), problem));
    QVERIFY2(problem.contains(QStringLiteral("$.siblings[0].size")), qPrintable(problem));
    const auto bad_sha = QStringLiteral(R"({"sha":"%1","siblings":[{"rfilename":"m.safetensors","size":1,"blobId":"%2",
        "lfs":{"sha256":"xyz"}}]})")
                             .arg(kCommit, kBlob)
                             .toUtf8();
    QVERIFY(!pwb::ui::parseHubListing(bad_sha, QStringLiteral("gpt2"), QStringLiteral("main"), problem));
    QVERIFY2(problem.contains(QStringLiteral("$.siblings[0].lfs.sha256")), qPrintable(problem));
    QVERIFY(!pwb::ui::parseHubListing("<html>", QStringLiteral("gpt2"), QStringLiteral("main"), problem));
    QVERIFY2(problem.contains(QStringLiteral("not a JSON object")), qPrintable(problem));
  }

  void refusesPathsThatLeaveTheRepository() {
    for (const auto* path : {"../../etc/passwd", "/etc/passwd", "a//b", "a/./b", "a\\b"}) {
      const auto json = QStringLiteral(R"({"sha":"%1","siblings":[{"rfilename":"%2","size":1,"blobId":"%3"}]})")
                            .arg(kCommit, QString::fromLatin1(path).replace(QStringLiteral("\\"), QStringLiteral("\\\\")), kBlob)
                            .toUtf8();
      QString problem;
      QVERIFY2(!pwb::ui::parseHubListing(json, QStringLiteral("x"), QStringLiteral("main"), problem), path);
      QVERIFY2(problem.contains(QStringLiteral("not a path inside the repository")), qPrintable(problem));
    }
  }

  // gpt2's real file list: only the safetensors weights and what goes with them.
  void choosesSafetensorsOverOtherFormats() {
    const auto files = named({QStringLiteral(".gitattributes"), QStringLiteral("64-8bits.tflite"), QStringLiteral("64.tflite"),
                              QStringLiteral("README.md"), QStringLiteral("config.json"), QStringLiteral("flax_model.msgpack"),
                              QStringLiteral("generation_config.json"), QStringLiteral("merges.txt"), QStringLiteral("model.safetensors"),
                              QStringLiteral("onnx/config.json"), QStringLiteral("onnx/decoder_model.onnx"),
                              QStringLiteral("pytorch_model.bin"), QStringLiteral("rust_model.ot"), QStringLiteral("tf_model.h5"),
                              QStringLiteral("tokenizer.json"), QStringLiteral("tokenizer_config.json"), QStringLiteral("vocab.json")});
    QCOMPARE(paths(pwb::ui::selectModelFiles(files)),
             (QStringList{QStringLiteral("config.json"), QStringLiteral("generation_config.json"), QStringLiteral("merges.txt"),
                          QStringLiteral("model.safetensors"), QStringLiteral("tokenizer.json"),
                          QStringLiteral("tokenizer_config.json"), QStringLiteral("vocab.json")}));
    QVERIFY(pwb::ui::missingWeightsProblem(QStringLiteral("gpt2"), files).isEmpty());
  }

  // A sharded Llama-style repository: every shard and the index, no PyTorch shards.
  void takesEveryShardAndTheIndex() {
    const auto files = named({QStringLiteral("config.json"), QStringLiteral("model-00001-of-00002.safetensors"),
                              QStringLiteral("model-00002-of-00002.safetensors"), QStringLiteral("model.safetensors.index.json"),
                              QStringLiteral("pytorch_model-00001-of-00002.bin"), QStringLiteral("pytorch_model-00002-of-00002.bin"),
                              QStringLiteral("pytorch_model.bin.index.json"), QStringLiteral("special_tokens_map.json"),
                              QStringLiteral("tokenizer.model"), QStringLiteral("original/consolidated.00.pth")});
    QCOMPARE(paths(pwb::ui::selectModelFiles(files)),
             (QStringList{QStringLiteral("config.json"), QStringLiteral("model-00001-of-00002.safetensors"),
                          QStringLiteral("model-00002-of-00002.safetensors"), QStringLiteral("model.safetensors.index.json"),
                          QStringLiteral("special_tokens_map.json"), QStringLiteral("tokenizer.model")}));
  }

  void saysWhenThereAreNoSafetensors() {
    const auto problem = pwb::ui::missingWeightsProblem(
        QStringLiteral("old/model"), named({QStringLiteral("config.json"), QStringLiteral("pytorch_model.bin"), QStringLiteral("spiece.model")}));
    QVERIFY2(problem.contains(QStringLiteral("old/model has no safetensors weights (only pytorch_model.bin)")), qPrintable(problem));
  }

  void readsWhatTheUserTyped() {
    auto ref = pwb::ui::parseHubModelRef(QStringLiteral("  google/flan-t5-small "), {});
    QCOMPARE(ref.repo_id, QStringLiteral("google/flan-t5-small"));
    QCOMPARE(ref.revision, QStringLiteral("main"));
    QVERIFY(ref.problem.isEmpty());
    ref = pwb::ui::parseHubModelRef(QStringLiteral("https://huggingface.co/TinyLlama/TinyLlama-1.1B-Chat-v1.0/tree/v1.0"), {});
    QCOMPARE(ref.repo_id, QStringLiteral("TinyLlama/TinyLlama-1.1B-Chat-v1.0"));
    QCOMPARE(ref.revision, QStringLiteral("v1.0"));
    QCOMPARE(pwb::ui::parseHubModelRef(QStringLiteral("gpt2"), QStringLiteral("refs/pr/1")).revision, QStringLiteral("refs/pr/1"));
    for (const auto* bad : {"", "a/b/c", "a--b", "-gpt2", "gpt2.", "a b", "org/../x"}) {
      QVERIFY2(!pwb::ui::parseHubModelRef(QString::fromLatin1(bad), {}).problem.isEmpty(), bad);
    }
    QVERIFY(!pwb::ui::parseHubModelRef(QStringLiteral("gpt2"), QStringLiteral("../x")).problem.isEmpty());
  }

  void buildsTheHubsUrls() {
    pwb::ui::HubSettings settings;
    settings.endpoint = QUrl(QStringLiteral("https://hub.example"));
    QCOMPARE(pwb::ui::hubModelInfoUrl(settings, QStringLiteral("google/flan-t5-small"), QStringLiteral("refs/pr/1")).toEncoded(),
             QByteArray("https://hub.example/api/models/google/flan-t5-small/revision/refs%2Fpr%2F1?blobs=true"));
    QCOMPARE(pwb::ui::hubFileUrl(settings, QStringLiteral("gpt2"), kCommit, QStringLiteral("onnx/a b.json")).toEncoded(),
             QByteArray("https://hub.example/gpt2/resolve/" + kCommit.toLatin1() + "/onnx/a%20b.json"));
  }

  void sendsTheTokenToTheHubOnly() {
    pwb::ui::HubSettings settings;
    settings.endpoint = QUrl(QStringLiteral("https://hub.example"));
    settings.token = "hf_secret";
    QCOMPARE(pwb::ui::hubRequest(settings, QUrl(QStringLiteral("https://hub.example/gpt2/resolve/main/config.json")))
                 .rawHeader("Authorization"),
             QByteArray("Bearer hf_secret"));
    QVERIFY(!pwb::ui::hubRequest(settings, QUrl(QStringLiteral("https://cdn.example/blob"))).hasRawHeader("Authorization"));
  }

  void namesTheCacheFoldersAsHuggingFaceHubDoes() {
    QCOMPARE(pwb::ui::HubRepoCache::folderName(QStringLiteral("google/flan-t5-small")), QStringLiteral("models--google--flan-t5-small"));
    QCOMPARE(pwb::ui::HubRepoCache::folderName(QStringLiteral("gpt2")), QStringLiteral("models--gpt2"));
    const pwb::ui::HubRepoCache cache(QStringLiteral("/c"), QStringLiteral("org/m"));
    QCOMPARE(cache.snapshotPath(kCommit, QStringLiteral("config.json")),
             QStringLiteral("/c/models--org--m/snapshots/") + kCommit + QStringLiteral("/config.json"));
    QCOMPARE(cache.incompletePath(kSha), QStringLiteral("/c/models--org--m/blobs/") + kSha + QStringLiteral(".incomplete"));
  }

  void linksSnapshotFilesRelativelyAndWritesRefs() {
    QTemporaryDir dir;
    const pwb::ui::HubRepoCache cache(dir.path(), QStringLiteral("org/m"));
    QVERIFY(QDir().mkpath(cache.folder() + QStringLiteral("/blobs")));
    QFile blob(cache.blobPath(kBlob));
    QVERIFY(blob.open(QIODevice::WriteOnly));
    blob.write("{}");
    blob.close();
    QVERIFY(cache.link(kCommit, QStringLiteral("config.json"), kBlob).isEmpty());
    QVERIFY(cache.link(kCommit, QStringLiteral("onnx/config.json"), kBlob).isEmpty());
    // The targets huggingface_hub writes: relative, so that the cache can move.
    const auto target = [&](const char* file) {
      return QString::fromStdString(
          std::filesystem::read_symlink(cache.snapshotPath(kCommit, QString::fromLatin1(file)).toStdString()).string());
    };
    QCOMPARE(target("config.json"), QStringLiteral("../../blobs/") + kBlob);
    QCOMPARE(target("onnx/config.json"), QStringLiteral("../../../blobs/") + kBlob);
    QCOMPARE(QFile::symLinkTarget(cache.snapshotPath(kCommit, QStringLiteral("onnx/config.json"))), cache.blobPath(kBlob));
    QVERIFY(cache.hasSnapshotFile(kCommit, QStringLiteral("onnx/config.json")));
    QVERIFY(cache.writeRef(QStringLiteral("refs/pr/1"), kCommit).isEmpty());
    QCOMPARE(cache.readRef(QStringLiteral("refs/pr/1")), kCommit);
    QVERIFY(cache.writeRef(kCommit, kCommit).isEmpty());  // a commit needs no ref
    QVERIFY(!QFile::exists(cache.folder() + QStringLiteral("/refs/") + kCommit));
  }

  // The answers the local stand-in for the Hub does not give: gated (403), rate limit, Hub down.
  void explainsEachKindOfRefusal() {
    pwb::ui::HubRequestFailure gated;
    gated.http_status = 403;
    gated.hub_error_code = "GatedRepo";
    gated.token_sent = true;
    auto message = pwb::ui::describeHubFailure(gated, QStringLiteral("meta-llama/Llama-2-7b-hf"), QStringLiteral("main"),
                                               QStringLiteral("the file list"));
    QVERIFY2(message.startsWith(QStringLiteral("meta-llama/Llama-2-7b-hf is gated: accept its conditions")) &&
                 message.contains(QStringLiteral("set HF_TOKEN")),
             qPrintable(message));
    pwb::ui::HubRequestFailure busy;
    busy.http_status = 429;
    message = pwb::ui::describeHubFailure(busy, QStringLiteral("gpt2"), QStringLiteral("main"), QStringLiteral("config.json of gpt2"));
    QVERIFY2(message.contains(QStringLiteral("too many requests")), qPrintable(message));
    pwb::ui::HubRequestFailure down;
    down.http_status = 503;
    message = pwb::ui::describeHubFailure(down, QStringLiteral("gpt2"), QStringLiteral("main"), QStringLiteral("config.json of gpt2"));
    QCOMPARE(message, QStringLiteral("The Hub had a problem sending config.json of gpt2 (HTTP 503); try again later. "
                                     "What was already downloaded is kept."));
  }

  void readsTheSameEnvironmentAsHuggingFaceHub() {
    QTemporaryDir home;
    qputenv("HF_HOME", home.path().toLocal8Bit());
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("HUGGINGFACE_HUB_CACHE");
    qunsetenv("HF_TOKEN");
    qunsetenv("HF_TOKEN_PATH");
    qputenv("HF_ENDPOINT", "http://127.0.0.1:8080/");
    QFile token(home.filePath(QStringLiteral("token")));
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write("hf_from_login\n");
    token.close();
    auto settings = pwb::ui::HubSettings::fromEnvironment();
    QCOMPARE(settings.cache_dir, home.filePath(QStringLiteral("hub")));
    QCOMPARE(settings.token, QByteArray("hf_from_login"));
    QCOMPARE(settings.endpoint.toString(), QStringLiteral("http://127.0.0.1:8080"));
    qputenv("HF_HUB_CACHE", "/elsewhere/hub");
    qputenv("HF_TOKEN", "hf_env");
    settings = pwb::ui::HubSettings::fromEnvironment();
    QCOMPARE(settings.cache_dir, QStringLiteral("/elsewhere/hub"));
    QCOMPARE(settings.token, QByteArray("hf_env"));
  }
};

QTEST_GUILESS_MAIN(HubListingTest)
#include "hub_listing_test.moc"
