#include "hub_errors.h"

#include <QCoreApplication>
#include <QNetworkRequest>

namespace pwb::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("HubErrors", text); }

QString denied(const HubRequestFailure& failure, const QString& repo_id) {
  if (failure.hub_error_code == "GatedRepo" || failure.http_status == 403) {
    return tr("%1 is gated: accept its conditions on its page on the Hub while logged in, then set HF_TOKEN to an "
              "access token of that account and try again.")
        .arg(repo_id);
  }
  if (failure.token_sent) {
    return tr("The Hub refused the access token in HF_TOKEN for %1: check that it is valid and can read this "
              "repository.")
        .arg(repo_id);
  }
  return tr("%1 needs an access token: it is gated or private. Set HF_TOKEN to a Hugging Face access token that can "
            "read it and try again.")
      .arg(repo_id);
}

QString notFound(const HubRequestFailure& failure, const QString& repo_id, const QString& revision, const QString& what) {
  if (failure.hub_error_code == "RevisionNotFound") {
    return tr("%1 has no revision '%2': give a branch, tag or commit that exists (main is the default).")
        .arg(repo_id, revision);
  }
  if (failure.hub_error_code == "EntryNotFound") return tr("The Hub has no %1.").arg(what);
  const auto id_hint = tr("The Hugging Face Hub has no model '%1'. Check the id: it is 'name' or 'organisation/name', "
                          "such as google/flan-t5-small.")
                           .arg(repo_id);
  if (failure.token_sent) return id_hint;
  return id_hint + tr(" If the model is private, set HF_TOKEN to an access token that can read it.");
}

}  // namespace

HubRequestFailure HubRequestFailure::of(const QNetworkReply& reply) {
  HubRequestFailure failure;
  failure.http_status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  // A connection cut after a good start is a network failure, whatever status came first.
  if (failure.http_status < 400 && reply.error() != QNetworkReply::NoError) failure.http_status = 0;
  failure.hub_error_code = reply.rawHeader("X-Error-Code");
  failure.network_error = reply.error();
  failure.network_text = reply.errorString();
  failure.token_sent = reply.request().hasRawHeader("Authorization");
  return failure;
}

QString describeHubFailure(const HubRequestFailure& failure, const QString& repo_id, const QString& revision,
                           const QString& what) {
  switch (failure.http_status) {
    case 0:
      return tr("Could not download %1: %2. Check the network connection (or HF_ENDPOINT, if set); what was already "
                "downloaded is kept.")
          .arg(what, failure.network_text);
    case 401:
    case 403:
      return denied(failure, repo_id);
    case 404:
      return notFound(failure, repo_id, revision, what);
    case 429:
      return tr("The Hub asks to slow down (too many requests) while sending %1; wait a minute and try again.").arg(what);
    default:
      break;
  }
  if (failure.http_status >= 500) {
    return tr("The Hub had a problem sending %1 (HTTP %2); try again later. What was already downloaded is kept.")
        .arg(what)
        .arg(failure.http_status);
  }
  return tr("The Hub answered HTTP %1 for %2: %3").arg(failure.http_status).arg(what, failure.network_text);
}

}  // namespace pwb::ui
