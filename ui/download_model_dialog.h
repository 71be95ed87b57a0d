#pragma once
// "Download model…": type a Hugging Face Hub id (and a revision), see the repository's files
// with their sizes — the ones a model needs checked, the ones already in the cache marked — and
// download them on a worker thread into the Hugging Face cache, with a progress bar and Cancel.
// A cancelled or failed download continues where it stopped when started again. When the Hub
// cannot be asked (offline), a copy downloaded earlier can be opened from the cache.

#include <QDialog>
#include <optional>

#include "hub_client.h"
#include "hub_download_task.h"
#include "hub_listing.h"
#include "hub_repo_id.h"

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QThread;
class QTreeWidget;

namespace pwb::ui {

class DownloadModelDialog : public QDialog {
  Q_OBJECT
 public:
  explicit DownloadModelDialog(HubSettings settings, QWidget* parent = nullptr);
  ~DownloadModelDialog() override;

  void setModelId(const QString& id, const QString& revision = {});
  QTreeWidget* fileList() const { return files_; }
  QProgressBar* progressBar() const { return progress_; }
  QPushButton* downloadButton() const { return download_; }
  QPushButton* openCachedButton() const { return open_cached_; }
  QString statusText() const;
  bool isDownloading() const { return task_ != nullptr; }

 public Q_SLOTS:
  void listFiles();
  void startDownload();
  // Cancels a running download (the dialog stays), or closes the dialog.
  void reject() override;

 Q_SIGNALS:
  void listingFinished(bool ok);
  void downloadFinished(const pwb::ui::HubDownloadOutcome& outcome);
  // The snapshot folder, once every file is in it.
  void modelDownloaded(const QString& folder);

 private:
  void onListed(const HubListing& listing);
  void onListingFailed(const QString& message);
  void onProgress(const HubProgress& progress);
  void onDownloadFinished(const HubDownloadOutcome& outcome);
  void setFileState(const QString& path, const QString& state);
  QList<HubFile> checkedFiles() const;
  void updateSummary();
  void setStatus(const QString& text, bool error = false);
  void setBusy(bool busy);

  HubClient client_;
  HubModelRef requested_;  // what the last listing asked for
  std::optional<HubListing> listing_;
  QString cached_snapshot_;  // a copy of requested_ downloaded earlier, offered when the Hub fails
  QLineEdit* id_;
  QLineEdit* revision_;
  QPushButton* list_;
  QTreeWidget* files_;
  QLabel* summary_;
  QProgressBar* progress_;
  QLabel* status_;
  QPushButton* download_;
  QPushButton* cancel_;
  QPushButton* open_cached_;
  QThread* worker_ = nullptr;
  HubDownloadTask* task_ = nullptr;  // lives on worker_; deleted there when it finishes
  QString current_file_;             // the one downloading, as progress last said
};

}  // namespace pwb::ui
