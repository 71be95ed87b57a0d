#pragma once
// A Hugging Face model folder (config.json, model.safetensors or a sharded
// model.safetensors.index.json, a tokenizer, optional tokenizer_config.json and
// generation_config.json) as a LoadedModel: GPT-2, Llama family and T5 / Flan-T5.

#include <filesystem>

#include "model/model_loader.h"

namespace pwb::model {

// Weights are converted to float32 and loaded strictly by Hugging Face name: a missing, extra or
// mis-shaped tensor is an error naming it. Tied aliases that save_pretrained leaves out (GPT-2's
// lm_head, T5's embed_tokens and tied lm_head) may be absent, or present with the shape of the
// tensor they alias. Throws std::runtime_error naming the folder or file and what is wrong.
// Skipped: weights only (no tokenizer or special tokens), e.g. for the reference fixtures
// that ship none.
enum class FolderTokenizer { Required, Skipped };
LoadedModel loadHuggingFaceFolder(const std::filesystem::path& folder,
                                  FolderTokenizer tokenizer = FolderTokenizer::Required);

// The checkpoint of a folder: model.safetensors.index.json, else model.safetensors. Throws
// naming the folder when there is none, saying safetensors is needed when only PyTorch, TF or
// Flax weights are there.
std::filesystem::path findSafetensorsCheckpoint(const std::filesystem::path& folder);

}  // namespace pwb::model
