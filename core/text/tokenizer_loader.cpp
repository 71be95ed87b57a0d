#include "text/tokenizer_loader.h"

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "text/gpt2_bpe_tokenizer.h"
#include "text/sentencepiece_tokenizer.h"

namespace pwb::text {

std::unique_ptr<Tokenizer> loadTokenizerFromFolder(const std::filesystem::path& folder) {
  for (const char* name : {"tokenizer.model", "spiece.model"}) {
    if (std::filesystem::is_regular_file(folder / name)) return SentencePieceTokenizer::load(folder / name);
  }
  if (std::filesystem::is_regular_file(folder / "tokenizer.json") ||
      std::filesystem::is_regular_file(folder / "vocab.json")) {
    return Gpt2BpeTokenizer::load(folder);
  }
  throw std::runtime_error(folder.string() +
                           ": no tokenizer found (looked for tokenizer.model, spiece.model, tokenizer.json, "
                           "vocab.json + merges.txt)");
}

bool addsBosToken(const std::filesystem::path& folder, bool fallback) {
  std::ifstream in(folder / "tokenizer_config.json");
  if (!in) return fallback;
  try {
    const auto config = nlohmann::json::parse(in);
    const auto found = config.find("add_bos_token");
    return found != config.end() && found->is_boolean() ? found->get<bool>() : fallback;
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error((folder / "tokenizer_config.json").string() + ": not valid JSON: " + error.what());
  }
}

}  // namespace pwb::text
