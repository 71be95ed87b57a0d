#include "dropped_path.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace pwb::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("DroppedPath", text); }

}  // namespace

DroppedPath classifyDroppedPath(const QString& path) {
  const QFileInfo info(path);
  if (!info.exists()) return {DroppedKind::Unsupported, path, tr("%1 does not exist").arg(path)};
  if (info.isDir()) {
    if (QFileInfo::exists(QDir(path).filePath(QStringLiteral("config.json")))) return {DroppedKind::Model, path, {}};
    return {DroppedKind::Unsupported, path,
            tr("%1 is a folder without config.json: not a Hugging Face model folder").arg(path)};
  }
  if (info.fileName() == QLatin1String("config.json")) return {DroppedKind::Model, info.absolutePath(), {}};
  // The extensions core/data/import.cpp reads by name.
  const auto suffix = info.suffix().toLower();
  for (const char* dataset : {"csv", "tsv", "tab", "jsonl", "ndjson"}) {
    if (suffix == QLatin1String(dataset)) return {DroppedKind::Dataset, path, {}};
  }
  if (suffix == QLatin1String("bin")) return {DroppedKind::Model, path, {}};
  return {DroppedKind::Unsupported, path,
          tr("%1: neither a dataset (.csv, .tsv, .jsonl) nor a model (a Hugging Face folder or a llama2.c .bin)")
              .arg(path)};
}

}  // namespace pwb::ui
