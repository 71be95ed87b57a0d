#include "hub_file_transfer.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

#include "hub_requests.h"

namespace pwb::ui {
namespace {

constexpr int kMaxRedirects = 10;

// The first byte of a 206 answer, from "Content-Range: bytes 300-999/1000"; -1 if absent.
qint64 contentRangeStart(const QNetworkReply& reply) {
  static const QRegularExpression range(QStringLiteral("^bytes (\\d+)-"));
  const auto match = range.match(QString::fromLatin1(reply.rawHeader("Content-Range")));
  return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

int statusOf(const QNetworkReply& reply) { return reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(); }

}  // namespace

HubFileTransfer::HubFileTransfer(QNetworkAccessManager& network, const HubSettings& settings, const HubFile& file,
                                 const QString& incomplete_path, QObject* parent)
    : QObject(parent), network_(network), settings_(settings), file_(file), incomplete_(incomplete_path), checksum_(file) {}

HubFileTransfer::~HubFileTransfer() {
  if (reply_ != nullptr) {
    reply_->disconnect(this);
    reply_->abort();
  }
}

void HubFileTransfer::start(const QUrl& url) {
  if (!openIncomplete()) {
    end(Result::Failed);
    return;
  }
  if (written_ == file_.size) {  // an earlier attempt got every byte but stopped before checking them
    end(Result::Complete);
    return;
  }
  get(url, kMaxRedirects);
}

void HubFileTransfer::abort() {
  aborted_ = true;
  if (reply_ != nullptr) reply_->abort();  // finished() follows
}

// Opens blobs/{name}.incomplete where an earlier attempt left it and hashes what it holds.
bool HubFileTransfer::openIncomplete() {
  const auto folder = QFileInfo(incomplete_.fileName()).absolutePath();
  if (!QDir().mkpath(folder)) {
    disk_error_ = tr("Could not create the folder %1").arg(folder);
    return false;
  }
  // Unbuffered: a full disk shows at the write that fails, not at a later flush.
  if (!incomplete_.open(QIODevice::ReadWrite | QIODevice::Unbuffered)) {
    disk_error_ = tr("Could not open %1: %2").arg(incomplete_.fileName(), incomplete_.errorString());
    return false;
  }
  written_ = incomplete_.size();
  if (written_ > file_.size) {
    restartFromZero();
  } else if (written_ > 0 && !checksum_.addFile(incomplete_.fileName(), written_)) {
    disk_error_ = tr("Could not read %1 to continue it").arg(incomplete_.fileName());
    return false;
  }
  resumed_from_ = written_;
  if (written_ > 0 && !incomplete_.seek(written_)) {
    disk_error_ = tr("Could not continue %1: %2").arg(incomplete_.fileName(), incomplete_.errorString());
    return false;
  }
  return true;
}

void HubFileTransfer::get(const QUrl& url, int redirects_left) {
  auto request = hubRequest(settings_, url);
  if (written_ > 0) request.setRawHeader("Range", "bytes=" + QByteArray::number(written_) + '-');
  headers_accepted_ = false;
  auto* reply = network_.get(request);
  reply_ = reply;
  connect(reply, &QNetworkReply::readyRead, this, [this, reply] { onReadyRead(*reply); });
  connect(reply, &QNetworkReply::finished, this, [this, reply, redirects_left] { onFinished(*reply, redirects_left); });
}

// Whether the body of this answer is the file's bytes from where the .incomplete file ends.
bool HubFileTransfer::acceptHeaders(QNetworkReply& reply) {
  const int status = statusOf(reply);
  if (status == 200 && written_ > 0) restartFromZero();  // the server sent the whole file instead of the range
  if (status == 206 && contentRangeStart(reply) != written_) {
    disk_error_ = tr("The server sent %1 from byte %2 when asked for byte %3 on")
                      .arg(file_.path)
                      .arg(contentRangeStart(reply))
                      .arg(written_);
    reply.abort();
    return false;
  }
  return status == 200 || status == 206;
}

void HubFileTransfer::onReadyRead(QNetworkReply& reply) {
  if (!headers_accepted_) {
    if (!acceptHeaders(reply)) return;  // a redirect's or an error's body
    headers_accepted_ = true;
  }
  const auto bytes = reply.readAll();
  if (bytes.isEmpty()) return;
  if (incomplete_.write(bytes) != bytes.size()) {
    disk_error_ = tr("Could not write %1: %2. Is the disk full? Free some space and download again; the %3 bytes "
                     "already written are kept.")
                      .arg(incomplete_.fileName(), incomplete_.errorString())
                      .arg(written_);
    reply.abort();
    return;
  }
  checksum_.add(bytes);
  written_ += bytes.size();
  Q_EMIT received(written_);
}

void HubFileTransfer::onFinished(QNetworkReply& reply, int redirects_left) {
  reply.deleteLater();
  reply_ = nullptr;
  if (aborted_) return end(Result::Aborted);
  if (!disk_error_.isEmpty()) return end(Result::Failed);
  if (const auto next = redirectTarget(reply); next.isValid()) {
    if (redirects_left > 0) return get(next, redirects_left - 1);
    failure_ = HubRequestFailure::of(reply);
    return end(Result::Failed);
  }
  if (reply.error() == QNetworkReply::NoError) onReadyRead(reply);  // the last bytes
  failure_ = HubRequestFailure::of(reply);
  const int status = statusOf(reply);
  if (status == 416) {  // the range is past the file's end: what is on disk is not the listed file
    restartFromZero();
    return end(Result::Interrupted);
  }
  if (reply.error() != QNetworkReply::NoError) {
    // 4xx is the Hub's answer; anything else (no answer, a cut connection, 5xx) may pass.
    return end(status >= 400 && status < 500 ? Result::Failed : Result::Interrupted);
  }
  if (written_ < file_.size) {  // the server ended the answer early
    failure_.http_status = 0;
    failure_.network_text = tr("the connection ended after %1 of its %2 bytes").arg(written_).arg(file_.size);
    return end(Result::Interrupted);
  }
  if (written_ > file_.size) {
    disk_error_ = tr("The server sent %1 bytes of %2, which the Hub lists with %3").arg(written_).arg(file_.path).arg(file_.size);
    restartFromZero();
    return end(Result::Failed);
  }
  end(Result::Complete);
}

void HubFileTransfer::restartFromZero() {
  incomplete_.resize(0);
  incomplete_.seek(0);
  checksum_.reset();
  written_ = 0;
}

void HubFileTransfer::end(Result result) {
  incomplete_.close();
  Q_EMIT finished(result);
}

}  // namespace pwb::ui
