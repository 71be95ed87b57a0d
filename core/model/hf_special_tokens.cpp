#include "model/hf_special_tokens.h"

#include <fstream>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

namespace pwb::model {
namespace {

using nlohmann::json;

// config.json's ids, already parsed (and defaulted as transformers does) by model_config.
void applyConfig(const ModelConfig& config, FolderSpecialTokens& out) {
  std::visit(
      [&out](const auto& c) {
        using C = std::decay_t<decltype(c)>;
        if constexpr (!std::is_same_v<C, T5Config>) {
          if (c.bos_token_id) out.ids.bos = c.bos_token_id;
        } else {
          out.decoder_start = c.decoder_start_token_id;
        }
        if (!c.eos_token_ids.empty()) out.ids.eos = c.eos_token_ids.front();
        if (c.pad_token_id) out.ids.pad = c.pad_token_id;
      },
      config);
}

// An id under `key` of `object`: absent or null leaves `slot` as it is; a list (eos_token_id may
// be one) gives its first entry.
void applyId(const json& object, const std::string& key, const std::string& file, std::optional<std::int64_t>& slot) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return;
  const json& value = found->is_array() && !found->empty() ? found->front() : *found;
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0) {
    throw std::runtime_error(file + ": key '" + key + "': expected a token id (a non-negative integer), got " +
                             found->dump());
  }
  slot = value.get<std::int64_t>();
}

void applyGenerationConfig(const std::filesystem::path& path, FolderSpecialTokens& out) {
  std::ifstream in(path);
  if (!in) return;
  json object;
  try {
    object = json::parse(in);
  } catch (const json::exception& error) {
    throw std::runtime_error(path.string() + ": not valid JSON: " + error.what());
  }
  if (!object.is_object()) throw std::runtime_error(path.string() + ": expected a JSON object");
  applyId(object, "bos_token_id", path.string(), out.ids.bos);
  applyId(object, "eos_token_id", path.string(), out.ids.eos);
  applyId(object, "pad_token_id", path.string(), out.ids.pad);
  applyId(object, "decoder_start_token_id", path.string(), out.decoder_start);
}

void checkInVocabulary(const std::optional<std::int64_t>& id, const char* role, std::int64_t vocab_size,
                       const std::filesystem::path& folder) {
  if (id && *id >= vocab_size) {
    throw std::runtime_error(folder.string() + ": the " + role + " token id " + std::to_string(*id) +
                             " is not below the model's vocab_size " + std::to_string(vocab_size));
  }
}

}  // namespace

FolderSpecialTokens readFolderSpecialTokens(const std::filesystem::path& folder, const ModelConfig& config,
                                            const text::Tokenizer& tokenizer, std::int64_t vocab_size) {
  FolderSpecialTokens out;
  out.ids = tokenizer.specialTokens();
  applyConfig(config, out);
  applyGenerationConfig(folder / "generation_config.json", out);
  checkInVocabulary(out.ids.bos, "BOS", vocab_size, folder);
  checkInVocabulary(out.ids.eos, "EOS", vocab_size, folder);
  checkInVocabulary(out.ids.pad, "padding", vocab_size, folder);
  checkInVocabulary(out.ids.unk, "unknown", vocab_size, folder);
  checkInVocabulary(out.decoder_start, "decoder start", vocab_size, folder);
  return out;
}

}  // namespace pwb::model
