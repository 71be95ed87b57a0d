#include "adapt/soft_prompt_view.h"

#include <stdexcept>

#include "adapt/base_model.h"
#include "adapt/nearest_tokens.h"
#include "adapt/peft_adapter.h"
#include "model/model_loader.h"

namespace pwb::adapt {

bool hasModelWidthSoftPrompt(const std::string& method_name) {
  return method_name == "prompt_tuning" || method_name == "p_tuning";
}

std::vector<std::vector<TokenNeighbour>> softPromptNeighbours(const std::string& model_name_or_path,
                                                              const std::filesystem::path& adapter, std::int64_t k) {
  const auto files = readAdapter(adapter);
  const auto found = files.tensors.find("prompt_embeddings");
  if (found == files.tensors.end()) {
    throw std::runtime_error(adapter.string() + ": no prompt_embeddings (not a prompt-learning adapter: " +
                             files.config.value("peft_type", std::string("unknown type")) + ")");
  }
  const auto loaded = model::loadModel(model_name_or_path);
  auto base = BaseModel::fromLoaded(loaded);
  const auto vocabulary = base.tokenEmbeddingWeight().detach();
  const auto& prompt = found->second;
  if (prompt.dim() != 2 || prompt.size(1) != vocabulary.size(1)) {
    throw std::runtime_error(adapter.string() + ": prompt_embeddings has shape [" + std::to_string(prompt.size(0)) +
                             ", " + std::to_string(prompt.dim() > 1 ? prompt.size(1) : 0) + "] but the model's width is " +
                             std::to_string(vocabulary.size(1)));
  }
  std::vector<std::vector<TokenNeighbour>> result;
  for (const auto& row : nearestTokens(prompt, vocabulary, k)) {
    result.emplace_back();
    for (const auto& n : row) result.back().push_back({loaded.tokenizer->piece(n.id), n.id, n.cosine_similarity});
  }
  return result;
}

}  // namespace pwb::adapt
