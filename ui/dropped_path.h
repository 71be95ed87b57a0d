#pragma once
// What a path dropped on the window (or picked in "Open model folder…") is: a dataset file to
// import, or a model to open — a Hugging Face folder (or its config.json) or a llama2.c file.

#include <QString>

namespace pwb::ui {

enum class DroppedKind { Dataset, Model, Unsupported };

struct DroppedPath {
  DroppedKind kind = DroppedKind::Unsupported;
  QString path;    // what to open: the folder for a dropped config.json
  QString reason;  // why it is unsupported, for the log
};

DroppedPath classifyDroppedPath(const QString& path);

}  // namespace pwb::ui
