#pragma once
// One repository's folder in the Hugging Face cache, laid out exactly as huggingface_hub lays it
// out, so that each reuses what the other downloaded:
//   {cache}/models--{org}--{name}/blobs/{sha256 or git blob id}       the content, once
//                                 blobs/{...}.incomplete              a download in progress
//                                 snapshots/{commit}/{path}           relative symlinks to blobs
//                                 refs/{revision}                     the commit it resolved to

#include <QString>

namespace pwb::ui {

class HubRepoCache {
 public:
  HubRepoCache(const QString& cache_dir, const QString& repo_id);

  // "models--google--flan-t5-small"
  static QString folderName(const QString& repo_id);
  QString folder() const { return folder_; }
  QString blobPath(const QString& blob) const;
  QString incompletePath(const QString& blob) const;
  QString snapshotDir(const QString& commit) const;
  QString snapshotPath(const QString& commit, const QString& file) const;

  // The snapshot has the file: its link resolves to a regular file.
  bool hasSnapshotFile(const QString& commit, const QString& file) const;
  bool hasBlob(const QString& blob) const;
  // Points snapshots/{commit}/{file} at blobs/{blob} with a relative symlink, replacing what
  // was there. Returns what failed, or empty.
  QString link(const QString& commit, const QString& file, const QString& blob) const;
  // Records that the revision resolved to commit (nothing to record for a commit hash itself).
  // Returns what failed, or empty.
  QString writeRef(const QString& revision, const QString& commit) const;
  // The commit a revision resolved to when last downloaded, or empty.
  QString readRef(const QString& revision) const;
  // The snapshot folder of that commit when it is there (for working offline), or empty.
  QString downloadedSnapshot(const QString& revision) const;

 private:
  QString folder_;
};

}  // namespace pwb::ui
