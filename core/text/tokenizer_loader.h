#pragma once
// Finds and opens the tokenizer of a Hugging Face model folder: a SentencePiece model
// (tokenizer.model for Llama, spiece.model for T5) or GPT-2's byte-level BPE (tokenizer.json, or
// vocab.json + merges.txt). Torch-free header.

#include <filesystem>
#include <memory>

#include "text/tokenizer.h"

namespace pwb::text {

// Throws std::runtime_error naming the folder and the files it looked for when none is there.
std::unique_ptr<Tokenizer> loadTokenizerFromFolder(const std::filesystem::path& folder);

// Whether the folder's tokenizer_config.json asks for BOS before a prompt (add_bos_token);
// `fallback` when it does not say.
bool addsBosToken(const std::filesystem::path& folder, bool fallback);

}  // namespace pwb::text
