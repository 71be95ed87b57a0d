#include "hub_listing.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>

namespace pwb::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("HubListing", text); }

bool isHex(const QString& text, int digits) {
  static const QRegularExpression hex(QStringLiteral("^[0-9a-f]+$"));
  return text.size() == digits && hex.match(text).hasMatch();
}

bool isSafeRelativePath(const QString& path) {
  if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\'))) return false;
  const auto parts = path.split(QLatin1Char('/'));
  return std::none_of(parts.begin(), parts.end(), [](const QString& part) {
    return part.isEmpty() || part == QStringLiteral(".") || part == QStringLiteral("..");
  });
}

// Thrown inside parsing only, carrying the message; parseHubListing turns it into `problem`.
struct BadField {
  QString message;
};

QString hexField(const QJsonObject& object, const char* key, int digits, const QString& where) {
  const auto value = object.value(QLatin1String(key)).toString();
  if (!isHex(value, digits)) {
    throw BadField{tr("%1.%2: expected %3 lower-case hex digits, got '%4'").arg(where, QLatin1String(key)).arg(digits).arg(value)};
  }
  return value;
}

HubFile parseSibling(const QJsonValue& value, const QString& where) {
  if (!value.isObject()) throw BadField{tr("%1: expected an object").arg(where)};
  const auto object = value.toObject();
  HubFile file;
  file.path = object.value(QStringLiteral("rfilename")).toString();
  if (!isSafeRelativePath(file.path)) {
    throw BadField{tr("%1.rfilename: '%2' is not a path inside the repository").arg(where, file.path)};
  }
  const auto size = object.value(QStringLiteral("size"));
  if (!size.isDouble() || size.toDouble() < 0) {
    throw BadField{tr("%1.size: expected the file's size in bytes (the Hub gives it when asked with blobs=true)").arg(where)};
  }
  file.size = static_cast<qint64>(size.toDouble());
  file.blob_id = hexField(object, "blobId", 40, where);
  if (const auto lfs = object.value(QStringLiteral("lfs")); lfs.isObject()) {
    file.lfs_sha256 = hexField(lfs.toObject(), "sha256", 64, where + QStringLiteral(".lfs"));
  }
  return file;
}

}  // namespace

std::optional<HubListing> parseHubListing(const QByteArray& json, const QString& repo_id, const QString& revision,
                                          QString& problem) {
  QJsonParseError error{};
  const auto document = QJsonDocument::fromJson(json, &error);
  if (error.error != QJsonParseError::NoError || !document.isObject()) {
    problem = tr("The Hub's file list of %1 is not a JSON object (%2 at byte %3)")
                  .arg(repo_id, error.errorString())
                  .arg(error.offset);
    return std::nullopt;
  }
  const auto root = document.object();
  try {
    HubListing listing{repo_id, revision, hexField(root, "sha", 40, QStringLiteral("$")), {}};
    const auto siblings = root.value(QStringLiteral("siblings"));
    if (!siblings.isArray()) throw BadField{tr("$.siblings: expected the list of files")};
    const auto array = siblings.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
      listing.files << parseSibling(array[i], QStringLiteral("$.siblings[%1]").arg(i));
    }
    return listing;
  } catch (const BadField& bad) {
    problem = tr("The Hub's file list of %1 is not as expected: %2").arg(repo_id, bad.message);
    return std::nullopt;
  }
}

}  // namespace pwb::ui
