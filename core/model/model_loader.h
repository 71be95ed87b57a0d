#pragma once
// Opens whatever a user points at — a built-in model's name, a llama2.c checkpoint file, or a
// Hugging Face model folder — as one loaded model with its tokenizer.

#include <filesystem>
#include <memory>
#include <string>

#include "model/causal_lm.h"
#include "text/tokenizer.h"

namespace pwb::model {

struct LoadedModel {
  std::string family;       // "gpt2", "llama", "t5"
  std::string format;       // "llama2.c", "huggingface"
  std::filesystem::path source;
  std::unique_ptr<CausalLanguageModel> causal;  // decoder-only families
  std::unique_ptr<text::Tokenizer> tokenizer;
  text::SpecialTokens special_tokens;
  bool add_bos = false;  // prepend BOS to an encoded prompt (Llama's tokenizers do)
  std::int64_t context_length = 0;

  // Prompt ids by the model's own rule (BOS where the tokenizer adds it).
  std::vector<std::int64_t> encodePrompt(const std::string& text) const;
  // Context and continuation ids such that together they are the encoding of context +
  // continuation, as the model would see the whole text (a word split across the boundary is
  // given to the continuation).
  std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>> encodeContextAndContinuation(
      const std::string& context, const std::string& continuation) const;
};

// Built-in model names (resolved in the resource folder): "stories260k".
std::filesystem::path resolveModelPath(const std::string& name_or_path);

// Throws std::runtime_error naming the path and what is missing or wrong.
LoadedModel loadModel(const std::string& name_or_path);

}  // namespace pwb::model
