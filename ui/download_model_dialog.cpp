#include "download_model_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "hub_cache.h"
#include "hub_file_selection.h"
#include "status_colours.h"

namespace pwb::ui {
namespace {

enum Column { kFileColumn, kSizeColumn, kStateColumn };
constexpr int kFileIndexRole = Qt::UserRole;
constexpr int kProgressSteps = 1000;

QString bytesText(qint64 bytes) { return QLocale().formattedDataSize(bytes); }

}  // namespace

DownloadModelDialog::DownloadModelDialog(HubSettings settings, QWidget* parent)
    : QDialog(parent),
      client_(std::move(settings)),
      id_(new QLineEdit(this)),
      revision_(new QLineEdit(this)),
      list_(new QPushButton(tr("&List files"), this)),
      files_(new QTreeWidget(this)),
      summary_(new QLabel(this)),
      progress_(new QProgressBar(this)),
      status_(new QLabel(this)),
      download_(new QPushButton(tr("&Download"), this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      open_cached_(new QPushButton(tr("&Open downloaded copy"), this)) {
  setWindowTitle(tr("Download model from the Hugging Face Hub"));
  id_->setPlaceholderText(tr("gpt2, google/flan-t5-small, TinyLlama/TinyLlama-1.1B-Chat-v1.0, …"));
  revision_->setPlaceholderText(tr("main"));
  auto* id_row = new QHBoxLayout;
  id_row->addWidget(id_, 1);
  id_row->addWidget(list_);
  auto* form = new QFormLayout;
  auto* id_label = new QLabel(tr("Model &id:"), this);
  id_label->setBuddy(id_);
  form->addRow(id_label, id_row);
  form->addRow(tr("&Revision:"), revision_);

  files_->setHeaderLabels({tr("File"), tr("Size"), tr("State")});
  files_->setRootIsDecorated(false);
  files_->header()->setSectionResizeMode(kFileColumn, QHeaderView::Stretch);
  files_->header()->setSectionResizeMode(kSizeColumn, QHeaderView::ResizeToContents);
  files_->header()->setSectionResizeMode(kStateColumn, QHeaderView::ResizeToContents);
  summary_->setWordWrap(true);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  progress_->setRange(0, kProgressSteps);
  progress_->setValue(0);

  auto* buttons = new QDialogButtonBox(this);
  buttons->addButton(open_cached_, QDialogButtonBox::ActionRole);
  open_cached_->hide();
  buttons->addButton(download_, QDialogButtonBox::ActionRole);
  buttons->addButton(cancel_, QDialogButtonBox::RejectRole);
  download_->setEnabled(false);
  list_->setDefault(true);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(files_, 1);
  layout->addWidget(summary_);
  layout->addWidget(progress_);
  layout->addWidget(status_);
  layout->addWidget(buttons);
  setStatus(tr("Files go to the Hugging Face cache in %1, shared with Python's huggingface_hub.")
                .arg(client_.settings().cache_dir));

  connect(list_, &QPushButton::clicked, this, &DownloadModelDialog::listFiles);
  connect(id_, &QLineEdit::returnPressed, this, &DownloadModelDialog::listFiles);
  connect(revision_, &QLineEdit::returnPressed, this, &DownloadModelDialog::listFiles);
  connect(download_, &QPushButton::clicked, this, &DownloadModelDialog::startDownload);
  connect(cancel_, &QPushButton::clicked, this, &DownloadModelDialog::reject);
  connect(open_cached_, &QPushButton::clicked, this, [this] {
    Q_EMIT modelDownloaded(cached_snapshot_);
    accept();
  });
  connect(files_, &QTreeWidget::itemChanged, this, &DownloadModelDialog::updateSummary);
  connect(&client_, &HubClient::listed, this, &DownloadModelDialog::onListed);
  connect(&client_, &HubClient::failed, this, &DownloadModelDialog::onListingFailed);
}

DownloadModelDialog::~DownloadModelDialog() {
  if (task_ != nullptr) task_->cancel();
  if (worker_ != nullptr) {
    worker_->quit();  // the task, cancelled, is deleted with the thread's last events
    worker_->wait();
  }
}

void DownloadModelDialog::setModelId(const QString& id, const QString& revision) {
  id_->setText(id);
  revision_->setText(revision);
}

QString DownloadModelDialog::statusText() const { return status_->text(); }

void DownloadModelDialog::listFiles() {
  if (isDownloading()) return;
  requested_ = parseHubModelRef(id_->text(), revision_->text());
  const auto& ref = requested_;
  if (!ref.problem.isEmpty()) {
    onListingFailed(ref.problem);
    return;
  }
  open_cached_->hide();
  listing_.reset();
  files_->clear();
  summary_->clear();
  download_->setEnabled(false);
  list_->setEnabled(false);
  setStatus(tr("Asking the Hub for the files of %1 at %2…").arg(ref.repo_id, ref.revision));
  client_.listFiles(ref.repo_id, ref.revision);
}

void DownloadModelDialog::onListed(const HubListing& listing) {
  list_->setEnabled(true);
  listing_ = listing;
  const HubRepoCache cache(client_.settings().cache_dir, listing.repo_id);
  const auto chosen = selectModelFiles(listing.files);
  const QSignalBlocker blocker(files_);  // no summary per item
  for (int i = 0; i < listing.files.size(); ++i) {
    const auto& file = listing.files[i];
    const bool needed = std::any_of(chosen.begin(), chosen.end(), [&](const HubFile& c) { return c.path == file.path; });
    const bool cached = cache.hasSnapshotFile(listing.commit, file.path) || cache.hasBlob(file.blobName());
    auto* item = new QTreeWidgetItem(files_);
    item->setText(kFileColumn, file.path);
    item->setText(kSizeColumn, bytesText(file.size));
    item->setTextAlignment(kSizeColumn, Qt::AlignRight | Qt::AlignVCenter);
    item->setText(kStateColumn, cached ? tr("in the cache") : needed ? tr("to download") : tr("not needed"));
    item->setData(kFileColumn, kFileIndexRole, i);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(kFileColumn, needed ? Qt::Checked : Qt::Unchecked);
  }
  updateSummary();
  if (const auto problem = missingWeightsProblem(listing.repo_id, listing.files); !problem.isEmpty()) {
    setStatus(problem, true);
    download_->setEnabled(false);
    Q_EMIT listingFinished(false);
    return;
  }
  setStatus(tr("%1 at %2 is commit %3.").arg(listing.repo_id, listing.revision, listing.commit.left(12)));
  download_->setDefault(true);
  Q_EMIT listingFinished(true);
}

// No answer from the Hub is no reason not to use what was downloaded before, as huggingface_hub
// falls back to its cache too.
void DownloadModelDialog::onListingFailed(const QString& message) {
  list_->setEnabled(true);
  cached_snapshot_ = requested_.repo_id.isEmpty()
                         ? QString()
                         : HubRepoCache(client_.settings().cache_dir, requested_.repo_id).downloadedSnapshot(requested_.revision);
  open_cached_->setVisible(!cached_snapshot_.isEmpty());
  setStatus(cached_snapshot_.isEmpty()
                ? message
                : message + QLatin1Char(' ') +
                      tr("A copy of %1 at %2 downloaded earlier is in the cache: Open downloaded copy uses it.")
                          .arg(requested_.repo_id, requested_.revision),
            true);
  Q_EMIT listingFinished(false);
}

QList<HubFile> DownloadModelDialog::checkedFiles() const {
  QList<HubFile> checked;
  if (!listing_) return checked;
  for (int row = 0; row < files_->topLevelItemCount(); ++row) {
    const auto* item = files_->topLevelItem(row);
    if (item->checkState(kFileColumn) == Qt::Checked) checked << listing_->files[item->data(kFileColumn, kFileIndexRole).toInt()];
  }
  return checked;
}

void DownloadModelDialog::updateSummary() {
  if (!listing_) return;
  const HubRepoCache cache(client_.settings().cache_dir, listing_->repo_id);
  qint64 total = 0;
  qint64 to_download = 0;
  const auto checked = checkedFiles();
  for (const auto& file : checked) {
    total += file.size;
    if (!cache.hasSnapshotFile(listing_->commit, file.path) && !cache.hasBlob(file.blobName())) to_download += file.size;
  }
  summary_->setText(tr("%1 of %2 files chosen, %3; %4 to download into %5.")
                        .arg(checked.size())
                        .arg(listing_->files.size())
                        .arg(bytesText(total), bytesText(to_download), client_.settings().cache_dir));
  download_->setEnabled(!checked.isEmpty() && !isDownloading());
}

void DownloadModelDialog::startDownload() {
  if (isDownloading() || !listing_) return;
  const auto files = checkedFiles();
  if (files.isEmpty()) return;
  if (worker_ == nullptr) {
    worker_ = new QThread(this);
    worker_->setObjectName(QStringLiteral("hub-download"));
    worker_->start();
  }
  task_ = new HubDownloadTask(client_.settings(), *listing_, files);
  task_->moveToThread(worker_);
  connect(worker_, &QThread::finished, task_, &QObject::deleteLater);
  connect(task_, &HubDownloadTask::progressed, this, &DownloadModelDialog::onProgress);
  connect(task_, &HubDownloadTask::finished, this, &DownloadModelDialog::onDownloadFinished);
  QMetaObject::invokeMethod(task_, &HubDownloadTask::run, Qt::QueuedConnection);
  progress_->setValue(0);
  setBusy(true);
  setStatus(tr("Downloading %1…").arg(listing_->repo_id));
}

void DownloadModelDialog::setFileState(const QString& path, const QString& state) {
  const auto items = files_->findItems(path, Qt::MatchExactly, kFileColumn);
  if (!items.isEmpty()) items.first()->setText(kStateColumn, state);
}

void DownloadModelDialog::onProgress(const HubProgress& progress) {
  if (progress.file != current_file_) {  // the task takes one file after the other
    if (!current_file_.isEmpty()) setFileState(current_file_, tr("downloaded"));
    current_file_ = progress.file;
    setFileState(current_file_, tr("downloading…"));
  }
  if (progress.bytes_total > 0) {
    progress_->setValue(static_cast<int>(progress.bytes_done * kProgressSteps / progress.bytes_total));
  }
  if (progress.file.isEmpty()) {  // the cache was looked at, no file has started yet
    setStatus(tr("%1 of %2 files already in the cache.").arg(progress.files_done).arg(progress.files_total));
    return;
  }
  setStatus(tr("File %1 of %2: %3 — %4 of %5")
                .arg(std::min(progress.files_done + 1, progress.files_total))
                .arg(progress.files_total)
                .arg(progress.file, bytesText(progress.bytes_done), bytesText(progress.bytes_total)));
}

void DownloadModelDialog::onDownloadFinished(const HubDownloadOutcome& outcome) {
  task_->deleteLater();
  task_ = nullptr;
  setBusy(false);
  const bool finished = outcome.status == HubDownloadOutcome::Status::Finished;
  if (!current_file_.isEmpty()) {
    setFileState(current_file_, finished                                                  ? tr("downloaded")
                                : outcome.status == HubDownloadOutcome::Status::Cancelled ? tr("partly downloaded")
                                                                                          : tr("failed"));
    current_file_.clear();
  }
  if (finished) progress_->setValue(kProgressSteps);
  setStatus(outcome.message, outcome.status == HubDownloadOutcome::Status::Failed);
  Q_EMIT downloadFinished(outcome);
  if (finished) {
    Q_EMIT modelDownloaded(outcome.snapshot_dir);
    accept();
  }
}

// Esc, Cancel and the window's close button: a running download is cancelled first (the dialog
// stays, saying what was kept); otherwise the dialog closes.
void DownloadModelDialog::reject() {
  if (!isDownloading()) return QDialog::reject();
  task_->cancel();
  setStatus(tr("Cancelling…"));
}

void DownloadModelDialog::setStatus(const QString& text, bool error) {
  status_->setText(text);
  auto palette = this->palette();
  if (error) palette.setColor(QPalette::WindowText, errorColour(palette));
  status_->setPalette(palette);
}

void DownloadModelDialog::setBusy(bool busy) {
  id_->setEnabled(!busy);
  revision_->setEnabled(!busy);
  list_->setEnabled(!busy);
  // The list stays readable while busy; only its check boxes are locked.
  const QSignalBlocker blocker(files_);
  for (int row = 0; row < files_->topLevelItemCount(); ++row) {
    auto* item = files_->topLevelItem(row);
    item->setFlags(busy ? item->flags() & ~Qt::ItemIsUserCheckable : item->flags() | Qt::ItemIsUserCheckable);
  }
  download_->setEnabled(!busy && !checkedFiles().isEmpty());
  cancel_->setText(busy ? tr("Cancel download") : tr("Cancel"));
}

}  // namespace pwb::ui
