#pragma once
// A repository's files at one commit, as the Hub's model endpoint lists them
// (GET /api/models/{id}/revision/{revision}?blobs=true): each file's size, git blob id and, for a
// file stored with Git LFS, the SHA-256 of its content.

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

namespace pwb::ui {

struct HubFile {
  QString path;  // relative to the repository's root, '/'-separated
  qint64 size = 0;
  QString blob_id;     // git blob id (SHA-1 of "blob <size>\0" + content)
  QString lfs_sha256;  // empty for a file stored in git itself

  bool isLfs() const { return !lfs_sha256.isEmpty(); }
  // Its file name under blobs/ in the cache: the ETag the Hub serves it with, as huggingface_hub
  // names it — the SHA-256 for LFS files, the git blob id otherwise.
  QString blobName() const { return isLfs() ? lfs_sha256 : blob_id; }
};

struct HubListing {
  QString repo_id;
  QString revision;  // as asked for: a branch, tag or commit
  QString commit;    // what it resolved to
  QList<HubFile> files;
};

// Reads the endpoint's JSON answer; on bad input returns nothing and says what is wrong, naming
// the JSON path (`siblings[3].lfs.sha256`). File paths that would leave the repository's folder
// (absolute, "..") are refused.
std::optional<HubListing> parseHubListing(const QByteArray& json, const QString& repo_id, const QString& revision,
                                          QString& problem);

}  // namespace pwb::ui

Q_DECLARE_METATYPE(pwb::ui::HubListing)
