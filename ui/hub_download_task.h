#pragma once
// Downloads the chosen files of a listed repository into the Hugging Face cache, one after the
// other, on whatever thread the task lives on (the dialog gives it a worker thread of its own):
// files the snapshot already has are not requested again, a blob another snapshot holds is only
// linked, a broken connection is resumed where it stopped, every file is checked against the
// checksum the Hub lists (a mismatch deletes it and is an error naming it), and cancel() stops
// at once, keeping the .incomplete file for the next time. The ref (refs/main → commit) is
// written once every file is in place.

#include <QElapsedTimer>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <atomic>

#include "hub_cache.h"
#include "hub_file_transfer.h"
#include "hub_listing.h"
#include "hub_settings.h"

class QNetworkAccessManager;

namespace pwb::ui {

struct HubProgress {
  qint64 bytes_done = 0;  // files found in the cache count as done
  qint64 bytes_total = 0;
  int files_done = 0;
  int files_total = 0;
  QString file;  // the one downloading
};

struct HubDownloadOutcome {
  enum class Status { Finished, Cancelled, Failed };
  Status status = Status::Failed;
  QString snapshot_dir;  // snapshots/{commit}: the model folder, when finished
  QString message;       // what went wrong, or a summary
  int files_downloaded = 0;
  int files_reused = 0;  // already in the cache
  qint64 bytes_downloaded = 0;
};

class HubDownloadTask : public QObject {
  Q_OBJECT
 public:
  HubDownloadTask(HubSettings settings, HubListing listing, QList<HubFile> files, QObject* parent = nullptr);

  // From any thread; finished(Cancelled) follows.
  void cancel();

 public Q_SLOTS:
  // Starts; connect it to the worker thread's started() signal.
  void run();

 Q_SIGNALS:
  // A few times a second at most, and at every file's end.
  void progressed(const pwb::ui::HubProgress& progress);
  void finished(const pwb::ui::HubDownloadOutcome& outcome);

 private:
  bool reuseCached(const HubFile& file);
  bool enoughSpace();
  void next();
  void startTransfer();
  void onTransferFinished(HubFileTransfer::Result result);
  QString placeDownloadedBlob(const HubFile& file);
  void report(bool now);
  void finish(HubDownloadOutcome::Status status, const QString& message);

  HubSettings settings_;
  HubListing listing_;
  QList<HubFile> files_;
  HubRepoCache cache_;
  QNetworkAccessManager* network_ = nullptr;
  QList<HubFile> pending_;
  HubFileTransfer* transfer_ = nullptr;
  int attempt_ = 0;
  HubProgress progress_;
  qint64 bytes_before_file_ = 0;  // progress_.bytes_done when the current file started
  HubDownloadOutcome outcome_;
  QElapsedTimer since_report_;
  bool report_pending_ = false;
  std::atomic<bool> cancelled_{false};
  bool finished_ = false;
};

}  // namespace pwb::ui

Q_DECLARE_METATYPE(pwb::ui::HubProgress)
Q_DECLARE_METATYPE(pwb::ui::HubDownloadOutcome)
