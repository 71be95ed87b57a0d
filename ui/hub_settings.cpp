#include "hub_settings.h"

#include <QDir>
#include <QFile>

namespace pwb::ui {
namespace {

QString expandHome(const QString& path) {
  if (path == QStringLiteral("~")) return QDir::homePath();
  if (path.startsWith(QStringLiteral("~/"))) return QDir::homePath() + path.mid(1);
  return path;
}

// huggingface_hub's order: HF_HOME, else $XDG_CACHE_HOME/huggingface, else ~/.cache/huggingface.
QString hfHome() {
  if (const auto home = qEnvironmentVariable("HF_HOME"); !home.isEmpty()) return expandHome(home);
  auto cache = qEnvironmentVariable("XDG_CACHE_HOME");
  if (cache.isEmpty()) cache = QDir::homePath() + QStringLiteral("/.cache");
  return expandHome(cache) + QStringLiteral("/huggingface");
}

QByteArray storedToken(const QString& home) {
  auto path = qEnvironmentVariable("HF_TOKEN_PATH");
  if (path.isEmpty()) path = home + QStringLiteral("/token");
  QFile file(expandHome(path));
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll().trimmed();
}

}  // namespace

HubSettings HubSettings::fromEnvironment() {
  HubSettings settings;
  auto endpoint = qEnvironmentVariable("HF_ENDPOINT", QStringLiteral("https://huggingface.co"));
  while (endpoint.endsWith(QLatin1Char('/'))) endpoint.chop(1);
  settings.endpoint = QUrl(endpoint);
  const auto home = hfHome();
  settings.token = qgetenv("HF_TOKEN").trimmed();
  if (settings.token.isEmpty()) settings.token = storedToken(home);
  // HUGGINGFACE_HUB_CACHE is the older name huggingface_hub still honours.
  auto cache = qEnvironmentVariable("HF_HUB_CACHE", qEnvironmentVariable("HUGGINGFACE_HUB_CACHE"));
  settings.cache_dir = cache.isEmpty() ? home + QStringLiteral("/hub") : expandHome(cache);
  return settings;
}

}  // namespace pwb::ui
