#pragma once
// The Hub's URLs and how requests to them are made: the token goes to the Hub's own host only
// (never to the storage a file download is redirected to), bodies come unencoded so that sizes
// and byte ranges mean the file's bytes, and redirects are followed by the caller.

#include <QNetworkRequest>
#include <QString>
#include <QUrl>

#include "hub_settings.h"

class QNetworkReply;

namespace pwb::ui {

// {endpoint}/api/models/{repo_id}/revision/{revision}?blobs=true: sha, siblings with sizes.
QUrl hubModelInfoUrl(const HubSettings& settings, const QString& repo_id, const QString& revision);
// {endpoint}/{repo_id}/resolve/{revision}/{path}
QUrl hubFileUrl(const HubSettings& settings, const QString& repo_id, const QString& revision, const QString& path);

QNetworkRequest hubRequest(const HubSettings& settings, const QUrl& url);

// Where a 3xx reply sends the client (its Location, resolved against the request), or empty.
QUrl redirectTarget(const QNetworkReply& reply);

}  // namespace pwb::ui
