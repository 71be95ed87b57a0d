#include "hub_requests.h"

#include <QNetworkReply>
#include <QStringList>

namespace pwb::ui {
namespace {

QByteArray encodedPath(const QString& path) {
  QByteArrayList parts;
  for (const auto& part : path.split(QLatin1Char('/'))) parts << QUrl::toPercentEncoding(part);
  return parts.join('/');
}

QUrl endpointWith(const HubSettings& settings, const QByteArray& encoded_path) {
  return QUrl::fromEncoded(settings.endpoint.toEncoded(QUrl::StripTrailingSlash) + encoded_path, QUrl::StrictMode);
}

constexpr int kStalledTransferMs = 60000;  // no byte for a minute: the connection is gone

}  // namespace

QUrl hubModelInfoUrl(const HubSettings& settings, const QString& repo_id, const QString& revision) {
  return endpointWith(settings, "/api/models/" + encodedPath(repo_id) + "/revision/" + QUrl::toPercentEncoding(revision) +
                                    "?blobs=true");
}

QUrl hubFileUrl(const HubSettings& settings, const QString& repo_id, const QString& revision, const QString& path) {
  return endpointWith(settings,
                      "/" + encodedPath(repo_id) + "/resolve/" + QUrl::toPercentEncoding(revision) + "/" + encodedPath(path));
}

QNetworkRequest hubRequest(const HubSettings& settings, const QUrl& url) {
  QNetworkRequest request(url);
  request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
  request.setTransferTimeout(kStalledTransferMs);
  request.setRawHeader("Accept-Encoding", "identity");
  request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("prompt-workbench"));
  if (!settings.token.isEmpty() && url.host() == settings.endpoint.host() && url.port() == settings.endpoint.port()) {
    request.setRawHeader("Authorization", "Bearer " + settings.token);
  }
  return request;
}

QUrl redirectTarget(const QNetworkReply& reply) {
  const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  if (status < 300 || status >= 400) return {};
  const auto location = reply.rawHeader("Location");
  if (location.isEmpty()) return {};
  return reply.url().resolved(QUrl::fromEncoded(location, QUrl::TolerantMode));
}

}  // namespace pwb::ui
