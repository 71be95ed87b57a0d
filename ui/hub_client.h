#pragma once
// Asks the Hub which files a model repository has at a revision (one request to the model
// endpoint), without blocking: the answer comes as a signal.

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include "hub_listing.h"
#include "hub_settings.h"

namespace pwb::ui {

class HubClient : public QObject {
  Q_OBJECT
 public:
  explicit HubClient(HubSettings settings, QObject* parent = nullptr);
  ~HubClient() override;

  const HubSettings& settings() const { return settings_; }
  // A listing still under way is abandoned.
  void listFiles(const QString& repo_id, const QString& revision);

 Q_SIGNALS:
  void listed(const pwb::ui::HubListing& listing);
  void failed(const QString& message);

 private:
  void get(const QUrl& url, int redirects_left);
  void onFinished(QNetworkReply* reply, int redirects_left);

  HubSettings settings_;
  QNetworkAccessManager network_;
  QPointer<QNetworkReply> reply_;
  QString repo_id_;
  QString revision_;
};

}  // namespace pwb::ui
