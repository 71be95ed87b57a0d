#include "hub_cache.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <unistd.h>

#include "hub_repo_id.h"

namespace pwb::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("HubRepoCache", text); }

}  // namespace

HubRepoCache::HubRepoCache(const QString& cache_dir, const QString& repo_id)
    : folder_(QDir(cache_dir).filePath(folderName(repo_id))) {}

QString HubRepoCache::folderName(const QString& repo_id) {
  return QStringLiteral("models--") + QString(repo_id).replace(QLatin1Char('/'), QStringLiteral("--"));
}

QString HubRepoCache::blobPath(const QString& blob) const { return folder_ + QStringLiteral("/blobs/") + blob; }

QString HubRepoCache::incompletePath(const QString& blob) const { return blobPath(blob) + QStringLiteral(".incomplete"); }

QString HubRepoCache::snapshotDir(const QString& commit) const { return folder_ + QStringLiteral("/snapshots/") + commit; }

QString HubRepoCache::snapshotPath(const QString& commit, const QString& file) const {
  return snapshotDir(commit) + QLatin1Char('/') + file;
}

bool HubRepoCache::hasSnapshotFile(const QString& commit, const QString& file) const {
  return QFileInfo(snapshotPath(commit, file)).isFile();
}

bool HubRepoCache::hasBlob(const QString& blob) const { return QFileInfo(blobPath(blob)).isFile(); }

QString HubRepoCache::link(const QString& commit, const QString& file, const QString& blob) const {
  const auto path = snapshotPath(commit, file);
  const QFileInfo info(path);
  if (!QDir().mkpath(info.absolutePath())) return tr("Could not create the folder %1").arg(info.absolutePath());
  // The same relative target huggingface_hub writes: ../../blobs/{blob} from a top-level file.
  const auto target = info.absoluteDir().relativeFilePath(blobPath(blob));
  QFile::remove(path);  // a stale or broken link from an earlier attempt
  // symlink(2) itself: QFile::link would make the target absolute.
  if (::symlink(QFile::encodeName(target).constData(), QFile::encodeName(path).constData()) != 0) {
    return tr("Could not link %1 to %2: %3").arg(path, target, QString::fromLocal8Bit(std::strerror(errno)));
  }
  return {};
}

QString HubRepoCache::writeRef(const QString& revision, const QString& commit) const {
  if (revision == commit || isCommitHash(revision)) return {};
  const auto path = folder_ + QStringLiteral("/refs/") + revision;
  if (readRef(revision) == commit) return {};
  if (!QDir().mkpath(QFileInfo(path).absolutePath())) return tr("Could not create the folder of %1").arg(path);
  QSaveFile file(path);  // readers never see half a hash
  if (!file.open(QIODevice::WriteOnly) || file.write(commit.toLatin1()) != commit.size() || !file.commit()) {
    return tr("Could not write %1: %2").arg(path, file.errorString());
  }
  return {};
}

QString HubRepoCache::readRef(const QString& revision) const {
  if (isCommitHash(revision)) return revision;
  QFile file(folder_ + QStringLiteral("/refs/") + revision);
  if (!file.open(QIODevice::ReadOnly)) return {};
  const auto commit = QString::fromLatin1(file.readAll().trimmed());
  return isCommitHash(commit) ? commit : QString();
}

QString HubRepoCache::downloadedSnapshot(const QString& revision) const {
  const auto commit = readRef(revision);
  if (commit.isEmpty() || !QFileInfo(snapshotDir(commit)).isDir()) return {};
  return snapshotDir(commit);
}

}  // namespace pwb::ui
