#include "hub_download_task.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QStorageInfo>
#include <QTimer>
#include <algorithm>
#include <utility>

#include "hub_errors.h"
#include "hub_requests.h"

namespace pwb::ui {
namespace {

constexpr int kAttemptsPerFile = 3;  // a cut connection is resumed twice before giving up
constexpr int kRetryDelayMs = 500;   // times the attempt number
constexpr int kReportEveryMs = 150;

QString bytesText(qint64 bytes) { return QLocale().formattedDataSize(bytes); }

}  // namespace

HubDownloadTask::HubDownloadTask(HubSettings settings, HubListing listing, QList<HubFile> files, QObject* parent)
    : QObject(parent),
      settings_(std::move(settings)),
      listing_(std::move(listing)),
      files_(std::move(files)),
      cache_(settings_.cache_dir, listing_.repo_id) {}

void HubDownloadTask::cancel() {
  cancelled_ = true;
  QMetaObject::invokeMethod(
      this, [this] {
        if (transfer_ != nullptr && !finished_) transfer_->abort();
      },
      Qt::QueuedConnection);
}

void HubDownloadTask::run() {
  network_ = new QNetworkAccessManager(this);
  since_report_.start();
  progress_.files_total = static_cast<int>(files_.size());
  for (const auto& file : files_) {
    progress_.bytes_total += file.size;
    if (reuseCached(file)) {
      ++progress_.files_done;
      progress_.bytes_done += file.size;
      ++outcome_.files_reused;
    } else if (finished_) {
      return;
    } else {
      pending_ << file;
    }
  }
  if (!enoughSpace()) return;
  report(true);
  next();
}

// The snapshot has the file, or another snapshot's blob has its content: no request.
bool HubDownloadTask::reuseCached(const HubFile& file) {
  if (cache_.hasSnapshotFile(listing_.commit, file.path)) return true;
  if (!cache_.hasBlob(file.blobName())) return false;
  if (const auto error = cache_.link(listing_.commit, file.path, file.blobName()); !error.isEmpty()) {
    finish(HubDownloadOutcome::Status::Failed, error);
    return false;
  }
  return true;
}

bool HubDownloadTask::enoughSpace() {
  if (!QDir().mkpath(cache_.folder())) {
    finish(HubDownloadOutcome::Status::Failed,
           tr("Could not create the cache folder %1: set HF_HUB_CACHE to a folder you can write to.").arg(cache_.folder()));
    return false;
  }
  qint64 needed = 0;
  for (const auto& file : pending_) {
    needed += std::max<qint64>(0, file.size - QFileInfo(cache_.incompletePath(file.blobName())).size());
  }
  const QStorageInfo storage(cache_.folder());
  if (storage.isValid() && storage.bytesAvailable() >= 0 && storage.bytesAvailable() < needed) {
    finish(HubDownloadOutcome::Status::Failed,
           tr("%1 needs %2 more, but only %3 are free on %4: free some space or set HF_HUB_CACHE to a larger disk.")
               .arg(listing_.repo_id, bytesText(needed), bytesText(storage.bytesAvailable()), storage.rootPath()));
    return false;
  }
  return true;
}

void HubDownloadTask::next() {
  if (cancelled_) return finish(HubDownloadOutcome::Status::Cancelled, tr("Cancelled; the files already downloaded are kept."));
  if (pending_.isEmpty()) {
    if (const auto error = cache_.writeRef(listing_.revision, listing_.commit); !error.isEmpty()) {
      return finish(HubDownloadOutcome::Status::Failed, error);
    }
    return finish(HubDownloadOutcome::Status::Finished,
                  tr("%1 at %2: downloaded %3 files (%4), %5 already in the cache — %6")
                      .arg(listing_.repo_id, listing_.revision)
                      .arg(outcome_.files_downloaded)
                      .arg(bytesText(outcome_.bytes_downloaded))
                      .arg(outcome_.files_reused)
                      .arg(cache_.snapshotDir(listing_.commit)));
  }
  attempt_ = 0;
  bytes_before_file_ = progress_.bytes_done;
  startTransfer();
}

void HubDownloadTask::startTransfer() {
  if (cancelled_) return next();
  ++attempt_;
  const auto& file = pending_.first();
  progress_.file = file.path;
  if (attempt_ == 1) report(true);  // the file's name, however fast its bytes come
  if (transfer_ != nullptr) transfer_->deleteLater();
  transfer_ = new HubFileTransfer(*network_, settings_, file, cache_.incompletePath(file.blobName()), this);
  connect(transfer_, &HubFileTransfer::received, this, [this](qint64 bytes) {
    progress_.bytes_done = bytes_before_file_ + bytes;
    report(false);
  });
  connect(transfer_, &HubFileTransfer::finished, this, &HubDownloadTask::onTransferFinished);
  // By commit, not by branch: every file comes from the commit the listing resolved.
  transfer_->start(hubFileUrl(settings_, listing_.repo_id, listing_.commit, file.path));
}

void HubDownloadTask::onTransferFinished(HubFileTransfer::Result result) {
  const auto file = pending_.first();
  const auto what = tr("%1 of %2").arg(file.path, listing_.repo_id);
  switch (result) {
    case HubFileTransfer::Result::Aborted:
      return finish(HubDownloadOutcome::Status::Cancelled,
                    tr("Cancelled; the %1 of %2 already downloaded are kept and the next download continues from there.")
                        .arg(bytesText(transfer_->bytesOnDisk()), file.path));
    case HubFileTransfer::Result::Interrupted:
      if (attempt_ < kAttemptsPerFile && !cancelled_) {
        QTimer::singleShot(kRetryDelayMs * attempt_, this, &HubDownloadTask::startTransfer);
        return;
      }
      return finish(HubDownloadOutcome::Status::Failed,
                    describeHubFailure(transfer_->failure(), listing_.repo_id, listing_.revision, what));
    case HubFileTransfer::Result::Failed:
      return finish(HubDownloadOutcome::Status::Failed,
                    !transfer_->diskError().isEmpty()
                        ? transfer_->diskError()
                        : describeHubFailure(transfer_->failure(), listing_.repo_id, listing_.revision, what));
    case HubFileTransfer::Result::Complete:
      break;
  }
  const auto& checksum = transfer_->checksum();
  if (checksum.actual() != checksum.expected()) {
    QFile::remove(cache_.incompletePath(file.blobName()));
    return finish(HubDownloadOutcome::Status::Failed,
                  tr("%1 arrived damaged: its %2 is %3, the Hub lists %4. The download was deleted; download again.")
                      .arg(what, checksum.kind(), checksum.actual(), checksum.expected()));
  }
  if (const auto error = placeDownloadedBlob(file); !error.isEmpty()) return finish(HubDownloadOutcome::Status::Failed, error);
  ++outcome_.files_downloaded;
  outcome_.bytes_downloaded += transfer_->bytesOnDisk() - transfer_->resumedFrom();
  ++progress_.files_done;
  progress_.bytes_done = bytes_before_file_ + file.size;
  report(true);
  pending_.removeFirst();
  next();
}

// blobs/{name}.incomplete → blobs/{name}, and the snapshot's link to it.
QString HubDownloadTask::placeDownloadedBlob(const HubFile& file) {
  const auto incomplete = cache_.incompletePath(file.blobName());
  const auto blob = cache_.blobPath(file.blobName());
  if (QFileInfo::exists(blob)) {
    QFile::remove(incomplete);  // another download finished the same content first
  } else if (!QFile::rename(incomplete, blob)) {
    return tr("Could not rename %1 to %2").arg(incomplete, blob);
  }
  return cache_.link(listing_.commit, file.path, file.blobName());
}

void HubDownloadTask::report(bool now) {
  if (!now && since_report_.elapsed() < kReportEveryMs) {
    // Held back, but not lost: bytes that arrive just before a stall are still shown.
    if (!report_pending_) {
      report_pending_ = true;
      QTimer::singleShot(kReportEveryMs - since_report_.elapsed(), this, [this] {
        if (report_pending_ && !finished_) report(true);
      });
    }
    return;
  }
  report_pending_ = false;
  since_report_.restart();
  Q_EMIT progressed(progress_);
}

void HubDownloadTask::finish(HubDownloadOutcome::Status status, const QString& message) {
  if (finished_) return;
  finished_ = true;
  outcome_.status = status;
  outcome_.message = message;
  if (status == HubDownloadOutcome::Status::Finished) outcome_.snapshot_dir = cache_.snapshotDir(listing_.commit);
  Q_EMIT finished(outcome_);
}

}  // namespace pwb::ui
