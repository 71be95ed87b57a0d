#pragma once
// Which files of a Hub repository a model needs: its config, generation config, tokenizer files
// and safetensors weights (with their shard index) — not the same weights again as PyTorch
// pickles, TensorFlow, Flax, ONNX or other exports, nor files in sub-folders.

#include <QList>
#include <QString>

#include "hub_listing.h"

namespace pwb::ui {

QList<HubFile> selectModelFiles(const QList<HubFile>& files);

// Why a repository cannot give a model the workbench reads (it has no top-level safetensors
// weights), or empty.
QString missingWeightsProblem(const QString& repo_id, const QList<HubFile>& files);

}  // namespace pwb::ui
