#pragma once
// A local stand-in for the Hugging Face Hub, for tests that must not reach the internet. It
// answers the Hub's URL layout over HTTP/1.1 on this machine:
//   GET /api/models/{repo}/revision/{revision}?blobs=true   the listing: sha and siblings
//   GET /{repo}/resolve/{revision or commit}/{path}          a git file, or for an LFS file a
//                                                            302 to http://localhost:{port}/lfs/{sha256}
//   GET /lfs/{sha256}                                        an LFS file's bytes
// File answers honour "Range: bytes=N-" with 206. It misbehaves on request — asks for a token,
// cuts a file off, stalls in the middle of one, sends damaged bytes — and records every request.

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <algorithm>
#include <memory>
#include <utility>

namespace pwb::test {

class FakeHubServer {
 public:
  struct File {
    QByteArray content;
    bool lfs = false;
  };
  struct Request {
    QByteArray path;  // with the query
    QByteArray range;
    QByteArray authorization;
  };

  FakeHubServer() {
    // Any address: the LFS redirect goes to "localhost", which may resolve to ::1 first.
    if (!server_.listen(QHostAddress::Any)) qFatal("FakeHubServer: cannot listen: %s", qPrintable(server_.errorString()));
    QObject::connect(&server_, &QTcpServer::newConnection, [this] {
      while (auto* socket = server_.nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
          buffer->append(socket->readAll());
          const auto end = buffer->indexOf("\r\n\r\n");
          if (end < 0) return;
          const auto head = buffer->left(end);
          buffer->clear();
          answer(*socket, head);
        });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
      }
    });
  }

  QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server_.serverPort())); }

  void addRepo(const QString& repo, const QString& commit, const QMap<QString, File>& files) {
    repos_[repo] = {commit, files};
  }
  // Every repository then answers 401 unless asked with "Authorization: Bearer {token}".
  void requireToken(const QByteArray& token) { token_ = token; }
  // The next `times` answers with this file's bytes close the connection after `bytes` of them.
  void cutOff(const QString& path, qint64 bytes, int times = 1) { cut_off_[path] = {bytes, times}; }
  // Answers with this file's bytes send `bytes` of them and then nothing, leaving the
  // connection open.
  void stall(const QString& path, qint64 bytes) { stall_[path] = bytes; }
  void stopStalling() { stall_.clear(); }
  // Answers with this file's bytes flip one bit in the middle.
  void damage(const QString& path) { damaged_ << path; }

  const QList<Request>& requests() const { return requests_; }
  // Requests for file bytes (resolve and LFS), not listings.
  int fileRequestCount() const {
    return static_cast<int>(std::count_if(requests_.begin(), requests_.end(),
                                          [](const Request& r) { return !r.path.startsWith("/api/"); }));
  }
  void clearRequests() { requests_.clear(); }

  static QString sha256(const QByteArray& content) {
    return QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
  }
  static QString gitBlobId(const QByteArray& content) {
    return QString::fromLatin1(
        QCryptographicHash::hash("blob " + QByteArray::number(content.size()) + '\0' + content, QCryptographicHash::Sha1)
            .toHex());
  }

 private:
  struct Repo {
    QString commit;
    QMap<QString, File> files;
  };

  static void respond(QTcpSocket& socket, int status, const QByteArray& reason, const QByteArray& body,
                      const QByteArrayList& headers = {}) {
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    for (const auto& header : headers) head += header + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    socket.write(head + body);
    socket.disconnectFromHost();
  }

  static QByteArray header(const QList<QByteArray>& lines, const QByteArray& name) {
    for (const auto& line : lines) {
      const auto colon = line.indexOf(':');
      if (colon > 0 && line.left(colon).trimmed().toLower() == name) return line.mid(colon + 1).trimmed();
    }
    return {};
  }

  void answer(QTcpSocket& socket, const QByteArray& head) {
    const auto lines = head.split('\n');
    const auto request_line = lines.value(0).trimmed().split(' ');
    Request request{request_line.value(1), header(lines, "range"), header(lines, "authorization")};
    requests_ << request;
    const auto path = QUrl::fromPercentEncoding(request.path.split('?').first());
    if (path.startsWith(QStringLiteral("/lfs/"))) return sendLfs(socket, path.mid(5), request);
    if (!token_.isEmpty() && request.authorization != "Bearer " + token_) {
      return respond(socket, 401, "Unauthorized", R"({"error":"Access to this model is restricted."})");
    }
    if (path.startsWith(QStringLiteral("/api/models/"))) return sendListing(socket, path.mid(12));
    const auto resolve = path.indexOf(QStringLiteral("/resolve/"));
    if (resolve < 0) return respond(socket, 404, "Not Found", "no such route");
    const auto repo_id = path.mid(1, resolve - 1);
    const auto rest = path.mid(resolve + 9);  // {revision}/{path}
    const auto slash = rest.indexOf(QLatin1Char('/'));
    const auto repo = repos_.find(repo_id);
    if (repo == repos_.end()) return respond(socket, 404, "Not Found", "", {"X-Error-Code: RepoNotFound"});
    const auto revision = rest.left(slash);
    if (revision != QStringLiteral("main") && revision != repo->commit) {
      return respond(socket, 404, "Not Found", "", {"X-Error-Code: RevisionNotFound"});
    }
    const auto file_path = rest.mid(slash + 1);
    const auto file = repo->files.find(file_path);
    if (file == repo->files.end()) return respond(socket, 404, "Not Found", "", {"X-Error-Code: EntryNotFound"});
    const QByteArrayList hub_headers = {"X-Repo-Commit: " + repo->commit.toLatin1(),
                                        "ETag: \"" + (file->lfs ? sha256(file->content) : gitBlobId(file->content)).toLatin1() + '"'};
    if (file->lfs) {
      const auto location = QStringLiteral("http://localhost:%1/lfs/%2").arg(server_.serverPort()).arg(sha256(file->content));
      return respond(socket, 302, "Found", "",
                     hub_headers + QByteArrayList{"Location: " + location.toLatin1(),
                                                  "X-Linked-Size: " + QByteArray::number(file->content.size())});
    }
    sendBytes(socket, file_path, file->content, request.range, hub_headers);
  }

  void sendListing(QTcpSocket& socket, const QString& rest) {  // {repo}/revision/{revision}
    const auto marker = rest.indexOf(QStringLiteral("/revision/"));
    const auto repo = repos_.find(rest.left(marker));
    if (marker < 0 || repo == repos_.end()) {
      return respond(socket, 404, "Not Found", R"({"error":"Repository not found"})", {"X-Error-Code: RepoNotFound"});
    }
    const auto revision = rest.mid(marker + 10);
    if (revision != QStringLiteral("main") && revision != repo->commit) {
      return respond(socket, 404, "Not Found", R"({"error":"Invalid rev id"})", {"X-Error-Code: RevisionNotFound"});
    }
    QJsonArray siblings;
    for (auto file = repo->files.begin(); file != repo->files.end(); ++file) {
      QJsonObject sibling{{QStringLiteral("rfilename"), file.key()},
                          {QStringLiteral("size"), file->content.size()},
                          {QStringLiteral("blobId"), gitBlobId(file->lfs ? pointerOf(file->content) : file->content)}};
      if (file->lfs) {
        sibling[QStringLiteral("lfs")] = QJsonObject{{QStringLiteral("sha256"), sha256(file->content)},
                                                     {QStringLiteral("size"), file->content.size()},
                                                     {QStringLiteral("pointerSize"), pointerOf(file->content).size()}};
      }
      siblings << sibling;
    }
    const QJsonObject listing{{QStringLiteral("id"), rest.left(marker)},
                              {QStringLiteral("sha"), repo->commit},
                              {QStringLiteral("siblings"), siblings}};
    respond(socket, 200, "OK", QJsonDocument(listing).toJson(QJsonDocument::Compact), {"Content-Type: application/json"});
  }

  void sendLfs(QTcpSocket& socket, const QString& sha, const Request& request) {
    for (const auto& repo : repos_) {
      for (auto file = repo.files.begin(); file != repo.files.end(); ++file) {
        if (file->lfs && sha256(file->content) == sha) return sendBytes(socket, file.key(), file->content, request.range, {});
      }
    }
    respond(socket, 404, "Not Found", "");
  }

  void sendBytes(QTcpSocket& socket, const QString& path, QByteArray content, const QByteArray& range,
                 const QByteArrayList& headers) {
    if (damaged_.contains(path)) content[content.size() / 2] = static_cast<char>(content[content.size() / 2] ^ 0x01);
    qint64 from = 0;
    if (range.startsWith("bytes=") && range.endsWith('-')) from = range.mid(6, range.size() - 7).toLongLong();
    if (from >= content.size() && from > 0) return respond(socket, 416, "Range Not Satisfiable", "");
    const auto body = content.mid(from);
    QByteArray head = from > 0 ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + QByteArray::number(from) + '-' +
                                     QByteArray::number(content.size() - 1) + '/' + QByteArray::number(content.size()) + "\r\n"
                               : QByteArray("HTTP/1.1 200 OK\r\n");
    for (const auto& header : headers) head += header + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    if (const auto stall = stall_.find(path); stall != stall_.end()) {
      socket.write(head + body.left(*stall));  // and then nothing, connection open
      return;
    }
    if (const auto cut = cut_off_.find(path); cut != cut_off_.end()) {
      socket.write(head + body.left(cut->first));
      if (--cut->second == 0) cut_off_.erase(cut);
      socket.disconnectFromHost();
      return;
    }
    socket.write(head + body);
    socket.disconnectFromHost();
  }

  // The Git LFS pointer git stores in place of an LFS file: what its blobId is the hash of.
  static QByteArray pointerOf(const QByteArray& content) {
    return "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256(content).toLatin1() + "\nsize " +
           QByteArray::number(content.size()) + '\n';
  }

  QTcpServer server_;
  QMap<QString, Repo> repos_;
  QByteArray token_;
  QMap<QString, std::pair<qint64, int>> cut_off_;  // bytes, times left
  QMap<QString, qint64> stall_;
  QStringList damaged_;
  QList<Request> requests_;
};

}  // namespace pwb::test
