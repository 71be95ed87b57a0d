#include "hub_file_selection.h"

#include <QCoreApplication>
#include <QStringList>
#include <algorithm>

namespace pwb::ui {
namespace {

// What transformers' save_pretrained and tokenizers' save write beside the weights.
const QStringList& companionFiles() {
  static const QStringList names = {
      QStringLiteral("config.json"),          QStringLiteral("generation_config.json"),
      QStringLiteral("tokenizer.json"),       QStringLiteral("tokenizer_config.json"),
      QStringLiteral("special_tokens_map.json"), QStringLiteral("added_tokens.json"),
      QStringLiteral("tokenizer.model"),      QStringLiteral("spiece.model"),
      QStringLiteral("vocab.json"),           QStringLiteral("merges.txt"),
      QStringLiteral("vocab.txt")};
  return names;
}

bool isTopLevel(const HubFile& file) { return !file.path.contains(QLatin1Char('/')); }

bool isSafetensors(const HubFile& file) {
  return isTopLevel(file) && (file.path.endsWith(QStringLiteral(".safetensors")) ||
                              file.path.endsWith(QStringLiteral(".safetensors.index.json")));
}

}  // namespace

QList<HubFile> selectModelFiles(const QList<HubFile>& files) {
  QList<HubFile> chosen;
  for (const auto& file : files) {
    if (isSafetensors(file) || (isTopLevel(file) && companionFiles().contains(file.path))) chosen << file;
  }
  return chosen;
}

QString missingWeightsProblem(const QString& repo_id, const QList<HubFile>& files) {
  if (std::any_of(files.begin(), files.end(), isSafetensors)) return {};
  QStringList others;
  for (const auto& file : files) {
    for (const auto* suffix : {".bin", ".pt", ".pth", ".h5", ".msgpack", ".onnx", ".gguf", ".ckpt"}) {
      if (file.path.endsWith(QLatin1String(suffix))) others << file.path;
    }
  }
  if (others.size() > 3) others = others.mid(0, 3) << QStringLiteral("…");
  const auto what = others.isEmpty() ? QCoreApplication::translate("HubFiles", "no weights at all")
                                     : QCoreApplication::translate("HubFiles", "only %1").arg(others.join(QStringLiteral(", ")));
  return QCoreApplication::translate("HubFiles",
                                     "%1 has no safetensors weights (%2); the workbench reads model.safetensors or its "
                                     "shards. Look for a version of the model converted to safetensors.")
      .arg(repo_id, what);
}

}  // namespace pwb::ui
