#pragma once
// The special token ids of a Hugging Face model folder, the way transformers settles them: the
// tokenizer's own (SentencePiece's ids, tokenizer_config.json's tokens for GPT-2 BPE), then
// config.json's, then generation_config.json's, each later file overriding an earlier one.

#include <cstdint>
#include <filesystem>
#include <optional>

#include "model/model_config.h"
#include "text/tokenizer.h"

namespace pwb::model {

struct FolderSpecialTokens {
  text::SpecialTokens ids;
  std::optional<std::int64_t> decoder_start;  // encoder-decoder models
};

// Throws std::runtime_error naming the file and key when an id is not an integer, or is not
// below `vocab_size` (the model's embedding rows).
FolderSpecialTokens readFolderSpecialTokens(const std::filesystem::path& folder, const ModelConfig& config,
                                            const text::Tokenizer& tokenizer, std::int64_t vocab_size);

}  // namespace pwb::model
