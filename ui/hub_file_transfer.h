#pragma once
// One file of a repository streamed into its blob's .incomplete file: it continues after the
// bytes already there with an HTTP Range request (starting over when the server ignores it),
// follows redirects to the storage the Hub sends it to, hashes every byte it writes, and stops
// at once when aborted — the .incomplete file stays for the next attempt.

#include <QFile>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include "hub_checksum.h"
#include "hub_errors.h"
#include "hub_listing.h"
#include "hub_settings.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace pwb::ui {

class HubFileTransfer : public QObject {
  Q_OBJECT
 public:
  enum class Result {
    Complete,     // the file has all its bytes (checksum() says whether they are right)
    Interrupted,  // the connection broke or the server failed: worth resuming
    Failed,       // the Hub refused (see failure()) or the disk did (see diskError())
    Aborted,
  };

  HubFileTransfer(QNetworkAccessManager& network, const HubSettings& settings, const HubFile& file,
                  const QString& incomplete_path, QObject* parent = nullptr);
  ~HubFileTransfer() override;

  void start(const QUrl& url);
  void abort();

  qint64 bytesOnDisk() const { return written_; }
  qint64 resumedFrom() const { return resumed_from_; }
  const HubChecksum& checksum() const { return checksum_; }
  const HubRequestFailure& failure() const { return failure_; }
  QString diskError() const { return disk_error_; }

 Q_SIGNALS:
  void received(qint64 bytes_on_disk);
  void finished(pwb::ui::HubFileTransfer::Result result);

 private:
  bool openIncomplete();
  void get(const QUrl& url, int redirects_left);
  bool acceptHeaders(QNetworkReply& reply);
  void onReadyRead(QNetworkReply& reply);
  void onFinished(QNetworkReply& reply, int redirects_left);
  void restartFromZero();
  void end(Result result);

  QNetworkAccessManager& network_;
  HubSettings settings_;
  HubFile file_;
  QFile incomplete_;
  HubChecksum checksum_;
  QPointer<QNetworkReply> reply_;
  qint64 written_ = 0;
  qint64 resumed_from_ = 0;
  bool headers_accepted_ = false;
  bool aborted_ = false;
  HubRequestFailure failure_;
  QString disk_error_;
};

}  // namespace pwb::ui
