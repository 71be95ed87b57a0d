#pragma once
// What a failed request to the Hub means to the user: what failed, why, and what to do — an
// unknown model, a gated or private one (set HF_TOKEN), a Hub that is down, no connection.

#include <QNetworkReply>
#include <QString>

namespace pwb::ui {

struct HubRequestFailure {
  int http_status = 0;  // 0: no HTTP answer at all
  QByteArray hub_error_code;  // the Hub's X-Error-Code: RepoNotFound, RevisionNotFound, GatedRepo, ...
  QNetworkReply::NetworkError network_error = QNetworkReply::NoError;
  QString network_text;
  bool token_sent = false;

  static HubRequestFailure of(const QNetworkReply& reply);
};

// `what` names what was asked for: "the file list of gpt2 at main", "model.safetensors of gpt2".
QString describeHubFailure(const HubRequestFailure& failure, const QString& repo_id, const QString& revision,
                           const QString& what);

}  // namespace pwb::ui
