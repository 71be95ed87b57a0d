#include "hub_client.h"

#include <QNetworkReply>
#include <utility>

#include "hub_errors.h"
#include "hub_requests.h"

namespace pwb::ui {
namespace {

constexpr int kMaxRedirects = 10;

}  // namespace

HubClient::HubClient(HubSettings settings, QObject* parent) : QObject(parent), settings_(std::move(settings)) {}

HubClient::~HubClient() {
  if (reply_ != nullptr) reply_->abort();
}

void HubClient::listFiles(const QString& repo_id, const QString& revision) {
  if (reply_ != nullptr) {
    reply_->disconnect(this);
    reply_->abort();
  }
  repo_id_ = repo_id;
  revision_ = revision;
  get(hubModelInfoUrl(settings_, repo_id, revision), kMaxRedirects);
}

void HubClient::get(const QUrl& url, int redirects_left) {
  auto* reply = network_.get(hubRequest(settings_, url));
  reply_ = reply;
  connect(reply, &QNetworkReply::finished, this, [this, reply, redirects_left] { onFinished(reply, redirects_left); });
}

void HubClient::onFinished(QNetworkReply* reply, int redirects_left) {
  reply->deleteLater();
  reply_ = nullptr;
  // A renamed repository answers with a redirect to its new name.
  if (const auto next = redirectTarget(*reply); next.isValid() && redirects_left > 0) {
    get(next, redirects_left - 1);
    return;
  }
  const auto what = tr("the file list of %1 at %2").arg(repo_id_, revision_);
  if (reply->error() != QNetworkReply::NoError) {
    Q_EMIT failed(describeHubFailure(HubRequestFailure::of(*reply), repo_id_, revision_, what));
    return;
  }
  QString problem;
  if (auto listing = parseHubListing(reply->readAll(), repo_id_, revision_, problem)) {
    Q_EMIT listed(*listing);
  } else {
    Q_EMIT failed(problem);
  }
}

}  // namespace pwb::ui
