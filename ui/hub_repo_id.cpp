#include "hub_repo_id.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>
#include <algorithm>

namespace pwb::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("HubModelRef", text); }

// The Hub's rule for each part of an id: letters, digits, '-', '_' and '.', starting and ending
// with a letter, digit or '_', with no "--" or ".." (the cache uses "--" as its separator).
bool isIdPart(const QString& part) {
  static const QRegularExpression allowed(QStringLiteral("^\\w([\\w.-]*\\w)?$"), QRegularExpression::UseUnicodePropertiesOption);
  return allowed.match(part).hasMatch() && !part.contains(QStringLiteral("--")) && !part.contains(QStringLiteral(".."));
}

// "https://huggingface.co/google/flan-t5-small/tree/main" -> id and, when given, the revision.
void takeFromAddress(QString& id, QString& revision) {
  const QUrl url(id, QUrl::StrictMode);
  if (!url.isValid() || (url.scheme() != QStringLiteral("https") && url.scheme() != QStringLiteral("http"))) return;
  auto parts = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
  for (int i = 0; i < parts.size(); ++i) {
    if (parts[i] == QStringLiteral("tree") || parts[i] == QStringLiteral("blob") || parts[i] == QStringLiteral("resolve")) {
      if (revision.isEmpty() && i + 1 < parts.size()) revision = parts[i + 1];
      parts = parts.mid(0, i);
      break;
    }
  }
  id = parts.join(QLatin1Char('/'));
}

}  // namespace

bool isCommitHash(const QString& revision) {
  static const QRegularExpression hash(QStringLiteral("^[0-9a-f]{40}$"));
  return hash.match(revision).hasMatch();
}

HubModelRef parseHubModelRef(const QString& typed_id, const QString& typed_revision) {
  auto id = typed_id.trimmed();
  auto revision = typed_revision.trimmed();
  takeFromAddress(id, revision);
  if (revision.isEmpty()) revision = QStringLiteral("main");
  if (id.isEmpty()) return {{}, {}, tr("Type a model id, such as gpt2 or google/flan-t5-small.")};
  const auto parts = id.split(QLatin1Char('/'));
  if (parts.size() > 2 || id.size() > 96 || !std::all_of(parts.begin(), parts.end(), isIdPart)) {
    return {{}, {}, tr("'%1' is not a Hugging Face model id: it is 'name' or 'organisation/name', made of letters, "
                       "digits, '-', '_' and '.', such as google/flan-t5-small.")
                        .arg(id)};
  }
  if (revision.startsWith(QLatin1Char('/')) || revision.contains(QStringLiteral(".."))) {
    return {{}, {}, tr("'%1' is not a revision: give a branch, a tag or a commit hash.").arg(revision)};
  }
  return {id, revision, {}};
}

}  // namespace pwb::ui
